-- The report builder (lua/report.lua) and its writers, on figures of the
-- 七星关区 dataset.  Run by tests/run.sh with --data datasets/qixingguan.
local report = require "report"
local fmt = report.fmt

local tap = dofile("tests/lua/tap.lua")
local check = tap.check
local function eq(got, want, name) check(got == want, name, string.format("got %q, want %q", tostring(got), tostring(want))) end

-- numbers ------------------------------------------------------------------
eq(fmt.number(500.06, 2), "500.06", "two decimals")
eq(fmt.number(42892, 0), "42892", "no decimals, no separators")
eq(fmt.number(0.05, 3), "0.050", "an indicator with three decimals")
eq(fmt.number(-0.001, 2), "0.00", "no negative zero")
eq(fmt.number(nil, 2, "—"), "—", "missing shows the marker")
eq(fmt.number(0 / 0, 2), "", "NaN is empty")
eq(fmt.header({label = "基期值", unit = "亿元"}), "基期值（亿元）", "a header carries the unit")

-- statuses: a word for every verdict of zb_progress ---------------------------
for _, key in ipairs{"achieved", "on_track", "behind", "off_track", "moving_away", "missed", "not_assessable"} do
  check(fmt.statuses[key] and fmt.tones[fmt.statuses[key].tone], "status " .. key .. " has a word and a tone")
end
eq(fmt.status_word("off_track"), "严重滞后", "off_track in Chinese")
eq(fmt.status_word("made_up"), "made_up", "an unknown status shows its key")

-- a document --------------------------------------------------------------
local function sample()
  local doc = report.new{title = "测试报表", subtitle = "七星关区"}
  doc:heading("一、总体情况")
  doc:paragraph("2020年地区生产总值500.06亿元。", {source = "001_02574697a35bb97b.txt:778"})
  doc:paragraph("同一来源再引一次。", {source = "001_02574697a35bb97b.txt:778"})
  local rows = {}
  for i, code in ipairs{"gdp", "gdp_per_capita", "unemployment_rate_urban", "work_safety_death_rate"} do
    local ind = ds:indicator(code)
    local t = ds:targets{plan = "qxg-14fyp", indicator = code}[1]
    local base = t.base_value
    if t.base_corrected then base = {value = t.base_value, note = t.note} end
    rows[i] = {category = ind.category, name = ind.name, unit = ind.unit, base = base, decimals = ind.decimals,
               target = t.target_text, status = i == 1 and "on_track" or "behind"}
  end
  rows[1].name = "地区生产总值|GDP"
  doc:table{name = "main", title = "主要指标", group = "category", columns = {
    {key = "category", label = "类别"}, {key = "name", label = "指标"}, {key = "unit", label = "单位"},
    {key = "base", label = "2020年", type = "number", decimals = "decimals"},
    {key = "target", label = "2025年"}, {key = "status", label = "判断", type = "status"}}, rows = rows}
  doc:table{name = "second", title = "第二张表", columns = {{key = "a", label = "甲,乙"}}, rows = {{a = '说"明"'}}}
  doc:chart{kind = "progress", title = "任务进度", items = {{label = "地区生产总值", progress = 0.96, time = 1, status = "missed"}}}
  return doc
end

