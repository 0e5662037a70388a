#!/bin/sh
# Command-line tests of the checks: zhibiao check (selection, formats, exit
# statuses, crashing and runaway checks), zhibiao test (the bundled checks'
# fixtures, and a failing one), zhibiao new-check, check folders from
# --checks and ZHIBIAO_PATH.  Prints TAP-style ok / not ok lines.
. tests/cli/lib.sh
case $ZB in /*) ZBABS=$ZB ;; *) ZBABS=$PWD/$ZB ;; esac
LAB=tests/cli/checks

# absent NAME PATTERN -- CMD...: the output must not contain PATTERN
absent() {
    name=$1; pat=$2; shift 3
    out=$("$@" 2>&1)
    if printf '%s\n' "$out" | grep -qF -- "$pat"; then notok "$name" "$out"; else ok "$name"; fi
}

# --- the bundled checks on the 七星关区 data: real findings, exit 1 (an error)
# Hand-checked figures: 127/800 = 15.875 prints 15.9 (the table has 15.8);
# 509/120.48 x 1e4 = 42248 yuan against 43500 (3.0 %); (16059/11378)^(1/5) - 1
# = 7.13 % against 9 %; 80.34 (专栏1) against 83.73 (专栏2); the binding
# work-safety death rate 0.05 against 0.02.
expect "check qixingguan: real findings grouped by severity, exit 1" 1 \
    "数据集 datasets/qixingguan：运行检查 20 项" "错误 1" "警告 22" "提示 15" \
    "15.8:25:59.2 与各产业增加值（127, 200, 473）算出的 15.9:25.0:59.1 不符" \
    "= 42248 元，相差 3.0%" "推算年均 7.13%，规划年均 9.0%" "完成值为 80.34，而 2020 年的观测值为 83.73" \
    "亿元地区生产总值生产安全事故死亡率目标 0.02（2020 年），2020 年为 0.05" \
    "合计：检查 20 项：通过 8，发现问题 11，跳过 1，出错 0；错误 1 条，警告 22 条，提示 15 条。" -- \
    $ZB check --data datasets/qixingguan
# The synthetic Bijie panel: its counties roll up to 44.11 % urbanization in
# 2023 against the 45 % the city reported (-0.89 points, -1.97 %).
expect "check bijie-synthetic: counties against the city's figure" 0 \
    "stats/county_vs_city  毕节市  常住人口城镇化率  2023  10 个下级按规则汇总得 44.11，上报值为 45，相差 -0.89（-1.97%）" -- \
    $ZB check --data datasets/bijie-synthetic
expect "check in English" 1 "dataset datasets/qixingguan: 20 checks run" "errors 1" \
    "plan qxg-14fyp: Per-capita disposable income of rural residents from 11378 to 16059 in 5 years implies 7.13% a year" -- \
    $ZB --lang en check --data datasets/qixingguan
# Every check's display columns line up: the message column of every
# finding row starts at the same display column (CJK counted as 2).
out=$($ZB check --data datasets/qixingguan)
cols=$(printf '%s\n' "$out" | grep -E '^  [a-z]+/.*  20[0-9][0-9]  ' | while IFS= read -r line; do
    pre=$(printf '%s\n' "$line" | sed -E 's/(  20[0-9][0-9]  ).*/\1/')
    printf '%s' "$pre" | python3 -c 'import sys,unicodedata; s=sys.stdin.read(); print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s))'
done | sort -u | wc -l)
if [ "$cols" -eq 1 ]; then ok "finding rows align by display width"; else notok "finding rows align by display width ($cols starts)" "$out"; fi

# --- selection
expect "a department: only its checks, exit 0 with warnings only" 0 "运行检查 2 项" "finance/revenue_share" -- \
    $ZB check --data datasets/qixingguan finance
expect "and/not: stats without warnings' checks" 0 "运行检查 2 项" -- \
    $ZB check --data datasets/qixingguan "stats and not warning"
expect "--list shows the pick before running" 0 "选中 3 项检查（共 20 项）" \
    "development/binding_behind" "development/midterm_progress" "development/target_consistency" -- \
    $ZB check --list development
expect "--list of a glob" 0 "选中 1 项检查（共 20 项）" "stats/yoy_jump" -- $ZB check --list '*jump*'
expect "--list of tag or department" 0 "选中 4 项检查（共 20 项）" "ecology/energy_intensity" "development/binding_behind" \
    "ecology/forest_cover" "ecology/water_quality" -- $ZB check --list "binding or ecology"
