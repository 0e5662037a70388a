#!/bin/sh
# The bad-input corpus: `zhibiao validate` on every case of tests/bad/ and,
# for the big ones, on inputs generated here.  Each committed case is a
# dataset directory (the files it does not break link to tests/bad/fixture)
# with an `expect` file:
#
#   # 中文说明            first comment line: what the case is (Chinese)
#   # English             second comment line: the same in English
#   run [ARGS...]         starts another run, with ARGS after the directory
#   lang en               this run in English (ZHIBIAO_LANG=en)
#   exit N                the exit status expected
#   has TEXT              TEXT appears in the output (a fixed string)
#   lacks TEXT            TEXT does not appear
#
# A file with no `run` line has one run without arguments.  Prints TAP
# lines; tests/bad/README.md must list every case (see tests/bad/readme.sh).
. tests/cli/lib.sh

# check NAME DIR ARGS LANG WANT_EXIT CHECKS: runs validate and compares.
# CHECKS holds lines "has TEXT" / "lacks TEXT".
check() {
    name=$1 dir=$2 args=$3 lang=$4 want=$5 checks=$6
    # shellcheck disable=SC2086  # ARGS are words on purpose
    out=$(ZHIBIAO_LANG=${lang:-zh} $ZB validate "$dir" $args 2>&1)
    got=$?
    problems=""
    [ "$got" -eq "$want" ] || problems="exit status $got, expected $want"
    problems="$problems$(printf '%s\n' "$checks" | while IFS= read -r line; do
        case "$line" in
            "has "*) printf '%s\n' "$out" | grep -qF -- "${line#has }" || printf '\nmissing: %s' "${line#has }" ;;
            "lacks "*) printf '%s\n' "$out" | grep -qF -- "${line#lacks }" && printf '\nunexpected: %s' "${line#lacks }" ;;
        esac
    done)"
    if [ -z "$problems" ]; then
        ok "$name"
    else
        notok "$name" "$problems
--- output:
$out"
    fi
}

# run_case DIR: every run of DIR/expect.
run_case() {
    dir=$1 case=$(basename "$1")
    args="" lang="" want="" checks="" started=0
    flush() {
        [ -n "$want" ] || return 0
        label="bad/$case${args:+ $args}${lang:+ (lang $lang)}: exit $want$(printf '%s\n' "$checks" | grep -c '^has ' | sed 's/^/, /;s/$/ messages/')"
        check "$label" "$dir" "$args" "$lang" "$want" "$checks"
        args="" lang="" want="" checks=""
    }
    while IFS= read -r line || [ -n "$line" ]; do
        case "$line" in
            "#"*|"") ;;
            run|"run "*) flush; args=${line#run}; args=${args# } ;;
            "lang "*) lang=${line#lang } ;;
            "exit "*) want=${line#exit } ;;
            "has "*|"lacks "*) checks="$checks
$line" ;;
            *) notok "bad/$case: unknown line in expect: $line" ;;
        esac
    done < "$dir/expect"
    flush
}

for d in tests/bad/*/; do
    d=${d%/}
    [ "$(basename "$d")" = fixture ] && continue
    if [ ! -f "$d/expect" ]; then
        notok "bad/$(basename "$d") has an expect file"
        continue
    fi
    run_case "$d"
done

# --- every case is in the README, and the README is what readme.sh makes
missing=""
for d in tests/bad/*/; do
    c=$(basename "$d")
    [ "$c" = fixture ] && continue
    grep -q "^### $c\$" tests/bad/README.md || missing="$missing $c"
done
[ -z "$missing" ] && ok "tests/bad/README.md lists every case" || notok "tests/bad/README.md lists every case" "missing:$missing"
if ZB=$ZB sh tests/bad/readme.sh > "$TMP/README.md" 2>&1 && cmp -s "$TMP/README.md" tests/bad/README.md; then
    ok "tests/bad/README.md shows what each case produces now"
else
    notok "tests/bad/README.md shows what each case produces now" \
        "$(diff tests/bad/README.md "$TMP/README.md" | head -20)
