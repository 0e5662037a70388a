#!/bin/sh
# Resource limits for input: a million regions, a chain of a million
# regions one under another, and a million regions in one loop of parents.
# Each is generated here (about 30 MB each), loaded by `zhibiao validate`
# with its address space capped (ulimit -v 1 GB; the loader needs about
# 150 MB of memory for a million regions, 370 MB with a million
# observations), and must finish with the right answer: the hierarchy
# checks walk iteratively and in linear time, so neither the depth of a
# chain nor the length of a loop matters, and the hash maps spread keys
# that differ only in the region.
. tests/cli/lib.sh

dataset() { mkdir -p "$TMP/$1"; ln -sf "$PWD/tests/bad/fixture/indicators.csv" "$TMP/$1/"; }
# The address space capped; a run that has not ended after 5 minutes is
# stopped (a quadratic step would take hours: a hang, not a slow pass).
capped() { (ulimit -v 1000000; timeout 300 "$@") 2>&1; }

# Codes are six digits (GB/T 2260), so a million regions use every code
# there is: a province 000000, 999 cities 000001-000999, and 1,000
# counties under each, 001000-999999.
dataset million
awk 'BEGIN {
    print "code,name,level,parent"; print "000000,省,province,"
    for (c = 1; c <= 999; c++) printf "%06d,市%d,city,000000\n", c, c
    k = 0
    for (c = 1; c <= 999; c++) for (j = 1; j <= 1000; j++) { k++; printf "%06d,县%d,county,%06d\n", k + 999, k, c }
}' > "$TMP/million/regions.csv"
out=$(capped $ZB validate "$TMP/million"); rc=$?
case "$rc:$out" in
    0:*"地区    1000000 个：省 1，市（州） 999，县（市、区） 999000"*"结果：0 个错误"*)
        ok "a million regions (1 + 999 + 999,000) load with 0 errors in 1 GB of address space" ;;
    *) notok "a million regions load" "exit $rc
$(printf '%s\n' "$out" | head -5)" ;;
esac

# One observation for each county (gdp, 2020: the keys differ only in the
# region), each citing its own document: 999,000 rows.  With the source
# of the fixture's indicators that makes 999,001 documents; the summary
# lists 30 and counts the other 998,971.
awk 'BEGIN {
    print "region,indicator,year,value,source"
    for (k = 1; k <= 999000; k++) printf "%06d,gdp,2020,%d,县%d统计公报.pdf:%d\n", k + 999, k, k, k % 50 + 1
}' > "$TMP/million/observations.csv"
out=$(capped $ZB validate "$TMP/million"); rc=$?
case "$rc:$out" in
    0:*"观测值  999000 个，2020–2020 年：2020 年 999000"*"县1统计公报.pdf"*"（另有 998971 个来源文件）"*"结果：0 个错误"*)
        ok "999,000 observations with 999,000 distinct sources: loaded and summarised (30 sources listed, the rest counted)" ;;
    *) notok "999,000 observations with distinct sources" "exit $rc
$(printf '%s\n' "$out" | tail -5)" ;;
esac
rm -f "$TMP/million/observations.csv"

# Under the province 000000, 000001; under it 000002, ... 999999 under
# 999998: every link but the first puts a county under a county (999,998
# errors, the first 100 shown), and nothing recurses a million deep.  The
# parent of line 4 ("000002,县2,county,000001") starts at column 18.
dataset chain
awk 'BEGIN {
    print "code,name,level,parent"; print "000000,省,province,"
    for (i = 1; i <= 999999; i++) printf "%06d,县%d,county,%06d\n", i, i, i - 1
}' > "$TMP/chain/regions.csv"
out=$(capped $ZB validate "$TMP/chain"); rc=$?
shown=$(printf '%s\n' "$out" | grep -c ': 错误: 层级不对')
case "$rc:$shown:$out" in
    2:100:*"regions.csv:4:18: 错误: 层级不对：000002（县（市、区））的上级 000001 是县（市、区）"*"（另有 999898 个问题未列出）"*"结果：999998 个错误"*)
        ok "a chain of a million regions: 999,998 wrong-level errors, 100 shown, exit 2" ;;
    *) notok "a chain of a million regions" "exit $rc, shown $shown
$(printf '%s\n' "$out" | tail -5)" ;;
esac

# A million regions, every code from 000000 to 999999, in one loop of
# parents (000000's parent is 999999, each other's the code before it):
# one error, at the last row ("999999,县999999,county,999998": its parent
# at column 23), naming the first members.
dataset loop
awk 'BEGIN {
    print "code,name,level,parent"; print "000000,县0,county,999999"
    for (i = 1; i <= 999999; i++) printf "%06d,县%d,county,%06d\n", i, i, i - 1
}' > "$TMP/loop/regions.csv"
out=$(capped $ZB validate "$TMP/loop"); rc=$?
case "$rc:$out" in
    2:*"regions.csv:1000001:23: 错误: 上级关系形成了环（1000000 个地区）：000000 → 999999 → 999998"*"结果：1 个错误"*)
        ok "a loop of a million regions: one cycle error at line 1000001, exit 2" ;;
    *) notok "a loop of a million regions" "exit $rc
$(printf '%s\n' "$out" | head -5)" ;;
esac
