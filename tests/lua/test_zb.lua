-- Tests of the zb Lua module on the bundled 七星关区 dataset.
-- Run: zhibiao run tests/lua/test_zb.lua --data datasets/qixingguan
-- Prints TAP-style "ok N - ..." / "not ok N - ..." lines.

local tap = dofile("tests/lua/tap.lua")
local check = tap.check

local raises = tap.raises

check(tostring(ds):find("56 indicators", 1, true), "dataset __tostring names its counts", tostring(ds))
local counts = ds:counts()
check(counts.regions == 3 and counts.indicators == 56 and counts.observations == 79 and counts.targets == 73,
  "counts match the files", string.format("%d %d %d %d", counts.regions, counts.indicators, counts.observations, counts.targets))

-- values
check(ds:value("520502", "gdp", 2020) == 500.06, "GDP 2020 is 500.06", ds:value("520502", "gdp", 2020))
check(ds:value("520502", "gdp", 2015) == 290.58, "GDP 2015 is 290.58", ds:value("520502", "gdp", 2015))
check(ds:value("520502", "gdp", 2019) == nil, "a year without a row gives nil")
local v, status = ds:value("520502", "unemployment_rate_urban", 2020)
check(v == 4.03 and status == "actual", "the corrected 4..03 reads as 4.03, actual", tostring(v) .. " " .. tostring(status))
local obs = ds:observation("520502", "unemployment_rate_urban", 2020)
check(obs.raw == "4..03" and obs.source:find("001_02574697a35bb97b.txt:993", 1, true), "an observation keeps its printed text and source")
local structure = ds:observation("520502", "industry_structure", 2020)
check(structure and structure.value == nil and structure.raw == "18.7:25.5:55.8", "a structure keeps its shares as text", structure and structure.raw)

-- argument errors read like Lua's own
local ok, err = raises("bad argument #1 to 'value' (未知的地区代码“999999”)", function() return ds:value("999999", "gdp", 2020) end)
check(ok, "unknown region is an argument error naming the argument", err)
ok, err = raises("bad argument #2 to 'value' (未知的指标代码“nope”)", function() return ds:value("520502", "nope", 2020) end)
check(ok, "unknown indicator is an argument error", err)
ok, err = raises("bad argument #3 to 'value' (year expected, got no value)", function() return ds:value("520502", "gdp") end)
check(ok, "a missing year is an argument error", err)
ok, err = raises("zb.dataset expected", ds.value, {}, "520502", "gdp", 2020)
check(ok, "calling a method on a non-dataset fails", err)

-- regions and indicators
local regions = ds:regions()
check(#regions == 3 and regions[3].code == "520502" and regions[3].parent == "520500", "regions in file order with parents")
check(#ds:regions("county") == 1, "regions filtered by level")
check(ds:region("520500").children == 1, "a region counts its children")
check(ds:children("520500")[1].name == "七星关区", "children of 毕节市")
check(ds:region("000000") == nil, "an unknown region gives nil from ds:region")
local ind = ds:indicator("urbanization_rate")
check(ind.kind == "rate" and ind.unit == "%" and ind.name == "常住人口城镇化率", "indicator fields", ind and ind.kind)
local gdp = ds:indicator("gdp")
check(gdp.aggregation == "sum" and gdp.attribute == "anticipatory", "aggregation rule and attribute", gdp.aggregation)

-- targets
local plans = ds:plans()
check(#plans == 2 and plans[1].plan == "qxg-13fyp" and plans[2].targets == 37, "two plans with their target counts")
local t = ds:targets{plan = "qxg-14fyp", indicator = "gdp"}
check(#t == 1 and t[1].target_text == "800" and t[1].growth_text == "10左右" and t[1].base_value == 500.06,
  "the 14th-plan GDP target keeps its texts", t[1] and t[1].growth_text)
local u = ds:targets{plan = "qxg-14fyp", indicator = "unemployment_rate_urban"}[1]
check(u.base_text == "4..03" and u.base_value == 4.03 and u.base_corrected == true and u.attribute == "binding",
  "the corrected base keeps the printed text, the value, and the binding attribute")
check(#ds:targets{plan = "no-such-plan"} == 0, "an unknown plan selects nothing")

-- zb.open on bad data: nil, message, problems
local bad, msg, problems = zb.open("tests/no-such-dataset")
check(bad == nil and type(msg) == "string" and #problems >= 1 and problems[1].severity == "error",
  "zb.open of a missing directory returns nil, message, problems", msg)

-- text width
check(zb.width("七星关区") == 8 and zb.width("GDP") == 3 and zb.width("") == 0, "CJK characters are two columns wide")
check(zb.pad("七星", 6) == "七星  " and zb.pad("七星", 6, "right") == "  七星", "pad by display width")
check(zb.cut("七星关区", 5) == "七星", "cut never splits a wide character")

tap.done()
