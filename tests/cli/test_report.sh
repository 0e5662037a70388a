#!/bin/sh
# zhibiao report: the bundled reports on the bundled data, in every format.
# Markdown and CSV against golden files (tests/reports/golden/, written by
# the reports and checked by hand: see the figures below), the XLSX read back
# with openpyxl (tests/reports/check_xlsx.py), the HTML rendered by headless
# Chromium into a PNG that must hold text and colour (tests/reports/pngstat.py).
. tests/cli/lib.sh
# Debian's python3 has python3-openpyxl; a python3 earlier on PATH may not.
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
G=tests/reports/golden
Q=datasets/qixingguan

# --- golden Markdown and CSV
same() { # NAME GOLDEN FILE
    if cmp -s "$2" "$3"; then ok "$1"; else notok "$1" "$(diff "$2" "$3" | head -20)"; fi
}
$ZB report plan --data $Q -o "$TMP/plan-qxg-14fyp.md" -q >/dev/null && same "plan report, Markdown" $G/plan-qxg-14fyp.md "$TMP/plan-qxg-14fyp.md"
$ZB report plan --data $Q -o "$TMP/plan-qxg-14fyp.csv" -q >/dev/null && same "plan report, CSV" $G/plan-qxg-14fyp.csv "$TMP/plan-qxg-14fyp.csv"
$ZB report progress --data $Q -o "$TMP/progress-520502.md" -q >/dev/null && same "progress report, Markdown" $G/progress-520502.md "$TMP/progress-520502.md"
$ZB report progress --data $Q -o "$TMP/progress-520502.csv" -q >/dev/null && same "progress report, CSV" $G/progress-520502.csv "$TMP/progress-520502.csv"
same "progress report, the second table's CSV" $G/progress-520502-next_plan.csv "$TMP/progress-520502-next_plan.csv"
$ZB report midterm --data $Q -o "$TMP/midterm-520502.md" -q >/dev/null && same "midterm report, Markdown" $G/midterm-520502.md "$TMP/midterm-520502.md"
$ZB report projection --data $Q -o "$TMP/projection-520502.csv" -q >/dev/null && same "projection report, CSV" $G/projection-520502.csv "$TMP/projection-520502.csv"
B=datasets/bijie-synthetic
$ZB report rollup --data $B -o "$TMP/rollup-520500.md" -q >/dev/null && same "rollup report, Markdown" $G/rollup-520500.md "$TMP/rollup-520500.md"
$ZB report rollup --data $B -o "$TMP/rollup-520500.csv" -q >/dev/null && same "rollup report, CSV" $G/rollup-520500.csv "$TMP/rollup-520500.csv"
same "rollup report, contributions CSV" $G/rollup-520500-contributions.csv "$TMP/rollup-520500-contributions.csv"

# The golden figures, by hand: GDP 2015 290.58 -> 2020 500.06 against 509:
# progress (500.06 - 290.58) / (509 - 290.58) = 0.959 -> 96; pace
# (500.06 / 290.58)^(1/5) - 1 = 11.47 %.  Urbanisation 47 -> 54 against 56:
# 7 / 9 = 78 %, (54 - 47) / 5 = +1.40 points a year.
grep -q '^1,地区生产总值(GDP),亿元,290.58,509,500.06,96,11.47%,名义,,12.00%,预期性,未实现' $G/progress-520502.csv \
    && grep -q '^12,常住人口城镇化率,%,47,56,54,78,+1.40点,,,,预期性,未实现' $G/progress-520502.csv \
    && ok "golden CSV holds the hand-computed GDP and urbanisation rows" || notok "golden CSV holds the hand-computed GDP and urbanisation rows"
# 14 achieved + 13 missed of 27 assessable; 9 not assessable (36 targets)
grep -q "可评估的 27 项中：已实现 14 项，未实现 13 项；另有 9 项无法评估" $G/progress-520502.md \
    && ok "golden Markdown counts 14 achieved, 13 missed, 9 not assessable" || notok "golden Markdown counts"
