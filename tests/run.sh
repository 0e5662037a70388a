#!/bin/sh
# Runs every test program given on the command line (cmocka groups), then the
# CLI test scripts and the Lua tests (tests/cli/test_*.sh print TAP-style "ok"/"not ok"
# lines), and closes with one "N passed, N failed" line.
passed=0
failed=0
broken=""
for t in "$@"; do
    out=$("$t" 2>&1)
    rc=$?
    printf '%s\n' "$out" | grep -E '^\[  (FAILED|PASSED|  OK  )|^\[==========\]|ERROR|runtime error|Sanitizer' | grep -v '^\[       OK \]' || true
    p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
    f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
    passed=$((passed + p))
    failed=$((failed + f))
    if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
        # A crash or a sanitizer report ends the program before cmocka counts.
        printf '%s\n' "$out" | tail -30
        failed=$((failed + 1))
        broken="$broken $t"
    fi
done
for s in tests/cli/test_*.sh; do
    [ -f "$s" ] || continue
    echo "== $s"
    out=$(sh "$s" 2>&1)
    printf '%s\n' "$out" | grep -E '^(not ok|#)' || true
    p=$(printf '%s\n' "$out" | grep -c '^ok ')
    f=$(printf '%s\n' "$out" | grep -c '^not ok ')
    printf '%s: %d ok, %d not ok\n' "$s" "$p" "$f"
    passed=$((passed + p))
    failed=$((failed + f))
done
# Lua tests: each runs under the binary with the 七星关区 dataset as `ds`
# (a test that needs another dataset opens it with zb.open) and prints TAP
# lines; a script error (exit status not 0) counts as a failure too.
for s in tests/lua/test_*.lua; do
    [ -f "$s" ] || continue
    echo "== $s"
    out=$(./zhibiao run "$s" --data datasets/qixingguan 2>&1)
    rc=$?
    printf '%s\n' "$out" | grep -E '^(not ok|#)' || true
    p=$(printf '%s\n' "$out" | grep -c '^ok ')
    f=$(printf '%s\n' "$out" | grep -c '^not ok ')
    if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
        printf '%s\n' "$out" | tail -20
        f=1
    fi
    printf '%s: %d ok, %d not ok\n' "$s" "$p" "$f"
    passed=$((passed + p))
    failed=$((failed + f))
done
[ -n "$broken" ] && echo "crashed:$broken"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
