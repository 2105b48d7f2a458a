#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Robustness of the etsim2m plugin: ROUNDS rounds of `editcap -E 0.02` over each capture, the
# mutated files of a round joined (mergecap -a) and read by tshark -nVx with the plugin (as an
# unprivileged user when run as root, since root's Wireshark ignores WIRESHARK_PLUGIN_DIR).
# A round fails on a crash, a non-zero exit, anything on stderr, or a "Dissector bug" in the
# output; malformed-packet expert items are what mutated input is expected to produce and are
# only counted. A failure that Wireshark shows just the same with the plugin disabled
# (--disable-protocol etsim2m) is Wireshark's own: it is counted and reported apart, a few of
# its inputs kept, and does not fail the run.
#
# In exported-PDU captures (link type 252) editcap is told to spare the exported-PDU header
# (-o, the longest header of the file): Wireshark 4.0's own exported_pdu dissector asserts on a
# mutated port-type tag (packet-exported_pdu.c:170), which is not what this run is about; the
# application messages and the bench's records behind the header are mutated in full.
#
#   tests/dissector/fuzz_captures.sh [--rounds N] [--jobs N] [--plugins DIR] [--keep DIR]
#                                    [--preload=LIBS] CAPTURE|DIR...
#
# Defaults: 500 rounds, 2 jobs, plugins from build/release/wireshark-plugins, the captures of
# dissector/tests/data. Failing inputs are kept in --keep DIR (default: a temporary folder,
# printed). --preload="libasan.so libubsan.so" runs a plugin built with sanitizers (the asan
# preset) inside the uninstrumented tshark.
# Exit 0 when every run was clean, 1 when one was not, 2 on bad usage, 77 when a tool is missing.
set -euo pipefail

rounds=500
jobs=2
plugins=""
keep=""
preload=""
inputs=()
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds="$2"; shift 2 ;;
        --jobs) jobs="$2"; shift 2 ;;
        --plugins) plugins="$2"; shift 2 ;;
        --keep) keep="$2"; shift 2 ;;
        --preload=*) preload="${1#--preload=}"; shift ;;
        -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
        *) inputs+=("$1"); shift ;;
    esac
