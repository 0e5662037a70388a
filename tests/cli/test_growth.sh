#!/bin/sh
# Command-line tests of progress, consistency and project on the 七星关区
# tables: findings chosen from the data, with the figures worked out by hand
# in the comments.  Prints TAP-style ok / not ok lines.
. tests/cli/lib.sh
D=datasets/qixingguan

# row NAME FILE KEY PATTERN...  the first line of FILE containing KEY must
# contain every PATTERN (one table row, not anywhere in the output).
row() {
    name=$1; file=$2; key=$3; shift 3
    line=$(grep -F -- "$key" "$file" | head -1)
    for p in "$@"; do
        case "$line" in
            *"$p"*) ;;
            *) notok "$name" "row: $line
missing: $p"; return ;;
        esac
    done
    ok "$name"
}

# --- progress: the 13th plan checked in its end year
$ZB progress --data $D --year 2020 > "$TMP/p13.txt" 2>&1
rc=$?
[ $rc -eq 1 ] && ok "progress 2020 exits 1: a binding indicator missed its target" || notok "progress 2020 exit status" "exit $rc"
# GDP: 500.06 against 509; (500.06 - 290.58) / (509 - 290.58) = 209.48 / 218.42 = 96 %;
# (500.06 / 290.58)^(1/5) - 1 = 11.47 % nominal; the plan reports 11.5, planned 12.
row "GDP 2020 against the 13th plan's 509: 96 %, missed" "$TMP/p13.txt" "地区生产总值(GDP)" \
    "290.58" "509" "500.06" "96%" "11.47%（名义）" "11.50%" "12%" "未实现"
# 城镇化率: 47 -> 54 of 56: 7 / 9 = 78 %, +7 / 5 = +1.40 points a year.
row "城镇化率 2020: 78 %, +1.40 points a year, missed" "$TMP/p13.txt" "常住人口城镇化率" "78%" "+1.40点" "未实现"
# 农村居民可支配收入: (11378 - 7116) / (13000 - 7116) = 72 %; (11378 / 7116)^(1/5) - 1 = 9.84 %.
row "农村居民可支配收入 2020: 72 %, 9.84 % nominal against 12.5 %" "$TMP/p13.txt" "农村居民可支配收入" \
    "72%" "9.84%（名义）" "9.80%" "12.5%" "未实现"
row "第三产业增加值 279.15 beat 252: achieved" "$TMP/p13.txt" "第三产业增加值" "279.15" "252" "已实现"
expect "progress 2020 lists the binding miss and why rows cannot be assessed" 1 \
    "七星关区“十三五”规划（2015—2020 年），七星关区，监测年份 2020" \
    "已实现 14 项，未实现 13 项，无法评估 9 项" \
    "亿元地区生产总值生产安全事故死亡率：基期已达到目标，监测年份不再达到（2020 年 0.050，目标 0.02人/亿元）" \
    "固定资产投资：2020 年没有数值" "单位GDP能耗：目标为文字表述：控制在国家下达的指标范围内" \
    "由现价总量计算，含价格因素" -- \
    $ZB progress --data $D --year 2020
expect "progress in English" 1 "11.47% nominal" "missed" "not assessable, and why:" "Fixed-asset investment" -- \
    $ZB --lang en progress --data $D --year 2020
expect "progress of one binding indicator that met its target exits 0" 0 "城镇登记失业率" "已实现" -- \
    $ZB progress --data $D --year 2020 --indicator unemployment_rate_urban
expect "the 14th plan in its base year: nothing to assess yet, said plainly" 0 \
    "七星关区“十四五”规划（2020—2025 年）" "监测年份 2020 不晚于规划基期，尚无可评估的数据" "zhibiao consistency" -- \
    $ZB progress --data $D --plan qxg-14fyp
out=$($ZB progress --data $D --year 2020 --indicator gdp --format json)
case "$out" in
    *'"verdict": "missed"'*'"severity": "warning"'*) ;;
    *) out="x$out" ;;
esac
case "$out" in
    '['*'"indicator": "gdp"'*'"goal": 509,'*'"progress_pct": 95.9,'*'"actual_rate": 11.47, "actual_basis": "nominal", "reported_rate": 11.50, "reported_source": "plan", "stated": 12.00'*)
        ok "progress --format json: numbers as numbers, the basis of each rate named" ;;
    *) notok "progress --format json: numbers as numbers, the basis of each rate named" "$out" ;;
