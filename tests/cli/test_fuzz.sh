#!/bin/sh
# Every input that once crashed a fuzz target (tests/fuzz/regressions/T/)
# runs through that target again, built with a plain main under ASan+UBSan
# (build/asan/fuzz/replay_T, made by `make test`): a fixed crash stays
# fixed.  Each input also has a test of its own in tests/core/ that says
# what the right behaviour is; this only proves it no longer crashes.
n=0
for dir in tests/fuzz/regressions/*/; do
    [ -d "$dir" ] || continue
    t=$(basename "$dir")
    bin=build/asan/fuzz/replay_$t
    for f in "$dir"*; do
        [ -f "$f" ] || continue
        n=$((n + 1))
        if [ ! -x "$bin" ]; then
            echo "not ok $n - fuzz_$t replays $(basename "$f") ($bin missing: run make test)"
            continue
        fi
        if out=$("$bin" "$f" 2>&1); then
            echo "ok $n - fuzz_$t replays $(basename "$f") without a sanitizer report"
        else
            echo "not ok $n - fuzz_$t replays $(basename "$f")"
            printf '%s\n' "$out" | head -20 | sed 's/^/#   /'
        fi
    done
done