done
here="$(cd "$(dirname "$0")" && pwd)"
[ -n "$plugins" ] || plugins="$here/../../build/release/wireshark-plugins"
[ ${#inputs[@]} -gt 0 ] || inputs=("$here/../../dissector/tests/data")
if [ ! -f "$plugins/4.0/epan/etsim2m.so" ]; then
    echo "fuzz: no etsim2m plugin in $plugins (build it, or give --plugins DIR)" >&2
    exit 2
fi
for tool in tshark editcap mergecap; do
    # 77: CTest's "skipped" (SKIP_RETURN_CODE), not a failure of the plugin.
    if ! command -v "$tool" >/dev/null; then
        echo "fuzz: $tool is missing (installer/install-deps.sh)" >&2
        exit 77
    fi
done

captures=()
for i in "${inputs[@]}"; do
    if [ -d "$i" ]; then
        while IFS= read -r f; do
            captures+=("$f")
        done < <(find "$i" -maxdepth 1 -name '*.pcapng' | sort)
    else
        captures+=("$i")
    fi
done
[ ${#captures[@]} -gt 0 ] || { echo "fuzz: no captures in ${inputs[*]}" >&2; exit 2; }

work="$(mktemp -d)"
chmod 755 "$work"
explicit_keep="$keep"
[ -n "$keep" ] || keep="$work/failures"
mkdir -p "$keep" "$work/in" "$work/logs" "$work/out"
chmod 777 "$work/out"
trap 'rm -rf "$work/in" "$work/out"' EXIT
# The unprivileged tshark reads copies: the originals may be owner-only.
n=0
for c in "${captures[@]}"; do
    n=$((n + 1))
    cp "$c" "$work/in/$n-$(basename "$c")"
done
chmod 644 "$work"/in/*

run_tshark() {
    local setenv=(env HOME=/tmp WIRESHARK_PLUGIN_DIR="$plugins"
        WIRESHARK_DEBUG_WMEM_OVERRIDE=strict LD_PRELOAD="$preload"
        ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1)
    if [ "$(id -u)" -eq 0 ]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups "${setenv[@]}" tshark "$@"
    else
        "${setenv[@]}" tshark "$@"
    fi
}

# The assertion of a dissector bug, without the packet number, one per line.
bug_of() {
    grep -o 'Dissector bug, protocol [^,]*, in packet [0-9]*: [^ ]*: failed assertion "[^"]*"' \
        "$1" | sed 's/, in packet [0-9]*//' | sort -u || true
}

# Whether a tshark run went wrong: exit status $1, stderr $2, output $3.
went_wrong() {
    [ "$1" -ne 0 ] || grep -v '^Running as user' "$2" | grep -q . || grep -q 'Dissector bug' "$3"
}

# One round: every capture mutated, joined, through tshark; prints "ok <frames> <malformed>
# <error experts>", "UPSTREAM <what>" or "FAIL <what>", and keeps the input of a failure.
one() {
    local round="$1"
    local out="$work/out/round-$round.pcapng" log="$work/logs/round-$round"
    local status=0 prefs=() parts=() i=0 why
    for src in "$work"/in/*; do
        i=$((i + 1))
        editcap -E 0.02 -o "$(cat "$work/logs/$(basename "$src").offset")" \
            --seed "$((round * 7919 + i))" "$src" "$out.$i" >/dev/null 2>&1
        parts+=("$out.$i")
    done
    mergecap -a -w "$out" "${parts[@]}" >/dev/null 2>&1
    rm -f "${parts[@]}"
    chmod 644 "$out"
    # Every other round with the preferences that open the other code paths.
    if [ $((round % 2)) -eq 1 ]; then
        prefs=(-o etsim2m.show_keys:TRUE -o etsim2m.all_http:TRUE -o etsim2m.xml_tree:TRUE
            -o etsim2m.pana_avp:0)
    fi
    run_tshark -nVx "${prefs[@]}" -r "$out" >"$log.out" 2>"$log.err" || status=$?
    if ! went_wrong "$status" "$log.err" "$log.out"; then
        echo "ok $(grep -c '^Frame ' "$log.out" || true)" \
            "$(grep -c 'Malformed Packet' "$log.out" || true)" \
            "$(grep -c 'Expert Info (Error' "$log.out" || true)"
        rm -f "$out" "$log".*
        return
    fi
    why="exit=$status $(bug_of "$log.err" | tr '\n' ' ')"
    why="$why$(grep -v -e '^Running as user' -e 'Dissector bug' "$log.err" | head -c 300 |
        tr '\n' ' ')"
    # The same without the plugin? Then it is Wireshark's, not etsim2m's.
    status=0
    run_tshark -nVx --disable-protocol etsim2m -r "$out" >"$log.out2" 2>"$log.err2" || status=$?
    if ! grep -qi 'etsim2m' "$log.err" && went_wrong "$status" "$log.err2" "$log.out2"; then
        # A few examples of Wireshark's own bugs are enough to report them upstream.
        if [ "$(find "$keep" -name 'upstream-*' | wc -l)" -lt 5 ]; then
            cp "$out" "$keep/upstream-round-$round.pcapng"
        fi
        echo "UPSTREAM round-$round $why"
    else
        cp "$out" "$keep/round-$round.pcapng"
        echo "FAIL round-$round $why"
    fi
    rm -f "$out" "$log".*
}
export -f one run_tshark bug_of went_wrong
export work keep plugins preload

# The longest exported-PDU header of each capture (0 for captures of other link types).
for f in "$work"/in/*; do
    run_tshark -r "$f" -T fields -e exported_pdu.tag_len 2>/dev/null |
        awk -F, '$1 != "" { s = 0; for (i = 1; i <= NF; i++) s += $i + 4; if (s > m) m = s }
                 END { print m + 0 }' >"$work/logs/$(basename "$f").offset"
done

start=$(date +%s)
seq 1 "$rounds" | xargs -P "$jobs" -n 1 bash -c 'one "$0"' >"$work/results.txt"

count() { grep -c "^$1" "$work/results.txt" || true; }
sum() { awk -v c="$1" '$1 == "ok" { s += $c } END { print s + 0 }' "$work/results.txt"; }
failures=$(count FAIL)
upstream=$(count UPSTREAM)
echo "fuzz: $rounds rounds x ${#captures[@]} captures (one tshark run a round)" \
    "in $(($(date +%s) - start)) s"
echo "fuzz: $(sum 2) frames dissected; $(sum 3) malformed-packet items;" \
    "$(sum 4) error-level expert items"
echo "fuzz: $failures failing runs (crash, non-zero exit, stderr output or dissector bug" \
    "with etsim2m)"
if [ "$upstream" -ne 0 ]; then
    echo "fuzz: $upstream runs hit Wireshark's own bugs (the same with etsim2m disabled):"
    grep '^UPSTREAM' "$work/results.txt" | grep -o 'Dissector bug, protocol [^"]*"[^"]*"' |
        sort | uniq -c | sed 's/^/fuzz:   /'
fi
[ "$failures" -eq 0 ] || grep '^FAIL' "$work/results.txt" | head -20
if [ "$failures" -ne 0 ] || [ "$upstream" -ne 0 ]; then
    echo "fuzz: inputs kept in $keep"
fi
[ "$failures" -eq 0 ] || exit 1
# A given --keep folder holds what is worth keeping; otherwise keep the work folder only then.
if [ -n "$explicit_keep" ] || [ "$upstream" -eq 0 ]; then
    rm -rf "$work"
fi
exit 0
