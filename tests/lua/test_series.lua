-- ds:series and the zb.series userdata, on the bundled 七星关区 data.
-- Run: zhibiao run tests/lua/test_series.lua --data datasets/qixingguan
-- Figures come from datasets/qixingguan/observations.csv: GDP 2015 290.58
-- (seed line 209), 2020 500.06 (line 215); 城镇化率 47 and 54; 城镇居民
-- 人均可支配收入 24614 and 36148.

local tap = dofile("tests/lua/tap.lua")
local check = tap.check

-- The message of the error f raises, or nil when it does not raise.
local function err(f, ...)
  local ok, e = pcall(f, ...)
  if ok then return nil end
  return tostring(e)
end

local near = tap.near

local gdp = ds:series("520502", "gdp")
check(getmetatable(gdp).__name == "zb.series", "ds:series returns a zb.series")
check(#gdp == 2, "#s counts the years with figures", #gdp)
check(gdp[2015] == 290.58 and gdp[2020] == 500.06, "s[year] reads the figures")
check(gdp:at(2020) == 500.06 and gdp:at(2019) == nil and gdp[2019] == nil, "a year without a figure is nil")
local years, values = gdp:years(), gdp:values()
check(#years == 2 and years[1] == 2015 and years[2] == 2020, "years in order")
check(#values == 2 and values[1] == 290.58 and values[2] == 500.06, "values in year order")
local y, v = gdp:first()
check(y == 2015 and v == 290.58, "first() is the earliest year and its figure")
y, v = gdp:last()
check(y == 2020 and v == 500.06, "last() is the latest year and its figure")
check(gdp.region == "520502" and gdp.indicator == "gdp" and gdp.unit == "亿元" and gdp.kind == "level"
  and gdp.region_name == "七星关区" and gdp.indicator_name == "地区生产总值(GDP)", "properties from the dataset")

-- Growth: (500.06 / 290.58)^(1/5) - 1 = 0.1146827... (11.47 %), nominal.
local c = gdp:cagr()
check(near(c, (500.06 / 290.58) ^ (1 / 5) - 1, 1e-12), "cagr() over the whole series", c)
check(string.format("%.2f%%", c * 100) == "11.47%", "which prints as 11.47%")
check(near(gdp:cagr(2015, 2020), c, 0), "cagr(2015, 2020) is the same")
local none, msg = gdp:cagr(2015, 2019)
check(none == nil and msg:find("2019", 1, true) and msg:find("gdp", 1, true), "a year without a figure: nil and a message", msg)
local income = ds:series("520502", "income_urban")
-- (36148 / 24614)^(1/5) - 1 = 0.079892... (7.99 %); per-capita values compound too
check(near(income:cagr(), 0.0798922, 1e-6), "cagr of a per-capita income", income:cagr())

-- Change in points for a rate: 54 - 47 = 7
local urban = ds:series("520502", "urbanization_rate")
check(urban:change() == 7 and urban:change(2015, 2020) == 7, "change() of a rate in points", urban:change())
check(near(gdp:change(), 500.06 - 290.58), "change() of a level in its unit (亿元)")
local e = err(function() return urban:cagr() end)
check(e and e:find("calling 'cagr' on bad self (urbanization_rate is of kind \"rate\", not a level", 1, true), "cagr of a rate is refused", e)

-- Projection: through two points the log-linear trend is the CAGR, so 2025
-- is 500.06 * (500.06 / 290.58) = 860.5548; a rate moves 7 / 5 = 1.4 points
-- a year, 54 + 7 = 61 in 2025.
local p, pace = gdp:project(2025)
check(near(p, 500.06 * 500.06 / 290.58, 1e-9), "project(2025) of GDP compounds", p)
check(near(pace, c, 1e-12), "its pace is the CAGR", pace)
p, pace = urban:project(2025)
check(near(p, 61, 1e-9) and near(pace, 1.4, 1e-12), "project(2025) of a rate is linear", p)
p = gdp:project(2025, {half_life = 2})
check(near(p, 500.06 * 500.06 / 290.58, 1e-9), "half_life weighs years, two points stay exact", p)
e = err(function() return gdp:project(2025, {half_life = -1}) end)
check(e and e:find("bad argument #2 to 'project' (half_life", 1, true), "a negative half_life is an argument error", e)

-- Iteration
local seen = {}
for year, value in gdp:iter() do seen[#seen + 1] = year .. "=" .. value end
check(table.concat(seen, " ") == "2015=290.58 2020=500.06", "s:iter() yields year, value in order", table.concat(seen, " "))
seen = {}
for year, value in pairs(gdp) do seen[#seen + 1] = year .. "=" .. value end
check(table.concat(seen, " ") == "2015=290.58 2020=500.06", "pairs(s) too")

-- Display: header with names, unit and codes, then year and value lines.
check(tostring(gdp) == "七星关区 地区生产总值(GDP)（亿元） [520502 gdp]\n  2015  290.58\n  2020  500.06",
  "__tostring shows names, unit, years and values", tostring(gdp))
check(tostring(urban) == "七星关区 常住人口城镇化率（%） [520502 urbanization_rate]\n  2015  47\n  2020  54",
  "figures use the indicator's decimals (0 for 城镇化率)", tostring(urban))

-- Equality: same region x indicator and the same figures, even from another load.
local again = assert(zb.open("datasets/qixingguan"))
check(gdp == ds:series("520502", "gdp") and gdp == again:series("520502", "gdp"), "series compare by content")
check(gdp ~= ds:series("520502", "va_primary") and gdp ~= ds:series("520500", "gdp"), "different series differ")

-- A series with no figures (a structure is text: 18.7:25.5:55.8)
local structure = ds:series("520502", "industry_structure")
check(#structure == 0 and structure:first() == nil and structure[2020] == nil, "a structure has no figures")
none, msg = structure:project(2025)
check(none == nil and msg:find("industry_structure", 1, true), "project of an empty series: nil, message", msg)
check(tostring(structure):find("（无数据）", 1, true), "an empty series says so when shown")
local city = ds:series("520500", "gdp") -- 毕节市 has no rows in this dataset
check(#city == 0, "a region without figures gives an empty series")
none, msg = city:cagr()
check(none == nil and msg:find("gdp", 1, true), "cagr of an empty level series: nil, message", msg)

-- Preliminary figures are marked (贵州 data: 毕节市 城镇化率 2021 43.3, 2023 45 初步)
local gz = assert(zb.open("datasets/guizhou"))
local bj = gz:series("520500", "urbanization_rate")
check(tostring(bj) == "毕节市 常住人口城镇化率（%） [520500 urbanization_rate]\n  2021  43.3\n  2023  45.0  初步",
  "a preliminary figure is labelled", tostring(bj))
check(near(bj:change(), 1.7, 1e-9), "change over a gap of years: 45 - 43.3 = 1.7", bj:change())

-- The series keeps its dataset alive; a closed dataset leaves the figures.
local kept
do
  local d = assert(zb.open("datasets/qixingguan"))
  kept = d:series("520502", "gdp")
end
collectgarbage(); collectgarbage()
check(kept.region_name == "七星关区" and kept[2020] == 500.06, "a series outlives the last reference to its dataset")
local closing = assert(zb.open("datasets/qixingguan"))
local s2 = closing:series("520502", "gdp")
getmetatable(closing).__close(closing)
check(s2[2015] == 290.58 and s2.region == nil and tostring(s2) == "zb.series (dataset closed)",
  "after the dataset is closed the figures remain, names do not", tostring(s2))

-- Argument errors read like Lua's own.
e = err(function() return ds:series(nil, "gdp") end)
check(e and e:find("bad argument #1 to 'series' (region code expected, got nil)", 1, true), "missing region", e)
e = err(function() return ds.series(ds, nil, "gdp") end)
check(e and e:find("bad argument #2 to 'series' (region code expected, got nil)", 1, true), "counted from ds when called with a dot", e)
e = err(function() return ds:series("999999", "gdp") end)
check(e and e:find("bad argument #1 to 'series' (未知的地区代码“999999”)", 1, true), "unknown region", e)
e = err(function() return ds:series("520502") end)
check(e and e:find("bad argument #2 to 'series' (indicator code expected, got no value)", 1, true), "missing indicator", e)
e = err(function() return ds:series("520502", "gpd") end)
check(e and e:find("bad argument #2 to 'series' (未知的指标代码“gpd”)", 1, true), "unknown indicator", e)
e = err(function() return ds:series("520502", {}) end)
check(e and e:find("indicator code expected, got table", 1, true), "a table is not a code", e)
check(ds:series(520502, "gdp") == gdp, "a region code may be an integer")
e = err(function() return gdp:at("2020") end)
check(e and e:find("bad argument #1 to 'at' (year expected, got string)", 1, true), "a year is a number", e)
e = err(function() return gdp:at(1800) end)
check(e and e:find("year out of range", 1, true), "a year out of range", e)
e = err(function() return gdp:cagr(2020, 2015) end)
check(e and e:find("bad argument #2 to 'cagr' (the end year must come after the start year)", 1, true), "years the wrong way round", e)
e = err(function() return gdp.at({}, 2020) end)
check(e and e:find("zb.series expected, got table", 1, true), "a method on something else", e)

tap.done()
