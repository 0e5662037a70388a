-- Tests of the pretty printer (lua/pp.lua through zb.pformat, and the
-- module itself through require "pp"), with exact expected text.
-- Run: zhibiao run tests/lua/test_pp.lua --data datasets/qixingguan

local tap = dofile("tests/lua/tap.lua")
local function eq(got, want, name)
  return tap.check(got == want, name, "want:\n" .. tostring(want) .. "\ngot:\n" .. tostring(got))
end
local function lines(...) return table.concat({ ... }, "\n") end
local f = zb.pformat

-- Numbers: 14 significant digits as Lua's tostring; integral floats as integers.
eq(f(500.06), "500.06", "a figure from the data")
-- 93.36 + 127.55 + 279.15 is 500.05999999999995 in binary floating point
eq(f(93.36 + 127.55 + 279.15), "500.06", "a sum without floating-point noise")
eq(f(0.1 + 0.2), "0.3", "0.1 + 0.2")
eq(f(10 / 2), "5", "an integral float reads as an integer")
eq(f(42), "42", "an integer")
eq(f(-0.5), "-0.5", "a negative fraction")
eq(f(1 / 3), "0.33333333333333", "1/3 to 14 digits")
eq(f(1e20), "1e+20", "a large float keeps its exponent")
eq(f(2 ^ 53), "9007199254740992", "an integral float up to 2^53 is exact")
eq(f(1 / 0) .. " " .. f(-1 / 0) .. " " .. f(0 / 0), "inf -inf nan", "infinities and NaN")

-- Strings: quoted, control characters escaped, several lines shown raw.
eq(f("七星关区"), '"七星关区"', "a Chinese string, quoted")
eq(f('a"b\\c\t\1'), '"a\\"b\\\\c\\t\\x01"', "quotes, backslashes and controls escaped")
eq(f("第一行\n第二行"), "第一行\n第二行", "text of several lines is shown as it is")
eq(f(nil) .. " " .. f(true) .. " " .. f(print), "nil true <function>", "nil, booleans, functions")

-- Tables on one line when they fit: array part first, other keys sorted
-- (numbers, then strings); keys that are not names in brackets.
eq(f({ 3, 1, 2 }), "{3, 1, 2}", "an array keeps its order")
eq(f({ b = 1, a = 2 }), "{a = 2, b = 1}", "keys sorted")
eq(f({ 10, 20, [5] = true, x = "y", ["not a name"] = 1, [2.5] = 0, ["end"] = 2 }),
  '{10, 20, [2.5] = 0, [5] = true, ["end"] = 2, ["not a name"] = 1, x = "y"}',
  "numbers before strings; keywords and non-names bracketed")
eq(f({}), "{}", "an empty table")

-- Nested and too wide for one line: indented by two, one field a line.
-- width 30: "  nested = " (11) + "{a = {b = {c = 1}}}" (19) + "," = 31 > 30,
-- so nested opens; "    a = {b = {c = 1}}," is 22 and fits.
eq(f({ name = "七星关区", values = { 2015, 2020 }, nested = { a = { b = { c = 1 } } } }, { width = 30 }),
  lines("{",
        "  name = \"七星关区\",",
        "  nested = {",
        "    a = {b = {c = 1}},",
        "  },",
        "  values = {2015, 2020},",
        "}"),
  "nested tables indented, keys sorted")
-- An array of plain values fills lines up to the width: "  1, 2, 3," is 10
-- columns, adding " 4," makes 13 > 12.
eq(f({ 1, 2, 3, 4, 5, 6, 7 }, { width = 12 }), lines("{", "  1, 2, 3,", "  4, 5, 6,", "  7,", "}"),
  "plain values share lines")

-- Cycles and depth.
local t = { name = "x" }
t.self = t
eq(f(t), '{name = "x", self = <循环引用>}', "a cycle is marked")
eq(f(t, { lang = "en" }), '{name = "x", self = <cycle>}', "a cycle is marked (English)")
local shared = { 1 }
eq(f({ a = shared, b = shared }), "{a = {1}, b = {1}}", "a table seen twice is not a cycle")
eq(f({ a = { b = { c = 1 } } }, { max_depth = 2 }), "{a = {b = {…}}}", "deep nesting is cut at max_depth")

-- Userdata through __tostring.
eq(f(ds), tostring(ds), "a dataset shows its __tostring")
eq(f({ d = ds }), "{d = " .. tostring(ds) .. "}", "inside a table too")

