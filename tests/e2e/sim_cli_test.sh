#!/usr/bin/env bash
# secap-sim and secap-syncserver from the command line, as a script would
# use them: demo data, an enrollment code, enroll, record offline, sync.
set -euo pipefail
server_bin=$1
sim_bin=$2
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

"$server_bin" demo-data --data-dir "$work/server" > "$work/demo.txt"
bydgoszcz=$(sed -n 's/^  \([0-9a-f-]*\)  Bydgoszcz (PL)$/\1/p' "$work/demo.txt")
[ -n "$bydgoszcz" ]
code=$("$server_bin" admin enroll-code --data-dir "$work/server" --municipality "Żyraków" --role field)
# Port 0: the server picks free ports and prints them.
"$server_bin" serve --data-dir "$work/server" --grpc 127.0.0.1:0 --http 127.0.0.1:0 --import-dir "$work/drop" \
  > "$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  grep -q "gRPC on" "$work/serve.log" && break
  sleep 0.1
done
grpc_port=$(sed -n 's/.*gRPC on 127.0.0.1:\([0-9]*\),.*/\1/p' "$work/serve.log")
http_port=$(sed -n 's/.*HTTP on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$work/serve.log")
[ -n "$grpc_port" ] && [ -n "$http_port" ] || { cat "$work/serve.log"; exit 1; }
curl -fsS "http://127.0.0.1:$http_port/healthz"; echo

"$sim_bin" --data-dir "$work/dev" --server "127.0.0.1:$grpc_port" enroll --code "$code" --name "sim"
"$sim_bin" --data-dir "$work/dev" record --count 25
"$sim_bin" --data-dir "$work/dev" sync | tee "$work/sync.txt"
grep -q "synced; 0 pending, 0 need attention" "$work/sync.txt"
"$sim_bin" --data-dir "$work/dev" status | tee "$work/status.txt"
grep -q "pending 0" "$work/status.txt"

# A wrong code is a clear error, not a crash.
if "$sim_bin" --data-dir "$work/dev2" --server "127.0.0.1:$grpc_port" enroll --code WRONG-CODE 2> "$work/err.txt"; then
  echo "enrolling with a wrong code succeeded" >&2
  exit 1
fi
grep -q "unknown enrollment code" "$work/err.txt"

# The coordinator's admin commands, as typed: list devices, withdraw this
# one, read the audit log. The withdrawn device is refused with a message.
"$server_bin" admin devices --data-dir "$work/server" | tee "$work/devices.txt"
device_id=$("$sim_bin" --data-dir "$work/dev" status | sed -n 's/^device \([^ ]*\) .*/\1/p')
grep -q "^$device_id  sim  \[field@" "$work/devices.txt"
"$server_bin" admin revoke --data-dir "$work/server" --device "$device_id" | grep -q "is withdrawn"
if "$sim_bin" --data-dir "$work/dev" sync 2> "$work/revoked.txt"; then
  echo "a withdrawn device could still sync" >&2
  exit 1
fi
grep -q "withdrawn by your coordinator" "$work/revoked.txt"
# A GDPR access request for the withdrawn phone: its 25 readings, the device
# (no token), its enrollment and withdrawal; the export is logged.
"$server_bin" admin export-person --data-dir "$work/server" --person "$device_id" --out "$work/person.json" \
  | tee "$work/person.txt"
grep -q "25 records and [0-9]* log entries that name $device_id" "$work/person.txt"
grep -q '"withdrawn_at": "20' "$work/person.json"
grep -q '"action": "device.revoke"' "$work/person.json"
if grep -qi "token" "$work/person.json"; then
  echo "the export names a token" >&2
  exit 1
fi
# A wall tablet for one site: list the sites, issue a kiosk code bound to
# the first, give its caretaker a PIN (typed on standard input, never an
# argument), and refuse a PIN that is not 4 to 8 digits.
"$server_bin" admin sites --data-dir "$work/server" --municipality "Żyraków" | tee "$work/sites.txt"
site_id=$(head -n 1 "$work/sites.txt" | cut -d' ' -f1)
[ -n "$site_id" ]
"$server_bin" admin enroll-code --data-dir "$work/server" --municipality "Żyraków" --role kiosk --sites "$site_id" \
  --qr | grep -q "the kiosk will show 1 site(s) only"
echo 4711 | "$server_bin" admin kiosk-pin --data-dir "$work/server" --municipality "Żyraków" --name "Jan Nowak" \
  --sites "$site_id" | tee "$work/pin.txt"
grep -q "can enter readings at the tablets of 1 site(s)" "$work/pin.txt"
if echo 12 | "$server_bin" admin kiosk-pin --data-dir "$work/server" --municipality "Żyraków" --name "Ewa" \
  --sites "$site_id" 2> "$work/pin-err.txt"; then
  echo "a two-digit PIN was accepted" >&2
  exit 1
fi
grep -q "4 to 8 digits" "$work/pin-err.txt"
"$server_bin" admin audit --data-dir "$work/server" | tee "$work/audit.txt"
grep -q "person.kiosk_pin" "$work/audit.txt"
grep -q "person.export" "$work/audit.txt"
if grep -q 4711 "$work/audit.txt"; then
  echo "the PIN is in the audit log" >&2
  exit 1
fi
grep -q "device.revoke" "$work/audit.txt"
grep -q "device.enroll" "$work/audit.txt"

# Inventories, as a coordinator types it: every town's progress, one town's
# in full, its BEI as the Covenant CSV, and that CSV imported back (nothing
# added), then one with a typo (named by line and column, nothing added).
"$server_bin" admin progress --data-dir "$work/server" | tee "$work/progress.txt"
[ "$(wc -l < "$work/progress.txt")" -eq 10 ]
grep -q "^Besko .*no MEI yet" "$work/progress.txt"
grep -q "^Bydgoszcz .*(published, locked).*on track" "$work/progress.txt"
"$server_bin" admin progress --data-dir "$work/server" --municipality "Zamość" | tee "$work/zamosc.txt"
grep -q "computed from activity data and the municipality's meters" "$work/zamosc.txt"
"$server_bin" admin export inventory --data-dir "$work/server" --municipality Sztum --year 2014 --out "$work/bei.csv"
head -n 1 "$work/bei.csv" | grep -q "municipality: Sztum; inventory: BEI 2014"
"$server_bin" admin import published-inventory --data-dir "$work/server" "$work/bei.csv" | tee "$work/import.txt"
grep -q "nothing added" "$work/import.txt"
sed 's/^Residential buildings,\([0-9]*\),/Residential buildings,1\1,/' "$work/bei.csv" > "$work/typo.csv"
if "$server_bin" admin import published-inventory --data-dir "$work/server" "$work/typo.csv" 2> "$work/typo.txt"; then
  echo "a file whose totals do not add up was imported" >&2
  exit 1
fi
grep -q "typo.csv:[0-9]*:17 (Total): .* is not the sum of the cells it totals" "$work/typo.txt"
# The utility's invoices of Bydgoszcz's street lighting, dropped into the
# import folder as its portal exports them: imported within seconds, in the
# town's figures (its shared summary counts them), and on a device.
readings_of() {
  curl -fsS "http://127.0.0.1:$http_port/api/v1/municipalities/$bydgoszcz/summary" \
    | grep -o '"reading_count":"[0-9]*"' | grep -o '[0-9]*' | awk '{ s += $1 } END { print s }'
}
code_b=$("$server_bin" admin enroll-code --data-dir "$work/server" --municipality Bydgoszcz --role coordinator)
"$sim_bin" --data-dir "$work/dev-b" --server "127.0.0.1:$grpc_port" enroll --code "$code_b" --name "coordinator" > /dev/null
on_device_before=$("$sim_bin" --data-dir "$work/dev-b" status | sed -n 's/^readings //p')
in_summary_before=$(readings_of)
cp "$work/server/demo-samples/"invoices-*.csv "$work/drop/"
for _ in $(seq 200); do
  ls "$work/drop/done/"*.report.txt > /dev/null 2>&1 && break
  sleep 0.1
done
cat "$work/drop/done/"*.report.txt | tee "$work/invoices.txt"
grep -q "2 rows of invoices: 2 added, 0 corrected, 0 unchanged (Bydgoszcz)" "$work/invoices.txt"
[ "$(readings_of)" -eq $((in_summary_before + 2)) ]
"$sim_bin" --data-dir "$work/dev-b" sync > /dev/null
[ "$("$sim_bin" --data-dir "$work/dev-b" status | sed -n 's/^readings //p')" -eq $((on_device_before + 2)) ]
echo "sim cli: ok"
