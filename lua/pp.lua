-- pp: the pretty printer behind zb.pp, zb.pformat and the REPL's results.
--
--   format(value [, opts])      -> text (no trailing newline)
--   results(opts, ...)          -> the REPL's line for several results
--   grid(rows, columns [, opts]) -> an aligned table of records
--
-- Tables come out nested, keys sorted, indented; an array of records (the
-- shape ds:regions() and ds:indicators() return) comes out as a table whose
-- columns line up by display width, so Chinese names do not push them out
-- of line.  Cycles are marked, deep nesting is cut, long output ends with a
-- note saying how much was left out.  Numbers are shown with 14 significant
-- digits, as Lua's own tostring does, so 93.36 + 127.55 + 279.15 reads
-- 500.06; a float with an integral value (up to 2^53, where floats stop
-- being exact integers) reads without ".0".
--
-- opts: width (columns, default 100), max_lines (default 40; 0 or false:
-- no limit), max_depth (default 8), cell_width (widest table cell, default
-- 30), lang ("zh" or "en"), hints (the REPL's: notes say how to see what
-- was left out, through `_`, the last result).
--
-- The host (lzb_pp.c) loads this file with a table of helpers: width and
-- cut measure text by terminal columns (zb.width, zb.cut); lang is the
-- language of the command line.  Loaded by plain `require "pp"`, it takes
-- them from the zb module when there is one.

local host = ...
if type(host) ~= "table" then
  local zb = package and package.loaded and package.loaded.zb
  host = type(zb) == "table" and { width = zb.width, cut = zb.cut, lang = zb.lang } or {}
end

local type, tostring, pairs, ipairs, next, rawget, select, pcall, getmetatable, error =
  type, tostring, pairs, ipairs, next, rawget, select, pcall, getmetatable, error
local format, rep, concat, sort, floor, huge, mtype =
  string.format, string.rep, table.concat, table.sort, math.floor, math.huge, math.type

-- Display width: two columns for a Chinese character, one for ASCII.
local width = host.width or function(s) return utf8.len(s) or #s end
-- The longest prefix of s that fits in w columns.
local cut = host.cut or function(s, w)
  local used, last = 0, 0
  for pos, code in utf8.codes(s) do
    local cw = width(utf8.char(code))
    if used + cw > w then return s:sub(1, last) end
    used = used + cw
    last = pos + #utf8.char(code) - 1
  end
  return s
end

local M = {}

local defaults = { width = 100, max_lines = 40, max_depth = 8, cell_width = 30, indent = "  " }

local texts = {
  zh = {
    cycle = "<循环引用>",
    more_lines = "… 还有 %s 行，共 %s 行",
    more_rows = "… 还有 %d 行，共 %d 行",
    hidden = "（另有 %d 列未显示：%s）",
    sep = "、",
    all_lines = "；全部显示：zb.pp(_, {max_lines = 0})",
    all_fields = "（另有 %d 列未显示：%s；_[1] 显示第 1 行的全部字段）",
  },
  en = {
    cycle = "<cycle>",
    more_lines = "… %s more lines, %s in all",
    more_rows = "… %d more rows, %d in all",
    hidden = "(%d more columns not shown: %s)",
    sep = ", ",
    all_lines = "; all of it: zb.pp(_, {max_lines = 0})",
    all_fields = "(%d more columns not shown: %s; _[1] shows all of row 1)",
  },
}

local keywords = {}
for w in ([[and break do else elseif end false for function goto if in
  local nil not or repeat return then true until while]]):gmatch("%a+") do
  keywords[w] = true
end

local function is_ident(s)
  return type(s) == "string" and s:find("^[A-Za-z_][A-Za-z0-9_]*$") ~= nil and not keywords[s]
end

-- Numbers as a person writes them: 500.06, 3, 1e+20, inf.
local function fmt_number(v)
  if mtype(v) == "integer" then return tostring(v) end
  if v ~= v then return "nan" end
  if v == huge then return "inf" end
  if v == -huge then return "-inf" end
  if v == floor(v) and v >= -2^53 and v <= 2^53 then return format("%d", v) end
  return format("%.14g", v)
