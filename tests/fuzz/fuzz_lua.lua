-- The Lua half of fuzz_lua.c: turns fuzz input into calls of the zb API.
--
-- fuzz_lua.c loads this file once, with (zb, ds, rv, outdir) as its
-- arguments, after it opened datasets/qixingguan and its rollup view; it
-- returns {calls = f, snippet = f, grammar = f}:
--
--   calls(bytes)    reads the bytes as a sequence of calls (below) and makes
--                   each under pcall; errors are expected and dropped.  The
--                   C side runs it inside zb_sandbox_call, so an endless
--                   loop or a huge allocation ends in a stop, not a hang.
--   snippet(text, memory)
--                   loads text in the sandbox (zb.sandbox.load) with ds and
--                   rv as globals and calls it under small limits
--                   (zb.sandbox.call: 200,000 instructions, memory bytes
--                   more than in use, 32 MiB when nil), writes allowed in
--                   outdir only.
--   grammar(bytes)  the text of a Lua snippet built from the bytes by a
--                   small grammar over the API (for snippet).
--
-- A call is: one byte picking the operation (a function of zb, zb.growth,
-- zb.target, zb.sandbox, zb.xlsx, a dataset, series, frame or rollup view
-- method, a metamethod, or one of the special operations: index, length,
-- tostring, equality, pairs, close), one byte for the number of arguments,
-- then each argument (arg below).  Every value a call returns goes into the
-- pool, where later arguments can pick it: series, frames, datasets, rows.
--
-- Two things the fuzz input must not reach, so that a run stays repeatable
-- and harmless: closing the shared ds and rv (a fresh dataset is closed
-- instead), and writing outside outdir (zb.sandbox.call gets a limits
-- table built here, whose out is outdir or nothing).
local zb, ds, rv, outdir = ...

local type, pcall, select, pairs, tostring = type, pcall, select, pairs, tostring
local getmetatable = debug.getmetatable
local byte, char, rep, unpack = string.byte, string.char, string.rep, table.unpack

local DSMT = getmetatable(ds)
local series0 = ds:series("520502", "gdp")
local frame0 = ds:select { indicator = "gdp" }
local SERIESMT = getmetatable(series0)
local FRAMEMT = getmetatable(frame0)

local function fresh_dataset()
  return zb.open("datasets/qixingguan")
end

-- ---- constants the arguments draw from ----

