-- ds:rollup and its view, on the synthetic Bijie county panel and on the
-- 七星关区 dataset (the global ds).
-- Run: zhibiao run tests/lua/test_rollup.lua --data datasets/qixingguan
-- Expected numbers are worked out from datasets/bijie-synthetic/observations.csv
-- in the comments beside them.

local tap = dofile("tests/lua/tap.lua")
local check = tap.check
local near = tap.near
local raises = tap.raises

local CITY = "520500"
local bj = assert(zb.open("datasets/bijie-synthetic"))

-- ---- the city in 2021 ----
local rv = bj:rollup{year = 2021}
check(getmetatable(rv) == getmetatable(bj), "a rollup is a dataset userdata")
-- GDP: 512.65 + 207.24 + 261.78 + 229.06 + 185.43 + 239.97 + 141.80 + 283.59
--      + 76.35 + 43.63 (the two zones) = 2181.50
check(near(rv:value(CITY, "gdp", 2021), 2181.5, 1e-9), "city GDP 2021 is the sum of its 10 units", rv:value(CITY, "gdp", 2021))
check(rv:value("520502", "gdp", 2021) == 512.65, "a county's own figure stays in the view")
local cn, ctotal, cpartial = rv:coverage(CITY, "gdp", 2021)
check(cn == 10 and ctotal == 10 and cpartial == false, "coverage 10 of 10, complete", tostring(cn) .. "/" .. tostring(ctotal))
check(rv:reported(CITY, "gdp", 2021) == 2181.5, "the city's reported 2181.5 is kept")
local gap, rel = rv:gap(CITY, "gdp", 2021)
check(near(gap, 0, 1e-9) and near(rel, 0, 1e-12), "no GDP gap", gap)
check(rv:coverage("520502", "gdp", 2021) == nil, "a county is not a parent: no coverage")
-- real growth weighted by the 2020 levels:
-- (8.1x464.94 + 7.6x188.83 + 8.4x236.76 + 7.9x208.13 + 7.2x169.58 + 8.8x216.24
--  + 7.5x129.32 + 8.6x256.01 + 9.5x68.36 + 6.9x40.01) / 1978.18 = 16055.14 / 1978.18 = 8.11609...
check(near(rv:value(CITY, "gdp_growth", 2021), 8.116094591998706, 1e-9), "city growth weighted by 2020 GDP",
  rv:value(CITY, "gdp_growth", 2021))
-- urbanisation: urban 296.39 / resident 684.50 x 100 = 43.30022
check(near(rv:value(CITY, "urbanization_rate", 2021), 43.30021913805699, 1e-9), "urbanisation is a ratio of sums",
  rv:value(CITY, "urbanization_rate", 2021))
-- urban income weighted by urban population: sum(v x urban) / 296.39 = 37262.967
check(near(rv:value(CITY, "income_urban", 2021), 37262.96710415331, 1e-6), "urban income weighted by urban population",
  rv:value(CITY, "income_urban", 2021))
check(rv:observation(CITY, "gdp", 2021).source == "rollup sum 10/10", "a computed row cites the rollup",
  rv:observation(CITY, "gdp", 2021).source)
check(rv:observation(CITY, "gdp", 2021).note == "上报值 2181.50", "its note keeps the reported figure",
  rv:observation(CITY, "gdp", 2021).note)