end
M.number = fmt_number

-- Control characters never reach the terminal raw.
local escapes = { ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t", ['"'] = '\\"', ["\\"] = "\\\\" }
local function escape_controls(s)
  return (s:gsub("[\0-\31\127]", function(c) return escapes[c] or format("\\x%02X", c:byte()) end))
end
local function quote(s)
  return '"' .. s:gsub('[\0-\31\127"\\]', function(c) return escapes[c] or format("\\x%02X", c:byte()) end) .. '"'
end

-- A value shown through its own __tostring (userdata such as zb.dataset,
-- or a table that defines one) rather than opened up.
local function is_object(v)
  local t = type(v)
  if t == "userdata" then return true end
  if t ~= "table" then return false end
  local mt = getmetatable(v)
  return type(mt) == "table" and rawget(mt, "__tostring") ~= nil
end

local function is_container(v) return type(v) == "table" and not is_object(v) end

-- The text of a value that is not opened up; may span several lines (a
-- frame's __tostring does).
local function scalar_text(v, quoted)
  local t = type(v)
  if t == "string" then return quoted and quote(v) or escape_controls(v) end
  if t == "number" then return fmt_number(v) end
  if t == "nil" or t == "boolean" then return tostring(v) end
  if t == "function" then return "<function>" end
  if t == "thread" then return "<thread>" end
  local ok, s = pcall(tostring, v)
  if not ok or type(s) ~= "string" then return "<" .. t .. ">" end
  return s
end

-- Keys: numbers first, then strings, then booleans, then the rest.
local rank = { number = 1, string = 2, boolean = 3 }
local function key_less(a, b)
  local ta, tb = type(a), type(b)
  local ra, rb = rank[ta] or 4, rank[tb] or 4
  if ra ~= rb then return ra < rb end
  if ra == 1 or ra == 2 then return a < b end
  if ra == 3 then return not a and b end
  return tostring(a) < tostring(b)
end

local function seq_len(t)
  local n = 0
  while rawget(t, n + 1) ~= nil do n = n + 1 end
  return n
end

-- The array part's length and the other keys, sorted; cached per table.
local function shape(ctx, t)
  local s = ctx.shapes[t]
  if s then return s.n, s.keys end
  local n, keys = seq_len(t), {}
  for k in next, t do
    if not (mtype(k) == "integer" and k >= 1 and k <= n) then keys[#keys + 1] = k end
  end
  sort(keys, key_less)
  ctx.shapes[t] = { n = n, keys = keys }
  return n, keys
end

local function key_text(k)
  if is_ident(k) then return k end
  if type(k) == "string" then return "[" .. quote(k) .. "]" end
  if type(k) == "number" then return "[" .. fmt_number(k) .. "]" end
  if type(k) == "table" and not is_object(k) then return "[{…}]" end
  return "[" .. scalar_text(k, true):gsub("\n.*", "…") .. "]"
end

-- A record: a table with string keys only (a row of a grid).
local function is_record(t)
  if not is_container(t) then return false end
  local any = false
  for k, v in next, t do
    local tv = type(v)
    if type(k) ~= "string" or tv == "function" or tv == "thread" then return false end
    any = true
  end
  return any
end

-- An array of records, nothing else in it.
local function is_records(t)
  if not is_container(t) then return false end
  local n = seq_len(t)
  if n == 0 then return false end
  for k in next, t do
    if not (mtype(k) == "integer" and k >= 1 and k <= n) then return false end
  end
  for i = 1, n do
    if not is_record(rawget(t, i)) then return false end
  end
  return true
end

local function new_ctx(opts)
  opts = opts or {}
  local lang = opts.lang or host.lang or "zh"
  local ctx = {
    width = opts.width or defaults.width,
    max_lines = opts.max_lines,
    max_depth = opts.max_depth or defaults.max_depth,
    cell_width = opts.cell_width or defaults.cell_width,
    indent = defaults.indent,
    hints = opts.hints,
    t = texts[lang] or texts.zh,
    shapes = {},
    lines = {},
    n = 0,
  }
  if ctx.max_lines == nil then ctx.max_lines = defaults.max_lines end
  if not ctx.max_lines or ctx.max_lines <= 0 then ctx.max_lines = math.maxinteger end
  -- Counting the lines that will not be shown costs as much as making
  -- them: past this many the note says "10040+".
  ctx.cap = ctx.max_lines < math.maxinteger and ctx.max_lines + 10000 or math.huge
  return ctx
end

local CAPPED = {}

local function emit(ctx, line)
  local n = ctx.n + 1
  if n > ctx.cap then error(CAPPED, 0) end
  ctx.n = n
  ctx.lines[n] = (line:gsub("%s+$", ""))
end

-- The value on one line within budget columns, or nil when it does not fit.
local function inline(ctx, v, budget, depth, seen)
  if budget < 1 then return nil end
  if not is_container(v) then
    local s = scalar_text(v, true)
    if s:find("\n", 1, true) or width(s) > budget then return nil end
    return s
  end
  if seen[v] then return ctx.t.cycle end
  if depth >= ctx.max_depth then return "{…}" end
  local n, keys = shape(ctx, v)
  if n == 0 and #keys == 0 then return "{}" end
  if 3 * (n + #keys) > budget then return nil end
  seen[v] = true
  local parts, used = {}, 2
  local function add(prefix, x)
    local s = inline(ctx, x, budget - used - width(prefix), depth + 1, seen)
    if not s then return false end
    parts[#parts + 1] = prefix .. s
    used = used + width(prefix) + width(s) + 2
    return used - 2 <= budget
  end
  for i = 1, n do
    if not add("", rawget(v, i)) then seen[v] = nil; return nil end
  end
  for _, k in ipairs(keys) do
    if not add(key_text(k) .. " = ", rawget(v, k)) then seen[v] = nil; return nil end
  end
  seen[v] = nil
  return "{" .. concat(parts, ", ") .. "}"
end

-- Grids ----------------------------------------------------------------

-- Columns a person looks for first; the others follow in alphabetical
-- order, and the long free-text ones come last (before those that hold
-- one value in every row).
local first_columns = {
  "code", "plan", "plan_name", "region", "indicator", "name", "year", "value", "unit",
  "base_year", "base_text", "target_year", "target_text", "growth_text",
  "level", "parent", "kind", "attribute", "status",
}
local last_columns = { "name_en", "source", "note" }

-- A column holding the same value in every row tells little: it goes to
-- the end, so that the columns that differ get the width.
local function constant(rows, key)
  local first = rawget(rows[1], key)
  if type(first) == "table" then return false end
  for i = 2, #rows do
    if rawget(rows[i], key) ~= first then return false end
  end
  return true
end

local function auto_columns(rows)
  local seen = {}
  for i = 1, #rows do
    for k in next, rows[i] do seen[k] = true end
  end
  local cols, placed = {}, {}
  for _, k in ipairs(first_columns) do
    if seen[k] then cols[#cols + 1] = k; placed[k] = true end
  end
  for _, k in ipairs(last_columns) do placed[k] = true end
  local rest = {}
  for k in pairs(seen) do
    if not placed[k] then rest[#rest + 1] = k end
  end
  sort(rest)
  for _, k in ipairs(rest) do cols[#cols + 1] = k end
  for _, k in ipairs(last_columns) do
    if seen[k] then cols[#cols + 1] = k end
  end
  if #rows < 2 then return cols end
  local varying, same = {}, {}
  for _, k in ipairs(cols) do
    local list = constant(rows, k) and same or varying
    list[#list + 1] = k
  end
  for _, k in ipairs(same) do varying[#varying + 1] = k end
  return varying
end

local function cell_text(ctx, v)
  local s
  if v == nil then
    s = ""
  elseif is_container(v) then
    s = inline(ctx, v, ctx.cell_width, ctx.max_depth - 1, {}) or "{…}"
  else
    s = scalar_text(v, false):gsub("\n.*", "…")
  end
  if width(s) > ctx.cell_width then s = cut(s, ctx.cell_width - 1) .. "…" end
  return s
end

local function pad(s, w, right)
  local gap = w - width(s)
  if gap <= 0 then return s end
  return right and (rep(" ", gap) .. s) or (s .. rep(" ", gap))
end

-- Emits the grid's lines with the given indent; shows at most max_rows rows.
-- top: the grid is the whole value (`_` is the rows, for the hints).
local function emit_grid(ctx, rows, columns, indent, index, max_rows, top)
  local total = #rows
  local shown = math.min(total, max_rows or total)
  local cols = {}
  if index then cols[1] = { title = "#", index = true } end
  for _, c in ipairs(columns) do
    if type(c) == "table" then
      cols[#cols + 1] = { key = c.key or c[1], title = c.title or c[2] or tostring(c.key or c[1]) }
    else
      cols[#cols + 1] = { key = c, title = tostring(c) }
    end
  end
  for _, c in ipairs(cols) do
    c.cells, c.w, c.numeric = {}, width(c.title), true
    local any = false
    for i = 1, shown do
      local v
      if c.index then v = i else v = rawget(rows[i], c.key) end
      local s = cell_text(ctx, v)
      c.cells[i] = s
      if width(s) > c.w then c.w = width(s) end
      if v ~= nil then
        any = true
        if type(v) ~= "number" then c.numeric = false end
      end
    end
    c.numeric = c.numeric and any
  end
  -- Keep the columns that fit the width, in order; name the others.
  local kept, hidden, used = {}, {}, width(indent)
  for i, c in ipairs(cols) do
    local need = c.w + (i > 1 and 2 or 0)
    if #hidden == 0 and (used + need <= ctx.width or #kept < 2) then
      kept[#kept + 1] = c
      used = used + need
    else
      hidden[#hidden + 1] = c.title
    end
  end
  local function line(f)
    local parts = {}
    for i, c in ipairs(kept) do parts[i] = f(c) end
    emit(ctx, indent .. concat(parts, "  "))
  end
  line(function(c) return pad(c.title, c.w, c.numeric) end)
  line(function(c) return rep("-", c.w) end)
  for i = 1, shown do
    line(function(c) return pad(c.cells[i], c.w, c.numeric) end)
  end
  if shown < total then
    emit(ctx, indent .. format(ctx.t.more_rows, total - shown, total) .. (ctx.hints and top and ctx.t.all_lines or ""))
  end
  if #hidden > 0 then
    -- Name as many of the hidden columns as fit on the note's line.
    local note = ctx.hints and top and ctx.t.all_fields or ctx.t.hidden
    local names = concat(hidden, ctx.t.sep)
    for k = #hidden - 1, 1, -1 do
      if width(indent) + width(format(note, #hidden, names)) <= ctx.width then break end
      names = concat(hidden, ctx.t.sep, 1, k) .. ctx.t.sep .. "…"
    end
    emit(ctx, indent .. format(note, #hidden, names))
  end
end

-- Nested tables --------------------------------------------------------

-- Emits v as lines: the first starts with indent .. prefix, the last ends
-- with suffix.
local function block(ctx, v, indent, prefix, suffix, depth, seen)
  local s = inline(ctx, v, ctx.width - width(indent) - width(prefix) - width(suffix), depth, seen)
  if s then
    emit(ctx, indent .. prefix .. s .. suffix)
    return
  end
  if not is_container(v) or seen[v] or depth >= ctx.max_depth then
    local text = is_container(v) and (seen[v] and ctx.t.cycle or "{…}") or scalar_text(v, true)
    local first = true
    for l in text:gmatch("[^\n]*") do
      emit(ctx, first and (indent .. prefix .. l) or (indent .. l))
      first = false
    end
    ctx.lines[ctx.n] = ctx.lines[ctx.n] .. suffix
    return
  end
  if is_records(v) then
    if prefix ~= "" then emit(ctx, indent .. prefix) end
    emit_grid(ctx, v, auto_columns(v), indent .. ctx.indent, true)
    return
  end
  emit(ctx, indent .. prefix .. "{")
  seen[v] = true
  local inner = indent .. ctx.indent
  local n, keys = shape(ctx, v)
  local i = 1
  while i <= n do
    local x = rawget(v, i)
    local tx = type(x)
    if tx == "number" or tx == "string" or tx == "boolean" then
      -- Runs of plain values share lines, as many as fit.
      local parts, used = {}, width(inner)
      while i <= n do
        x = rawget(v, i)
        tx = type(x)
        if not (tx == "number" or tx == "string" or tx == "boolean") then break end
        local item = scalar_text(x, true) .. ","
        local w = width(item) + (#parts > 0 and 1 or 0)
        if #parts > 0 and used + w > ctx.width then break end
        parts[#parts + 1] = item
        used = used + w
        i = i + 1
      end
      emit(ctx, inner .. concat(parts, " "))
    else
      block(ctx, x, inner, "", ",", depth + 1, seen)
      i = i + 1
    end
  end
  for _, k in ipairs(keys) do
    block(ctx, rawget(v, k), inner, key_text(k) .. " = ", ",", depth + 1, seen)
  end
  seen[v] = nil
  emit(ctx, indent .. "}" .. suffix)
end

local function finish(ctx, capped)
  local lines, n, max = ctx.lines, ctx.n, ctx.max_lines
  if n <= max and not capped then return concat(lines, "\n", 1, n) end
  local keep = math.min(n, max)
  local plus = capped and "+" or ""
  local note = format(ctx.t.more_lines, (n - keep) .. plus, n .. plus)
  return concat(lines, "\n", 1, keep) .. "\n" .. note .. (ctx.hints and ctx.t.all_lines or "")
end

-- format(v [, opts]) -> text
function M.format(v, opts)
  local ctx = new_ctx(opts)
  local ok, err = pcall(function()
    if type(v) == "string" and v:find("\n", 1, true) then
      -- Text of several lines (a report, a frame) is shown as it is.
      for l in v:gmatch("[^\n]*") do emit(ctx, escape_controls(l)) end
    elseif is_records(v) then
      local max_rows = ctx.max_lines < math.maxinteger and math.max(1, ctx.max_lines - 3) or nil
      emit_grid(ctx, v, auto_columns(v), "", true, max_rows, true)
      ctx.max_lines = math.maxinteger -- the grid has cut itself, by rows
    else
      block(ctx, v, "", "", "", 0, {})
    end
  end)
  if not ok and err ~= CAPPED then error(err, 0) end
  return finish(ctx, not ok)
end

-- results(opts, ...) -> the text the REPL prints for a chunk's results:
-- side by side (tab-separated, as lua.c does) when each fits on one line,
-- one below the other otherwise.
function M.results(opts, ...)
  local n = select("#", ...)
  local out, multi = {}, false
  for i = 1, n do
    out[i] = M.format((select(i, ...)), opts)
    if out[i]:find("\n", 1, true) then multi = true end
  end
  return concat(out, multi and "\n" or "\t")
end

-- grid(rows, columns [, opts]) -> an aligned table.  columns: keys, or
-- {key, title} pairs; nil picks them from the rows.  opts as for format,
-- plus index = true for a "#" column.  Rows beyond max_lines are cut.
function M.grid(rows, columns, opts)
  local ctx = new_ctx(opts)
  local max_rows = ctx.max_lines < math.maxinteger and math.max(1, ctx.max_lines - 3) or nil
  ctx.max_lines = math.maxinteger
  emit_grid(ctx, rows, columns or auto_columns(rows), "", opts and opts.index, max_rows)
  return finish(ctx, false)
end

return M
