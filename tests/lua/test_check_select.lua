-- Selection expressions (lua/check_select.lua): exact picks over a fixed list
-- of checks, and the column of every kind of mistake.
-- Run: zhibiao run tests/lua/test_check_select.lua --data datasets/qixingguan
local sel = require "check_select"

local tap = dofile("tests/lua/tap.lua")
local check = tap.check

-- Six checks over three departments; tags chosen so that each operator
-- changes the pick.
local function c(full, severity, tags)
  local dept, id = full:match("^(.-)/(.*)$")
  return {full_id = full, id = id, department = dept, severity = severity, tags = tags}
end
local CHECKS = {
  c("stats/sector_sum", "error", {"consistency", "gdp"}),
  c("stats/yoy_jump", "warning", {"series", "slow"}),
  c("stats/rate_range", "error", {"range"}),
  c("ecology/forest_cover", "warning", {"targets", "forest"}),
  c("ecology/water_jump", "warning", {"series"}),
  c("finance/revenue_share", "warning", {"ratio", "gdp"}),
}

local function picks(...)
  local got, err = sel.select(CHECKS, {...})
  if not got then return nil, err end
  local ids = {}
  for i, x in ipairs(got) do ids[i] = x.full_id end
  return table.concat(ids, " ")
end

local function expect(want, ...)
  local got, err = picks(...)
  local args = table.concat({...}, " | ")
  check(got == want, "select " .. (args ~= "" and args or "(nothing)") .. " -> " .. want,
        got or (err and err.message))
end

-- nothing given: every check, in the list's order
expect("stats/sector_sum stats/yoy_jump stats/rate_range ecology/forest_cover ecology/water_jump finance/revenue_share")
-- by department, id, full id, tag, severity
expect("stats/sector_sum stats/yoy_jump stats/rate_range", "stats")
expect("stats/yoy_jump", "yoy_jump")
expect("ecology/forest_cover", "ecology/forest_cover")
expect("stats/sector_sum finance/revenue_share", "gdp")
expect("stats/sector_sum stats/rate_range", "error")
expect("stats/sector_sum stats/yoy_jump stats/rate_range ecology/forest_cover ecology/water_jump finance/revenue_share", "all")
-- globs over ids and full ids
expect("stats/sector_sum stats/yoy_jump stats/rate_range", "stats/*")
expect("stats/yoy_jump ecology/water_jump", "*jump*")
expect("stats/rate_range finance/revenue_share", "r*")
expect("stats/sector_sum", "s?ctor_sum")
-- boolean expressions: not > and > or, parentheses, keywords in any case
expect("stats/sector_sum stats/rate_range", "stats and not slow")
expect("stats/sector_sum stats/rate_range", "stats AND NOT slow")
expect("stats/yoy_jump stats/rate_range ecology/forest_cover ecology/water_jump", "series or range or forest")
expect("stats/sector_sum stats/yoy_jump stats/rate_range ecology/water_jump", "stats or ecology and series")
expect("stats/yoy_jump ecology/water_jump", "(stats or ecology) and series")
expect("ecology/forest_cover ecology/water_jump finance/revenue_share", "not stats")
expect("stats/rate_range", "not (gdp or warning)")
expect("stats/sector_sum finance/revenue_share", "not not gdp")
-- several arguments and commas: a check picked by any rule, once, in list order
expect("stats/sector_sum stats/rate_range finance/revenue_share", "finance", "stats and error")
expect("ecology/forest_cover finance/revenue_share", "finance,forest")
expect("stats/yoy_jump ecology/forest_cover ecology/water_jump", "(forest, series)")

-- A rule that picks nothing is an error naming the unknown word and its column.
local function err_of(...)
  local got, err = sel.select(CHECKS, {...})
  return got, err
end
local got, err = err_of("stast")
check(not got and err.col == 1 and err.message:find("stast", 1, true),
      "a typo that picks nothing is an error at column 1", err and err.message)
got, err = err_of("stats and not slow and frest")
check(not got and err.col == 24 and err.message:match("：(.*)$"):find("frest", 1, true)
      and not err.message:match("：(.*)$"):find("slow", 1, true),
      "the unknown word, not the known ones, is named (column 24)", err and (err.col .. " " .. err.message))
got, err = err_of("finance,ecology and fin")
check(not got and err.col == 21, "a column after a comma counts from the argument's start (21)", err and err.col)
got, err = err_of("stats and error and series")
check(not got and err.message:find("picks no check", 1, true) or (err and err.message:find("没有选中", 1, true)),
      "known words that together pick nothing are an error too", err and err.message)

-- Parse errors with their column.
local function perr(expr)
  local pred, msg, col = sel.compile(expr)
  return pred, msg, col
end
local p, msg, col = perr("stats and (not slow")
check(not p and col == 20 and msg:find("1", 1, true), "an unclosed '(' is reported at the end, naming its column", col .. " " .. tostring(msg))
p, msg, col = perr("stats and")
check(not p and col == 10, "a missing operand after 'and' at the end (column 10)", col)
p, msg, col = perr("stats slow")
check(not p and col == 7, "two words without an operator: column of the second (7)", col)
p, msg, col = perr("stats)")
check(not p and col == 6, "an unexpected ')' (column 6)", col)
p, msg, col = perr("or stats")
check(not p and col == 1, "an operator first (column 1)", col)
p, msg, col = perr("  ")
check(not p and col == 1 and msg, "an empty expression", msg)
p, msg, col = perr("统计 and )")
check(not p and col == 8, "columns count characters, not bytes (')' is the 8th)", col)
p = perr("(stats or ecology) and not (slow or gdp)")
check(type(p) == "function" and p(CHECKS[3]) and not p(CHECKS[1]) and not p(CHECKS[2]),
      "a compiled expression is a predicate over a check")

-- Word matching on its own.
check(sel.word_matches("stats/*", CHECKS[1]) and not sel.word_matches("stats/*", CHECKS[4]),
      "a glob with a slash matches full ids")
check(sel.word_matches("*_sum", CHECKS[1]) and sel.word_matches("stats/sector_su?", CHECKS[1]),
      "* and ? are the only wildcards")
check(not sel.word_matches("stats.sector_sum", CHECKS[1]), "a dot is a dot, not a pattern character")

tap.done()
