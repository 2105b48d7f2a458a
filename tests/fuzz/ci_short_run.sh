#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The short sanitizer run of the ci build (CTest test fuzz_short_run, label fuzz).
#
# Configures the `fuzz` preset (clang, libFuzzer, AddressSanitizer + UndefinedBehaviorSanitizer)
# in a build folder of its own, builds only the fuzz targets and the bootstrap tests
# (target fuzz_all), then
#   1. runs every libFuzzer target for SECONDS from its seed corpus (ctest -L fuzz), and
#   2. runs the bootstrap tests (PANA, EAP, EAP-TLS, RADIUS, Diameter parsers; MSBF, MAS and
#      device nodes; the CFG_BOOT and CFG_DG test cases) under the same sanitizers.
# Any sanitizer report fails the test: UBSan halts on its first finding, ASan on any error or
# leak. A crashing input is kept in the fuzz build's test folder and named in the output.
#
# usage: ci_short_run.sh --source DIR --build DIR [--seconds N] [--jobs N]
set -euo pipefail

source_dir=""
build_dir=""
seconds=15
jobs=2
while [ $# -gt 0 ]; do
    case "$1" in
    --source) source_dir=$2; shift 2 ;;
    --build) build_dir=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    *) echo "ci_short_run.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
if [ -z "$source_dir" ] || [ -z "$build_dir" ]; then
    echo "usage: ci_short_run.sh --source DIR --build DIR [--seconds N] [--jobs N]" >&2
    exit 2
fi
case "$seconds" in
'' | *[!0-9]*) echo "ci_short_run.sh: --seconds must be a whole number" >&2; exit 2 ;;
esac

for tool in clang clang++ cmake ninja ctest; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "SKIPPED: the sanitizer and fuzz run needs '$tool', which is not installed" \
            "(installer/install-deps.sh installs it)" >&2
        exit 77
    fi
done

start=$(date +%s)
echo "== configure the fuzz preset in $build_dir"
mkdir -p "$build_dir"
(cd "$source_dir" && cmake --preset fuzz -B "$build_dir" -DM2MBENCH_FUZZ_SECONDS="$seconds" \
    >"$build_dir/configure.log" 2>&1) || {
    cat "$build_dir/configure.log" >&2
    echo "ci_short_run.sh: configuring the fuzz preset failed (log above)" >&2
    exit 1
}

echo "== build fuzz_all (libFuzzer targets and bootstrap tests, clang, ASan + UBSan)"
cmake --build "$build_dir" --target fuzz_all -j "$jobs"
built=$(date +%s)

export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1"
# The bootstrap tests start Qt event loops; the offscreen platform keeps any GUI code quiet.
export QT_QPA_PLATFORM=offscreen

echo "== fuzz: each target ${seconds} s"
status=0
ctest --test-dir "$build_dir" -L fuzz -j "$jobs" --output-on-failure --timeout 300 || status=1
fuzzed=$(date +%s)

echo "== bootstrap tests under ASan + UBSan"
ctest --test-dir "$build_dir" -R '^(boot_protocol_test|boot_nodes_test|boot_config_test)$' \
    -j "$jobs" --output-on-failure --timeout 900 || status=1
done_at=$(date +%s)

echo "== figures: build $((built - start)) s, fuzz $((fuzzed - built)) s," \
    "bootstrap tests $((done_at - fuzzed)) s"
for log in "$build_dir"/Testing/Temporary/LastTest*.log; do
    [ -f "$log" ] || continue
    # libFuzzer's closing line per target: runs done and the rate.
    grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | sort | uniq -c | sed 's/^/   /' || true
done
if [ "$status" -ne 0 ]; then
    echo "ci_short_run.sh: a fuzz target or a bootstrap test failed under the sanitizers" \
        "(output above; crashing inputs are in $build_dir as crash-*)" >&2
fi
exit "$status"