local INTS = {
  0, 1, -1, 2, 3, 5, 10, 100, 1000, 2015, 2016, 2019, 2020, 2021, 2025, 2035, 2050,
  1899, 1900, 2200, 2201, 99999, -99999, 520502, 520500, 520000, 999999, 52050,
  math.maxinteger, math.mininteger, math.maxinteger - 1, math.mininteger + 1,
  2147483647, -2147483648, 2147483648, 4294967295, 4294967296, 1 << 53, (1 << 53) + 1,
  1 << 62, 255, 256, 65535, 65536, 30, 40, 80, 8, 16, 64, 1 << 20, 1 << 31, 7, 12,
}
local FLOATS = {
  0.0, -0.0, 0.5, -0.5, 0.1147, 0.08, -0.03, 1.0, 2.0, 1e-300, 5e-324, 1e300, 1.7976931348623157e308,
  math.huge, -math.huge, 0 / 0, -(0 / 0), 2020.0, 2020.5, 1e18, 9.3e18, -9.3e18, 1e-9,
  500.06, 290.58, 0.999999999, 1.000000001, -1.0, 100.0, 2^63, -2^63, 2^53, 2^31, 0.3333333333333333,
}
local CODES = { "520502", "520500", "520000", "999999", "52050", "5205020", "520502-X", "520500-JHH" }
local LEVELS = { "county", "city", "province", "zone", "nation", "区县" }
local WORDS = {
  "", " ", "gdp", "gpd", "fai", "urbanization_rate", "income_urban", "industry_structure",
  "energy_intensity_reduction", "gdp_growth", "七星关区", "毕节市", "贵州省", "地区生产总值",
  "level", "rate", "percap", "structure", "share", "index", "count",
  "binding", "anticipatory", "expected", "up", "down", "none",
  "actual", "estimate", "plan", "missing", "revised",
  "partial", "skip", "include", "exclude",
  "left", "right", "center", "cell", "amount", "delta", "phrase", "zh", "en",
  "region", "indicator", "year", "raw", "value", "status", "source", "note", "unit",
  "经济", "民生", "gdp*", "*", "*rate", "%", "%d", "%s%s%s%s%n", "%999999999d", "%.99f",
  "10左右", "60以上", "提高2个百分点", "下降13.5%", "翻一番", "——", "—", "5-6", "15.8:25:59.2",
  "≥95", "１２．５", "1,234.5", "56.5%", "1e400", "NaN", "inf", "-inf", "0x7e4", " 2020 ", "2020.0",
  "2020", "2015", "1e3", "0x1p4",
  "\xff\xfe\xfd", "\xe4\xb8", "\xe4", "\xc0\xaf", "\xed\xa0\x80", "a\0b", "\0", "\t\n\r",
  "x.txt", "out.csv", "a/b.txt", "../escape.txt", "/abs.txt", ".", "..", "sub/", "名单.xlsx",
  "datasets/qixingguan", "datasets/bijie-synthetic", "datasets/guizhou", "tests/bad/gbk",
  "tests/bad/region-cycle", "tests/bad/nan-inf", "no/such/dir",
  "return 1", "return ds:value('520502', 'gdp', 2020)", "while true do end", "x = = 1",
  "\27Lua", "return string.rep('x', 2^40)", "error(setmetatable({}, {__tostring = function() return 1 end}))",
}
-- Keys of the option and filter tables the API reads.
local KEYS = {
  "region", "level", "parent", "within", "indicator", "kind", "category", "attribute", "pattern",
  "year", "from", "to", "status", "missing", "plan", "all", "tolerance", "about_pp", "about_rel",
  "rates", "half_life", "policy", "zones", "min_rel", "min_abs", "partial", "encoding",
  "name", "globals", "path", "memory", "instructions", "width", "max_lines", "max_depth",
  "cell_width", "lang", "hints", "index", "properties", "styles", "sheets", "header", "rows",
  "notes", "freeze_cols", "filter", "landscape", "v", "d", "t", "s", "f", "bg", "color", "bold",
  "italic", "align", "wrap", "border", "size", "max_width", "title", "subject", "author",
  "company", "comments", "targets", "levle", "indicater", 1, 2, 3, "__index",
}
for _, ind in ipairs(ds:indicators()) do WORDS[#WORDS + 1] = ind.code end
for _, p in ipairs(ds:plans()) do WORDS[#WORDS + 1] = p.plan end
local REGIONS = { "520502", "520500", "520000", 520502, 520500, "999999", "52050", "" }
local INDICATORS = {}
for _, ind in ipairs(ds:indicators()) do INDICATORS[#INDICATORS + 1] = ind.code end
INDICATORS[#INDICATORS + 1] = "gpd"
local YEARS = { 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2025, 2035, 1900, 2200, 1899, 2201, 0, -1,
                99999, 2020.5, "2020", 2020.0, math.mininteger, 0 / 0 }
local TEXTS = {}
for _, t in ipairs(ds:targets()) do
  for _, k in ipairs { "base_text", "target_text", "growth_text", "achieved_text" } do
    if t[k] then TEXTS[#TEXTS + 1] = t[k] end
  end
end
local COLUMNS = { "region", "region_name", "indicator", "indicator_name", "unit", "year", "value",
                  "status", "source", "raw", "note", "line", "bogus" }
local BYS = { "region", "indicator", "year", "status", "" }
local FILES = { "x.txt", "out.csv", "名单.xlsx", "a.xlsx", "sub/x.txt", "../x.txt", "/x.txt", "", ".", "..",
                "x\0.txt", rep("长", 200) .. ".txt" }
local DIRS = { "datasets/qixingguan", "datasets/bijie-synthetic", "datasets/guizhou", "tests/bad/gbk",
               "tests/bad/region-cycle", "tests/bad/nan-inf", "tests/bad/orphan-region", "no/such/dir",
               "datasets/qixingguan/regions.csv", "tests/lua/test_zb.lua", "" }
-- Values by option key, so that option tables mostly hold what they should.
local KEYSIG = {
  region = "R", parent = "R", within = "R", indicator = "I", year = "Y", from = "Y", to = "Y",
  half_life = "N", about_pp = "N", about_rel = "N", min_rel = "N", min_abs = "N", width = "N",
  max_lines = "N", max_depth = "N", cell_width = "N", freeze_cols = "N", d = "N", v = "N",
}
local LONGS = {
  rep("x", 70000), rep("长", 5000), rep("\xe4\xb8", 3000), rep("%", 1000), rep("9", 400),
  rep("/", 4096), rep("a/", 3000) .. "x", rep("\0", 1000),
}

-- ---- the operations ----

local OPS = {}
local function add(name, fn, self)
  if type(fn) == "function" then OPS[#OPS + 1] = { name = name, fn = fn, self = self } end
end
local function add_table(prefix, t, self)
  local names = {}
  for k, v in pairs(t) do
    if type(k) == "string" and type(v) == "function" then names[#names + 1] = k end
  end
  table.sort(names) -- a fixed order, so that an input means the same each run
  for _, k in ipairs(names) do add(prefix .. k, t[k], self) end
end
add_table("zb.", zb)
add_table("zb.growth.", zb.growth)
add_table("zb.target.", zb.target)
add_table("zb.sandbox.", zb.sandbox)
add_table("zb.xlsx.", zb.xlsx)
add_table("ds:", DSMT.__index, "ds")
for _, m in ipairs { "__tostring", "__gc", "__close" } do add("ds." .. m, DSMT[m], "ds") end
for _, m in ipairs { "at", "years", "values", "first", "last", "cagr", "change", "project", "iter" } do
  add("s:" .. m, series0[m], "series")
end
for _, m in ipairs { "__len", "__eq", "__tostring", "__pairs", "__index" } do add("s." .. m, SERIESMT[m], "series") end
for _, m in ipairs { "column", "rows", "sum", "min", "max", "mean", "count", "count_missing", "stats",
                     "outside", "where", "group", "head", "format" } do
  add("f:" .. m, frame0[m], "frame")
end
for _, m in ipairs { "__len", "__tostring", "__gc", "__index" } do add("f." .. m, FRAMEMT[m], "frame") end
-- What each function's arguments are, so that most calls get past the
-- argument checks: R region code, I indicator code, Y year, N number,
-- S word, T option table, F filter table, C frame column, B group-by name,
-- P target text, W output file name, D dataset directory, L Lua text,
-- X workbook, A anything.  A method's self is not in it.
local SIGS = {
  ["zb.open"] = "DT", ["zb.width"] = "S", ["zb.pad"] = "SNS", ["zb.cut"] = "SN",
  ["zb.write"] = "WS", ["zb.pp"] = "AT", ["zb.pformat"] = "AT", ["zb.output_dir"] = "",
  ["zb.growth.cagr"] = "NNN", ["zb.growth.project_compound"] = "NNN", ["zb.growth.project_linear"] = "NNN",
  ["zb.growth.required_rate"] = "NNN", ["zb.growth.required_pp"] = "NNN",
  ["zb.growth.years_to_reach"] = "NNN", ["zb.growth.reduction_annual"] = "NN",
  ["zb.growth.reduction_total"] = "NN", ["zb.growth.doubling_rate"] = "N",
  ["zb.growth.doubling_years"] = "N", ["zb.growth.tolerance"] = "T", ["zb.growth.pace"] = "NASSS",
  ["zb.target.parse"] = "P", ["zb.sandbox.load"] = "LT", ["zb.sandbox.loadfile"] = "DT",
  ["zb.sandbox.call"] = "AAAA", ["zb.xlsx.write"] = "WX",
  ["ds:regions"] = "F", ["ds:region"] = "R", ["ds:children"] = "R", ["ds:indicators"] = "F",
  ["ds:indicator"] = "I", ["ds:value"] = "RIY", ["ds:observation"] = "RIY", ["ds:targets"] = "T",
  ["ds:series"] = "RI", ["ds:select"] = "F", ["ds:progress"] = "T", ["ds:consistency"] = "T",
  ["ds:project"] = "T", ["ds:rollup"] = "T", ["ds:coverage"] = "RIY", ["ds:computed"] = "RIY",
  ["ds:reported"] = "RIY", ["ds:gap"] = "RIY", ["ds:gaps"] = "T", ["ds:rollup_cells"] = "T",
  ["s:at"] = "Y", ["s:cagr"] = "YY", ["s:change"] = "YY", ["s:project"] = "YT", ["s.__index"] = "S",
  ["s.__eq"] = "A", ["f:column"] = "C", ["f:rows"] = "CCC", ["f:outside"] = "NN", ["f:where"] = "F",
  ["f:group"] = "B", ["f:head"] = "N", ["f:format"] = "N", ["f.__index"] = "N",
}
for _, op in ipairs(OPS) do op.sig = SIGS[op.name] end
-- Special operations (fn is a string naming them).
for _, s in ipairs { "index", "len", "tostring", "eq", "pairs", "lt", "concat", "call" } do
  OPS[#OPS + 1] = { name = s, special = s }
end
local NOPS = #OPS

local CLOSERS = { [DSMT.__gc] = true, [DSMT.__close] = true }
local SANDBOX_CALL = zb.sandbox.call
local XLSX_WRITE = zb.xlsx.write

-- ---- one input ----

-- Set by a person reading what the calls do (see fuzz_lua_trace below).
local M = {}

local function run_calls(data)
  local pos, len = 1, #data
  local function u8()
    if pos > len then return nil end
    local b = byte(data, pos)
    pos = pos + 1
    return b
  end
  local function u8z() return u8() or 0 end
  local function bytes(n)
    local s = data:sub(pos, pos + n - 1)
    pos = pos + n
    return s
  end

  local pool = { ds, rv }
  local datasets = { ds, rv }
  local series = { series0 }
  local frames = { frame0 }
  local fresh = {} -- datasets this input opened: the only ones it may close

  local function remember(v)
    if v == nil or #pool >= 200 then return end
    pool[#pool + 1] = v
    local mt = getmetatable(v)
    if mt == DSMT then
      datasets[#datasets + 1] = v
      if v ~= ds and v ~= rv then fresh[#fresh + 1] = v end
    elseif mt == SERIESMT then series[#series + 1] = v
    elseif mt == FRAMEMT then frames[#frames + 1] = v end
  end

  local arg
  -- A table whose metamethods run API calls while the C side reads it:
  -- the dataset may be closed, or an error raised, in the middle of a call.
  local function evil_table(depth)
    local kind = u8z() % 7
    local t = {}
    for i = 1, u8z() % 4 do t[KEYS[u8z() % #KEYS + 1]] = arg(depth + 1) end
    local v = arg(depth + 1)
    local mt = {}
    if kind == 0 then
      mt.__index = function() return v end
    elseif kind == 1 then
      mt.__index = function(_, k) error("evil __index " .. tostring(k)) end
    elseif kind == 2 then
      local victim = fresh[#fresh]
      mt.__index = function()
        if victim then DSMT.__gc(victim) end
        collectgarbage()
        return v
      end
    elseif kind == 3 then
      mt.__len = function() return v end
      mt.__tostring = function() return v end
    elseif kind == 4 then
      mt.__index = function() coroutine.yield(v) end
    elseif kind == 5 then
      -- A string made afresh at each read, referenced by nothing else.
      local i = 0
      mt.__index = function()
        i = i + 1
        return tostring(v) .. i
      end
    else
      mt.__pairs = function() return function() error("evil __pairs") end, t, nil end
      mt.__name = "zb.dataset"
    end
    return setmetatable(t, mt)
  end

  local function pick(list)
    local b = u8()
    if not b or #list == 0 then return nil end
    return list[b % #list + 1]
  end

  -- One argument value; depth bounds nested tables.
  arg = function(depth)
    local tag = u8()
    if not tag then return nil end
    tag = tag % 16
    if tag == 0 then return nil
    elseif tag == 1 then return u8z() % 2 == 1
    elseif tag == 2 then return INTS[u8z() % #INTS + 1]
    elseif tag == 3 then return FLOATS[u8z() % #FLOATS + 1]
    elseif tag == 4 then return CODES[u8z() % #CODES + 1]
    elseif tag == 5 or tag == 6 then return WORDS[u8z() % #WORDS + 1]
    elseif tag == 7 then return bytes(u8z() % 64)
    elseif tag == 8 then return LONGS[u8z() % #LONGS + 1]
    elseif tag == 9 then return pool[u8z() % #pool + 1]
    elseif tag == 10 and depth < 4 then -- an option or filter table
      local t = {}
      for _ = 1, u8z() % 5 do
        local k = KEYS[u8z() % #KEYS + 1]
        t[k] = arg(depth + 1)
      end
      return t
    elseif tag == 11 and depth < 4 then -- a list
      local t = {}
      for i = 1, u8z() % 6 do t[i] = arg(depth + 1) end
      return t
    elseif tag == 12 then -- raw integer or double from 8 bytes
      local s = bytes(8)
      if #s < 8 then return 0 end
      if byte(s, 1) % 2 == 0 then return (string.unpack("<i8", s)) end
      return (string.unpack("<d", s))
    elseif tag == 13 and depth < 4 then return evil_table(depth)
    elseif tag == 14 then -- a field of a pool table (rows, regions, stats, ...)
      local t = pool[u8z() % #pool + 1]
      if type(t) ~= "table" then return t end
      local n = u8z() % 8
      local k, v = next(t)
      for _ = 1, n do
        if k == nil then break end
        k, v = next(t, k)
      end
      return v
    elseif tag == 15 then -- a function: an API function, or one that errors
      local which = u8z() % 4
      if which == 0 then return function() error("callback") end end
      if which == 1 then return function(...) return ... end end
      local op = OPS[u8z() % NOPS + 1]
      if op.fn and not CLOSERS[op.fn] and op.fn ~= SANDBOX_CALL then return op.fn end
      return print
    end
    return INTS[u8z() % #INTS + 1]
  end

  local function from(list) return list[u8z() % #list + 1] end
  -- An argument of the kind c (SIGS), or now and then anything.
  local function typed(c, depth)
    local b = u8()
    if not b then return nil end
    if b >= 192 or c == "A" then return arg(depth) end
    if c == "R" then return from(REGIONS)
    elseif c == "I" then
      if b % 8 == 0 then return { from(INDICATORS), from(INDICATORS) } end
      return from(INDICATORS)
    elseif c == "Y" then return from(YEARS)
    elseif c == "N" then
      if b % 2 == 0 then return from(INTS) end
      return from(FLOATS)
    elseif c == "S" then return from(WORDS)
    elseif c == "C" then return from(COLUMNS)
    elseif c == "B" then return from(BYS)
    elseif c == "P" then
      if #TEXTS > 0 and b % 2 == 0 then return from(TEXTS) end
      return from(WORDS)
    elseif c == "W" then return from(FILES)
    elseif c == "D" then return from(DIRS)
    elseif c == "L" then return from(WORDS)
    elseif c == "X" and depth < 3 then
      return { sheets = { { name = typed("S", depth + 1), header = { typed("S", depth + 1), typed("S", depth + 1) },
                            rows = { { typed("S", depth + 1), { v = typed("N", depth + 1), d = typed("N", depth + 1) },
                                       { t = typed("S", depth + 1), s = "good" }, typed("N", depth + 1) } },
                            notes = { typed("S", depth + 1) }, freeze_cols = typed("N", depth + 1) } },
               styles = { good = { bg = typed("S", depth + 1), color = "#0f5c2e", bold = typed("A", depth + 1) } },
               properties = { title = typed("S", depth + 1) } }
    elseif (c == "T" or c == "F") and depth < 3 then
      local t = {}
      for _ = 1, b % 4 do
        local k = KEYS[u8z() % #KEYS + 1]
        t[k] = typed(KEYSIG[k] or (k == "level" and "L") or "S", depth + 1)
        if k == "level" then t[k] = from(LEVELS) end
      end
      return t
    end
    return arg(depth)
  end

  -- The first argument of a method: mostly a value of the right kind.
  local function self_for(kind)
    local b = u8z()
    if b >= 224 then return arg(0) end
    local list = kind == "ds" and datasets or kind == "series" and series or frames
    return list[b % #list + 1]
  end

  local function sandbox_limits()
    local b = u8z()
    local lim = { instructions = ({ 1, 100, 10000, 1000000, false })[b % 5 + 1],
                  memory = ({ 1, 4096, 1 << 20, 16 << 20, false })[(b >> 3) % 5 + 1] }
    -- Small limits in 16-byte steps, 16 bytes to 4 KiB, from one more
    -- byte: a call that runs out of memory ends only its own sandboxed
    -- call, so one input can try a function under many limits and stop
    -- it at a different allocation each time.
    if lim.memory == 4096 then lim.memory = 16 * (u8z() + 1) end
    if (b >> 6) % 2 == 1 then lim.out = outdir end
    return lim
  end

  local name
  local function results(ok, ...)
    if M.trace then M.trace(name, ok, ...) end
    if not ok then return end
    for i = 1, math.min(select("#", ...), 4) do remember((select(i, ...))) end
  end

  for _ = 1, 48 do
    local b = u8()
    if not b then break end
    local op = OPS[b % NOPS + 1]
    local n = u8z() % 6
    local args = {}
    if op.self then args[1] = self_for(op.self) end
    local first = #args
    if op.sig and u8z() % 4 ~= 0 then
      -- By the signature, now and then one argument short or long.
      local extra = u8z() % 8
      n = #op.sig + (extra == 0 and -1 or extra == 1 and 1 or 0)
      if n < 0 then n = 0 end
      for i = 1, n do args[first + i] = typed(op.sig:sub(i, i), 0) end
    else
      for i = first + 1, first + n do args[i] = arg(0) end
    end
    n = first + n
    local fn = op.fn
    name = op.name
    if CLOSERS[fn] then
      -- Close a dataset of this input's own, never the shared ones.
      local d = pick(fresh)
      if not d then
        d = fresh_dataset()
        remember(d)
      end
      args[1] = d
    elseif fn == SANDBOX_CALL then
      if type(args[1]) ~= "function" or CLOSERS[args[1]] then args[1] = zb.growth.cagr end
      args[2] = sandbox_limits()
      if n < 2 then n = 2 end
      -- The garbage of the calls before would otherwise be found by the
      -- collection Lua makes when an allocation is refused, and a small
      -- limit would stop the call at a different place in each run.
      collectgarbage()
    elseif fn == XLSX_WRITE and u8z() % 2 == 0 then
      -- A workbook shaped as the API wants, with arguments in its cells.
      args[2] = { sheets = { { name = arg(1), header = { arg(2), arg(2) },
                              rows = { { arg(2), { v = arg(2), d = arg(2) }, { t = arg(2), s = arg(2) } } },
                              notes = { arg(2) }, freeze_cols = arg(2) } },
                  styles = { good = { bg = arg(2), color = arg(2), bold = arg(2) } } }
      if n < 2 then n = 2 end
    elseif fn == zb.open and u8z() % 2 == 0 then
      args[1] = "datasets/qixingguan"
    end
    if op.special then
      local s, a, c = op.special, arg(0), arg(0)
      if s == "index" then fn = function() return a[c] end
      elseif s == "len" then fn = function() return #a end
      elseif s == "tostring" then fn = function() return tostring(a) end
      elseif s == "eq" then fn = function() return a == c end
      elseif s == "lt" then fn = function() return a < c end
      elseif s == "concat" then fn = function() return a .. c end
      elseif s == "call" then fn = function() return a(c) end
      else
        fn = function()
          local out, k = {}, 0
          for _, v in pairs(a) do
            k = k + 1
            out[k] = v
            if k >= 16 then break end
          end
          return out
        end
      end
      n = 0
    end
    -- In a coroutine of its own, so that a metamethod of an argument may
    -- yield (a yield across a C call is an error, and must stay one).
    local co = coroutine.create(fn)
    results(coroutine.resume(co, unpack(args, 1, n)))
    if coroutine.status(co) == "suspended" then coroutine.close(co) end
  end
  for _, d in ipairs(fresh) do DSMT.__gc(d) end
end

-- ---- sandboxed snippets ----

local function snippet(text, memory)
  local fn, env = zb.sandbox.load(text, { name = "snippet.lua", globals = { ds = ds, rv = rv } })
  if not fn then return end
  local limits = { instructions = 200000, memory = memory or 32 << 20, out = outdir }
  zb.sandbox.call(fn, limits)
  -- A function the script left behind is called again, in a call of its
  -- own, as a check runner calls the functions a check defines.
  local f = rawget(env, "f")
  if type(f) == "function" then zb.sandbox.call(f, limits, ds, rv) end
end

-- The grammar: statements and expressions over the API and the parts of
-- Lua a sandbox escape would use (metatables, coroutines, to-be-closed
-- variables, error objects, string and table functions).
local function grammar(data)
  local pos, len = 1, #data
  local function u8()
    if pos > len then return nil end
    local b = byte(data, pos)
    pos = pos + 1
    return b
  end
  local nvars = 0
  local expr, block
  local function lit()
    local b = u8() or 0
    local k = b % 6
    if k == 0 then return tostring(INTS[(u8() or 0) % #INTS + 1]) end
    if k == 1 then return string.format("%q", FLOATS[(u8() or 0) % #FLOATS + 1]) end
    if k == 2 then return string.format("%q", CODES[(u8() or 0) % #CODES + 1]) end
    if k == 3 then return string.format("%q", WORDS[(u8() or 0) % #WORDS + 1]) end
    if k == 4 then return ({ "nil", "true", "false", "{}", "...", "2^40", "-0.0", "1/0", "0/0" })[(u8() or 0) % 9 + 1] end
    return nvars > 0 and ("v" .. ((u8() or 0) % nvars + 1)) or "ds"
  end
  local function args(d)
    local n = (u8() or 0) % 4
    local a = {}
    for i = 1, n do a[i] = expr(d + 1) end
    return table.concat(a, ", ")
  end
  local DSM = {}
  for k in pairs(DSMT.__index) do DSM[#DSM + 1] = k end
  table.sort(DSM)
  local SM = { "at", "years", "values", "first", "last", "cagr", "change", "project", "iter",
               "region", "indicator", "unit", "kind", "region_name", "indicator_name" }
  local FM = { "column", "rows", "sum", "min", "max", "mean", "count", "count_missing", "stats",
               "outside", "where", "group", "head", "format" }
  local ZF = { "zb.width", "zb.pad", "zb.cut", "zb.write", "zb.pp", "zb.pformat", "zb.target.parse",
               "zb.growth.cagr", "zb.growth.pace", "zb.growth.tolerance", "zb.growth.years_to_reach",
               "zb.growth.required_rate", "zb.growth.doubling_years", "zb.xlsx.write", "zb.output_dir",
               "string.rep", "string.format", "string.gsub", "string.find", "string.match",
               "table.concat", "table.sort", "table.unpack", "table.move", "select", "pcall",
               "tostring", "tonumber", "setmetatable", "getmetatable", "rawget", "rawlen",
               "coroutine.wrap", "coroutine.close", "coroutine.resume", "utf8.char", "utf8.len",
               "error", "next", "ipairs", "pairs", "os.date", "os.time", "string.pack", "load",
               "require", "collectgarbage", "rawset", "rawequal", "type", "assert" }
  function expr(d)
    if d > 5 then return lit() end
    local b = u8()
    if not b then return lit() end
    local k = b % 20
    if k < 4 then return lit()
    elseif k == 4 then return (b % 2 == 0 and "ds" or "rv") .. ":" .. DSM[(u8() or 0) % #DSM + 1] .. "(" .. args(d) .. ")"
    elseif k == 5 then return "ds:series(" .. args(d) .. "):" .. SM[(u8() or 0) % 9 + 1] .. "(" .. args(d) .. ")"
    elseif k == 6 then return "ds:series(\"520502\", \"gdp\")." .. SM[(u8() or 0) % #SM + 1]
    elseif k == 7 then return "ds:select(" .. args(d) .. "):" .. FM[(u8() or 0) % #FM + 1] .. "(" .. args(d) .. ")"
    elseif k == 8 then return ZF[(u8() or 0) % #ZF + 1] .. "(" .. args(d) .. ")"
    elseif k == 9 then
      local t = {}
      for i = 1, (u8() or 0) % 4 do t[i] = KEYS[(u8() or 0) % #KEYS + 1] end
      local parts = {}
      for i, key in ipairs(t) do
        parts[i] = (type(key) == "string" and ("[" .. string.format("%q", key) .. "]") or ("[" .. key .. "]")) .. " = " .. expr(d + 1)
      end
      return "{" .. table.concat(parts, ", ") .. "}"
    elseif k == 10 then return "function(...) " .. block(d + 1) .. " end"
    elseif k == 11 then return "(" .. expr(d + 1) .. ({ " .. ", " + ", " * ", " // ", " % ", " == ", " < ", " and ", " or " })[(u8() or 0) % 9 + 1] .. expr(d + 1) .. ")"
    elseif k == 12 then return "#" .. expr(d + 1)
    elseif k == 13 then return "(" .. expr(d + 1) .. ")[" .. expr(d + 1) .. "]"
    elseif k == 14 then
      return "setmetatable({}, {" .. ({ "__index", "__len", "__tostring", "__close", "__eq", "__call", "__gc", "__name", "__pairs", "__concat" })[(u8() or 0) % 10 + 1] .. " = " .. expr(d + 1) .. "})"
    elseif k == 15 then return "coroutine.wrap(function(...) " .. block(d + 1) .. " end)(" .. args(d) .. ")"
    elseif k == 16 then return "getmetatable(" .. expr(d + 1) .. ")"
    elseif k == 17 then return "select(" .. expr(d + 1) .. ", " .. args(d) .. ")"
    elseif k == 18 then return "(" .. expr(d + 1) .. ")(" .. args(d) .. ")"
    end
    return "(" .. expr(d + 1) .. "):" .. ({ "rep", "sub", "byte", "format", "gsub", "upper", "len" })[(u8() or 0) % 7 + 1] .. "(" .. args(d) .. ")"
  end
  local function stmt(d)
    local b = u8()
    if not b then return "" end
    local k = b % 14
    if k < 3 then
      nvars = nvars + 1
      return "local v" .. nvars .. " = " .. expr(d)
    elseif k == 3 and nvars > 0 then return "v" .. ((u8() or 0) % nvars + 1) .. " = " .. expr(d)
    elseif k == 4 then return "for i = 1, " .. ((u8() or 0) % 40) .. " do " .. block(d + 1) .. " end"
    elseif k == 5 then return "if " .. expr(d) .. " then " .. block(d + 1) .. " else " .. block(d + 1) .. " end"
    elseif k == 6 then return "pcall(function(...) " .. block(d + 1) .. " end)"
    elseif k == 7 then return "do local c <close> = " .. expr(d) .. " " .. block(d + 1) .. " end"
    elseif k == 8 then return "error(" .. expr(d) .. ")"
    elseif k == 9 then return "f = function(...) " .. block(d + 1) .. " end"
    elseif k == 10 then return "local function r(n, ...) if n > 0 then return r(n - 1) + 1 end return " .. expr(d) .. " end r(" .. ((u8() or 0) * 997) .. ")"
    elseif k == 11 then return "while " .. expr(d) .. " do " .. block(d + 1) .. " end"
    elseif k == 12 then return "x = " .. expr(d)
    end
    return "local _ = " .. expr(d)
  end
  function block(d)
    if d > 4 then return "" end
    local parts = {}
    for i = 1, (u8() or 0) % 5 do parts[i] = stmt(d) end
    return table.concat(parts, "; ")
  end
  local parts = {}
  while pos <= len and #parts < 32 do parts[#parts + 1] = stmt(0) end
  return table.concat(parts, ";\n") .. ";\nreturn " .. expr(0)
end

M.calls, M.snippet, M.grammar, M.ops = run_calls, snippet, grammar, OPS
return M
