-- ds:select, the zb.frame userdata, and the filters of ds:regions{} and
-- ds:indicators{}, on the bundled data.
-- Run: zhibiao run tests/lua/test_select.lua --data datasets/qixingguan
--
-- Expected figures counted in the CSV files (a spreadsheet or csv reader
-- does it): datasets/qixingguan/observations.csv has 79 rows, 34 for 2015
-- and 45 for 2020; two are missing (industry_structure, printed as shares);
-- the 77 figures add up to 243636.7578, the smallest is 0.007
-- (work_safety_death_rate 2015), the largest 51600 (new_affordable_housing
-- 2020).  2015: 33 figures summing to 91961.1574; 2020: 44 summing to
-- 151675.6004.  indicators.csv: 21 rates, 20 levels, 12 in 经济建设.
-- Of the 19 rates with a 2020 figure, 11 lie above 60 %.

local tap = dofile("tests/lua/tap.lua")
local check = tap.check

local function err(f, ...)
  local ok, e = pcall(f, ...)
  if ok then return nil end
  return tostring(e)
end

local near = tap.near

-- Every row
local all = ds:select()
check(getmetatable(all).__name == "zb.frame" and #all == 79, "ds:select() holds every row", #all)
check(#ds:select{} == 79, "an empty filter selects everything too")
check(all:count() == 77 and all:count_missing() == 2, "77 figures and 2 missing values", all:count() .. " " .. all:count_missing())
check(near(all:sum(), 243636.7578, 1e-9), "sum of every figure", string.format("%.10f", all:sum()))
local lo, at = all:min()
check(lo == 0.007 and all[at].indicator == "work_safety_death_rate" and all[at].year == 2015,
  "min() gives the value and where it is", lo)
local hi, hat = all:max()
check(hi == 51600 and all[hat].indicator == "new_affordable_housing", "max() likewise", hi)
check(near(all:mean(), 243636.7578 / 77, 1e-9), "mean() skips missing values", all:mean())
local st = all:stats()
check(st.count == 77 and st.missing == 2 and st.min == 0.007 and st.max == 51600 and near(st.sum, 243636.7578),
  "stats() in one pass")

-- Filters
local gdp = ds:select{indicator = "gdp"}
check(#gdp == 2 and near(gdp:sum(), 290.58 + 500.06), "one indicator: GDP 2015 and 2020", gdp:sum())
local y2015 = ds:select{year = 2015}
check(#y2015 == 34 and y2015:count() == 33 and near(y2015:sum(), 91961.1574), "one year", #y2015)
check(#ds:select{from = 2016} == 45 and #ds:select{to = 2019} == 34 and #ds:select{from = 2015, to = 2020} == 79,
  "from and to are inclusive bounds")
check(#ds:select{year = {2015, 2020}} == 79 and #ds:select{year = 2020, from = 2016} == 45, "a list of years; fields combine")
check(#ds:select{indicator = {"gdp", "fai"}} == 3, "a list of indicators (fai has 2015 only)")
check(#ds:select{kind = "rate", year = 2020} == 19, "by kind of indicator and year")
check(#ds:select{region = "520502"} == 79 and #ds:select{region = "520500"} == 0, "by region")
check(#ds:select{level = "county"} == 79 and #ds:select{level = "city"} == 0, "by level")
check(#ds:select{parent = "520500"} == 79 and #ds:select{within = "520000"} == 79 and #ds:select{parent = "520000"} == 0,
  "parent is the direct parent, within any ancestor")
check(#ds:select{category = "经济建设", year = 2015} == 9, "by category", #ds:select{category = "经济建设", year = 2015})
check(#ds:select{missing = true} == 2 and #ds:select{missing = false} == 77, "missing = true / false")
check(#ds:select{status = "actual"} == 79 and #ds:select{status = "estimate"} == 0, "by status")
check(#ds:select{attribute = "binding", year = 2020} == ds:select{year = 2020}:where{attribute = "binding"}:count()
  + ds:select{year = 2020}:where{attribute = "binding"}:count_missing(), "attribute filter, the same through where")

-- where: a sub-selection equals the combined filter
local levels = ds:select{kind = "level"}
local l2015 = levels:where{year = 2015}
check(#l2015 == #ds:select{kind = "level", year = 2015} and #l2015 == 16, "where narrows a frame", #l2015)
check(near(l2015:sum(), 34229.7504), "sum of the 16 levels of 2015", l2015:sum())
check(#levels:where{} == #levels, "where{} keeps every row")

-- outside: rates above 60 % in 2020
local rates = ds:select{kind = "rate", year = 2020}
local high = rates:outside(nil, 60)
check(#high == 11 and high:min() > 60, "outside(nil, 60) keeps rows above 60", #high)
check(#rates:outside(0, 100) == 0, "no rate lies outside 0-100")
check(#rates:outside(60, nil) == 19 - 11, "outside(60) keeps rows below 60")
check(#all:outside(0, 1e9) == 0 and #ds:select{missing = true}:outside(0, 0) == 0, "missing values are never outside")

-- group
local by_year = all:group("year")
check(#by_year == 2 and by_year[1].year == 2015 and by_year[2].year == 2020, "group by year, years ascending")
check(by_year[1].count == 33 and by_year[1].missing == 1 and near(by_year[1].sum, 91961.1574), "2015 group")
check(by_year[2].count == 44 and near(by_year[2].sum, 151675.6004), "2020 group")
local by_ind = gdp:group("indicator")
check(#by_ind == 1 and by_ind[1].indicator == "gdp" and by_ind[1].name == "地区生产总值(GDP)"
  and by_ind[1].min == 290.58 and by_ind[1].max == 500.06 and near(by_ind[1].mean, (290.58 + 500.06) / 2), "group by indicator")
local by_region = all:group("region")
check(#by_region == 1 and by_region[1].region == "520502" and by_region[1].count == 77, "group by region: only regions with rows")

-- Values reach Lua only on request
local values, count = gdp:column("value")
check(count == 2 and values[1] == 290.58 and values[2] == 500.06, "column('value')")
local structure = ds:select{indicator = "industry_structure"}
local sv, sn = structure:column("value")
local raw = structure:column("raw")
check(sn == 2 and sv[1] == nil and sv[2] == nil and raw[1] == "20.8:34.3:44.9" and raw[2] == "18.7:25.5:55.8",
  "a missing value is a hole; the printed text is in column('raw')")
check(gdp:column("year")[2] == 2020 and gdp:column("region_name")[1] == "七星关区" and gdp:column("unit")[1] == "亿元",
  "other columns")
local seen = {}
for i, r in gdp:rows() do seen[#seen + 1] = i .. ":" .. r.year .. "=" .. r.value end
check(table.concat(seen, " ") == "1:2015=290.58 2:2020=500.06", "rows() yields i and a row table", table.concat(seen, " "))
seen = {}
for i, year, value, source in gdp:rows("year", "value", "source") do seen[#seen + 1] = year .. "=" .. value .. "@" .. source end
check(seen[1] == "2015=290.58@001_02574697a35bb97b.txt:209", "rows(col, ...) yields the named cells", seen[1])
local row = gdp[2]
check(row.region == "520502" and row.indicator == "gdp" and row.year == 2020 and row.value == 500.06
  and row.status == "actual" and row.line == 36, "f[i] is a row table with its file line", row.line)
check(gdp[0] == nil and gdp[3] == nil, "outside 1..#f is nil")

-- head and display
check(#all:head(3) == 3 and all:head(3)[3].indicator == "va_secondary" and #all:head(100) == 79, "head(n)")
check(#gdp:head(1) == 1 and gdp:head(1)[1].year == 2015, "head of a listed frame")
check(tostring(gdp) == table.concat({
  "地区      指标               年份    数值  单位",
  "七星关区  地区生产总值(GDP)  2015  290.58  亿元",
  "七星关区  地区生产总值(GDP)  2020  500.06  亿元",
  "共 2 行"}, "\n"), "__tostring aligns Chinese columns by display width", "\n" .. tostring(gdp))
local lines = {}
for line in (tostring(all) .. "\n"):gmatch("(.-)\n") do lines[#lines + 1] = line end
check(#lines == 12 and lines[12] == "… 共 79 行", "a long frame shows 10 rows and the count", lines[#lines])
local year_col = {}
for i = 1, 11 do
  local line = lines[i]
  local p = line:find(i == 1 and "年份" or "20[12][05]")
  year_col[#year_col + 1] = zb.width(line:sub(1, p - 1))
end
local aligned = true
for i = 2, #year_col do aligned = aligned and year_col[i] == year_col[1] end
check(aligned, "the year column starts at the same display column on every line", table.concat(year_col, ","))
check(not tostring(all):find(" \n", 1, true), "no trailing spaces")
check(tostring(ds:select{region = "520500"}) == "共 0 行", "an empty frame")
local structure_text = tostring(structure)
check(structure_text:find("2015    ——\n", 1, true), "a missing value shows as ——, right-aligned", structure_text)
check(#all:format(100):gsub("[^\n]", "") == 80, "format(n) shows n rows")

-- preliminary figures get a status column (贵州: 20 rows not actual)
local gz = assert(zb.open("datasets/guizhou"))
local prelim = gz:select{status = {"preliminary", "estimate"}}
check(#prelim == 20, "status filter with a list", #prelim)
check(tostring(prelim):match("^[^\n]*状态\n"), "a status column when a row is not actual")
check(#gz:select{within = "520000", level = "county"} == 0, "no county figures in the provincial dataset")
check(#gz:select{parent = "520000"} == #gz:select{region = "520500"}, "parent: 毕节市 is the only city with rows")

-- ds:regions{} and ds:indicators{}
check(#gz:regions{within = "520000"} == 99 and #gz:regions{parent = "520500"} == 10, "regions within / parent")
check(#gz:regions{level = {"city", "zone"}} == 11 and #gz:regions("county") == 88, "regions by level (a list, or the old string)")
check(#gz:regions{level = "county", parent = "520500"} == 8, "fields combine (毕节's 8 counties)")
check(#ds:indicators{kind = "rate"} == 21 and #ds:indicators{kind = {"rate", "level"}} == 41, "indicators by kind")
check(#ds:indicators{category = "经济建设"} == 12, "indicators by category")
local inc = ds:indicators{pattern = "^income"}
check(#inc == 2 and inc[1].code == "income_urban" and inc[2].code == "income_rural", "pattern is a Lua pattern on code and names")
check(#ds:indicators{pattern = "GDP"} >= 2 and #ds:indicators{pattern = "城镇化"} == 1, "pattern matches Chinese names too")
check(#ds:indicators() == 56, "no filter: every indicator")

-- Argument errors
local e = err(function() return ds:select{yaer = 2020} end)
check(e and e:find("bad argument #1 to 'select' (unknown field 'yaer' (fields: region,", 1, true), "an unknown field", e)
e = err(function() return ds:select{indicator = "gpd"} end)
check(e and e:find("bad argument #1 to 'select' (未知的指标代码“gpd”)", 1, true), "an unknown code", e)
e = err(function() return ds:select{region = "999999"} end)
check(e and e:find("未知的地区代码“999999”", 1, true), "an unknown region", e)
e = err(function() return ds:select{year = "2020"} end)
check(e and e:find("field 'year': integer year expected, got string", 1, true), "a year is an integer", e)
e = err(function() return ds:select{from = 1800} end)
check(e and e:find("field 'from': year 1800 out of range", 1, true), "a year out of range", e)
e = err(function() return ds:select{status = "final"} end)
check(e and e:find("unknown status 'final'", 1, true), "an unknown status", e)
e = err(function() return ds:select{level = "town"} end)
check(e and e:find("unknown level 'town'", 1, true), "an unknown level", e)
e = err(function() return ds:select{kind = "ratio"} end)
check(e and e:find("unknown kind 'ratio'", 1, true), "an unknown kind", e)
e = err(function() return ds:select{category = "经济"} end)
check(e and e:find("unknown category '经济'", 1, true), "an unknown category", e)
e = err(function() return ds:select{indicator = {}} end)
check(e and e:find("field 'indicator': the list is empty", 1, true), "an empty list", e)
e = err(function() return ds:select{missing = 1} end)
check(e and e:find("field 'missing': boolean expected, got number", 1, true), "missing is a boolean", e)
e = err(function() return ds:select("gdp") end)
check(e and e:find("bad argument #1 to 'select' (table expected, got string)", 1, true), "the filter is a table", e)
e = err(function() return ds:indicators{year = 2020} end)
check(e and e:find("bad argument #1 to 'indicators' (unknown field 'year' (fields: indicator, kind, category, attribute, pattern))", 1, true),
  "ds:indicators accepts only indicator fields", e)
e = err(function() return ds:regions{kind = "rate"} end)
check(e and e:find("unknown field 'kind' (fields: region, level, parent, within)", 1, true), "ds:regions only region fields", e)
e = err(function() return gdp:outside() end)
check(e and e:find("bad argument #1 to 'outside' (a lower or an upper bound expected)", 1, true), "outside needs a bound", e)
e = err(function() return gdp:outside(10, 5) end)
check(e and e:find("bad argument #2 to 'outside' (upper bound below the lower bound)", 1, true), "bounds the wrong way round", e)
e = err(function() return gdp:group("month") end)
check(e and e:find("bad argument #1 to 'group' (invalid option 'month')", 1, true), "group by an unknown key", e)
e = err(function() return gdp:column("price") end)
check(e and e:find("bad argument #1 to 'column' (invalid option 'price')", 1, true), "an unknown column", e)
e = err(function() return gdp:where("x") end)
check(e and e:find("bad argument #1 to 'where' (table expected, got string)", 1, true), "where needs a table", e)

-- A frame keeps its dataset alive; a closed dataset is an error, not a crash.
local kept
do
  local d = assert(zb.open("datasets/qixingguan"))
  kept = d:select{indicator = "gdp"}
end
collectgarbage(); collectgarbage()
check(near(kept:sum(), 790.64) and kept[1].region == "520502", "a frame outlives the last reference to its dataset")
local closing = assert(zb.open("datasets/qixingguan"))
local f2 = closing:select{}
getmetatable(closing).__close(closing)
e = err(function() return f2:sum() end)
check(e and (e:find("数据集已关闭", 1, true) or e:find("closed", 1, true)), "using a frame of a closed dataset raises", e)
check(#f2 == 79, "its length is still known")

tap.done()
