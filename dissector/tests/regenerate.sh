#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Regenerates the captures in dissector/tests/data from a build (the live ones need capture
# rights, i.e. root or CAP_NET_RAW):
#     dissector/tests/regenerate.sh [BUILD_DIR]      (default build/release)
# bundled-suite-*.pcapng: the bundled suite against the embedded NSCL (export and live capture);
# mid-samples.pcapng, records*.pcapng, tls-live.pcapng + tls-keys.log: dissector_sample_captures.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../../build/release}"
data="$here/data"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$data"
"$build/app/cli/m2mbench-cli" run --no-journal --quiet --report "$tmp/report" --pcap "$tmp/pcap"
cp "$tmp/pcap/export.pcapng" "$data/bundled-suite-export.pcapng"
cp "$tmp/pcap/capture.pcapng" "$data/bundled-suite-live.pcapng"
"$build/tests/dissector/dissector_sample_captures" "$data"
chmod 644 "$data"/*
ls -l "$data"
