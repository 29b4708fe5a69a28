#!/usr/bin/env bash
# Installs the Debian 12 packages that SECAP Field needs to build, test and
# run. Idempotent: it calls apt-get only when something is missing.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git curl
  # the fuzz targets (libFuzzer, ASan, UBSan)
  clang libclang-rt-14-dev
  # core and server
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libboost1.81-dev libsqlite3-dev libpq-dev postgresql libsodium-dev libcli11-dev libfmt-dev libspdlog-dev
  nlohmann-json3-dev libhowardhinnant-date-dev libzxing-dev libssl-dev libpng-dev openssl prometheus-cpp-dev
  # tests and benchmarks (dbus-daemon: a private bus for the keychain test; nftables: the
  # poor link test's packet loss; iproute2: its tc and ip)
  libgtest-dev libgmock-dev libbenchmark-dev dbus-daemon nftables iproute2
  # the Qt Quick app
  qt6-base-dev qt6-declarative-dev qt6-declarative-dev-tools qt6-tools-dev qt6-l10n-tools
  qt6-qpa-plugins qt6-charts-dev qt6-multimedia-dev qt6-positioning-dev libqt6positioning6-plugins
  # the kiosk's on-screen keyboard (Qt Virtual Keyboard)
  qt6-virtualkeyboard-dev qt6-virtualkeyboard-plugin qml6-module-qtquick-virtualkeyboard
  qml6-module-qt-labs-folderlistmodel
  qtkeychain-qt6-dev
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
  qml6-module-qtquick-window qml6-module-qtquick-templates qml6-module-qtqml-workerscript
  qml6-module-qtqml-models qml6-module-qtquick-shapes qml6-module-qtquick-dialogs
  qml6-module-qttest qml6-module-qtcharts qml6-module-qtmultimedia
  fonts-dejavu-core
  # the web dashboard's browser tests (driven by playwright-core from npm)
  chromium
)
# Node.js and npm build the web dashboard. A machine may have Node.js from
# elsewhere with its own npm (Debian's npm package would conflict with it).
command -v npm > /dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#packages[@]} packages present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "deps: missing packages (${missing[*]}); run as root to install them" >&2
  exit 1
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
