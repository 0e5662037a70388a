#!/bin/sh
# Command-line tests of `zhibiao rollup` on the synthetic Bijie county panel
# (datasets/bijie-synthetic), the real Guizhou data, and bad rules.  Prints
# TAP-style ok / not ok lines.  The figures are worked out from
# datasets/bijie-synthetic/observations.csv (see tests/lua/test_rollup.lua).
. tests/cli/lib.sh
REPO=$(pwd)
case "$ZB" in /*) ZBABS=$ZB ;; *) ZBABS="$REPO/$ZB" ;; esac
BJ=datasets/bijie-synthetic

# absent NAME PATTERN TEXT: PATTERN must not occur in TEXT
absent() {
    if printf '%s\n' "$3" | grep -qF -- "$2"; then notok "$1" "$3"; else ok "$1"; fi
}

# --- the demo: the city's figures, coverage, the deliberate gap
# GDP 2021: the 8 counties and 2 zones add up to the reported 2181.50 (gap 0);
# 2020 population: 8 of 10 (the zones have none) = 659.7;
# urbanisation 2023: 300.93 / 682.19 = 44.1 against the reported 45.0: -0.9, -1.97%
expect "rollup on the synthetic Bijie panel: city figures, coverage, the gap" 0 \
    "功能区计入；下级不全时按 partial 处理" \
    "毕节市  地区生产总值                亿元  2021  2181.50  10/10  2181.50  0.00   0.00%" \
    "毕节市  地区生产总值增速（可比价）  %     2021      8.1  10/10" \
    "毕节市  常住人口                    万人  2020    659.7   8/10                         缺 金海湖新区、百里杜鹃管理区" \
    "毕节市  常住人口城镇化率            %     2021     43.3  10/10     43.3   0.0   0.00%" \
    "毕节市  常住人口城镇化率            %     2023     44.1  10/10     45.0  -0.9  -1.97%  含初步数" \
    "毕节市  城镇常住居民人均可支配收入  元    2021    37263  10/10    37263     0   0.00%" \
    "共 11 项，涉及 1 个上级地区" "不全 1 项" -- \
    $ZB rollup --data $BJ

out=$($ZB rollup --data $BJ --compare 2>&1); rc=$?
if [ $rc -eq 1 ] && [ "$(printf '%s\n' "$out" | grep -c '^毕节市')" -eq 1 ] &&
   printf '%s\n' "$out" | grep -qF "常住人口城镇化率  %     2023    44.1  10/10    45.0  -0.9  -1.97%" &&
   printf '%s\n' "$out" | grep -qF "比较 5 项（完整汇总且有上报值），差率绝对值不低于 1.00% 的 1 项"; then
    ok "--compare lists only the urbanisation gap and exits 1"
else
    notok "--compare lists only the urbanisation gap and exits 1 (exit $rc)" "$out"
fi
expect "--compare --threshold 2%: -1.97% is below it, exit 0" 0 "不低于 2.00% 的 0 项" -- \
    $ZB rollup --data $BJ --compare --threshold 2%
expect "--threshold as a fraction" 1 "不低于 1.50% 的 1 项" -- \
    $ZB rollup --data $BJ --compare --threshold 0.015
# A bare number of 1 or more is a percentage: 1.5 is 1.5 %, so the -1.97 %
# gap is listed (read as a fraction, 150 %, nothing would be).
expect "--threshold 1.5 is 1.5 %, not 150 %: the -1.97% gap is listed, exit 1" 1 \
    "常住人口城镇化率  %     2023    44.1  10/10    45.0  -0.9  -1.97%" -- \
    $ZB rollup --data $BJ --compare --threshold 1.5
expect "--threshold 3 is 3 %: -1.97% is below it, exit 0" 0 "只列上报值与汇总值不一致的项" -- \
    $ZB rollup --data $BJ --compare --threshold 3
# A year the data does not have: a message naming its years, exit 2
# (the panel has 2020, 2021 and 2023).
expect "rollup --year 1999: not in the data, its years named, exit 2" 2 \
    "数据中没有 1999 年的数值；数据的年份为 2020、2021、2023" -- \
    $ZB rollup --data $BJ --year 1999
expect "rollup --year 2022: a gap year is not in the data either" 2 "数据中没有 2022 年的数值" -- \
    $ZB rollup --data $BJ --year 2022
out=$($ZB rollup --data $BJ --year 1999 2>&1)
case "$out" in
    *"汇总（"*) notok "no header for a year outside the data" "$out" ;;
    *) ok "no header for a year outside the data" ;;
esac

# --- options
# zones excluded: 2181.50 - 76.35 - 43.63 = 2061.52 from 8 counties, 5.50% short
expect "--zones exclude leaves the zones out, once" 0 "功能区不计入" "2021  2061.52   8/8  2181.50  -119.98  -5.50%" -- \
    $ZB rollup --data $BJ --indicator gdp --year 2021 --zones exclude
out=$($ZB rollup --data $BJ --year 2020 --policy missing 2>&1)
if printf '%s\n' "$out" | grep -F "常住人口" | grep -qF "8/10" && ! printf '%s\n' "$out" | grep -qF "659.7"; then
    ok "--policy missing keeps the 8/10 row without a value"
else
    notok "--policy missing keeps the 8/10 row without a value" "$out"
fi
out=$($ZB rollup --data $BJ --year 2020 --policy skip 2>&1)
absent "--policy skip leaves the 8/10 row out" "8/10" "$out"
expect "--indicator with a ratio brings its operands; --year" 0 "城镇常住人口" "常住人口城镇化率" "共 3 项" -- \
    $ZB rollup --data $BJ --indicator urbanization_rate --year 2023
expect "--lang en" 0 "rollup (2020-2023): zones included; incomplete children: partial" \
    "Urbanization rate of resident population" "missing Jinhaihu New Area, Bailidujuan Administrative Area" -- \
    $ZB --lang en rollup --data $BJ

# --- machine output
$ZB rollup --data $BJ --year 2021 --indicator gdp --format csv -o "$TMP/r.csv" 2>"$TMP/err"
if [ "$(head -c 3 "$TMP/r.csv" | od -An -tx1 | tr -d ' ')" = "efbbbf" ] &&
   grep -qF "520500,毕节市,gdp,地区生产总值,亿元,2021,2181.50,10,10,false,2181.50,0.00,0.00,computed,actual,," "$TMP/r.csv" &&
   grep -qF "已写入 $TMP/r.csv（1 行）" "$TMP/err"; then
    ok "-o FILE --format csv: BOM, one row with code, coverage, reported and gap"
else
    notok "-o FILE --format csv: BOM, one row with code, coverage, reported and gap" "$(cat "$TMP/r.csv" "$TMP/err")"
fi
expect "--format json carries numbers and the missing units" 0 \
    '"indicator": "urbanization_rate", "name": "常住人口城镇化率", "unit": "%", "year": 2023, "value": 44.1, "n": 10, "total": 10, "partial": false, "reported": 45.0, "gap": -0.9, "gap_rel": -1.97' \
    '"year": 2020, "value": 659.7, "n": 8, "total": 10, "partial": true' '"missing": "520500-JHH;520500-BLDJ"' -- \
    $ZB rollup --data $BJ --format json

# --- the real Guizhou data: the province from 毕节市 alone is partial, 1 of 9
expect "guizhou: the province from one city is flagged 1/9 with the missing cities" 0 \
    "贵州省  地区生产总值  亿元  2021  2181.50   1/9" "缺 贵阳市、六盘水市、遵义市等 8 个" -- \
    $ZB rollup --data datasets/guizhou --indicator gdp

expect "--region 520500 on guizhou: 毕节市 has no county figures to roll up" 0 "没有可汇总的数据" -- \
    $ZB rollup --data datasets/guizhou --region 520500

# --- bad usage
expect "an unknown indicator is exit 2" 2 "未知的指标代码“nope”" -- $ZB rollup --data $BJ --indicator nope
expect "an indicator with rule none is exit 2" 2 "指标 forest_cover 的汇总规则是 none" -- \
    $ZB rollup --data datasets/qixingguan --indicator forest_cover
expect "an unknown policy is exit 2" 2 "--policy 的值“some”无效" -- $ZB rollup --data $BJ --policy some
expect "an unknown region is exit 2" 2 "未知的地区代码“999999”" -- $ZB rollup --data $BJ --region 999999
expect "no dataset is exit 2 with the usage" 2 "用法：zhibiao rollup --data 目录" -- $ZB rollup

# --- invalid rules are refused by validate, with file:line:column
mkdir -p "$TMP/bad"
cp $BJ/regions.csv "$TMP/bad/"
# columns: "rate,城镇化率,rate," is 15 characters, so the rule starts at 16;
# "growth,增速,growth," is 17, so 18; "income,收入,percap," is 17, the quote
# is at 18 and the text at 19
cat > "$TMP/bad/indicators.csv" <<'CSV'
code,name,kind,aggregation
gdp,地区生产总值,level,sum
pop,常住人口,level,sum
urban,城镇人口,level,sum
rate,城镇化率,rate,sum
growth,增速,growth,wmean(gdp)
income,收入,percap,"ratio(urban,people,100)"
CSV
expect "validate refuses a summed rate, a misfit rule and an unknown operand at file:line:column" 2 \
    "indicators.csv:5:16: 错误: 指标 rate 是比率，不能用 sum 汇总" \
    "indicators.csv:6:18: 错误: 指标 growth 是增速，不能用 wmean 汇总：增速须按上年总量加权" \
    "indicators.csv:7:19: 错误: 汇总规则引用的指标“people”不存在（指标 income）" \
    "结果：3 个错误" -- \
    $ZB validate "$TMP/bad"
expect "rollup refuses a dataset with bad rules, exit 2" 2 "有错误" -- $ZB rollup --data "$TMP/bad"
mkdir -p "$TMP/set"
cp $BJ/regions.csv $BJ/indicators.csv "$TMP/set/"
printf 'key,value\nrollup_zones,maybe\n' > "$TMP/set/settings.csv"
expect "validate refuses a bad settings value at its column" 2 "settings.csv:2:14: 错误: rollup_zones 的值“maybe”无效" -- \
    $ZB validate "$TMP/set"

# --- the committed synthetic files are exactly what the script makes
mkdir -p "$TMP/gen/out"
if (cd "$TMP/gen" && "$ZBABS" run "$REPO/scripts/synth/bijie_counties.lua" --data "$REPO/datasets/guizhou" out >/dev/null 2>&1); then
    d=""
    for f in regions.csv indicators.csv observations.csv settings.csv; do
        cmp -s "$TMP/gen/out/$f" "$BJ/$f" || d="$d $f"
    done
    [ -z "$d" ] && ok "scripts/synth/bijie_counties.lua regenerates datasets/bijie-synthetic byte for byte" ||
        notok "scripts/synth/bijie_counties.lua regenerates datasets/bijie-synthetic byte for byte" "differs:$d"
else
    notok "scripts/synth/bijie_counties.lua runs" "$(cd "$TMP/gen" && "$ZBABS" run "$REPO/scripts/synth/bijie_counties.lua" --data "$REPO/datasets/guizhou" out 2>&1)"
fi
expect "the synthetic dataset validates, every row with a source" 0 "观测值  113 个" "注明来源 113/113" "结果：0 个错误" -- \
    $ZB validate $BJ

# datasets/qixingguan lists 毕节市 and 贵州省 for context only (settings.csv
# regions_complete = no): its one county summed must not read as a complete
# province, so every cell is partial, said in the note, and the report's
# verdict is 下级不全, never 齐全.
out=$($ZB rollup --data datasets/qixingguan 2>&1); rc=$?
n_cells=$(printf '%s\n' "$out" | grep -c '^贵州省\|^毕节市')
n_flagged=$(printf '%s\n' "$out" | grep '^贵州省\|^毕节市' | grep -c '地区表未列全下级')
case "$out" in
    *"regions_complete = no"*"各项均按不全处理"*) [ $rc -eq 0 ] && [ "$n_cells" -gt 0 ] && [ "$n_cells" -eq "$n_flagged" ] \
        && ok "regions_complete = no: every one of the $n_cells cells flagged, the reason said" \
        || notok "regions_complete = no: every cell flagged" "rc=$rc cells=$n_cells flagged=$n_flagged" ;;
    *) notok "regions_complete = no: every cell flagged" "$out" ;;
esac
out=$($ZB report rollup --data datasets/qixingguan -o "$TMP/qxg-rollup.md" 2>&1)
if grep -q '下级不全' "$TMP/qxg-rollup.md" && ! grep -q '齐全' "$TMP/qxg-rollup.md"; then
    ok "the rollup report on such a dataset says 下级不全, never 齐全"
else
    notok "the rollup report on such a dataset says 下级不全, never 齐全" "$(head -30 "$TMP/qxg-rollup.md")"
fi
# validate shows the settings that change what a rollup means, and only
# where settings.csv made them (guizhou has none).
expect "validate shows qixingguan's regions_complete = no" 0 "  设置    地区表未列全下级（汇总各项均为不全）" -- $ZB validate datasets/qixingguan
expect "validate shows bijie-synthetic's zones setting" 0 "  设置    功能区计入" -- $ZB validate $BJ
out=$($ZB validate datasets/guizhou 2>&1)
case "$out" in *"  设置"*) notok "no settings line without settings.csv" "$out" ;; *"结果：0 个错误"*) ok "no settings line without settings.csv" ;; *) notok "no settings line without settings.csv" "$out" ;; esac