-- An array of records is a table aligned by display width.  name column:
-- "地区生产总值(GDP)" is 6 wide characters (12) + 5 = 17 columns; 常住人口 is
-- 8, padded with 9 spaces.  value is numeric: right-aligned to "500.06",
-- its title too.
-- Values from observations.csv: GDP 500.06, 常住人口 116.81, 城镇化率 54 (2020).
local rows = {}
for _, code in ipairs{ "gdp", "resident_pop", "urbanization_rate" } do
  rows[#rows + 1] = { code = code, name = ds:indicator(code).name, value = ds:value("520502", code, 2020) }
end
eq(f(rows), lines(
  "#  code               name                value",
  "-  -----------------  -----------------  ------",
  "1  gdp                地区生产总值(GDP)  500.06",
  "2  resident_pop       常住人口           116.81",
  "3  urbanization_rate  常住人口城镇化率       54"), "records as an aligned table, CJK names")
-- width 30: "#" (1) + "  code" (2 + 17) = 20; name would need 2 + 17 more.
-- The note names what fits in 30 columns: "（另有 2 列未显示：name、value）"
-- is 32 wide, so value gives way to "…" (28).
eq(f(rows, { width = 30 }), lines(
  "#  code",
  "-  -----------------",
  "1  gdp",
  "2  resident_pop",
  "3  urbanization_rate",
  "（另有 2 列未显示：name、…）"), "columns that do not fit are named")
eq(f(rows, { width = 38 }):match("[^\n]*$"), "（另有 2 列未显示：name、value）", "all of them when the note fits")

eq(f(rows, { width = 30, hints = true }):match("[^\n]*$"), "（另有 2 列未显示：name、…；_[1] 显示第 1 行的全部字段）",
  "the REPL's note says how to see a whole row")

-- Long output is cut with a note.  Ten 10-letter strings at width 20: one a
-- line ("  \"abcdefghij\"," is 15; two would be 29), so 12 lines with the
-- braces; 5 shown, 7 left.
local words = {}
for i = 1, 10 do words[i] = "abcdefghij" end
eq(f(words, { width = 20, max_lines = 5 }), lines(
  "{", '  "abcdefghij",', '  "abcdefghij",', '  "abcdefghij",', '  "abcdefghij",',
  "… 还有 7 行，共 12 行"), "long output cut with a note")
eq(select(2, f(words, { width = 20, max_lines = 5, lang = "en" }):gsub("\n", "\n")), 5, "five lines and the note")
eq(f(words, { width = 20, max_lines = 5, lang = "en" }):match("[^\n]*$"), "… 7 more lines, 12 in all", "the note in English")
eq(select(2, f(words, { width = 20, max_lines = 0 }):gsub("\n", "")), 11, "max_lines = 0: all 12 lines")
-- Past max_lines + 10000 lines nothing more is made: the counts get a "+".
-- 200000 six-digit numbers ("100001," and a space: 8 columns) pack 12 to a
-- 100-column line: 16667 lines, more than 10005.
local many = {}
for i = 1, 200000 do many[i] = 100000 + i end
eq(f(many, { max_lines = 5 }):match("[^\n]*$"), "… 还有 10000+ 行，共 10005+ 行", "a huge table stops counting")
-- A table of records is cut by rows: max_lines 6 leaves 3 rows after the
-- header, the rule and the note.
local recs = {}
for i = 1, 10 do recs[i] = { n = i } end
eq(f(recs, { max_lines = 6 }), lines("#  n", "-  -", "1  1", "2  2", "3  3", "… 还有 7 行，共 10 行"),
  "a long table is cut by rows")
eq(f(recs, { max_lines = 6, hints = true, lang = "en" }):match("[^\n]*$"),
  "… 7 more rows, 10 in all; all of it: zb.pp(_, {max_lines = 0})", "the REPL's note says how to see all rows")

-- The module: grid with chosen columns and titles, cells escaped; results.
local pp = require("pp")
eq(pp.grid({ { code = "gdp", name = "地区生产总值(GDP)" }, { code = "x", name = "a\nb" } },
  { { "code", "代码" }, { "name", "名称" } }),
  lines("代码  名称", "----  -----------------", "gdp   地区生产总值(GDP)", "x     a\\nb"),
  "grid: Chinese titles, a newline in a cell escaped")
eq(pp.results({}, 1, "a", nil), '1\t"a"\tnil', "results side by side")
eq(pp.results({}, { 1 }, "x\ny"), "{1}\nx\ny", "results one below the other when one has lines")

-- Arguments.
local ok, err = pcall(zb.pformat, 1, "x")
eq(not ok and err:match("bad argument #2 to '[%w.]*pformat' %(table expected, got string%)") ~= nil, true,
  "options must be a table")

tap.done()