# 规模以上工业增加值: 112 - 83.73 = 28.27 short; (83.73 / 82.33)^(1/5) - 1 = 0.34 %
# from current-price levels, said so, with the plan's comparable-price 0.5 %
# (its 完成情况 column) beside it; the bare target 112 gets its unit.
grep -q "规模以上工业增加值：规划目标为 112亿元，2020 年实际为 83.73亿元，距目标还差 28.27亿元；任务进度 5%。按现价计算，2015 年以来年均增长 0.34%（按可比价增长 0.50%），规划年均增长 12.50%。" $G/midterm-520502.md \
    && ok "midterm prose: the gap and the pace of industry, nominal and comparable" || notok "midterm prose: the gap and the pace of industry, nominal and comparable"
# A target with a qualifier stays as the plan wrote it; a population's pace
# is not a price matter and carries no 现价.
grep -q "森林覆盖率：规划目标为“60以上”，2020 年实际为 57.75%" $G/midterm-520502.md \
    && grep -q "常住人口：规划目标为 120.48万人，2020 年实际为 116.81万人，距目标还差 3.67万人；任务进度 32%。2015 年以来年均增长 0.30%。" $G/midterm-520502.md \
    && ok "midterm prose: qualified targets quoted, real quantities without a price basis" || notok "midterm prose: qualified targets quoted, real quantities without a price basis"
# 亿元GDP死亡率 is in 人/亿元, not %: its pace (0.050 - 0.007) / 5 = 0.0086
# 人/亿元 a year, never "点" or "个百分点"; 人口自然增长率 in ‰: 4.02 -> 4.29
# is 0.27 / 5 = 0.054 per-mille points (千分点) a year.
grep -q '^36,亿元地区生产总值生产安全事故死亡率,人/亿元,0.007,0.02,0.050,,+0.0086 人/亿元/年,,,,约束性,未实现' $G/progress-520502.csv \
    && grep -q "2015 年以来年均提高 0.0086 人/亿元。" $G/midterm-520502.md \
    && grep -q '^人口自然增长率,‰,4.29,+0.054千分点,' $G/projection-520502.csv \
    && ! grep -q '人/亿元.*点' $G/progress-520502.csv \
    && ok "a pace is in points only for %: 人/亿元 and ‰ paces in their own unit" \
    || notok "a pace is in points only for %: 人/亿元 and ‰ paces in their own unit"
# The English sentence goes on after the pace with a full stop and a space.
expect "English progress report: the verdict starts a new sentence" 0 \
    "pace so far +0.0086 人/亿元/yr. Missed: met at the base, no longer met." \
    -- env ZHIBIAO_LANG=en $ZB report progress --data $Q --format text

# 毕节市 2023 urbanisation: urban 300.93 / resident 682.19 = 44.11 % against
# 45.0 reported: -0.89 points, -0.89 / 45 = -1.97 %.  七星关区's GDP share
# in 2021: 512.65 / 2181.50 = 23.5 %.
grep -q '^常住人口城镇化率,2023,%,分子之和 ÷ 分母之和,44.1,45.0,-0.89点,-1.97,10/10,数据不一致' $G/rollup-520500.csv \
    && grep -q '^七星关区,512.65,23.5,' $G/rollup-520500-contributions.csv \
    && ok "golden rollup CSVs hold the hand-computed gap and share" || notok "golden rollup CSVs hold the hand-computed gap and share"
grep -q "合成数据（scripts/synth/bijie_counties.lua 生成），只用于演示汇总方法，不是统计数据" $G/rollup-520500.md \
    && ok "the rollup report says the county data is synthetic" || notok "the rollup report says the county data is synthetic"
expect "rollup of a region without children is bad usage" 2 "没有下级地区" -- $ZB report rollup --data $B --region 520502

# --- the CSV is for Excel: a BOM, CRLF; --no-bom drops the BOM
head -c 3 "$TMP/progress-520502.csv" | od -An -tx1 | grep -q "ef bb bf" && ok "CSV starts with a UTF-8 BOM" || notok "CSV starts with a UTF-8 BOM"
$ZB report progress --data $Q -o "$TMP/nobom.csv" --no-bom -q >/dev/null
[ "$(head -c 6 "$TMP/nobom.csv")" = "序号" ] && ok "--no-bom drops it" || notok "--no-bom drops it" "$(head -c 20 "$TMP/nobom.csv" | od -c | head -2)"
grep -q "$(printf '\r')$" "$TMP/progress-520502.csv" && ok "CSV lines end in CRLF" || notok "CSV lines end in CRLF"