esac
$ZB progress --data $D --year 2020 --format csv -o "$TMP/p.csv" 2> "$TMP/err.txt"
bom=$(head -c 3 "$TMP/p.csv" | od -An -tx1 | tr -d ' ')
[ "$bom" = "efbbbf" ] && ok "progress -o FILE.csv starts with a UTF-8 BOM for Excel" || notok "BOM" "$bom"
row "the CSV has the GDP row with its verdict code" "$TMP/p.csv" "qxg-13fyp,520502,七星关区,gdp," "290.58,2020,509,509,2020,500.06" ",missed,未实现,warning,"
expect "-o reports the file and row count on stderr" 0 "p.csv（36 行）" -- cat "$TMP/err.txt"
expect "a bad year is bad usage, exit 2" 2 "--year 的值“20x0”无效" -- $ZB progress --data $D --year 20x0
expect "an unknown indicator is bad usage, exit 2" 2 "未知的指标代码“gpd”" -- $ZB progress --data $D --indicator gpd
expect "an unknown plan is bad usage, exit 2" 2 "未知的规划代码“qxg-15fyp”" -- $ZB progress --data $D --plan qxg-15fyp
# --indicator takes a comma list, as rollup's does: the three named rows and
# no other (第一产业增加值 is the table's second row); 1 achieved
# (unemployment 4.03 within 4.1), 2 missed (GDP 96 %, urbanisation 78 %).
out=$($ZB progress --data $D --year 2020 --indicator gdp,urbanization_rate,unemployment_rate_urban 2>&1)
case "$out" in
    *第一产业增加值*) notok "progress --indicator a,b,c: only the listed indicators" "$out" ;;
    *地区生产总值*常住人口城镇化率*城镇登记失业率*"已实现 1 项，未实现 2 项"*)
        ok "progress --indicator a,b,c: only the listed indicators" ;;
    *) notok "progress --indicator a,b,c: only the listed indicators" "$out" ;;
esac
out=$($ZB project --data $D --indicator gdp,urbanization_rate 2>&1)
case "$out" in
    *第一产业增加值*) notok "project --indicator a,b: two series" "$out" ;;
    *"860.55"*"61"*"共测算 2 个序列"*) ok "project --indicator a,b: two series" ;;
    *) notok "project --indicator a,b: two series" "$out" ;;
esac
expect "consistency --indicator a,b: GDP consistent, rural income 7.13% against 9% not" 0 \
    "农村居民可支配收入" "-1.87" "核对 4 项" -- $ZB consistency --data $D --indicator gdp,income_rural
# Typed with a Chinese input method: ， and 、 between the codes read as ","
a=$($ZB progress --data $D --year 2020 --indicator gdp,urbanization_rate,unemployment_rate_urban 2>&1)
b=$($ZB progress --data $D --year 2020 --indicator 'gdp，urbanization_rate、unemployment_rate_urban' 2>&1)
[ -n "$a" ] && [ "$a" = "$b" ] && ok "--indicator with full-width and enumeration commas lists the same rows" \
    || notok "--indicator with full-width and enumeration commas lists the same rows" "$b"
# A near code, or the name typed for the code, is offered: gpd is two edits
# from gdp; 地区生产总值 is gdp's name without its bracket; 七星关区 is
# 520502's name; xyz is near nothing and gets no guess.
expect "a misspelt indicator code: the near one offered" 2 "未知的指标代码“gpd”（见 indicators.csv；是不是 gdp（地区生产总值(GDP)）？）" -- \
    $ZB progress --data $D --indicator gpd
expect "an indicator's name typed for its code: the code offered" 2 "是不是 gdp（地区生产总值(GDP)）？" -- \
    $ZB project --data $D --indicator 地区生产总值
expect "a region's name typed for its code: the code offered" 2 "未知的地区代码“七星关区”（见 regions.csv；是不是 520502（七星关区）？）" -- \
    $ZB consistency --data $D --region 七星关区
