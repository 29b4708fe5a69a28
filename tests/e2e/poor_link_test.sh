#!/usr/bin/env bash
# The poor link (DESIGN.md §10, issue 15 item 4): runs e2e_poor_link_test
# (an in-process server and the app's SyncClient; see poor_link_test.cpp)
# inside a network namespace of its own, over an emulated mobile link of
# 64 kbit/s, 600 ms RTT and 2 % loss, and reports the figures.
#
# This kernel has no netem ("Specified qdisc kind is unknown"), so the link is
# built from what it has, on the one port the device talks to (the test's
# relay listens there and forwards to the server's real port):
# - bandwidth: an htb root on lo with two classes, each with a tbf of
#   64 kbit/s (burst 1600, latency 2 s, lo at MTU 1500): packets to the port
#   (device to server) and from it (server to device), so each direction has
#   its own 64 kbit/s and the relay's unshaped leg to the server is not
#   shaped a second time;
# - loss: nftables drops 2 % of the packets to and from the port, at random;
# - delay: the relay holds every chunk 300 ms each way (600 ms RTT).
#
# Usage: poor_link_test.sh <e2e_poor_link_test binary> [gtest arguments...]
# Exits 77 (skipped, with the reason) only where network namespaces cannot be
# created (not root, a container without CAP_SYS_ADMIN) or tc or nft is
# missing (scripts/deps.sh installs nftables; tc comes with iproute2).
set -euo pipefail

# The device's port inside the namespace: fresh, so free; below the
# ephemeral range, so no other connection's port can match the filters.
port=7070

if [ "${1:-}" = "--inside" ]; then
  shift
  bin=$1
  shift
  ip link set lo up
  ip link set lo mtu 1500
  tc qdisc add dev lo root handle 1: htb
  tc class add dev lo parent 1: classid 1:10 htb rate 1gbit quantum 60000
  tc class add dev lo parent 1: classid 1:20 htb rate 1gbit quantum 60000
  tc qdisc add dev lo parent 1:10 handle 10: tbf rate 64kbit burst 1600 latency 2s
  tc qdisc add dev lo parent 1:20 handle 20: tbf rate 64kbit burst 1600 latency 2s
  tc filter add dev lo parent 1: protocol ip prio 1 u32 match ip protocol 6 0xff match ip dport $port 0xffff \
    flowid 1:10
  tc filter add dev lo parent 1: protocol ip prio 2 u32 match ip protocol 6 0xff match ip sport $port 0xffff \
    flowid 1:20
  nft -f - <<EOF
table inet poor_link {
  chain input {
    type filter hook input priority 0; policy accept;
    tcp dport $port numgen random mod 100 < 2 counter drop comment "device to server"
    tcp sport $port numgen random mod 100 < 2 counter drop comment "server to device"
  }
}
EOF
  echo "poor link: no netem on this kernel, so the link is emulated in a network namespace: tc tbf 64 kbit/s" \
    "each way (lo, MTU 1500), nftables dropping 2 % of the packets each way, and the test's relay holding each" \
    "chunk 300 ms each way (600 ms RTT), on port $port"
  rc=0
  SECAP_POOR_LINK_PORT=$port "$bin" "$@" || rc=$?
  # What the link carried: if the shaped classes saw nothing, the test did
  # not run over the poor link at all.
  # "Sent <bytes> bytes <n> pkt (dropped <n>, ...)" of tbf <handle>: field 2 or 7.
  stat() {
    tc -s qdisc show dev lo |
      awk -v h="$1:" -v f="$2" '$1 == "qdisc" { on = ($3 == h) } on && $1 == "Sent" { gsub(",", "", $f); print $f; exit }'
  }
  lost=$(nft list table inet poor_link | sed -n 's/.*counter packets \([0-9]*\) .*comment "\(.*\)".*/\1 packets from \2/p' |
    paste -sd, - | sed 's/,/, /g')
  up=$(stat 10 2)
  down=$(stat 20 2)
  echo "poor link: the link carried $up B up and $down B down (IP packets); packets dropped where the 2 s queue" \
    "overflowed: $(stat 10 7) up, $(stat 20 7) down; lost to the 2 % rule: $lost"
  if [ "$rc" -eq 0 ] && { [ "${up:-0}" -eq 0 ] || [ "${down:-0}" -eq 0 ]; }; then
    echo "the shaped link carried nothing: the test did not run over it" >&2
    exit 1
  fi
  exit "$rc"
fi

bin=${1:?usage: poor_link_test.sh <e2e_poor_link_test binary> [gtest arguments...]}
shift
skip() {
  echo "skipped: $*"
  exit 77
}
command -v unshare > /dev/null || skip "unshare (util-linux) is not installed: no network namespace for the emulated link"
if ! why=$(unshare -n true 2>&1); then
  skip "network namespaces are unavailable here (unshare -n: ${why:-failed}); the test needs root or CAP_SYS_ADMIN"
fi
command -v tc > /dev/null || skip "tc (iproute2) is not installed: it shapes the emulated link's bandwidth"
command -v ip > /dev/null || skip "ip (iproute2) is not installed: it brings up the namespace's loopback"
command -v nft > /dev/null ||
  skip "nft is not installed (apt-get install nftables; scripts/deps.sh installs it): it makes the emulated link's loss"

log=$PWD/poor_link_test.log
set +e
unshare -n -- "$0" --inside "$bin" "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
echo
echo "figures (also in $log):"
grep '^poor link:' "$log" | sed 's/^poor link: /  /' || true
exit "$rc"