# --- XLSX read back cell by cell
expect "progress report as XLSX: summary printed, file named" 0 "七星关区主要指标监测表（2020年）" "地区生产总值(GDP)" "已写入：$TMP/out/progress.xlsx" -- \
    $ZB report progress --data $Q -o "$TMP/out/progress.xlsx"
out=$($PY tests/reports/check_xlsx.py "$TMP/out/progress.xlsx" $n 2>&1)
printf '%s\n' "$out"
n=$((n + $(printf '%s\n' "$out" | grep -c '^\(not \)\?ok ')))
ls -a "$TMP/out" | grep -q '^\.progress\.xlsx\.' && notok "no temporary file left beside the workbook" || ok "no temporary file left beside the workbook"

# --- HTML: one self-contained file that renders
$ZB report progress --data $Q -o "$TMP/progress.html" -q >/dev/null
grep -qE '(src|href)="https?:' "$TMP/progress.html" && notok "HTML fetches nothing from the network" || ok "HTML fetches nothing from the network"
grep -q '@page { size: A4' "$TMP/progress.html" && grep -q '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei"' "$TMP/progress.html" \
    && ok "HTML prints on A4 with Chinese font fallbacks" || notok "HTML prints on A4 with Chinese font fallbacks"
# fc-match is in the fontconfig package, which a fresh Debian may lack: look
# for the font file of fonts-noto-cjk when it is not there.
if command -v fc-match >/dev/null 2>&1; then
    fc-match "Noto Sans CJK SC" | grep -qi "cjk" && ok "a CJK font is installed (fonts-noto-cjk)" || notok "a CJK font is installed (fonts-noto-cjk)" "$(fc-match 'Noto Sans CJK SC')"
else
    [ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] && ok "a CJK font is installed (fonts-noto-cjk)" || notok "a CJK font is installed (fonts-noto-cjk)"
fi
CHROME=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
if [ -z "$CHROME" ]; then
    notok "headless Chromium renders the HTML" "chromium not found (Debian package chromium)"
else
    UD=$(mktemp -d)
    timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$UD" \
        --hide-scrollbars --window-size=900,2200 --screenshot="$TMP/progress.png" "file://$TMP/progress.html" >/dev/null 2>&1
    rm -rf "$UD"
    stats=$($PY tests/reports/pngstat.py "$TMP/progress.png" 2>&1)
    set -- $stats
    # 900 x 2200 = 1 980 000 pixels.  The page printed above holds about
    # 300 000 inked pixels (text, borders, bars) and 20 000 coloured ones
    # (status cells, charts); a blank page holds none.
    if [ "${3:-0}" -gt 50000 ] 2>/dev/null; then ok "the rendered page has text and lines ($3 inked pixels)"; else notok "the rendered page has text and lines" "$stats"; fi
    if [ "${4:-0}" -gt 2000 ] 2>/dev/null; then ok "and colour: status cells and charts ($4 coloured pixels)"; else notok "and colour: status cells and charts" "$stats"; fi
fi

# --- choosing formats and reports
expect "--list names the bundled reports" 0 "progress" "规划实施监测" "midterm" "中期评估" "projection" "plan" "rollup" -- $ZB report --list
expect "the format from -o's extension; an unknown one is bad usage" 2 "无法从文件名“$TMP/x.doc”判断格式" -- \
    $ZB report progress --data $Q -o "$TMP/x.doc"
expect "--format wins over the extension" 0 "已写入" -- $ZB report progress --data $Q -o "$TMP/x.txt" --format md -q
head -1 "$TMP/x.txt" | grep -q '^# ' && ok "and writes Markdown" || notok "and writes Markdown"
expect "xlsx needs a file" 2 "xlsx 格式需要用 -o 指定文件" -- $ZB report progress --data $Q --format xlsx
expect "without -o: text on the terminal" 0 "七星关区“十三五”规划实施监测报告" "［图 1　任务进度与时间进度（2020年）：见 HTML 版］" -- \
    $ZB report progress --data $Q