out=$($ZB progress --data $D --indicator xyz 2>&1)
case "$out" in *是不是*) notok "a code near nothing gets no guess" "$out" ;; *"未知的指标代码“xyz”（见 indicators.csv）"*) ok "a code near nothing gets no guess" ;; *) notok "a code near nothing gets no guess" "$out" ;; esac
expect "the misspelt code of a list is named alone, exit 2" 2 "未知的指标代码“gdx”" -- \
    $ZB progress --data $D --indicator gdp,gdx
expect "--indicator with no code is bad usage, exit 2" 2 "--indicator 后面应是指标代码" -- \
    $ZB project --data $D --indicator ,
# A plan just imported has its base-year figures only: 2020 is qxg-14fyp's
# base year, so there is nothing to assess yet, said plainly with exit 0
# (not "no plan covers 2020"); JSON readers get an empty array.
$ZB import tests/import/qxg-14fyp.gbk.csv --encoding gbk --to "$TMP/imported" --plan qxg-14fyp \
    --region 520502 --indicators $D >/dev/null 2>&1
expect "progress on a plan just imported: its base year, nothing to assess yet, exit 0" 0 \
    "监测年份 2020 是规划 qxg-14fyp 的基期，尚无可评估的数据" -- $ZB progress --data "$TMP/imported"
out=$($ZB progress --data "$TMP/imported" --format json 2>/dev/null); rc=$?
[ "$out" = "[]" ] && [ $rc -eq 0 ] && ok "the same as JSON: an empty array, exit 0" || notok "the same as JSON: an empty array, exit 0" "rc=$rc $out"
# 2030 lies in no plan (qxg-13fyp 2015-2020, qxg-14fyp 2020-2025, from
# targets.csv): bad usage, with the periods to choose from, and no table.
out=$($ZB progress --data $D --year 2030 2>&1); rc=$?
case "$out" in
    *指标*单位*) notok "progress in a year no plan covers: no empty table" "$out" ;;
    *"2030 年没有可监测的规划目标；数据中的规划期：qxg-13fyp 2015—2020，qxg-14fyp 2020—2025"*)
        [ $rc -eq 2 ] && ok "progress in a year no plan covers: exit 2 naming the plans' periods" \
            || notok "progress in a year no plan covers: exit status" "exit $rc" ;;
    *) notok "progress in a year no plan covers: exit 2 naming the plans' periods" "$out" ;;
esac

# --- consistency: stated growth against what base and target imply
$ZB consistency --data $D > "$TMP/c.txt" 2>&1
# (120 / 83.73)^(1/5) - 1 = 7.46 % against 10左右: a gap of -2.54 points.
row "规模以上工业增加值 (14th): 7.46 % implied against 10 % about" "$TMP/c.txt" "qxg-14fyp  规模以上工业增加值" \
    "83.73" "120" "10%左右" "7.46%（名义）" "-2.54" "不一致"
# (16059 / 11378)^(1/5) - 1 = 7.13 % against 9.
row "农村居民可支配收入 (14th): 7.13 % against 9 %" "$TMP/c.txt" "qxg-14fyp  农村居民可支配收入" "7.13%（名义）" "-1.87" "不一致"
# R&D share 0.15 -> 0.52 with "20%": 3.4667^(1/5) - 1 = 28.23 %, not nominal (a share).
row "R&D share (14th): 28.23 % against 20 %" "$TMP/c.txt" "全社会R&D占GDP比重" "28.23%" "+8.23" "不一致"
# (800 / 500.06)^(1/5) - 1 = 9.85 % against 10左右: within 0.5.
row "GDP (14th): 9.85 % against 10 % about, consistent" "$TMP/c.txt" "qxg-14fyp  地区生产总值(GDP)" "9.85%（名义）" "-0.15" "一致"
# 高效农业面积比重 (7.95 - 4.55) / 5 = 0.68 points a year, as stated.
row "高效农业面积比重 (13th): +0.68 points a year as stated" "$TMP/c.txt" "高效农业面积比重" "+0.68点" "+0.00" "一致"
expect "consistency summary: 23 checked, 6 inconsistent, each named" 0 \
    "核对 23 项（基期值、目标值与年均增速俱全），不一致 6 项" \
    "qxg-13fyp 规模以上工业增加值：由基期值与目标值推算年均增长 6.35%（现价，名义），规划为 12.5%，相差 -6.15 个百分点" -- \
    cat "$TMP/c.txt"