expect "a bad expression: column and caret, exit 2" 2 "选择有误（第 15 列）" "    stats and (not" "                  ^" -- \
    $ZB check --data datasets/qixingguan "stats and (not"
expect "a typo picks nothing: named, exit 2" 2 "“stast”不是已知的检查、部门、标签或严重程度" -- \
    $ZB check --list stast

# --- formats
$ZB check --data datasets/qixingguan --format json > "$TMP/out.json"
if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
s = d["summary"]
assert (s["checks"], s["errors"], s["warnings"], s["infos"], s["crashed"], s["skipped"]) == (20, 1, 22, 15, 0, 1), s
c = {x["id"]: x for x in d["checks"]}
f = c["stats/structure_shares"]["findings"][0]
assert f["year"] == 2025 and f["region"] == "520502" and f["plan"] == "qxg-14fyp", f
assert f["values"]["printed"] == "15.8:25:59.2" and f["values"]["computed"] == "15.875:25.000:59.125", f
assert f["message"]["en"].startswith("plan qxg-14fyp target: "), f
assert c["stats/sector_sum"]["status"] == "pass" and c["stats/sector_sum"]["findings"] == []
' "$TMP/out.json" 2>"$TMP/err"; then ok "json parses: summary, findings with values and both languages"; else notok "json parses" "$(cat "$TMP/err")"; fi
$ZB check --data datasets/qixingguan --format csv -o "$TMP/out.csv"
if python3 -c '
import csv, sys
raw = open(sys.argv[1], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "no BOM"
rows = list(csv.reader(raw[3:].decode("utf-8").splitlines()))
assert rows[0][:3] == ["严重程度", "检查", "部门"], rows[0]
assert len(rows) == 1 + 1 + 22 + 15, len(rows)
assert rows[1][0] == "错误" and rows[1][1] == "development/binding_behind", rows[1]
' "$TMP/out.csv" 2>"$TMP/err"; then ok "csv file has a BOM, a header and one row per finding (38)"; else notok "csv file" "$(cat "$TMP/err")"; fi
if $ZB check --data datasets/qixingguan --format csv | head -c 3 | od -An -c | grep -q '357'; then
    notok "csv on a pipe has no BOM"; else ok "csv on a pipe has no BOM"; fi
$ZB check --data datasets/qixingguan --checks $LAB --format junit -o "$TMP/out.xml" --max-instructions 2000000 --max-memory 16 2>/dev/null
if python3 -c '
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites", root.tag
# 20 bundled + 12 lab; failures: checks with an error finding (binding_behind);
# errors: the 6 lab checks that crash or break a limit
assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("32", "1", "6"), root.attrib
suites = {s.get("name"): s for s in root}
lab = {t.get("name"): t for t in suites["lab"]}
assert lab["endless"].find("error").get("type") == "instructions"
assert lab["hog"].find("error").get("type") == "memory"
assert lab["crash"].find("error").get("type") == "error"
dev = {t.get("name"): t for t in suites["development"]}
assert dev["binding_behind"].find("failure") is not None
assert dev["midterm_progress"].find("failure") is None and dev["midterm_progress"].find("system-out") is not None
' "$TMP/out.xml" 2>"$TMP/err"; then ok "junit XML is well-formed with failures, errors and system-out"; else notok "junit XML" "$(cat "$TMP/err")"; fi

# --- crashing and runaway checks are reported; the others still run
expect "a crash, an endless loop, a pcall loop, a memory hog, bad metadata, an endless metamethod: each reported, others run" 1 \
    "crash.lua:8: attempt to index a nil value" \
    "endless.lua:8: 指令数超出限制（2000000 条）" "swallow.lua:8: 指令数超出限制（2000000 条）" \
    "evilfinding.lua:8: 指令数超出限制（2000000 条）" "hog.lua:9: 内存超出限制（16 MiB）" "lab/badmeta      无法加载" \
    "合计：检查 12 项：通过 3，发现问题 3，跳过 0，出错 6" -- \
    $ZB check --data datasets/qixingguan --checks $LAB lab --max-instructions 2000000 --max-memory 16
expect "metadata with endless metamethods is read raw: the check loads and passes" 0 "通过 1" -- \
    $ZB check --data datasets/qixingguan --checks $LAB lab/evilmeta
expect "one check cannot change what the next sees (notes only: exit 0)" 0 "lab/a_tamper  changed:" "lab/b_victim  sees 1.5 aa 500.06 X" -- \
    $ZB check --data datasets/qixingguan --checks $LAB "lab and sandbox and not evil*"
expect "a check reaches no io, os, debug, package, load, zb.open or userdata metatables" 0 "lab/reach     reached:" -- \
    $ZB check --data datasets/qixingguan --checks $LAB "lab and sandbox and not evil*"
absent "reach names nothing" "reached: i" -- $ZB check --data datasets/qixingguan --checks $LAB lab/reach

# print inside a check goes to stderr, marked; stdout stays valid JSON
$ZB check --data datasets/qixingguan --checks $LAB lab/talk --format json >"$TMP/talk.json" 2>"$TMP/talk.err"
if python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["summary"]["passed"] == 1' "$TMP/talk.json" \
   && grep -qF "[lab/talk] 调试	500.06" "$TMP/talk.err"; then ok "a check's print goes to stderr with its id"; else
   notok "a check's print goes to stderr with its id" "$(cat "$TMP/talk.json" "$TMP/talk.err")"; fi

# A file name the layout does not allow is named on stderr; a syntax error is a load failure.
mkdir -p "$TMP/names/eco"
printf 'return {title = "x", severity = "info", run = function() end}\n' > "$TMP/names/eco/森林.lua"
printf 'return {title = "x", severity = "info", run = function() end end}\n' > "$TMP/names/eco/syntax.lua"
expect "a Chinese file name is ignored with a note; a syntax error is reported with its line" 1 \
    "忽略 $TMP/names/eco/森林.lua：检查文件名只能用字母、数字、_ 和 -" \
    "eco/syntax  无法加载：$TMP/names/eco/syntax.lua:1: '}' expected near 'end'" -- \
    $ZB check --data datasets/qixingguan --checks "$TMP/names" eco

# --- exit statuses for usage and data
expect "no --data: exit 2" 2 "缺少 --data" -- $ZB check
expect "an unknown format: exit 2" 2 "--format 应为 text、json、csv 或 junit" -- $ZB check --data datasets/qixingguan --format xml
expect "an unknown option: exit 2" 2 "未知选项“--frmat”" -- $ZB check --data datasets/qixingguan --frmat json
expect "a --checks that is not a folder: exit 2" 2 "不是文件夹" -- $ZB check --data datasets/qixingguan --checks "$TMP/none"
mkdir -p "$TMP/bad"
cp datasets/qixingguan/regions.csv datasets/qixingguan/indicators.csv "$TMP/bad/"
printf 'region,indicator,year,value\n520502,gdp,2020,4..03\n' > "$TMP/bad/observations.csv"
expect "a dataset with errors: no check runs, exit 2" 2 "observations.csv:2:19" "未运行检查" -- \
    $ZB check --data "$TMP/bad"

# --- zhibiao test: every bundled check passes where it should and fires where it should
out=$($ZB test scripts/checks 2>&1); rc=$?
total=$(printf '%s\n' "$out" | grep -cE '^ok +[a-z]+/[a-z0-9_]+ +fire ✓  pass ✓$')
if [ $rc -eq 0 ] && [ "$total" -eq 20 ] && printf '%s\n' "$out" | grep -qF "合计：检查 20 项，样例 40 个：通过 40，失败 0；无样例的检查 0 项。"; then
    ok "zhibiao test scripts/checks: 20 checks, each with a passing and a firing case"
else notok "zhibiao test scripts/checks ($rc, $total)" "$out"; fi

# A fixture that expects the wrong thing fails, naming what is missing and what is extra.
mkdir -p "$TMP/mine"
cp -R scripts/checks/stats "$TMP/mine/"
printf 'warning 520502 gdp 2020\n' > "$TMP/mine/stats/sector_sum.fixtures/pass/expected"
expect "a wrong expectation fails the case, exit 1" 1 \
    "not ok  stats/sector_sum" "pass：缺少预期的发现（expected 第 1 行）：warning 520502 gdp 2020" -- \
    $ZB test "$TMP/mine/stats/sector_sum.lua"
printf 'error 520502 gdp\n' > "$TMP/mine/stats/sector_sum.fixtures/pass/expected"
expect "a malformed expected file names its line" 1 "expected:1: 应为“严重程度 地区 指标 年份" -- \
    $ZB test "$TMP/mine/stats/sector_sum.lua"
# the O of 5OO is the 18th character of the line
printf 'region,indicator,year,value\n520502,gdp,2020,5OO\n' > "$TMP/mine/stats/sector_sum.fixtures/fire/observations.csv"
expect "a fixture with bad data names file:line:column" 1 "样例数据集有误" "observations.csv:2:18" -- \
    $ZB test "$TMP/mine/stats/sector_sum.lua"
expect "the lab checks' crashes fail zhibiao test's load" 1 "lab/badmeta" "无法加载" -- $ZB test $LAB

# --- a bureau's own check: new-check, test, run from its folder
expect "new-check writes the check and two fixtures" 0 "mycheck/ecology/wetland.lua" \
    "mycheck/ecology/wetland.fixtures/fire/expected" -- $ZB new-check ecology/wetland --dir "$TMP/mycheck"
expect "the skeleton passes its own fixtures" 0 "ok  ecology/wetland  fire ✓  pass ✓" -- $ZB test "$TMP/mycheck"
expect "new-check never overwrites" 2 "已存在，未写入任何文件" -- $ZB new-check ecology/wetland --dir "$TMP/mycheck"
expect "new-check wants DEPT/ID" 2 "应为 部门/编号" -- $ZB new-check "eco logy/x"
expect "the bureau's check runs beside the bundled ones with --checks" 1 "运行检查 21 项" -- \
    $ZB check --data datasets/qixingguan --checks "$TMP/mycheck"
expect "and alone, by its id" 0 "运行检查 1 项" "通过 1" -- \
    $ZB check --data datasets/qixingguan --checks "$TMP/mycheck" wetland
expect "ZHIBIAO_PATH adds a check folder too" 0 "选中 1 项检查（共 21 项）" "$TMP/mycheck/ecology/wetland.lua" -- \
    env ZHIBIAO_PATH="$TMP/mycheck" $ZB check --list wetland
# A bureau folder may override a bundled check with its own of the same id.
mkdir -p "$TMP/override/stats"
cat > "$TMP/override/stats/sector_sum.lua" <<'EOF'
return {title = "本局的版本", severity = "info", run = function(ds, report) report{message = "ours"} end}
EOF
expect "a bureau's check replaces the bundled one of the same id, with a note" 0 \
    "替换了" "stats/sector_sum  ours" -- $ZB check --data datasets/qixingguan --checks "$TMP/override" sector_sum

# --- the tutorial (docs/writing-checks.md), followed as written: new-check,
# the rule and the fixtures copied from the document, test, run
mkdir -p "$TMP/tutorial"
( cd "$TMP/tutorial" && "$ZBABS" new-check agriculture/income_gap --dir 农业农村局检查 >/dev/null )
if python3 - "$TMP/tutorial/农业农村局检查/agriculture" <<'PY'
import os, re, sys
doc = open("docs/writing-checks.md", encoding="utf-8").read()
dest = sys.argv[1]
rule = re.search(r"```lua\n(-- agriculture/income_gap：.*?)```", doc, re.S).group(1)
open(os.path.join(dest, "income_gap.lua"), "w", encoding="utf-8").write(rule)
# each fixture file is named in backquotes at the start of the paragraph before its block
written = []
for name, body in re.findall(r"^`((?:income_gap\.fixtures/)?(?:pass|fire)?/?[a-z_]+(?:\.csv)?)`[^\n]*\n(?:[^\n]+\n)*\n```\n(.*?)```", doc, re.S | re.M):
    path = name if name.startswith("income_gap.fixtures/") else "income_gap.fixtures/" + name
    open(os.path.join(dest, path), "w", encoding="utf-8").write(body)
    written.append(path)
assert sorted(written) == ["income_gap.fixtures/fire/expected", "income_gap.fixtures/fire/targets.csv",
                           "income_gap.fixtures/indicators.csv", "income_gap.fixtures/pass/expected",
                           "income_gap.fixtures/pass/observations.csv"], written
os.remove(os.path.join(dest, "income_gap.fixtures/fire/observations.csv"))
PY
then ok "the tutorial's rule and fixtures are taken from the document"; else notok "the tutorial's rule and fixtures are taken from the document"; fi
expect "tutorial: zhibiao test passes" 0 "ok  agriculture/income_gap  fire ✓  pass ✓" -- $ZB test "$TMP/tutorial/农业农村局检查"
# (36148/11378 = 3.18) -> (53458/16059 = 3.33): the real 14th-plan targets widen the ratio
expect "tutorial: the rule finds the widening in the 14th-plan targets" 0 \
    "agriculture/income_gap  七星关区  城镇居民可支配收入  2025  规划 qxg-14fyp 的目标使城乡收入比由 2020 年的 3.18（36148/11378）扩大到 2025 年的 3.33（53458/16059）" -- \
    $ZB check --data datasets/qixingguan --checks "$TMP/tutorial/农业农村局检查" agriculture

echo "# $n tests"