expect "an unknown report is bad usage" 2 "找不到报表“nope”" -- $ZB report nope --data $Q
expect "an unknown region is bad usage (report.fail)" 2 "数据集中没有地区代码“999999”" -- $ZB report progress --data $Q --region 999999
expect "an unknown plan lists the plans" 2 "没有规划“nope”；可选：qxg-13fyp, qxg-14fyp" -- $ZB report progress --data $Q --plan nope
expect "--data is required" 2 "需要 --data" -- $ZB report progress
expect "a bad --year is bad usage" 2 "不是 1900—2200 之间的年份" -- $ZB report progress --data $Q --year 20x0
printf 'return {title = "坏", build = function() error("boom") end}\n' > "$TMP/bad.lua"
expect "a failing report script is exit 1 with a traceback" 1 "boom" "stack traceback" -- $ZB report "$TMP/bad.lua" --data $Q
printf 'return 42\n' > "$TMP/shape.lua"
expect "a script that is not a report says what it should return" 1 "报表脚本应返回" -- $ZB report "$TMP/shape.lua" --data $Q
# 2020 is the 14th plan's base year: time share 0, nothing to assess yet (37 targets).
$ZB report progress --data $Q --plan qxg-14fyp --year 2020 -q -o "$TMP/p14.md" >/dev/null
grep -q "可评估的 0 项中：无；另有 37 项无法评估" "$TMP/p14.md" && ok "the 14th plan in its base year: nothing assessable yet" \
    || notok "the 14th plan in its base year: nothing assessable yet" "$(grep 可评估 "$TMP/p14.md")"
expect "a real mid-term: 毕节市 2023, urbanisation 45 against 50 (2021 base 43.3)" 0 \
    "时间进度 50%" "常住人口城镇化率：2023 年为 45.0%，目标为“50%以上”，距目标还差 5.0 个百分点；任务进度 25%，落后时间进度 25 个百分点" -- \
    $ZB report midterm --data datasets/guizhou --region 520500 --plan bijie-hqd-plan --year 2023
expect "English" 0 "implementation monitoring" "Progress" -- $ZB --lang en report progress --data $Q

# --- JSON: every report parses, every row has every column (null when empty)
# A nil cell used to shift the keys of a row ("reported": "gap") or crash
# the writer (progress, midterm).
json_check() { # LABEL FILE CHECKS...
    label=$1; file=$2; shift 2
    out=$($PY tests/reports/check_json.py "$file" $n "$label" "$@" 2>&1)
    printf '%s\n' "$out"
    n=$((n + $(printf '%s\n' "$out" | grep -c '^\(not \)\?ok ')))
}
for r in progress midterm projection plan; do
    $ZB report $r --data $Q --format json > "$TMP/$r.json" 2>"$TMP/$r.err" || notok "report $r --format json exits 0" "$(tail -3 "$TMP/$r.err")"
done
# GDP: progress (500.06 - 290.58) / (509 - 290.58) = 0.959 -> 96; pace
# (500.06 / 290.58)^(1/5) - 1 = 11.47 %; the plan is over, so no pace needed
# (null); the target "509" is text as the plan prints it.  The 14th plan's
# 800 from 500.06 in 5 years needs (800 / 500.06)^(1/5) - 1 = 9.85 %.
json_check "progress JSON" "$TMP/progress.json" 'progress:1:base=290.58' 'progress:1:target="509"' \
    'progress:1:progress=96' 'progress:1:actual=11.47' 'progress:1:required=null' 'progress:1:status="missed"' \
    'progress:1:status_label="未实现"' 'next_plan:1:implied=9.85'
json_check "midterm JSON" "$TMP/midterm.json" 'evaluation:1:value=500.06' 'evaluation:1:progress=96'
# Trend of two points: 500.06 x (500.06 / 290.58) = 860.55 in 2025; the 5 %
# scenario to 2035: 500.06 x 1.05^15 = 1039.59.
json_check "projection JSON" "$TMP/projection.json" 'projection:1:at_target=860.55' 'projection:1:s1=1039.59'
json_check "plan JSON" "$TMP/plan.json" 'plan:1:base=500.06' 'plan:1:target="800"' 'plan:1:growth="10左右"'
$ZB report rollup --data $B --format json > "$TMP/rollup.json"
# 毕节市 GDP 2020 has no reported figure: reported, gap and relative gap are
# null and the row keeps its keys.  Resident population 2021: the counties
# add up to 684.5 = the reported 684.5, so the gap is 0 (not -1.1e-13).
json_check "rollup JSON" "$TMP/rollup.json" 'rollup:1:reported=null' 'rollup:1:gap=null' 'rollup:1:rel=null' \
    'rollup:1:coverage="10/10"' 'rollup:1:status="complete"' 'rollup:5:computed=684.5' 'rollup:5:gap=0' 'rollup:5:rel=0' \
    'rollup:4:coverage="8/10"' 'rollup:4:status="partial"'