expect "consistency of the 14th plan: 3 of 10" 0 "核对 10 项" "不一致 3 项" -- $ZB consistency --data $D --plan qxg-14fyp
# Gaps 13th: -2.41, -6.15, +1.94; 14th: -2.54, -1.87, +8.23: above 3 points only -6.15 and +8.23.
expect "--tolerance 3 leaves the two largest gaps" 0 "不一致 2 项；容差 3 个百分点" -- $ZB consistency --data $D --tolerance 3
expect "consistency in English" 0 "inconsistent" "checked 23 targets" -- $ZB --lang en consistency --data $D
out=$($ZB consistency --data $D --plan qxg-14fyp --indicator rd_intensity --format json)
case "$out" in
    *'"implied": 28.23, "gap": 8.23, "consistent": false'*) ok "consistency JSON: a number without +, a boolean" ;;
    *) notok "consistency JSON: a number without +, a boolean" "$out" ;;
esac
expect "--all lists what cannot be checked and why" 0 "无法核对" "未给出年均增速" -- $ZB consistency --data $D --all

# --- project: where the trend leads
$ZB project --data $D > "$TMP/j.txt" 2>&1
# 500.06 · 1.1146827^5 = 860.55 in 2025 (>= 800); · ^15 = 2548.54 in 2035.
row "GDP's trend: 11.47 % nominal, 860.55 in 2025 (meets 800), 2548.54 in 2035" "$TMP/j.txt" "地区生产总值(GDP)" \
    "11.47%（名义）" "2025" "800" "860.55" "能" "2548.54"
# 24614 -> 36148: 7.99 % a year; 36148 · 1.0799^5 = 53087 < 53458.
row "城镇居民可支配收入's trend falls short of 53458" "$TMP/j.txt" "城镇居民可支配收入" "7.99%（名义）" "53087" "不能"
# 85.65 -> 91.82: +1.234 a year would be 110.3 in 2035: held at 100.
row "高中阶段教育毛入学率 is held at 100 %" "$TMP/j.txt" "高中阶段教育毛入学率" "+1.23点" "100.00*"
expect "project names the series it could not project" 0 "共测算 28 个序列" \
    "只有一个年份的数值，定不出趋势（21 项）：固定资产投资、固定资产投资增速、" "线性趋势越过 0 或 100%，按边界计" -- cat "$TMP/j.txt"
out=$($ZB project --data $D --indicator gdp --rates 6,8,10 --format json)
# 500.06 · 1.06^15 = 1198.42, · 1.08^15 = 1586.27, · 1.10^15 = 2088.87
case "$out" in
    *'"pace": 11.47, "pace_basis": "nominal"'*'"meets_target": true'*'"scenario_low": 1198.42, "scenario_base": 1586.27, "scenario_high": 2088.87}'*)
        ok "project --rates: scenarios in JSON" ;;
    *) notok "project --rates: scenarios in JSON" "$out" ;;
esac
expect "project --to 2030 --rates in English" 0 "2030 at 6%" "2030 trend" "nominal" -- \
    $ZB --lang en project --data $D --to 2030 --rates 6
expect "project of an unknown region is bad usage" 2 "未知的地区代码“999999”" -- $ZB project --data $D --region 999999
expect "too many scenario rates is bad usage" 2 "--rates 的值“1,2,3,4”无效" -- $ZB project --data $D --rates 1,2,3,4

