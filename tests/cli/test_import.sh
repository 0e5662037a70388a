#!/bin/sh
# zhibiao import: wide plan tables exported from Excel/WPS into datasets.
# The tables are in tests/import/ (see its README: the 七星关区 14th-plan
# table of the seed document, as GBK and as UTF-8 with a BOM).
. tests/cli/lib.sh
T=tests/import

# 37 rows; four bases are printed —— (rows 24, 25, 28, 32), so 33 figures for 2020.
expect "UTF-8 BOM table imports: 37 targets, 33 observations, the unit warning at 12:15" 0 \
    "37 行指标 → 规划目标 37 条、观测值 33 个、指标 37 个" "基期 2020 年，目标 2025 年" \
    "qxg-14fyp.utf8bom.csv:12:15: 警告: 表中单位“%”与指标 retail_sales 的单位“亿元”不同" -- \
    $ZB import $T/qxg-14fyp.utf8bom.csv --to "$TMP/bom" --plan qxg-14fyp --region 520502 --indicators datasets/qixingguan
expect "GBK table imports the same with --encoding gbk" 0 "37 行指标 → 规划目标 37 条、观测值 33 个" -- \
    $ZB import $T/qxg-14fyp.gbk.csv --encoding gbk --to "$TMP/gbk" --plan qxg-14fyp --region 520502 --indicators datasets/qixingguan
expect "the imported dataset validates" 0 "结果：0 个错误" "qxg-14fyp.utf8bom.csv" -- $ZB validate "$TMP/bom"

# Texts and 2020 values against datasets/qixingguan, target by target.
cat > "$TMP/cmp.lua" <<'LUA'
local a = assert(zb.open(arg[1]))
local diffs = {}
for _, t in ipairs(ds:targets{plan = "qxg-14fyp"}) do
  local u = a:targets{plan = "qxg-14fyp", indicator = t.indicator}[1]
  for _, k in ipairs{"base_year", "base_text", "target_year", "target_text", "growth_text", "attribute"} do
    if tostring(t[k]) ~= tostring(u and u[k]) then diffs[#diffs + 1] = t.indicator .. "." .. k .. "=" .. tostring(u and u[k]) end
  end
  if ds:value("520502", t.indicator, 2020) ~= a:value("520502", t.indicator, 2020) then diffs[#diffs + 1] = t.indicator .. ".2020" end
end
print(#ds:targets{plan = "qxg-14fyp"}, table.concat(diffs, " "))
LUA
for enc in bom gbk; do
    got=$($ZB run "$TMP/cmp.lua" --data datasets/qixingguan "$TMP/$enc")
    # The one difference: the dataset keeps the printed 4..03, the corrected table has 4.03.
    [ "$got" = "37	unemployment_rate_urban.base_text=4.03" ] && ok "$enc: every target text and 2020 value equals datasets/qixingguan" \
        || notok "$enc: every target text and 2020 value equals datasets/qixingguan" "$got"
done
cmp -s "$TMP/bom/targets.csv" "$TMP/gbk/targets.csv" 2>/dev/null
# The sources name each file, so the two differ only there.
sed 's/qxg-14fyp\.[a-z0-9]*\.csv/TABLE/' "$TMP/bom/targets.csv" > "$TMP/a"; sed 's/qxg-14fyp\.[a-z0-9]*\.csv/TABLE/' "$TMP/gbk/targets.csv" > "$TMP/b"
cmp -s "$TMP/a" "$TMP/b" && ok "GBK and UTF-8 give the same targets.csv" || notok "GBK and UTF-8 give the same targets.csv" "$(diff "$TMP/a" "$TMP/b" | head)"

# The GBK line is shown converted as the table was, the caret under the
# second point: ",16," is 4 columns wide, the 7 characters of 城镇登记失业率
# 14, ",%,4." 5 more: 23 columns, after the 4 of the indent.
expect "the table as printed stops at 4..03 (18:17), shows the line, writes nothing" 2 \
    "qxg-14fyp.asprinted.gbk.csv:18:17: 错误: 2020年数值“4..03”不是有效数字" \
    "    ,16,城镇登记失业率,%,4..03,4.2以内,——,约束性" "                           ^" "导入失败：1 个错误，未写入任何文件" -- \
    $ZB import $T/qxg-14fyp.asprinted.gbk.csv --encoding gbk --to "$TMP/printed" --plan qxg-14fyp --region 520502 --indicators datasets/qixingguan
[ ! -e "$TMP/printed/targets.csv" ] && ok "nothing written after an error" || notok "nothing written after an error"
expect "GBK without --encoding is refused with the hint" 2 "--encoding gbk" -- \
    $ZB import $T/qxg-14fyp.gbk.csv --to "$TMP/x" --plan qxg-14fyp --region 520502
expect "against CODES.md: the two income names are reported with the nearest codes" 2 \
    "qxg-14fyp.gbk.csv:15:9: 错误: 不认识的指标名称“城镇居民可支配收入”；相近的有：“城镇常住居民人均可支配收入”（income_urban）" \
    "qxg-14fyp.gbk.csv:16:5: 错误: 不认识的指标名称“农村居民可支配收入”；相近的有：“农村常住居民人均可支配收入”（income_rural）" \
    "导入失败：2 个错误" -- \
    $ZB import $T/qxg-14fyp.gbk.csv --encoding gbk --to "$TMP/codes" --plan qxg-14fyp --region 520502
expect "existing files are kept without --force" 2 "regions.csv 已存在；要覆盖请加 --force" -- \
    $ZB import $T/qxg-14fyp.utf8bom.csv --to "$TMP/bom" --plan qxg-14fyp --region 520502 --indicators datasets/qixingguan
expect "--force replaces them" 0 "规划目标 37 条" -- \
    $ZB import $T/qxg-14fyp.utf8bom.csv --to "$TMP/bom" --plan qxg-14fyp --region 520502 --indicators datasets/qixingguan --force

# bad-names.csv: full-width GDP and a spaced name map; the rest is reported where it is.
# Line 6 ",森林覆盖率,%,57.75,6０..5以上": the target starts at character 16, its
# second "." is the 4th character of it -> 19.  Line 7 ",城镇登记失业率,%,4.03,4.2以内,——,指导性":
# 1 + 7 + 1 + 1 + 1 + 4 + 1 + 5 + 1 + 2 + 1 -> the attribute starts at 26.
expect "bad-names: a misspelt name, a malformed target, an unknown attribute, each at its cell" 2 \
    "bad-names.csv:5:2: 错误: 不认识的指标名称“地区生产总直”；相近的有：“地区生产总值”（gdp）" \
    "bad-names.csv:6:19: 错误: 目标值“6０..5以上”有误" \
    "bad-names.csv:7:26: 错误: 未知的指标属性“指导性”" "导入失败：3 个错误" -- \
    $ZB import $T/bad-names.csv --to "$TMP/bad" --plan test --region 520502
expect "a region not in the reference is exit 2" 2 "未知的地区代码“999999”" -- \
    $ZB import $T/qxg-14fyp.utf8bom.csv --to "$TMP/r" --plan qxg-14fyp --region 999999 --indicators datasets/qixingguan
expect "a plan code with spaces is bad usage" 2 "规划代码“my plan”" -- \
    $ZB import $T/qxg-14fyp.utf8bom.csv --to "$TMP/r" --plan "my plan" --region 520502
expect "English messages" 2 "unknown indicator name '城镇居民可支配收入'; nearest" "import failed: 2 errors" -- \
    $ZB --lang en import $T/qxg-14fyp.gbk.csv --encoding gbk --to "$TMP/en" --plan qxg-14fyp --region 520502