regenerate it: sh tests/bad/readme.sh > tests/bad/README.md"
fi

# --- big inputs, generated here rather than committed.  The address space
# is capped at 50 MB with ulimit -v.  The program needs about 40 MB for the
# 10 MB file: under 20 MB of its own, 8 MB of stack for the reading thread,
# and room reserved for the 500,000 rows a 10 MB file could hold (untouched,
# but counted by ulimit); it streams in 256 KiB blocks and stops a field at
# 1 MiB, a record at 4096 fields.  Holding the 10 MB field would take 10 MB
# and, growing its buffer by doubling, 24 MB at the last copy: over the cap.
gen() { mkdir -p "$TMP/$1"; ln -sf "$PWD/tests/bad/fixture/regions.csv" "$PWD/tests/bad/fixture/indicators.csv" "$TMP/$1/"; }

# A 10 MB quoted field (a runaway quote, or a file that is not CSV).
gen huge-field
{ printf 'region,indicator,year,value,note\n520502,gdp,2020,1,"'
  head -c 10485760 /dev/zero | tr '\0' 'a'
  printf '"\n520502,gdp,2021,2,ok\n'; } > "$TMP/huge-field/observations.csv"
out=$( (ulimit -v 50000; $ZB validate "$TMP/huge-field") 2>&1); rc=$?
case "$rc:$out" in
    2:*"observations.csv:2:19: 错误: 字段超过 1048576 字节：可能是引号未闭合或文件不是 CSV"*)
        ok "bad/huge-field (generated, 10 MB field): exit 2, stops at 1 MiB, in 50 MB of address space" ;;
    *) notok "bad/huge-field (generated, 10 MB field)" "exit $rc
$(printf '%s\n' "$out" | cut -c1-200 | head)" ;;
esac

# A line of a million fields.  Field 4097 starts at column 4111: the row
# "520502,gdp,2020,1" is 17 characters, field 5 starts at column 19 after
# the comma at 18, and each further field one column later (4097 + 14).
gen million-fields
{ printf 'region,indicator,year,value\n520502,gdp,2020,1'
  head -c 1000000 /dev/zero | tr '\0' ','
  printf '\n'; } > "$TMP/million-fields/observations.csv"
out=$( (ulimit -v 50000; $ZB validate "$TMP/million-fields") 2>&1); rc=$?
case "$rc:$out" in
    2:*"observations.csv:2:4111: 错误: 一行的字段超过 4096 个：这不像是指标数据文件"*)
        ok "bad/million-fields (generated): exit 2 at field 4097 (2:4111), in 50 MB of address space" ;;
    *) notok "bad/million-fields (generated)" "exit $rc
$(printf '%s\n' "$out" | cut -c1-200 | head)" ;;
esac
# The caret under column 4111 sits in a window: "…" and 30 characters of
# the line before it, so it is 4 + 1 + 30 = 35 spaces in.
caret=$(printf '%s\n' "$out" | grep -m1 '^ *\^$')
[ "$caret" = "                                   ^" ] && ok "bad/million-fields: the caret is shown in a window near column 4111" ||
    notok "bad/million-fields: the caret is shown in a window near column 4111" "caret line: '$caret'"

# 150 bad rows: the first 100 problems are shown, the other 50 counted.
gen many-errors
{ echo 'region,indicator,year,value'
  i=1900; while [ $i -lt 2050 ]; do echo "520502,gdp,$i,x"; i=$((i + 1)); done; } > "$TMP/many-errors/observations.csv"
out=$($ZB validate "$TMP/many-errors" 2>&1); rc=$?
shown=$(printf '%s\n' "$out" | grep -c ': 错误: 数值“x”不是有效数字')
case "$rc:$shown:$out" in
    2:100:*"（另有 50 个问题未列出）"*"结果：150 个错误"*) ok "bad/many-errors (generated, 150 rows): 100 shown, 50 counted, exit 2" ;;
    *) notok "bad/many-errors (generated, 150 rows)" "exit $rc, shown $shown
$(printf '%s\n' "$out" | tail -5)" ;;
esac
