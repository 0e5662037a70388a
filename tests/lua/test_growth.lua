-- Tests of zb.target.parse, zb.growth.* and the bulk ds:progress,
-- ds:consistency and ds:project on the bundled 七星关区 dataset.
-- Run: zhibiao run tests/lua/test_growth.lua --data datasets/qixingguan
-- Prints TAP-style "ok N - ..." / "not ok N - ..." lines.  Expected
-- figures are worked out in the comments.

local tap = dofile("tests/lua/tap.lua")
local check = tap.check

local near = tap.near

local raises = tap.raises

local function find(rows, field, value)
  for _, r in ipairs(rows) do
    if r[field] == value then return r end
  end
end

-- zb.target.parse --------------------------------------------------------

local t = zb.target.parse("60%以上")
check(t.form == "value" and t.cmp == "ge" and t.value == 60 and t.percent == true and t.numeric == true
  and t.text == "60%以上", "60%以上 is at least 60, in %")
t = zb.target.parse("5～6")
check(t.form == "range" and t.value == 5 and t.value2 == 6, "5～6 is a range")
t = zb.target.parse("15.8:25:59.2")
check(t.form == "ratio" and #t.parts == 3 and t.parts[3] == 59.2 and t.value == nil, "a ratio has its parts, no value")
t = zb.target.parse("下降13.5%左右")
check(t.form == "change_pct" and t.value == -13.5 and t.cmp == "about", "下降13.5%左右 is a change of -13.5 %, about")
t = zb.target.parse("力争翻一番")
check(t.form == "multiple" and t.value == 2 and t.aspirational, "力争翻一番 doubles, aspirationally")
t = zb.target.parse("150万人以上")
check(t.unit == "万人" and t.cmp == "ge", "the unit after the number is kept")
t = zb.target.parse("控制在国家下达的指标范围内")
check(t.form == "text" and t.numeric == false and t.value == nil, "free text is text, not an error")
check(zb.target.parse("——").form == "none", "—— is no target")
local none, msg, col = zb.target.parse("4..03")
check(none == nil and col == 3 and msg:find("4..03", 1, true), "4..03 is an error at column 3", msg)
check(raises("bad argument #1 to 'parse' (string expected, got no value)", function() return zb.target.parse() end),
  "parse without text is an argument error")
-- A range without an end is malformed, at its separator: "5-" once read as 5
-- with the unit "-".
none, msg, col = zb.target.parse("5-")
check(none == nil and col == 2 and msg:find("区间缺少上限", 1, true), "5- is a range without its upper end, column 2", msg)
none, msg, col = zb.target.parse("5～")
check(none == nil and col == 2, "5～ (full width) too", msg)
none, msg, col = zb.target.parse("至6")
check(none == nil and col == 1 and msg:find("区间缺少下限", 1, true), "至6 lacks its lower end, column 1", msg)
none, msg, col = zb.target.parse("5..")
check(none == nil and col == 3, "5.. is a malformed number at column 3", msg)
check(zb.target.parse("-").form == "none", "- alone is no target (as ——)")
t = zb.target.parse("５０％以上")
check(t.form == "value" and t.value == 50 and t.cmp == "ge" and t.percent, "５０％以上 folds to 50%以上")
t = zb.target.parse("1x2")
check(t.form == "text" and t.text_col == 2, "1x2 is text that stops being a number at column 2")
check(zb.target.parse("衔接国家规划目标").text_col == nil, "words from the start have no text_col")

-- zb.growth.pace: the one rule for a pace's unit ------------------------------
-- 亿元GDP死亡率 0.007 -> 0.050 人/亿元 in 5 years: 0.0086 人/亿元 a year, not 点.
local text, decimals, suffix = zb.growth.pace((0.050 - 0.007) / 5, false, "人/亿元")
check(text == "+0.0086 人/亿元/年" and decimals == 4 and suffix == " 人/亿元/年", "a pace in 人/亿元 a year", text)
check(zb.growth.pace(1.4, false, "%") == "+1.40点", "points for %")
check(zb.growth.pace(0.054, false, "‰") == "+0.054千分点", "per-mille points for ‰")
check(zb.growth.pace(0.1146827, true, "亿元") == "11.47%", "a compound pace in %")
check(zb.growth.pace(0.0086, false, "人/亿元", "phrase") == "提高 0.0086 人/亿元", "in a sentence")
check(zb.growth.pace(-0.64, false, "%", "phrase", "en") == "a fall of 0.64 points", "in English on request")
check(raises("invalid option 'words'", zb.growth.pace, 1, false, "%", "words"), "an unknown style is an argument error")

-- zb.growth.* --------------------------------------------------------------

-- (500.06 / 290.58)^(1/5) - 1 = 11.47 %
check(near(zb.growth.cagr(290.58, 500.06, 5), 0.1146827, 1e-6), "cagr is a fraction")
local r, why = zb.growth.cagr(0, 10, 5)
check(r == nil and type(why) == "string" and #why > 0, "cagr from zero is nil with the reason", why)
check(near(zb.growth.project_compound(100, 0.1, 2), 121), "100 at 10 % for 2 years is 121")
check(near(zb.growth.project_linear(54, 1.2, 5), 60), "54 plus 1.2 points for 5 years is 60")
-- (800 / 500.06)^(1/5) - 1 = 9.85 %
check(near(zb.growth.required_rate(500.06, 800, 5), 0.0985342, 1e-6), "the rate 500.06 needs to reach 800 in 5 years")
check(near(zb.growth.required_pp(54, 60, 5), 1.2), "6 points in 5 years is 1.2 a year")
check(near(zb.growth.years_to_reach(100, 121, 0.1), 2), "100 to 121 at 10 % takes 2 years")
check(zb.growth.years_to_reach(100, 50, 0.1) == math.huge, "growing away never arrives")
-- 1 - 0.865^(1/5) = 2.86 %
check(near(zb.growth.reduction_annual(0.135, 5), 0.0285885, 1e-6), "13.5 % over 5 years is 2.86 % a year")
check(near(zb.growth.reduction_total(zb.growth.reduction_annual(0.135, 5), 5), 0.135), "and back to 13.5 %")
-- 2^(1/5) - 1 = 14.87 %; ln 2 / ln 1.07 = 10.24 years
check(near(zb.growth.doubling_rate(5), 0.1486984, 1e-6), "翻一番 in 5 years needs 14.87 % a year")
check(near(zb.growth.doubling_years(0.07), 10.2447684, 1e-6), "7 % doubles in 10.24 years")
check(raises("number expected", zb.growth.cagr, "a", 1, 1), "a non-number is an argument error")

-- the tolerance
local tol = zb.growth.tolerance()
check(tol.about_pp == 0.5 and tol.about_rel == 0.02, "the default tolerance is 0.5 points and 2 %")
check(raises("about_pp must be a number >= 0", zb.growth.tolerance, {about_pp = -1}), "a negative tolerance is refused")

-- ds:progress ------------------------------------------------------------------

local rows = ds:progress{year = 2020}
-- Without a plan, 2020 monitors the 13th plan (2015-2020) only: 36 targets.
check(#rows == 36 and rows[1].plan == "qxg-13fyp", "2020 monitors the 13th plan's 36 targets", #rows)
local gdp = find(rows, "indicator", "gdp")
-- 500.06 against 509: (500.06 - 290.58) / (509 - 290.58) = 95.9 %; missed.
check(gdp.verdict == "missed" and gdp.severity == "warning" and near(gdp.progress_share, 0.9590697, 1e-6),
  "GDP 2020 missed the 13th plan's 509 (95.9 %)", gdp.verdict)
check(gdp.compound and gdp.nominal and near(gdp.actual_rate, 0.1146827, 1e-6) and gdp.reported_rate == 0.115
  and gdp.reported_source == "plan" and gdp.stated_rate == 0.12,
  "GDP pace: 11.47 % nominal, 11.5 % reported, 12 % planned")
local death = find(rows, "indicator", "work_safety_death_rate")
check(death.verdict == "missed" and death.severity == "error" and death.binding,
  "the binding death rate (0.05 against 0.02) is an error")
local urban = find(rows, "indicator", "urbanization_rate")
-- 47 -> 54 of 56: 7/9; 1.4 points a year
check(urban.verdict == "missed" and near(urban.progress_share, 7 / 9) and not urban.compound
  and near(urban.actual_rate, 1.4), "城镇化率: 77.8 % of the way, 1.4 points a year")
local fai = find(rows, "indicator", "fai")
check(fai.verdict == "not_assessable" and fai.reason:find("2020", 1, true), "固定资产投资 has no 2020 figure", fai.reason)
-- The 14th plan in its base year: nothing to assess yet, and each row says so.
local base_rows = ds:progress{plan = "qxg-14fyp"}
check(#base_rows == 37 and base_rows[1].verdict == "not_assessable" and base_rows[1].value == 500.06,
  "the 14th plan in 2020 is not assessable, with the figure kept", #base_rows)
-- The tolerance reaches the verdict: 常住人口 116.81 against 120.48 is 3 % short,
-- outside 2 %; a plain target has no 左右, so it stays missed at any tolerance.
local pop = ds:progress{year = 2020, indicator = "resident_pop", tolerance = {about_rel = 0.05}}
check(#pop == 1 and pop[1].verdict == "missed", "a plain target takes no tolerance", pop[1] and pop[1].verdict)
check(raises("未知的地区代码“999”", function() return ds:progress{region = "999"} end),
  "an unknown region code is an argument error")
check(raises("unknown plan 'qxg-15fyp'", function() return ds:progress{plan = "qxg-15fyp"} end),
  "an unknown plan is an argument error")

-- ds:consistency -------------------------------------------------------------

local c14 = ds:consistency{plan = "qxg-14fyp"}
local bad = {}
for _, c in ipairs(c14) do if not c.consistent then bad[#bad + 1] = c.indicator end end
table.sort(bad)
check(#c14 == 10 and table.concat(bad, ",") == "income_rural,rd_intensity,va_industry_above_scale",
  "14th plan: 10 checked, 3 inconsistent", table.concat(bad, ","))
local ind = find(c14, "indicator", "va_industry_above_scale")
-- (120 / 83.73)^(1/5) - 1 = 7.46 % against 10左右
check(ind.compound and near(ind.implied, 0.0746326, 1e-6) and near(ind.stated, 0.10) and near(ind.gap, -0.0253674, 1e-6),
  "规模以上工业增加值 implies 7.46 % against 10 %")
local agri = find(ds:consistency{plan = "qxg-13fyp"}, "indicator", "high_eff_agri_area_share")
check(agri and not agri.compound and near(agri.implied, 0.68) and agri.consistent,
  "高效农业面积比重 moves 0.68 points a year, as stated")
local all = ds:consistency{plan = "qxg-14fyp", all = true}
check(#all == 37 and find(all, "indicator", "urbanization_rate").assessable == false,
  "all = true lists the targets that cannot be checked")
-- A wider tolerance turns 农村居民可支配收入 (gap -1.87 points) consistent.
local wide = ds:consistency{plan = "qxg-14fyp", indicator = "income_rural", tolerance = {about_pp = 2}}
check(wide[1].consistent == true, "the tolerance option applies to consistency")

-- ds:project ------------------------------------------------------------------

local proj, skipped = ds:project{to = 2035, rates = {0.06, 0.08}}
check(#proj == 28 and #skipped == 21, "28 series projected, 21 with one figure left out", #proj .. " " .. #skipped)
local p = find(proj, "indicator", "gdp")
-- 500.06 · 1.1146827^5 = 860.55 (2025), ^15 = 2548.5 (2035); 500.06 · 1.06^15 = 1198.42
check(p.compound and p.nominal and near(p.at_target_year, 860.55, 0.01) and p.meets == true and p.target_year == 2025
  and near(p.at_horizon, 2548.54, 0.01), "GDP's trend reaches 860.55 in 2025 and 2548.5 in 2035")
check(#p.scenarios == 2 and p.scenarios[1].rate == 0.06 and near(p.scenarios[1].value, 1198.42, 0.01),
  "the 6 % scenario for 2035 is 1198.42")
local hs = find(proj, "indicator", "hs_gross_enrollment")
check(hs.capped and hs.at_horizon == 100 and hs.scenarios == nil, "a share is held at 100 % and has no growth scenario")
local s = find(skipped, "indicator", "retail_sales")
check(s and s.points == 1 and #s.reason > 0, "a skipped series says why")
-- Scenario rates are growth rates of the economy: money only.  耕地保有量
-- (万公顷) at 6 % would be 13.3104 · 1.06^15 = 31.90; 常住人口 (万人) likewise.
local land = find(proj, "indicator", "cultivated_land")
check(land.compound and land.scenarios == nil, "耕地保有量 has no growth scenario")
check(find(proj, "indicator", "resident_pop").scenarios == nil, "常住人口 has none")
-- 人均地区生产总值 42892 元 · 1.06^15 = 102793
local pc = find(proj, "indicator", "gdp_per_capita")
check(pc and pc.scenarios and near(pc.scenarios[1].value, 102793, 1), "a per-capita value in 元 has scenarios")
check(raises("to: 2010 is before the last year with data (2020)", function() return ds:project{to = 2010} end),
  "a horizon before the data's last year is an argument error")
local only = ds:project{indicator = "urbanization_rate", to = 2030}
-- 54 + 1.4 · 10 = 68
check(#only == 1 and near(only[1].at_horizon, 68) and only[1].horizon == 2030, "城镇化率 reaches 68 % by 2030")

-- The per-state tolerance reaches the bulk methods: 农村居民可支配收入's gap of
-- -1.87 points is inconsistent at 0.5, consistent at 2.
zb.growth.tolerance{about_pp = 2}
check(zb.growth.tolerance().about_pp == 2 and zb.growth.tolerance().about_rel == 0.02,
  "setting about_pp keeps about_rel")
check(ds:consistency{indicator = "income_rural", plan = "qxg-14fyp"}[1].consistent == true,
  "the state's tolerance applies when the call gives none")
zb.growth.tolerance{about_pp = 0.5}
check(ds:consistency{indicator = "income_rural", plan = "qxg-14fyp"}[1].consistent == false,
  "and set back, the gap is a finding again")

tap.done()
