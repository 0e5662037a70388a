#!/bin/sh
# make memcheck: the binary under valgrind, on what a bureau runs and on
# every bad input, with zero errors and zero definite or indirect leaks
# allowed.  Each valgrind run writes its report to a log of its own
# (quiet: nothing unless there is a problem); any non-empty log fails.
#
#   1. the demo and the commands: validate the datasets (text and JSON),
#      plan_table, progress (also written with -o, the atomic-output path),
#      consistency, project with scenarios, rollup, help, a failing script
#   2. every Lua test, tests/lua/test_*.lua, as tests/run.sh runs them
#   3. every case of the bad-input corpus, tests/bad/*/ (the error paths)
#   4. every CLI test script, with ZB set to a wrapper that runs the binary
#      under valgrind (the REPL,
#      reports, import, sandbox, rollup, ... through all their paths), except
#      those that cap the address space or send signals (test_bad.sh,
#      test_limits.sh, test_signals.sh) or do not run the binary
#      (test_fuzz.sh).  Only valgrind's reports count here; the scripts'
#      own checks are shown for information.
# Prints "ok N - ..." lines and "memcheck: N runs, N with errors".
ZB_BIN=${ZB_BIN:-./zhibiao}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
LOGS=$TMP/logs
mkdir -p "$LOGS"
VG="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --track-origins=yes --log-file=$LOGS/vg.%p.log"
n=0
bad=0

# vg NAME CMD...: one run; its valgrind logs decide.
vg() {
    name=$1
    shift
    rm -f "$LOGS"/vg.*.log
    "$@" < /dev/null > "$TMP/out" 2>&1
    report=$(cat "$LOGS"/vg.*.log 2>/dev/null)
    n=$((n + 1))
    if [ -n "$report" ]; then
        bad=$((bad + 1))
        echo "not ok $n - valgrind: $name"
        printf '%s\n' "$report" | head -40 | sed 's/^/#   /'
    else
        echo "ok $n - valgrind: $name"
    fi
}

# 1. demo and commands
vg "validate datasets/qixingguan" $VG $ZB_BIN validate datasets/qixingguan
vg "validate datasets/guizhou --format json" $VG $ZB_BIN validate datasets/guizhou --format json
vg "run plan_table (七星关区)" $VG $ZB_BIN run plan_table --data datasets/qixingguan
vg "run plan_table (贵州省 gz-urban-2023)" $VG $ZB_BIN run plan_table --data datasets/guizhou gz-urban-2023
vg "progress --year 2020" $VG $ZB_BIN progress --data datasets/qixingguan --year 2020
vg "progress --format csv -o FILE" $VG $ZB_BIN progress --data datasets/qixingguan --year 2020 --format csv -o "$TMP/progress.csv"
vg "consistency" $VG $ZB_BIN consistency --data datasets/qixingguan
vg "project --to 2035 --rates 5,7,9 --format json" $VG $ZB_BIN project --data datasets/qixingguan --to 2035 --rates 5,7,9 --format json
vg "validate datasets/bijie-synthetic" $VG $ZB_BIN validate datasets/bijie-synthetic
vg "rollup (synthetic Bijie panel)" $VG $ZB_BIN rollup --data datasets/bijie-synthetic
vg "rollup --compare --format csv -o FILE" $VG $ZB_BIN rollup --data datasets/bijie-synthetic --compare --format csv -o "$TMP/rollup.csv"
vg "help" $VG $ZB_BIN help
printf 'local t = {}\nfor i = 1, 1000 do t[i] = zb.width("七星关区") end\nerror("boom")\n' > "$TMP/fail.lua"
vg "run a failing script" $VG $ZB_BIN run "$TMP/fail.lua"
vg "run plan_table on a dataset with errors" $VG $ZB_BIN run plan_table --data tests/bad/malformed-number

# 2. Lua tests
for s in tests/lua/test_*.lua; do
    [ -f "$s" ] || continue
    vg "run $s" $VG $ZB_BIN run "$s" --data datasets/qixingguan
done

# 3. the bad-input corpus, with each case's extra arguments
for d in tests/bad/*/; do
    d=${d%/}
    [ -f "$d/expect" ] || continue
    vg "validate $d" $VG $ZB_BIN validate "$d"
    sed -n 's/^run  *//p' "$d/expect" > "$TMP/runs"
    while read -r args; do
        # shellcheck disable=SC2086  # the arguments are words
        vg "validate $d $args" $VG $ZB_BIN validate "$d" $args
    done < "$TMP/runs"
done

# 4. CLI scripts with the binary under valgrind.  The scripts run $ZB as
# one word, quoted or as "$PWD/$ZB", so ZB is a wrapper script at a path
# like ./zhibiao's.
mkdir -p build/memcheck
real=$(cd "$(dirname "$ZB_BIN")" && pwd)/$(basename "$ZB_BIN")
printf '#!/bin/sh\nexec %s %s "$@"\n' "$VG" "$real" > build/memcheck/zhibiao
chmod +x build/memcheck/zhibiao
for s in tests/cli/test_*.sh; do
    case $s in
        */test_bad.sh|*/test_limits.sh|*/test_signals.sh|*/test_fuzz.sh) continue ;;
    esac
    rm -f "$LOGS"/vg.*.log
    ZB=build/memcheck/zhibiao sh "$s" < /dev/null > "$TMP/out" 2>&1
    report=$(cat "$LOGS"/vg.*.log 2>/dev/null)
    n=$((n + 1))
    checks="$(grep -c '^ok' "$TMP/out") of $(grep -c '^\(not \)\{0,1\}ok' "$TMP/out") checks passed"
    if [ -n "$report" ]; then
        bad=$((bad + 1))
        echo "not ok $n - valgrind: every command of $s ($checks)"
        printf '%s\n' "$report" | head -40 | sed 's/^/#   /'
    else
        echo "ok $n - valgrind: every command of $s ($checks)"
    fi
done

echo "memcheck: $n runs, $bad with errors"
[ "$bad" -eq 0 ]