# --- a malformed number in a target: the file line and the character, no guessing
mkdir -p "$TMP/typo"
cp $D/*.csv "$TMP/typo/"
sed 's/,4\.2以内,/,4..2以内,/' $D/targets.csv > "$TMP/typo/targets.csv"
# 城镇登记失业率 is on line 53 of targets.csv; its target cell starts at
# column 75 ("qxg-14fyp,七星关区“十四五”规划,520502,unemployment_rate_urban,2020,4..03,4.03,2025,"
# is 74 characters) and "4..2以内" goes wrong at its third character: 77.
# Bad data: the loader reports it at its place (as `zhibiao validate`
# does), and the command refuses the dataset, exit 2.
expect "a malformed target is an error at targets.csv:LINE:COL, exit 2" 2 \
    "$TMP/typo/targets.csv:53:77: 错误: 目标“4..2以内”中的数字有误：多余的小数点" \
    "zhibiao progress：数据集 $TMP/typo 有错误（详见 zhibiao validate）" -- \
    $ZB progress --data "$TMP/typo" --plan qxg-14fyp --year 2021
expect "validate reports the malformed target at the same place" 2 \
    "$TMP/typo/targets.csv:53:77: 错误: 目标“4..2以内”中的数字有误" "结果：1 个错误" -- \
    $ZB validate "$TMP/typo"
expect "consistency names the malformed target too, exit 2" 2 \
    "$TMP/typo/targets.csv:53:77: 错误: 目标“4..2以内”" -- \
    $ZB consistency --data "$TMP/typo"
expect "project names the malformed target too, exit 2" 2 \
    "$TMP/typo/targets.csv:53:77: 错误: 目标“4..2以内”" -- \
    $ZB project --data "$TMP/typo"
# A growth text 1x2 (GDP, line 38: "qxg-14fyp,七星关区“十四五”规划,520502,gdp,2020,500.06,,2025,800,"
# is 55 characters, so 1x2 starts at 56 and its x is at 57): malformed, not missing.
mkdir -p "$TMP/typo2"
cp $D/*.csv "$TMP/typo2/"
sed '38s/,800,10左右,/,800,1x2,/' $D/targets.csv > "$TMP/typo2/targets.csv"
expect "consistency --all: a growth 1x2 is malformed, with its column, exit 2" 2 \
    "$TMP/typo2/targets.csv:38:57: 错误: 年均增速“1x2”从第 2 个字符起不是数字" -- \
    $ZB consistency --data "$TMP/typo2" --all
out=$($ZB consistency --data "$TMP/typo2" --all 2>&1)
case "$out" in
    *"地区生产总值(GDP)：未给出年均增速"*) notok "1x2 is not reported as a missing growth" "$out" ;;
    *) ok "1x2 is not reported as a missing growth" ;;
esac

# --- targets without a base: only the target year is judged
# 毕节市's 2024 government work report sets 2024 targets with no base; the
# data ends in 2023.  营造林面积 142.81 (万亩, 2023) against 40万亩 for 2024
# is a flow of another year: not "已实现", not assessable, as the growth
# targets of the same plan.
G=datasets/guizhou
$ZB progress --data $G --plan bijie-2024-gwr > "$TMP/gwr.txt" 2>&1
row "营造林面积 of 2023 is not judged against 2024's 40万亩" "$TMP/gwr.txt" "营造林面积" "40万亩" "142.81" "无法评估"
row "石漠化治理面积 285.8 is not judged against 2024's 150" "$TMP/gwr.txt" "石漠化治理面积" "无法评估"
row "水土流失治理面积 690 is not judged against 2024's 690" "$TMP/gwr.txt" "水土流失治理面积" "无法评估"
row "工业投资占比 40.6 is not judged against 2024's 40%以上" "$TMP/gwr.txt" "工业投资占比" "无法评估"
expect "no 2024 target is achieved in 2023; the reason names both years" 0 \
    "目标年份为 2024 年，2023 年不评估（无基期值）（7 项）" "营造林面积、石漠化治理面积、水土流失治理面积" -- cat "$TMP/gwr.txt"
# (the verdict is the last column; the summary would count "已实现 N 项")
if grep -qE '已实现$|已实现 [0-9]+ 项' "$TMP/gwr.txt"; then
    notok "nothing of the 2024 report is 已实现 in 2023" "$(grep -E '已实现$|已实现 [0-9]+ 项' "$TMP/gwr.txt")"
else
    ok "nothing of the 2024 report is 已实现 in 2023"
fi

# --- the target with its unit: as printed, the unit only where missing
# A copy of the 七星关区 data with a 2023 unemployment rate of 4.5 (a test
# figure): 4.03 met 4.2以内 at the base, 4.5 does not: binding, exit 1.
mkdir -p "$TMP/p2023"
cp $D/*.csv "$TMP/p2023/"
printf '520502,unemployment_rate_urban,2023,4.5,actual,,test figure,\n' >> "$TMP/p2023/observations.csv"
expect "the failing note shows 4.2以内（%）, not 4.2以内%" 1 \
    "城镇登记失业率：基期已达到目标，监测年份不再达到（2023 年 4.50，目标 4.2以内（%））" -- \
    $ZB progress --data "$TMP/p2023" --plan qxg-14fyp --year 2023
out=$($ZB progress --data "$TMP/p2023" --plan qxg-14fyp --year 2023 2>&1)
case "$out" in
    *"4.2以内%"*) notok "no unit after the qualifier" "$out" ;;
    *) ok "no unit after the qualifier" ;;
esac

# --- paces in the indicator's unit: points only for %
# 亿元GDP死亡率 0.007 (2015) -> 0.050 (2020): (0.050 - 0.007) / 5 = 0.0086 人/亿元 a year.
row "亿元GDP死亡率's pace is in 人/亿元 a year, not 点" "$TMP/p13.txt" "亿元地区生产总值生产安全事故死亡率" "+0.0086 人/亿元/年"
# 失业率 4.10 -> 4.03: -0.014 points a year (two significant digits, not -0.01).
row "城镇登记失业率: -0.014 points a year" "$TMP/p13.txt" "城镇登记失业率" "-0.014点"

# --- consistency: how many were not checked, and with --all which and why
# 73 targets: 23 checked; 49 have no growth text (empty or ——) and 1 is a
# growth indicator (固定资产投资增速): 50 not checked.
expect "the footer counts the targets not checked" 0 \
    "另有 50 项缺少其中一项或无法核对，未列出（--all 列出并说明原因）" -- $ZB consistency --data $D
expect "--all lists them under the table, grouped by reason" 0 \
    "另有 50 项未核对，原因如下。" "未核对的目标及原因：" "未给出年均增速（49 项）：qxg-13fyp 三次产业结构" \
    "qxg-14fyp 固定资产投资增速：增速、降低率和结构指标没有可推算的年均增速" -- $ZB consistency --data $D --all

# --- project: scenarios for money only, and a horizon after the data
out=$($ZB project --data $D --rates 6,8,10 2>&1)
# 耕地保有量 13.3104 万公顷 at 10 % for 15 years would be 55.6008: no scenario.
row_line=$(printf '%s\n' "$out" | grep -F "耕地保有量")
case "$row_line" in
    *55.6008*|*31.8991*) notok "耕地保有量 gets no growth scenario" "$row_line" ;;
    *"—           —            —"*) ok "耕地保有量 gets no growth scenario" ;;
    *) notok "耕地保有量 gets no growth scenario" "$row_line" ;;
esac
# 常住人口 116.81 at 10 % would be 487.94; 人均GDP 42892 · 1.1^15 = 179171 stays.
case "$out" in
    *487.94*) notok "常住人口 gets no growth scenario" "$(printf '%s\n' "$out" | grep -F 常住人口)" ;;
    *) ok "常住人口 gets no growth scenario" ;;
esac
row "人均地区生产总值 (元) keeps its scenarios" "$TMP/j.txt" "人均地区生产总值" "205325"
expect "a note under the table says why" 0 "179171" "情景增速是经济总量的增速，不适用于耕地、人口" -- \
    $ZB project --data $D --rates 6,8,10
out=$($ZB project --data $D --indicator cultivated_land --rates 10 --format json)
case "$out" in
    *'"at_horizon": 13.3104, "capped": false, "scenario_base": null}'*) ok "JSON: no scenario value for 耕地保有量" ;;
    *) notok "JSON: no scenario value for 耕地保有量" "$out" ;;
esac
expect "project --to before the last data year is bad usage" 2 \
    "--to 2010 早于数据的最新年份 2020" -- $ZB project --data $D --to 2010
# No base year is an empty cell, not year 0 (nor 2024 - 0 = 2024 years).
out=$($ZB progress --data $G --plan bijie-2024-gwr --indicator afforestation_area --format csv 2>&1)
case "$out" in
    *"营造林面积,万亩,,,,2024,40万亩,40,2023,142.81,"*) ok "progress CSV: no base year, empty cells" ;;
    *) notok "progress CSV: no base year, empty cells" "$out" ;;
esac
out=$($ZB consistency --data $G --plan bijie-2024-gwr --indicator afforestation_area --all --format csv 2>&1)
case "$out" in
    *"营造林面积,万亩,,40万亩,,"*) ok "consistency CSV: no base year, no count of years" ;;
    *) notok "consistency CSV: no base year, no count of years" "$out" ;;
esac
