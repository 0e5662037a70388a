-- The check helper library (lua/check.lua) on hand-computed cases and on the
-- bundled 七星关区 data.
-- Run: zhibiao run tests/lua/test_check_lib.lua --data datasets/qixingguan
local check = require "check"

local tap = dofile("tests/lua/tap.lua")
local ok = tap.check

-- A report that only collects, as the runner's does.
local function collector()
  local got = {}
  return setmetatable({}, {__call = function(_, f) got[#got + 1] = f end}), got
end

-- messages
local m = check.msg("%s为 %s", "%s is %s", {zh = "森林覆盖率", en = "forest cover"}, "57.75")
ok(m.zh == "森林覆盖率为 57.75" and m.en == "forest cover is 57.75", "msg gives each language its own name", m.zh .. " / " .. m.en)
m = check.msg("{1} 年为 {2}", "{2} in {1}", 2020, 500.06)
ok(m.zh == "2020 年为 500.06" and m.en == "500.06 in 2020", "msg with {n} lets English reorder", m.en)
m = check.msg("只有中文")
ok(m.zh == "只有中文" and m.en == "只有中文", "msg without English uses the Chinese for both")
ok(check.name(ds:indicator("gdp")).en == "Gross regional product (GDP)", "name gives the English name of an indicator")

-- numbers as people read them
ok(check.num(500.06) == "500.06" and check.num(42892) == "42892" and check.num(15.875, 1) == "15.9"
   and check.num(2.10) == "2.1" and check.num(nil) == "—" and check.num(-0.001) == "0",
   "num trims zeros, keeps integers, rounds to given decimals", check.num(15.875, 1))
ok(check.pct(0.09851) == "9.85%", "pct of a fraction", check.pct(0.09851))

-- tolerances
ok(check.close(500.06, 500.07, 0.02) and not check.close(500.06, 499.06, 0.02), "close with an absolute tolerance")
-- 43500 vs 42248: 1252 apart, 2.9 % of 43500
ok(not check.close(43500, 42248, {rel = 0.015}) and check.close(42892, 42810, {rel = 0.015}),
   "close with a relative tolerance")
ok(check.within(0, 0, 100) and check.within(100, 0, 100) and not check.within(100.01, 0, 100)
   and check.within(-5, nil, 0) and not check.within(nil, 0, 1), "within is inclusive; a nil bound is open")

-- median and MAD: {1, 2, 3, 4, 100}: median 3, deviations 2 1 0 1 97 -> MAD 1
ok(check.median({3, 1, 4, 1, 5}) == 3 and check.median({1, 2, 3, 4}) == 2.5 and check.median({}) == nil,
   "median of odd, even and empty lists")
local mad, med = check.mad({1, 2, 3, 4, 100})
ok(mad == 1 and med == 3, "mad of {1,2,3,4,100} is 1 around 3", tostring(mad))

-- outliers in points: changes +1, +1, +1.2, +0.9, +6 (years 2016..2020);
-- median 1, deviations 0 0 .2 .1 5 -> MAD 0.1; z(2020) = 0.6745 * 5 / 0.1 = 33.7
local pts = {{2015, 50}, {2016, 51}, {2017, 52}, {2018, 53.2}, {2019, 54.1}, {2020, 60.1}}
local out = check.outliers(pts, {relative = false})
ok(#out == 1 and out[1].year == 2020 and math.abs(out[1].score - 33.725) < 0.01,
   "one outlying change in points, z 33.7", #out > 0 and out[1].score)
-- the same with a floor of 5 points: 0.6745 * 5 / ... scale 5 -> z 1.0, no outlier
ok(#check.outliers(pts, {relative = false, floor = 5}) == 0, "a floor on the scale silences small spreads")
-- fewer than 4 changes: no verdict
ok(#check.outliers({{2018, 1}, {2019, 2}, {2020, 50}, {2021, 51}}, {}) == 0, "three changes give no verdict")
-- equal changes but for float noise are not outliers
ok(#check.outliers({{2015, 47}, {2016, 48.4}, {2017, 49.8}, {2018, 51.2}, {2019, 52.6}, {2020, 54}}, {floor = 0.1}) == 0,
   "float noise in equal steps is not a jump")
-- relative changes over a gap compound: 100 -> 121 over 2 years is 10 % a year
out = check.outliers({{2010, 100}, {2012, 121}, {2013, 133.1}, {2014, 146.41}, {2015, 161.05}, {2016, 400}},
                     {relative = true, floor = 0.5})
ok(#out == 1 and out[1].year == 2016 and out[1].prev == 2015, "relative changes; a gap compounds", #out)

-- structures and targets
local parts, dec = check.parts("15.8:25:59.2")
ok(parts and #parts == 3 and parts[1] == 15.8 and parts[3] == 59.2 and dec == 1, "parts of a structure and its decimals")
ok(check.parts("800") == nil and check.parts(nil) == nil, "parts of a non-structure is nil")
local v, cmp = check.target_number("60以上")
ok(v == 60 and cmp == "ge", "target_number of 60以上")
v, cmp = check.target_number("10左右")
ok(v == 10 and cmp == "about", "target_number of 10左右")
ok(check.target_number("控制在国家指标下达的范围内") == nil and check.target_number("——") == nil
   and check.target_number("15.8:25:59.2") == nil, "target_number of text, none and a ratio is nil")

-- check.target: the 14th plan's rural-income target, and nothing for a
-- year or plan without one
local row, value, cmp2 = check.target(ds, {plan = "qxg-14fyp", region = "520502", indicator = "income_rural", year = 2025})
ok(row and row.base_text == "11378" and value == 16059 and cmp2 == "eq", "target row, number and comparison", value)
ok(check.target(ds, {plan = "qxg-14fyp", region = "520502", indicator = "income_rural", year = 2024}) == nil
   and check.target(ds, {plan = "nope", region = "520502", indicator = "gdp"}) == nil
   and check.target(ds, {plan = "qxg-14fyp", region = "520502", indicator = "no_such"}) == nil,
   "no target for another year, an unknown plan or indicator")
_, value = check.target(ds, {plan = "qxg-14fyp", region = "520502", indicator = "forest_cover"})
ok(value == 60, "without a year, the plan's target for the indicator", value)

-- cells and indicator lists on the 七星关区 data
local cells = check.cells(ds, "gdp")
ok(#cells == 2 and cells[1].year == 2015 and cells[1].value == 290.58 and cells[2].value == 500.06,
   "cells of gdp: 2015 and 2020")
ok(#check.cells(ds, "industry_structure") == 0, "a structure has no numeric cells")
ok(#check.cells(ds, "no_such_code") == 0, "cells of an unknown code: none")
local codes = check.indicators(ds, {filter = {kind = "rate"}, unit = "%", except = {"gross_enrollment"}})
-- 21 rates in indicators.csv; work_safety_death_rate is in 人/亿元 and
-- natural_growth_rate in ‰, and three of the 19 in % are gross enrollment rates
ok(#codes == 16, "rates in % without gross enrollment: 16", #codes)
ok(#check.indicators(ds, {indicator = {"gdp", "nope", "fai"}}) == 2, "codes the dataset lacks are left out")

-- range: every rate of 七星关区 lies in 0..100; above 90 are
-- medical_insurance_coverage 95 (2015, 2020), pension_coverage_residents 90.2,
-- compulsory_edu_retention_rate 96.31, drinking_water_quality_rate 100,
-- air_quality_good_days_ratio 97 and surface_water_class3_ratio 96 (2020);
-- pension_insurance_rate is 90, not above
local report, got = collector()
ok(check.range(ds, report, {indicator = codes, lo = 0, hi = 100}) == 0 and #got == 0, "no rate outside 0..100")
report, got = collector()
local k = check.range(ds, report, {indicator = codes, lo = 0, hi = 90})
local list = {}
for _, f in ipairs(got) do list[#list + 1] = f.indicator .. ":" .. f.year end
ok(k == #got and k == 7 and list[1] == "medical_insurance_coverage:2015", "seven rates above 90", table.concat(list, " "))

-- sum: 93.36 + 127.55 + 279.15 = 500.06 and 60.36 + 99.64 + 130.58 = 290.58
report, got = collector()
ok(check.sum(ds, report, {whole = "gdp", parts = {"va_primary", "va_secondary", "va_tertiary"}}) == 0,
   "the sectors add up to GDP in 2015 and 2020")
-- against va_primary + va_secondary only: 220.91 vs 500.06 and 160 vs 290.58
report, got = collector()
ok(check.sum(ds, report, {whole = "gdp", parts = {"va_primary", "va_secondary"}}) == 2
   and math.abs(got[2].values[#got[2].values][2] - (220.91 - 500.06)) < 1e-9,
   "two parts do not: two findings with the gap", #got)

tap.done()
