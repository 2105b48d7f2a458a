#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs every Debian 12 package that M2M Bench needs to build, test and check its GUI.
# Idempotent: apt-get install skips what is already present, so running it twice is safe.
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake ninja-build pkg-config git clang clang-format clang-tidy
    # Qt 6 and the GUI
    qt6-base-dev qt6-declarative-dev qt6-svg-dev libqcustomplot-dev
    libgl-dev libegl-dev libxkbcommon-dev
    # core libraries
    libssl-dev openssl libpcap-dev libcoap3-dev libxml2-dev libsqlite3-dev libexpected-dev
    # tests and benchmarks
    googletest libgtest-dev libgmock-dev libbenchmark-dev libxml2-utils
    # Wireshark plugin API and the peers the interop tests run against; wireshark-common has
    # editcap (the dissector's fuzz run), util-linux has setpriv (tshark run unprivileged)
    libwireshark-dev libglib2.0-dev tshark wireshark-common util-linux libcoap3-bin hostapd
    eapoltest freediameter
    # the bootstrap's interop tests (freeDiameter's message dumps) and the fuzz preset's libFuzzer
    freediameter-extensions libclang-rt-dev
    # GUI checks under a virtual display
    xvfb xauth fonts-dejavu-core
    # helpers used by the scripts
    curl ca-certificates
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages already installed"
    exit 0
fi

echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update
"${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