-- ---- the deliberate 2023 gap ----
local all = bj:rollup()
local gaps = all:gaps{min_rel = 0.01}
check(#gaps == 1, "exactly one gap of 1% or more", #gaps)
local g = gaps[1] or {}
-- urban 300.93 / resident 682.19 x 100 = 44.1123 against the reported 45:
-- -0.8877 points, -0.8877 / 45 = -1.97%
check(g.region == CITY and g.indicator == "urbanization_rate" and g.year == 2023, "the gap is urbanisation 2023",
  tostring(g.indicator) .. " " .. tostring(g.year))
check(near(g.computed, 44.112344068368046, 1e-9) and g.reported == 45, "computed 44.11 against the reported 45", g.computed)
check(near(g.gap, -0.887655931631954, 1e-9) and near(g.gap_rel, -0.887655931631954 / 45, 1e-12), "gap -0.89 points, -1.97%", g.gap)
check(g.n == 10 and g.total == 10 and g.partial == false and g.status == "preliminary",
  "the gap cell is complete and preliminary", g.status)
check(#all:gaps() == 5, "without a threshold every comparable cell is listed", #all:gaps())

-- ---- coverage and the policies ----
-- resident population 2020: the two zones have none; 8 counties:
-- 120.39 + 77.04 + 56.41 + 79.11 + 68.79 + 130.70 + 58.47 + 68.79 = 659.70
local cells = all:rollup_cells{indicator = "resident_pop", year = 2020}
local c = cells[1] or {}
check(#cells == 1 and near(c.computed, 659.7, 1e-9) and c.n == 8 and c.total == 10 and c.partial,
  "2020 population: 659.7 from 8 of 10, partial", c.computed)
check(c.missing and c.missing[1] == "520500-JHH" and c.missing[2] == "520500-BLDJ", "the missing units are named",
  c.missing and table.concat(c.missing, ","))
check(near(all:value(CITY, "resident_pop", 2020), 659.7, 1e-9), "policy partial: the view holds the partial sum")
local missing = bj:rollup{policy = "missing", year = 2020}
check(missing:value(CITY, "resident_pop", 2020) == nil and missing:coverage(CITY, "resident_pop", 2020) == 8,
  "policy missing: coverage kept, no value")
local skip = bj:rollup{policy = "skip", year = 2020}
check(skip:coverage(CITY, "resident_pop", 2020) == nil and skip:value(CITY, "resident_pop", 2020) == nil,
  "policy skip: the cell is left out")
check(skip:rollup_options().policy == "skip", "the view remembers its policy")

-- ---- zones ----
local nozones = bj:rollup{zones = "exclude", indicator = "gdp", year = 2021}
-- 2181.50 - 76.35 - 43.63 = 2061.52, from the 8 counties
check(near(nozones:value(CITY, "gdp", 2021), 2061.52, 1e-9), "zones excluded: 2061.52", nozones:value(CITY, "gdp", 2021))
check(select(2, nozones:coverage(CITY, "gdp", 2021)) == 8, "zones excluded: 8 children counted")

-- ---- selection ----
local urb = bj:rollup{indicator = "urbanization_rate", year = 2023}
-- 10 units x (resident_pop, urban_pop, urbanization_rate) + the city's 3 = 33
check(urb:counts().observations == 33, "the view holds the rate and its operands for 2023", urb:counts().observations)
check(urb:value("520502", "gdp", 2021) == nil and #urb:indicators() == 6, "other indicators are defined but have no rows")
local two = bj:rollup{indicator = {"gdp", "income_urban"}, year = 2021}
check(near(two:value(CITY, "income_urban", 2021), 37262.96710415331, 1e-6) and near(two:value(CITY, "gdp", 2021), 2181.5),
  "an array of indicators")

-- ---- the global ds (七星关区) ----
local q = ds:rollup{indicator = "industry_structure", year = 2020}
-- 毕节市 from 七星关区 alone: 93.36 : 127.55 : 279.15 of 500.06 = 18.67 : 25.51 : 55.82
check(q:computed(CITY, "industry_structure", 2020) == "18.7:25.5:55.8", "a structure's shares from its components",
  q:computed(CITY, "industry_structure", 2020))
check(q:coverage("520000", "industry_structure", 2020) == 1, "the province is rolled up too, from its one city")

-- ---- errors ----
check(raises("rollup view expected", function() return bj:coverage(CITY, "gdp", 2021) end),
  "rollup methods on a plain dataset raise")
check(raises("bad argument #1 to 'rollup' (未知的指标代码“nope”)", function() return bj:rollup{indicator = "nope"} end),
  "an unknown indicator is a bad argument")
check(raises("does not roll up (rule none)", function() return ds:rollup{indicator = "forest_cover"} end),
  "an indicator with rule none is refused")
check(raises("policy expected", function() return bj:rollup{policy = "some"} end), "an unknown policy is refused")
check(raises("未知的地区代码“x”", function() return rv:coverage("x", "gdp", 2021) end), "an unknown region is refused")
check(raises("bad argument #1 to 'rollup_cells' (未知的地区代码“x”（字段 'region'）)",
  function() return rv:rollup_cells{region = "x"} end), "an unknown region in a filter names the field")
check(rv:coverage(520500, "gdp", 2021) == 10, "a region code may be given as a number")

tap.done()
