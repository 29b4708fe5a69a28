#!/usr/bin/env bash
# The demo command: installs what is missing, builds, creates the demo
# dataset, starts the sync server, enrolls the app against it and starts it
# (offscreen when there is no display), then prints what runs and where to
# look. Ctrl+C stops everything. Running it again reuses the same data.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh"
"$root/scripts/build.sh"

build=${SECAP_BUILD_DIR:-$root/build}
demo=${SECAP_DEMO_DIR:-$build/demo}
server_bin="$build/syncserver/secap-syncserver"
app_bin="$build/mobile/secap-field"
sim_bin="$build/tools/sim/secap-sim"
grpc_addr=${SECAP_DEMO_GRPC:-127.0.0.1:50051}
http_addr=${SECAP_DEMO_HTTP:-127.0.0.1:8080}
mkdir -p "$demo"

# A previous demo that is still running is stopped first.
for f in "$demo"/*.pid; do
  [ -e "$f" ] || continue
  kill "$(cat "$f")" 2>/dev/null || true
  rm -f "$f"
done
sleep 0.5

echo "== demo dataset"
"$server_bin" demo-data --data-dir "$demo/server" | tee "$demo/municipalities.txt"

echo "== web dashboard users"
# A coordinator of Bydgoszcz with a password kept in $demo/web-password.txt,
# and a replication partner who signs in with a one-time link.
if ! "$server_bin" admin web-user list --data-dir "$demo/server" | grep -q "^koordynator.bydgoszcz "; then
  (umask 077; head -c 12 /dev/urandom | base64 | tr -d '/+=' > "$demo/web-password.txt")
  "$server_bin" admin web-user add --data-dir "$demo/server" --municipality Bydgoszcz --role coordinator \
    --login koordynator.bydgoszcz < "$demo/web-password.txt"
fi
if ! "$server_bin" admin web-user list --data-dir "$demo/server" | grep -q "^partner.hall "; then
  "$server_bin" admin web-user add --data-dir "$demo/server" --municipality "Schwäbisch Hall" --role partner \
    --login partner.hall --link --base-url "http://$http_addr" > /dev/null
fi
partner_link=$("$server_bin" admin web-user link --data-dir "$demo/server" --login partner.hall \
  --base-url "http://$http_addr" | tail -1)

echo "== progress towards each town's 2030 target (the shared calculation)"
"$server_bin" admin progress --data-dir "$demo/server"

echo "== sync server"
mkdir -p "$demo/import"
"$server_bin" serve --data-dir "$demo/server" --grpc "$grpc_addr" --http "$http_addr" --import-dir "$demo/import" \
  > "$demo/server.log" 2>&1 &
echo $! > "$demo/server.pid"
for _ in $(seq 100); do
  curl -fs "http://$http_addr/healthz" > /dev/null 2>&1 && break
  sleep 0.1
done
curl -fs "http://$http_addr/healthz" > /dev/null || { cat "$demo/server.log"; exit 1; }

cleanup() {
  for f in "$demo"/*.pid; do
    [ -e "$f" ] || continue
    kill "$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  done
}
trap cleanup EXIT INT TERM

echo "== utility invoices dropped into the import folder"
# Bydgoszcz's street lighting is invoiced monthly by the utility; the demo
# data holds back the last month, as its portal exports it. The server
# imports what appears in the folder (a second run finds nothing new).
before=$(ls "$demo/import/done" 2>/dev/null | grep -c 'report.txt$' || true)
cp "$demo/server/demo-samples/"invoices-*.csv "$demo/import/"
for _ in $(seq 150); do
  [ "$(ls "$demo/import/done" "$demo/import/failed" 2>/dev/null | grep -c 'report.txt$' || true)" -gt "$before" ] && break
  sleep 0.1
done
cat "$(ls -t "$demo/import/done/"*.report.txt "$demo/import/failed/"*.report.txt 2>/dev/null | head -n 1)" 2>/dev/null \
  || echo "(not imported yet: see $demo/server.log)"

municipality="Pałecznica"
mid=$(grep " $municipality " "$demo/municipalities.txt" | awk '{print $1}')

# start_app NAME SHOTS ARGS...: secap-field with ARGS against the demo server,
# data in $demo/NAME, log in $demo/NAME.log; waits until it is online with
# its municipality's name (enrolled and the first pull is in), remembers a
# first enrollment, and offscreen saves its screens in $demo/SHOTS.
start_app() {
  local name=$1 shots=$2
  shift 2
  "$app_bin" --server "$grpc_addr" --data-dir "$demo/$name" "$@" > "$demo/$name.log" 2>&1 &
  echo $! > "$demo/$name.pid"
  for _ in $(seq 600); do
    grep -q "secap-field: online ([^)]" "$demo/$name.log" && break
    sleep 0.1
  done
  if grep -q "secap-field: enrolled" "$demo/$name.log"; then touch "$demo/$name.enrolled"; fi
  grep "secap-field:" "$demo/$name.log" | tail -3
  if [ "${QT_QPA_PLATFORM:-}" = offscreen ]; then
    "$app_bin" --data-dir "$demo/$name" --screenshots "$demo/$shots" > "$demo/$shots.log" 2>&1 \
      || echo "(the screens could not be rendered: see $demo/$shots.log)"
  fi
}

echo "== the field app"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  export QT_QPA_PLATFORM=offscreen
  echo "(no display: the app runs offscreen; its screens are saved as PNG below)"
fi
enroll_args=()
if [ ! -e "$demo/app.enrolled" ]; then
  code=$("$server_bin" admin enroll-code --data-dir "$demo/server" --municipality "$municipality" --role field)
  enroll_args=(--enroll "$code")
fi
start_app app screenshots "${enroll_args[@]}"

echo "== the kiosk: a wall tablet in a Bydgoszcz school"
# The school's caretaker gets a PIN for its tablet (kept in $demo/kiosk-pin.txt),
# and the tablet is enrolled as a kiosk bound to the school: it shows the
# public board and takes the caretaker's readings.
kiosk_school="Szkoła Podstawowa nr 3"
kiosk_site=$("$server_bin" admin sites --data-dir "$demo/server" --municipality Bydgoszcz \
  | grep -F "  $kiosk_school  " | awk '{print $1}')
if [ ! -e "$demo/kiosk-pin.txt" ]; then
  (umask 077; printf '%04d\n' $((10#$(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 10000)) > "$demo/kiosk-pin.new")
  "$server_bin" admin kiosk-pin --data-dir "$demo/server" --municipality Bydgoszcz --name "Jan Nowak" \
    --sites "$kiosk_site" < "$demo/kiosk-pin.new" > /dev/null
  mv "$demo/kiosk-pin.new" "$demo/kiosk-pin.txt"
fi
kiosk_args=()
if [ ! -e "$demo/kiosk.enrolled" ]; then
  code=$("$server_bin" admin enroll-code --data-dir "$demo/server" --municipality Bydgoszcz --role kiosk \
    --sites "$kiosk_site")
  kiosk_args=(--enroll "$code")
fi
# Its board's cards and the caretaker's steps are saved as PNG offscreen.
start_app kiosk kiosk-screenshots --kiosk "${kiosk_args[@]}"

cat <<TXT

SECAP Field demo is running.
  Web dashboard:          http://$http_addr/
    sign in as            koordynator.bydgoszcz / $(cat "$demo/web-password.txt")   (coordinator, Bydgoszcz)
    or, as a partner:     $partner_link   (one use)
    public page:          http://$http_addr/public/$(grep " Bydgoszcz " "$demo/municipalities.txt" | awk '{print $1}')
  Sync server (gRPC):     $grpc_addr   (log: $demo/server.log)
  Health:                 http://$http_addr/healthz
  Report (JSON):          http://$http_addr/api/v1/municipalities/$mid/report
  Covenant CSV (actions): http://$http_addr/api/v1/municipalities/$mid/actions.csv
  All municipalities:     $demo/municipalities.txt
  A town's inventories:   $server_bin admin progress --data-dir $demo/server --municipality Bydgoszcz
  Covenant CSV (BEI):     $server_bin admin export inventory --data-dir $demo/server --municipality Bydgoszcz --year 2013
  Import folder:          $demo/import (drop invoices-…, readings-…, sites-… CSV files; reports in done/ and failed/)
  Metrics (Prometheus):   http://$http_addr/metrics
  Field app:              enrolled for $municipality, data in $demo/app (log: $demo/app.log)
TXT
if [ -d "$demo/screenshots" ]; then
  echo "  App screens (PNG):      $demo/screenshots"
fi
cat <<TXT
  Kiosk tablet:           $kiosk_school, Bydgoszcz, fullscreen (data in $demo/kiosk, log: $demo/kiosk.log)
    a caretaker's reading: tap "Jan Nowak" on the board, PIN $(cat "$demo/kiosk-pin.txt"), type the meter's digits, Save;
                          the log then says "0 to sync": the reading is on the server
    leave kiosk mode:     hold the town's name 3 s and set, then enter, an admin PIN (or Ctrl+C here)
TXT
if [ -d "$demo/kiosk-screenshots" ]; then
  echo "  Kiosk screens (PNG):    $demo/kiosk-screenshots"
fi
cat <<TXT

Enroll another device (a headless one) against this server:
  code=\$($server_bin admin enroll-code --data-dir $demo/server --municipality "Żyraków" --role field)
  $sim_bin --data-dir /tmp/my-device --server $grpc_addr enroll --code "\$code"
  $sim_bin --data-dir /tmp/my-device record --count 20
  $sim_bin --data-dir /tmp/my-device sync

Press Ctrl+C to stop the demo.
TXT
wait "$(cat "$demo/server.pid")"
