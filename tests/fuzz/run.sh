#!/bin/sh
# Runs each fuzz target for SECONDS (one process each, one after another):
# first it replays the inputs that once crashed (tests/fuzz/regressions/T/),
# then fuzzes from the corpus it kept last time (build/fuzz/corpus/T) plus
# the seeds (build/fuzz/seeds/T, made by seeds.sh from datasets/ and
# tests/bad/).  A crash, a leak, a timeout (10 s) or an out-of-memory
# (2 GB) leaves its input in build/fuzz/artifacts/ and fails the run.  Each
# run's time and executions are appended to build/fuzz/history.txt, so the
# total time a target has been fuzzed can be read there.
#
#   usage: run.sh SECONDS TARGET...
seconds=${1:?usage: run.sh SECONDS TARGET...}
shift
B=build/fuzz
mkdir -p "$B/artifacts"
sh tests/fuzz/seeds.sh "$B/seeds" || exit 1
status=0
for t in "$@"; do
    bin=$B/fuzz_$t
    mkdir -p "$B/corpus/$t"
    regressions=$(ls tests/fuzz/regressions/$t/* 2>/dev/null)
    if [ -n "$regressions" ]; then
        if ! "$bin" $regressions > "$B/$t.replay.log" 2>&1; then
            echo "fuzz_$t: a regression input fails again (see $B/$t.replay.log)"
            status=1
            continue
        fi
        echo "fuzz_$t: $(echo "$regressions" | wc -l) regression inputs replayed, all pass"
    fi
    dict=""
    [ -f tests/fuzz/$t.dict ] && dict="-dict=tests/fuzz/$t.dict"
    start=$(date +%s)
    "$bin" "$B/corpus/$t" "$B/seeds/$t" $dict -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$B/artifacts/$t-" > "$B/$t.log" 2>&1
    rc=$?
    # The time it ran, not the time asked for: a crash ends it early.
    ran=$(( $(date +%s) - start ))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$B/$t.log")
    cov=$(grep -o 'cov: [0-9]*' "$B/$t.log" | tail -1)
    echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) fuzz_$t seconds=$ran execs=${execs:-0} rc=$rc" >> "$B/history.txt"
    total=$(awk -v t="fuzz_$t" '$2 == t { split($3, a, "="); s += a[2] } END { print s + 0 }' "$B/history.txt")
    if [ $rc -ne 0 ]; then
        echo "fuzz_$t: FAILED after ${execs:-?} executions; input in $B/artifacts/, log in $B/$t.log"
        grep -E 'ERROR|SUMMARY|==[0-9]+==' "$B/$t.log" | head -5
        status=1
    else
        echo "fuzz_$t: ${execs:-?} executions in ${ran}s, $cov, no crash (${total}s in total so far)"
    fi
done
exit $status