local doc = sample()
local layout = doc:layout()
eq(#layout.footnotes, 2, "the same source twice is one footnote; the corrected 4..03 is the other")
eq(layout.footnotes[2], "原文为“4..03”，按4.03录入", "the footnote of the corrected base")

-- Markdown
local md = doc:render("md")
check(md:find("| 地区生产总值\\|GDP | 亿元 | 500.06 |", 1, true), "Markdown escapes | and keeps two decimals", md)
check(md:find("| 人均地区生产总值 | 元 | 42892 |", 1, true), "per-capita GDP with no decimals (its indicator has 0)", md)
check(md:find("| 城镇登记失业率 | % | 4.03[^2] |", 1, true), "the corrected cell carries its footnote mark", md)
check(md:find("| 亿元地区生产总值生产安全事故死亡率 | 人/亿元 | 0.050 |", 1, true), "three decimals where the indicator says so", md)
check(md:find("|---|---|---:|---|:---:|", 1, true), "numbers right-aligned, statuses centred", md)
check(md:find("| **经济建设** |", 1, true), "a group row for the category", md)
check(md:find("2020年地区生产总值500.06亿元。[^1]", 1, true) and md:find("同一来源再引一次。[^1]", 1, true), "both paragraphs point at footnote 1", md)
check(md:find("[^2]: 原文为“4..03”，按4.03录入", 1, true), "footnotes listed at the end", md)

-- HTML
local html = doc:render("html")
check(html:find("@page { size: A4", 1, true), "A4 pages", "")
check(html:find('"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei"', 1, true) and html:find('"SimSun", sans-serif', 1, true),
  "Chinese font fallbacks", "")
check(not html:find("https?://") or not html:find('src="', 1, true), "nothing fetched from the network", "")
check(not html:find('<script', 1, true) and not html:find('<link', 1, true) and not html:find('src=', 1, true),
  "no scripts, links or external sources", "")
check(html:find('<td class="st tone-ok">进度正常</td>', 1, true), "a status cell: tinted by tone and written as a word", "")
check(html:find('<td class="st tone-warn">进度滞后</td>', 1, true), "behind is a warning tone with its word", "")
check(html:find("<svg", 1, true) and html:find("未实现", 1, true), "the chart is inline SVG with the status word", "")
check(html:find('<tr class="group"><td colspan="5">经济建设</td></tr>', 1, true), "a group row spans the columns shown", "")
check(html:find("&lt;", 1, true) == nil and report.new{title = "<b>"}:render("html"):find("<h1>&lt;b&gt;</h1>", 1, true),
  "text is escaped", "")

-- CSV
local csv = doc:render("csv")
eq(csv:sub(1, 3), "\239\187\191", "CSV starts with a BOM")
check(csv:find("类别,指标,单位,2020年,2025年,判断\r\n", 4, true), "CSV header, CRLF line ends", csv)
check(csv:find("民生福祉,城镇登记失业率,%,4.03,4.2以内,进度滞后\r\n", 1, true), "a CSV row keeps the group column", csv)
eq(doc:render("csv", {bom = false}):sub(1, 6), "类别", "bom = false drops it")
local second = require("report.csv").table_text(doc:tables()[2])
eq(second, '"甲,乙"\r\n"说""明"""\r\n', "CSV quotes commas and doubles quotes")

-- JSON
local json = doc:render("json")
check(json:find('"base": 500.06', 1, true) and json:find('"base": 0.05,', 1, true), "JSON numbers as numbers, rounded as shown", json:sub(1, 200))
check(json:find('"status": "on_track",%s*"status_label": "进度正常"'), "JSON status key and word", "")
eq(require("report.json").encode({a = {1, 2}, b = "x\n"}), '{\n  "a": [1, 2],\n  "b": "x\\n"\n}', "JSON encoding, sorted keys")

-- text
local text = doc:render("text")
local widths = {}
for line in text:gmatch("[^\n]+") do
  local tail = line:match("(进度正常)$") or line:match("(进度滞后)$")
  if tail then widths[zb.width(line) - zb.width(tail)] = true end
end
local distinct = 0
for _ in pairs(widths) do distinct = distinct + 1 end
eq(distinct, 1, "terminal text: the status column starts at one display column")

-- formats and errors
eq(report.format_of("out/a.XLSX"), "xlsx", "the format from the extension")
eq(report.format_of("out/a.markdown"), "md", "markdown is md")
eq(report.format_of("out/a"), nil, "no extension, no format")
local ok, err = pcall(report.new, "title")
check(not ok and err:find("bad argument #1 to 'new' (table expected, got string)", 1, true), "report.new checks its argument", err)
ok, err = pcall(function() report.new{title = "x"}:table{rows = {}} end)
check(not ok and err:find("bad argument #1 to 'table' (columns expected)", 1, true), "a table needs columns", err)
ok, err = pcall(function() report.new{title = "x"}:table{columns = {{key = "a", type = "money"}}, rows = {}} end)
check(not ok and err:find("unknown type 'money'", 1, true), "an unknown column type", err)
ok, err = pcall(function() report.new{title = "x"}:chart{kind = "pie"} end)
check(not ok and err:find("kind 'progress', 'path' or 'bars' expected", 1, true), "an unknown chart kind", err)
ok, err = pcall(function() report.new{title = "x"}:render("xlsx") end)
check(not ok and err:find("no text form", 1, true), "xlsx has no text form", err)

-- charts
local svg = require "report.svg"
local ticks = svg.ticks(0, 500, 4)
-- 500 / 4 = 125 -> a step of 200 (the first of 1, 2, 2.5, 5 x 100 not below 125)
eq(table.concat(ticks, ","), "0,200,400,600", "axis ticks")
local path = svg.render{kind = "path", panels = {{title = "地区生产总值", unit = "亿元", decimals = 2,
  actual = {{2015, 290.58}, {2020, 500.06}}, from = {2015, 290.58}, to = {2020, 509}, compound = true,
  target = {year = 2020, value = 509}, status = "missed"}}}
-- The compound path passes 290.58 * (509 / 290.58)^(1/5) = 325.71 in 2016: six points, 2015..2020.
local pts = path:match('<polyline points="([^"]+)" fill="none" stroke="#c2410c"')
local count = 0
for _ in (pts or ""):gmatch("%S+") do count = count + 1 end
eq(count, 6, "the target path has a point a year")
check(path:find("实际 500.06（2020）", 1, true) and path:find("目标 509.00（2020）", 1, true), "the panel prints actual and target", path)
check(path:find(">未实现<", 1, true), "and the status word", "")

-- writing: only inside the output directory, atomically (zb.write)
local name = "build/test_report_" .. os.time() .. ".md"
local written = sample():write(name)
eq(#written, 2, "Markdown and its figure")
check(written[2] and written[2]:match("%-fig1%.svg$"), "the chart as NAME-fig1.svg", written[2])
local f = io.open(name, "rb")
local back = f and f:read("a")
if f then f:close() end
check(back and back:find("![图 1　任务进度](" .. name:match("[^/]+$"):gsub("%.md$", "") .. "-fig1.svg)", 1, true), "the Markdown links it", back)
for _, p in ipairs(written) do os.remove(p) end
ok, err = pcall(function() return sample():write("/tmp/x.md") end)
check(not ok and tostring(err):find("bad argument #1 to 'write'", 1, true), "an absolute path is refused", err)

-- zb.xlsx.write: arguments and failures (the cells themselves are read back
-- with openpyxl in tests/cli/test_report.sh)
local xname = "build/test_report_" .. os.time() .. ".xlsx"
local path, names = zb.xlsx.write(xname, {sheets = {
  {name = "汇总", header = {"a"}, rows = {{1}}}, {name = "汇总", header = {"b"}, rows = {}},
  {name = "a/b:c", header = {"c"}, rows = {{"x"}}}}})
eq(path, "./" .. xname, "zb.xlsx.write returns the path")
eq(table.concat(names, "|"), "汇总|汇总 (2)|a／b：c", "sheet names made valid and unique")
os.remove(xname)
ok, err = pcall(zb.xlsx.write, xname, {sheets = {{name = "s", header = {"a"}, rows = {{{v = 1, s = "nope"}}}}}})
check(not ok and tostring(err):find("unknown style 'nope'", 1, true), "an unknown style raises", err)
ok, err = pcall(zb.xlsx.write, xname, {sheets = {{name = "s", header = {"a"}, rows = {{{v = 1, s = "x"}}}}},
  styles = {x = {bg = "red"}}})
check(not ok and tostring(err):find("colour '#RRGGBB' expected, got 'red'", 1, true), "a bad colour raises", err)
ok, err = pcall(zb.xlsx.write, xname, {sheets = {{name = "s", header = {"a"}, rows = {{true}}}}})
check(not ok and tostring(err):find("sheet 1 row 1 column 1: a number, a string", 1, true), "a boolean cell raises with its place", err)
ok, err = pcall(zb.xlsx.write, xname, {sheets = {}})
check(not ok and tostring(err):find("1 to 255 sheets expected", 1, true), "no sheets is an argument error", err)
ok, err = pcall(function() return zb.xlsx.write("../x.xlsx", {sheets = {{header = {"a"}, rows = {}}}}) end)
check(not ok and tostring(err):find("bad argument #1 to 'write'", 1, true), "a name outside the output directory", err)
local p2, msg = zb.xlsx.write("no_such_dir_here/x.xlsx", {sheets = {{header = {"a"}, rows = {}}}})
check(p2 == nil and msg:find("no_such_dir_here", 1, true), "a missing directory is nil and a message", msg)
-- After the failures above nothing is left behind: no workbook, no temporary file.
collectgarbage()
local f2 = io.open(xname, "rb")
check(f2 == nil, "no workbook written after an error", xname)
if f2 then f2:close() end
local tmpname = xname:match("[^/]+$")
local stray = false
for entry in io.popen("ls -a build"):lines() do
  if entry:find("." .. tmpname .. ".", 1, true) == 1 then stray = true end
end
check(not stray, "no temporary file left in build/", "")

-- float noise at the output boundary ---------------------------------------
-- 2181.5 - (sum of the counties, 2181.4999999999998) in floating point:
local noise = -1.1368683772161603e-13
eq(fmt.clean(noise, 2), 0.0, "a difference of two equal sums is 0")
eq(tostring(fmt.clean(684.4999999999999, 1)), "684.5", "a float sum's tail goes (1 decimal + 6 places)")
eq(fmt.clean(95.90696820, 0), 95.906968, "six places beyond the indicator's decimals stay for Excel")
eq(fmt.clean(12345678.123456789, 2), 12345678.1234568, "no more than 15 significant digits")
eq(math.type(fmt.clean(7, 2)), "integer", "an integer stays an integer")
eq(fmt.number(noise, 2), "0.00", "shown as 0.00, never -0.00")
local rds = require "report.ds"
eq(rds.rate_cell(noise, false, "%").text, "+0.00点", "a pace of -1e-13 points reads +0.00点, not -0.00点")
eq(rds.rate_cell(noise, false, "%").value, 0.0, "and is stored as 0")
eq(rds.rate_cell(-0.0064, false, "%").text, "-0.0064点", "a real fall keeps its sign")
local jn = require("report.json")
eq(jn.encode({v = noise, w = 684.4999999999999, x = -0.0}), '{\n  "v": 0,\n  "w": 684.5,\n  "x": 0\n}',
  "JSON numbers without noise or negative zero")

-- JSON objects with empty values ---------------------------------------------
-- A nil in the middle of an ordered object used to shift every later key.
eq(jn.encode(jn.obj{"a", 1, "b", nil, "c", 3}), '{\n  "a": 1,\n  "c": 3\n}', "a nil value leaves its key out, the rest in place")
eq(jn.encode(jn.obj{"a", jn.null, "b", 2}), '{\n  "a": null,\n  "b": 2\n}', "json.null keeps the key with null")
local ok2, err2 = pcall(jn.encode, jn.obj{1, "x"})
check(not ok2 and tostring(err2):find("object key 1 is a number, not a string", 1, true), "a key that is not a string is an error, not a crash", err2)
local jdoc = report.new{title = "空格"}
jdoc:table{name = "t", columns = {{key = "a", label = "甲", type = "number"}, {key = "b", label = "乙"},
  {key = "s", label = "判断", type = "status"}, {key = "c", label = "丙", type = "number"}},
  rows = {{a = nil, b = nil, s = nil, c = 2.5}, {a = 1, b = "x", s = "match", c = nil}}}
local jtext = jdoc:render("json")
check(jtext:find('{\n%s*"a": null,\n%s*"b": null,\n%s*"s": null,\n%s*"s_label": null,\n%s*"c": 2.5\n%s*}'),
  "an empty row keeps every key, with null", jtext)
check(jtext:find('"a": 1,\n%s*"b": "x",\n%s*"s": "match",\n%s*"s_label": "相符",\n%s*"c": null'),
  "a row with its last cell empty", jtext)

-- targets as printed: numbers for Excel, text for people ----------------------
local fc = rds.figure_cell("509", 2)
check(type(fc) == "table" and fc.value == 509 and fc.text == "509" and fc.decimals == 2, "509 is a number cell with the indicator's 2 decimals", fc)
eq(rds.figure_cell("9.5", 0).decimals, 1, "9.5 keeps its decimal where the indicator has none")
eq(rds.figure_cell("10左右", 1), "10左右", "a qualifier stays text")
eq(rds.figure_cell("14.1:36.4:49.5", 1), "14.1:36.4:49.5", "a structure stays text")
eq(rds.figure_cell(nil, 1), "", "no target is empty")
local fdoc = report.new{title = "目标"}
fdoc:table{name = "t", columns = {{key = "t", label = "目标", align = "center"}},
  rows = {{t = rds.figure_cell("509", 2)}, {t = rds.figure_cell("60以上", 0)}}}
eq(require("report.csv").table_text(fdoc:tables()[1]), "目标\r\n509\r\n60以上\r\n", "CSV prints the target as written")
local sheet = require("report.xlsx").book(fdoc).sheets[1]
check(type(sheet.rows[1][1]) == "table" and sheet.rows[1][1].v == 509 and sheet.rows[1][1].d == 2,
  "the workbook gets the number 509 with 2 decimals", sheet.rows[1][1])
eq(sheet.rows[2][1], "60以上", "and the qualified target as text")

-- precision as entered ----------------------------------------------------------
eq(rds.decimals_of(57.2, 0), 1, "57.2 was entered with 1 decimal")
eq(rds.decimals_of(54, 0), 0, "54 with none")
eq(rds.decimals_of(500.06, 2), 2, "an indicator's decimals at least")
eq(rds.decimals_of(1 / 3, 0), 3, "a computed value: 3 more at most")
eq(rds.decimals_of(nil, 1), 1, "no value: the indicator's")

-- author and date on the title page -------------------------------------------
local adoc = report.new{title = "报告", subtitle = "副题", author = "七星关区发展和改革局", date = "2024年6月"}
adoc:paragraph("正文")
check(adoc:render("text"):find("^报告\n副题\n七星关区发展和改革局 · 2024年6月\n"), "text shows author and date under the title", adoc:render("text"))
local arows = require("report.xlsx").book(adoc).sheets[1].rows
local seen = {}
for _, r in ipairs(arows) do if r[1] and r[2] then seen[r[1].t] = r[2].t end end
eq(seen["编制单位"], "七星关区发展和改革局", "the 说明 sheet names who issued it")
eq(seen["日期"], "2024年6月", "and when")

tap.done()
