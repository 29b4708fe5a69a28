#!/usr/bin/env bash
# The web dashboard in real headless Chromium: a secap-syncserver on
# loopback with the demo data, two web users added with the admin command,
# and dashboard/tests/dashboard.test.mjs driving Debian's chromium through
# playwright-core. Screenshots go to the third argument; open them and look.
# Exit 77 (skipped) without chromium, unless SECAP_REQUIRE_CHROMIUM=1.
set -euo pipefail
server_bin=$1
dashboard_src=$2
shots=$3
sim_bin=$4
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ] || [ ! -d "$dashboard_src/node_modules/playwright-core" ]; then
  echo "skipped: needs $chromium and the dashboard's npm packages (scripts/deps.sh, the build)" >&2
  [ "${SECAP_REQUIRE_CHROMIUM:-0}" = 1 ] && exit 1
  exit 77
fi
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"' EXIT

"$server_bin" demo-data --data-dir "$work/server" > "$work/demo.txt"
hidden=$(sed -n 's/^  \([0-9a-f-]*\)  Besko (PL)$/\1/p' "$work/demo.txt")  # does not share its progress
[ -n "$hidden" ]
coord_password="Bydgoszcz-coordinator-$RANDOM$RANDOM"
partner_password="Partner-Hall-$RANDOM$RANDOM"
echo "$coord_password" | "$server_bin" admin web-user add --data-dir "$work/server" --municipality Bydgoszcz \
  --role coordinator --login anna.kowalska
echo "$partner_password" | "$server_bin" admin web-user add --data-dir "$work/server" --municipality "Schwäbisch Hall" \
  --role partner --login partner.hall

"$server_bin" serve --data-dir "$work/server" --grpc 127.0.0.1:0 --http 127.0.0.1:0 \
  > "$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  grep -q "HTTP on" "$work/serve.log" && break
  sleep 0.1
done
http_port=$(sed -n 's/.*HTTP on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$work/serve.log")
[ -n "$http_port" ] || { cat "$work/serve.log"; exit 1; }
grep -q "web dashboard:" "$work/serve.log" || { echo "the server found no dashboard files" >&2; cat "$work/serve.log"; exit 1; }
grpc_port=$(sed -n 's/.*gRPC on 127.0.0.1:\([0-9]*\),.*/\1/p' "$work/serve.log")
# A field phone of Bydgoszcz, for the coordinator to withdraw.
phone_name="Telefon Jana"
code=$("$server_bin" admin enroll-code --data-dir "$work/server" --municipality Bydgoszcz --role field)
"$sim_bin" --data-dir "$work/phone" --server "127.0.0.1:$grpc_port" enroll --code "$code" --name "$phone_name" > /dev/null

rm -rf "$shots"
mkdir -p "$shots"
cd "$dashboard_src"
SECAP_BASE_URL="http://127.0.0.1:$http_port" \
  SECAP_COORD_LOGIN=anna.kowalska SECAP_COORD_PASSWORD="$coord_password" \
  SECAP_PARTNER_LOGIN=partner.hall SECAP_PARTNER_PASSWORD="$partner_password" \
  SECAP_HIDDEN_ID="$hidden" SECAP_SCREENSHOTS="$shots" CHROMIUM="$chromium" SECAP_PHONE_NAME="$phone_name" \
  node --test --test-reporter=spec tests/
echo "screenshots: $shots"
