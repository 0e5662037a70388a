#!/bin/sh
# zhibiao report: the bundled reports on the bundled data, in every format.
# Markdown and CSV against golden files (tests/reports/golden/, written by
# the reports and checked by hand: see the figures below), the XLSX read back
# with openpyxl (tests/reports/check_xlsx.py), the HTML rendered by headless
# Chromium into a PNG that must hold text and colour (tests/reports/pngstat.py).
ZB=${ZB:-./zhibiao}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; [ -n "$2" ] && printf '%s\n' "$2" | head -20 | sed 's/^/#   /'; }
expect() {
    name=$1; want=$2; shift 2
    pats=""
    while [ "$1" != "--" ]; do pats="$pats
$1"; shift; done
    shift
    out=$("$@" 2>&1); got=$?
    if [ "$got" -ne "$want" ]; then notok "$name (exit $got, expected $want)" "$out"; return; fi
    missing=$(printf '%s\n' "$pats" | while IFS= read -r p; do
        [ -z "$p" ] && continue
        printf '%s\n' "$out" | grep -qF -- "$p" || echo "missing: $p"
    done)
    if [ -n "$missing" ]; then notok "$name" "$missing
$out"; else ok "$name"; fi
}
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
grep -q '^1,地区生产总值(GDP),亿元,290.58,509,500.06,96,11.47%,,12.00%,预期性,未实现' $G/progress-520502.csv \
    && grep -q '^12,常住人口城镇化率,%,47,56,54,78,+1.40点,,,预期性,未实现' $G/progress-520502.csv \
    && ok "golden CSV holds the hand-computed GDP and urbanisation rows" || notok "golden CSV holds the hand-computed GDP and urbanisation rows"
# 14 achieved + 13 missed of 27 assessable; 9 not assessable (36 targets)
grep -q "可评估的 27 项中：已实现 14 项，未实现 13 项；另有 9 项无法评估" $G/progress-520502.md \
    && ok "golden Markdown counts 14 achieved, 13 missed, 9 not assessable" || notok "golden Markdown counts"
# 规模以上工业增加值: 112 - 83.73 = 28.27 short; (83.73 / 82.33)^(1/5) - 1 = 0.34 %
grep -q "规模以上工业增加值：规划目标为“112”，2020 年实际为 83.73亿元，距目标还差 28.27亿元；任务进度 5%。2015 年以来年均增长 0.34%，规划年均增长 12.50%。" $G/midterm-520502.md \
    && ok "midterm prose: the gap and the pace of industry" || notok "midterm prose: the gap and the pace of industry"
# 亿元GDP死亡率 is in 人/亿元, not %: its pace (0.050 - 0.007) / 5 = 0.0086
# 人/亿元 a year, never "点" or "个百分点"; 人口自然增长率 in ‰: 4.02 -> 4.29
# is 0.27 / 5 = 0.054 per-mille points (千分点) a year.
grep -q '^36,亿元地区生产总值生产安全事故死亡率,人/亿元,0.007,0.02,0.050,,+0.0086 人/亿元/年,,,约束性,未实现' $G/progress-520502.csv \
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
