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

# A province, 1,000 cities, 999 counties under each: 1,000,001 regions.
dataset million
awk 'BEGIN {
    print "code,name,level,parent"; print "P,省,province,"
    for (c = 1; c <= 1000; c++) printf "C%04d,市%d,city,P\n", c, c
    k = 0
    for (c = 1; c <= 1000; c++) for (j = 1; j <= 999; j++) { k++; printf "K%06d,县%d,county,C%04d\n", k, k, c }
}' > "$TMP/million/regions.csv"
out=$(capped $ZB validate "$TMP/million"); rc=$?
case "$rc:$out" in
    0:*"地区    1000001 个：省 1，市（州） 1000，县（市、区） 999000"*"结果：0 个错误"*)
        ok "a million regions (1 + 1,000 + 999,000) load with 0 errors in 1 GB of address space" ;;
    *) notok "a million regions load" "exit $rc
$(printf '%s\n' "$out" | head -5)" ;;
esac

# One observation for each county (gdp, 2020: the keys differ only in the
# region), each citing its own document: 999,000 rows.  With the source
# of the fixture's indicators that makes 999,001 documents; the summary
# lists 30 and counts the other 998,971.
awk 'BEGIN {
    print "region,indicator,year,value,source"
    for (k = 1; k <= 999000; k++) printf "K%06d,gdp,2020,%d,县%d统计公报.pdf:%d\n", k, k, k, k % 50 + 1
}' > "$TMP/million/observations.csv"
out=$(capped $ZB validate "$TMP/million"); rc=$?
case "$rc:$out" in
    0:*"观测值  999000 个，2020–2020 年：2020 年 999000"*"县1统计公报.pdf"*"（另有 998971 个来源文件）"*"结果：0 个错误"*)
        ok "999,000 observations with 999,000 distinct sources: loaded and summarised (30 sources listed, the rest counted)" ;;
    *) notok "999,000 observations with distinct sources" "exit $rc
$(printf '%s\n' "$out" | tail -5)" ;;
esac
rm -f "$TMP/million/observations.csv"

# K1 under the province, then K2 under K1, ... K1000000 under K999999:
# every link but the first puts a county under a county (999,999 errors,
# the first 100 shown), and nothing recurses a million deep.
dataset chain
awk 'BEGIN {
    print "code,name,level,parent"; print "P,省,province,"; print "K1,县1,county,P"
    for (i = 2; i <= 1000000; i++) printf "K%d,县%d,county,K%d\n", i, i, i - 1
}' > "$TMP/chain/regions.csv"
out=$(capped $ZB validate "$TMP/chain"); rc=$?
shown=$(printf '%s\n' "$out" | grep -c ': 错误: 层级不对')
case "$rc:$shown:$out" in
    2:100:*"regions.csv:4:14: 错误: 层级不对：K2（县（市、区））的上级 K1 是县（市、区）"*"（另有 999899 个问题未列出）"*"结果：999999 个错误"*)
        ok "a chain of a million regions: 999,999 wrong-level errors, 100 shown, exit 2" ;;
    *) notok "a chain of a million regions" "exit $rc, shown $shown
$(printf '%s\n' "$out" | tail -5)" ;;
esac

# The same chain closed into a loop (K1's parent is K1000000): one error,
# at the last row, naming the first members.
dataset loop
awk 'BEGIN {
    print "code,name,level,parent"; print "K1,县1,county,K1000000"
    for (i = 2; i <= 1000000; i++) printf "K%d,县%d,county,K%d\n", i, i, i - 1
}' > "$TMP/loop/regions.csv"
out=$(capped $ZB validate "$TMP/loop"); rc=$?
case "$rc:$out" in
    2:*"regions.csv:1000001:26: 错误: 上级关系形成了环（1000000 个地区）：K1 → K1000000 → K999999"*"结果：1 个错误"*)
        ok "a loop of a million regions: one cycle error at line 1000001, exit 2" ;;
    *) notok "a loop of a million regions" "exit $rc
$(printf '%s\n' "$out" | head -5)" ;;
esac