$ZB report midterm --data datasets/guizhou --region 520500 --plan bijie-hqd-plan --year 2023 --format json > "$TMP/mid-gz.json"
json_check "毕节 midterm JSON" "$TMP/mid-gz.json" 'evaluation:1:value=null' 'evaluation:1:status="not_assessable"'

# --- -o - is stdout, as for every other command
ROOT=$(pwd)
case $ZB in /*) ZBABS=$ZB ;; *) ZBABS=$ROOT/$ZB ;; esac
( mkdir -p "$TMP/dash" && cd "$TMP/dash" && "$ZBABS" report plan --data "$ROOT/$Q" -o - --format csv -q > out.txt 2>err.txt; echo $? > rc )
if [ "$(cat "$TMP/dash/rc")" = 0 ] && [ ! -e "$TMP/dash/-" ] && grep -q '^1,经济建设,地区生产总值(GDP),亿元,500.06,800,10左右,预期性' "$TMP/dash/out.txt" \
    && [ "$(head -c 6 "$TMP/dash/out.txt")" = "序号" ]; then
    ok "-o - writes the CSV to stdout (no BOM, as other commands) and no file named -"
else
    notok "-o - writes the CSV to stdout and no file named -" "$(ls "$TMP/dash"; cat "$TMP/dash/err.txt")"
fi
expect "-o - with xlsx is refused: a workbook is binary" 2 "不能写到标准输出" -- $ZB report plan --data $Q -o - --format xlsx

# --- float noise: the workbook stores 0, not -1.1e-13 (Excel's "-0.00")
$ZB report rollup --data $B -o "$TMP/noise/rollup.xlsx" -q >/dev/null
out=$($PY - "$TMP/noise/rollup.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
head = [c.value for c in ws[1]]
row = [c.value for c in ws[6]]            # 常住人口 2021: 684.5 rolled up and reported
gap, rel, val = row[head.index("差值")], row[head.index("相对差（%）")], row[head.index("汇总值")]
tot = [r for r in wb.worksheets[1].iter_rows(values_only=True) if r[0] and "汇总" in str(r[0])][0]
noisy = [c.coordinate for s in wb.worksheets for r in s.iter_rows() for c in r
         if isinstance(c.value, float) and len(repr(c.value)) > 14]
print(row[0], row[1], val, gap, rel, tot[3], noisy)
PY
)
[ "$out" = "常住人口 2021 684.5 0 0 684.5 []" ] && ok "rollup XLSX: 684.5, gap 0 and no float noise in any cell" \
    || notok "rollup XLSX: 684.5, gap 0 and no float noise in any cell" "$out"

# --- the region listing names every region with targets (520100 too)
expect "several regions with targets: all listed, 贵阳市 included" 2 "520500（毕节市）" "520000（贵州省）" "520100（贵阳市）" -- \
    $ZB report progress --data datasets/guizhou
# --- parameters: author on the title page in text and XLSX; unknown ones warned about
expect "--param author= appears in text" 0 "七星关区发展和改革局 · 2024年6月" -- \
    $ZB report plan --data $Q --param author=七星关区发展和改革局 --param date=2024年6月
expect "--param nosuch= is warned about, naming what the report takes" 0 "没有参数“nosuch”" "可用的参数：author、date" -- \
    $ZB report plan --data $Q --param nosuch=1
expect "projection names its own parameters" 0 "可用的参数：author、date、half_life、rates" -- \
    $ZB report projection --data $Q --param rate=5
$ZB report plan --data $Q -o "$TMP/author.xlsx" -q --param author=七星关区发展和改革局 >/dev/null
out=$($PY -c 'import sys, openpyxl; ws = openpyxl.load_workbook(sys.argv[1])["说明"]; print([r for r in ws.iter_rows(values_only=True) if r[0] == "编制单位"])' "$TMP/author.xlsx")
[ "$out" = "[('编制单位', '七星关区发展和改革局')]" ] && ok "and in the XLSX 说明 sheet" || notok "and in the XLSX 说明 sheet" "$out"

# --- a plan with two target years: a column each; attributes not stated
# 贵州省新型城镇化方案: 54 targets of 贵州省 = 27 indicators x 2023 and 2025,
# no attribute in the plan or the indicator table.
expect "plan report: a column per target year, counts per indicator" 0 \
    "贵州省（520000）　目标年份 2023、2025年" "2023年目标" "2025年目标" "指标 27项　约束性 0项　预期性 0项　属性未标明 27项" -- \
    $ZB report plan --data datasets/guizhou --plan gz-urban-2023 --format text
$ZB report plan --data datasets/guizhou --plan gz-urban-2023 --format text > "$TMP/gzplan.txt"
grep -q '^ *1  城镇化 *常住人口城镇化率 *% *56%以上 *60%左右 *未标明$' "$TMP/gzplan.txt" \
    && ok "and one row holds both targets of an indicator" || notok "and one row holds both targets of an indicator" "$(sed -n 7,9p "$TMP/gzplan.txt")"
# plan_table: the same, with 贵阳市's 3 indicators (6 targets) as rows of their own: 27 + 3 = 30.
$ZB run plan_table --data datasets/guizhou gz-urban-2023 > "$TMP/gztable.txt"
head -2 "$TMP/gztable.txt" | tail -1 | grep -q '2023年 *2025年' && grep -q '贵州省 *常住人口城镇化率 *% *56%以上 *60%左右 *未标明$' "$TMP/gztable.txt" \
    && grep -q '贵阳市 *人才资源总量 *万人 *130万人 *150万人 *未标明$' "$TMP/gztable.txt" \
    && grep -q '共 30 项指标（约束性 0 项，预期性 0 项，属性未标明 30 项）' "$TMP/gztable.txt" \
    && ok "plan_table: a column per target year, a row per indicator and region" || notok "plan_table: a column per target year" "$(head -5 "$TMP/gztable.txt"; tail -2 "$TMP/gztable.txt")"

# --- mid-term prose keeps the precision of the data (synthetic 2023 figure)
# 常住人口城镇化率 57.2 in 2023 (added here, not in the dataset), 14th-plan
# target 60左右 from 54 in 2020: the gap is 60 - 57.2 = 2.8 points (not 3,
# from 57 rounded first); the pace (57.2 - 54) / 3 = 1.067 a year reaches
# 57.2 + 2 x 1.067 = 59.3 in 2025.
cp -r $Q "$TMP/q57"
echo '520502,urbanization_rate,2023,57.2,actual,,synthetic: test_report.sh,' >> "$TMP/q57/observations.csv"
expect "midterm: 57.2 is not shown as 57, the gap is 2.8 points" 0 \
    "常住人口城镇化率：2023 年为 57.2%，目标为“60左右”，距目标还差 2.8 个百分点" "照此到 2025 年约为 59.3%" "| 常住人口城镇化率 | % | 60左右 | 57.2 |" -- \
    $ZB report midterm --data "$TMP/q57" --plan qxg-14fyp --year 2023 --format md
# The progress report of that plan (2023, nothing observed yet): each
# target under its own year, the period named by its target years.
$ZB report progress --data datasets/guizhou --plan gz-urban-2023 --year 2023 > "$TMP/gzprog.txt"
grep -q '（目标年份 2023、2025年）共设主要指标 27 项、目标 54 个' "$TMP/gzprog.txt" \
    && grep -q '^ *1  常住人口城镇化率 *% *— *2023  56%以上 ' "$TMP/gzprog.txt" \
    && grep -q '^ *2  常住人口城镇化率 *% *— *2025  60%左右 ' "$TMP/gzprog.txt" \
    && ok "progress report: a target-year column when a plan has several" \
    || notok "progress report: a target-year column when a plan has several" "$(sed -n 5,14p "$TMP/gzprog.txt")"
