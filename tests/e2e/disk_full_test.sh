#!/usr/bin/env bash
# A full disk (DESIGN.md §9), on the server and on the device, each on its
# own small tmpfs: a push to a server whose disk is full is refused whole
# with "the disk is full", the server stays healthy, and once space is freed
# the same push lands with nothing lost or doubled; a device whose disk is
# full refuses to record with the same clear words, keeps what it had, and
# records and syncs again once there is room.
# Needs root for mount; exits 77 (skipped, with the reason) where mounting
# a tmpfs is not allowed.
set -euo pipefail
server_bin=$1
sim_bin=$2
work=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  wait 2>/dev/null || true
  umount "$work/server" 2>/dev/null || true
  umount "$work/device" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/server" "$work/device"
if ! mount -t tmpfs -o size=32m tmpfs "$work/server" 2>"$work/mount.txt" ||
  ! mount -t tmpfs -o size=48m tmpfs "$work/device" 2>>"$work/mount.txt"; then
  echo "skipped: cannot mount a tmpfs here ($(head -1 "$work/mount.txt")); the test needs root" >&2
  exit 77
fi
fill() {  # fill DIR: leaves about 64 KiB free
  local free
  free=$(df -k --output=avail "$1" | tail -1)
  dd if=/dev/zero of="$1/filler" bs=1k count=$((free - 64)) status=none 2>/dev/null || true
}

"$server_bin" demo-data --data-dir "$work/server" >/dev/null
code=$("$server_bin" admin enroll-code --data-dir "$work/server" --municipality Sztum --role field)
code2=$("$server_bin" admin enroll-code --data-dir "$work/server" --municipality Sztum --role field)
"$server_bin" serve --data-dir "$work/server" --grpc 127.0.0.1:0 --http 127.0.0.1:0 >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  grep -q "gRPC on" "$work/serve.log" && break
  sleep 0.1
done
grpc=$(sed -n 's/.*gRPC on 127.0.0.1:\([0-9]*\),.*/\1/p' "$work/serve.log")
http=$(sed -n 's/.*HTTP on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$work/serve.log")
[ -n "$grpc" ] || { cat "$work/serve.log"; exit 1; }
"$sim_bin" --data-dir "$work/device/phone" --server "127.0.0.1:$grpc" enroll --code "$code" --name phone >/dev/null
"$sim_bin" --data-dir "$work/device/phone" sync >/dev/null

# The server's disk fills up: the push is refused, whole, in words.
fill "$work/server"
"$sim_bin" --data-dir "$work/device/phone" record --count 3000 >/dev/null
if "$sim_bin" --data-dir "$work/device/phone" sync 2>"$work/sync-full.txt"; then
  echo "a push to a full disk was accepted" >&2
  exit 1
fi
grep -q "the disk is full" "$work/sync-full.txt" || { cat "$work/sync-full.txt" >&2; exit 1; }
"$sim_bin" --data-dir "$work/device/phone" status | grep -q "^pending 3000$"
[ "$(curl -fsS "http://127.0.0.1:$http/healthz")" = ok ]

# Room again: the same changes land once, and a new device sees them all.
rm "$work/server/filler"
"$sim_bin" --data-dir "$work/device/phone" sync | grep -q "0 pending"
"$sim_bin" --data-dir "$work/device/phone" sync >/dev/null
phone=$("$sim_bin" --data-dir "$work/device/phone" status | sed -n 's/^readings //p')

# The device's disk fills up: recording is refused in words, nothing is lost.
fill "$work/device"
if "$sim_bin" --data-dir "$work/device/phone" record --count 5000 2>"$work/record-full.txt"; then
  echo "recording onto a full disk succeeded" >&2
  exit 1
fi
grep -q "the disk is full" "$work/record-full.txt" || { cat "$work/record-full.txt" >&2; exit 1; }
rm "$work/device/filler"
# Readings are recorded one by one: those written before the disk filled up
# are kept whole, each with its outbox row (readings = before + pending);
# the one that hit the full disk left nothing behind.
after=$("$sim_bin" --data-dir "$work/device/phone" status)
kept=$(sed -n 's/^readings //p' <<<"$after")
pending=$(sed -n 's/^pending //p' <<<"$after")
[ "$kept" -ge "$phone" ] && [ "$kept" -lt $((phone + 5000)) ] && [ $((kept - phone)) = "$pending" ] \
  || { echo "the device lost or half-kept readings on a full disk: before $phone, after:" >&2; echo "$after" >&2; exit 1; }
"$sim_bin" --data-dir "$work/device/phone" record --count 10 >/dev/null
"$sim_bin" --data-dir "$work/device/phone" sync | grep -q "0 pending"

"$sim_bin" --data-dir "$work/fresh" --server "127.0.0.1:$grpc" enroll --code "$code2" --name fresh >/dev/null
"$sim_bin" --data-dir "$work/fresh" sync >/dev/null
"$sim_bin" --data-dir "$work/device/phone" sync >/dev/null
a=$("$sim_bin" --data-dir "$work/device/phone" status | sed -n 's/^readings //p')
b=$("$sim_bin" --data-dir "$work/fresh" status | sed -n 's/^readings //p')
[ "$a" = "$b" ] && [ "$a" = $((kept + 10)) ] \
  || { echo "the phone holds $a readings, a fresh device $b, expected $((kept + 10))" >&2; exit 1; }
echo "disk full: ok (server refused a push with 'the disk is full' and took it after; the device refused to record and kept its $kept readings whole; $a readings on both devices)"
