-- Runs every example of docs/lua-api.md, as `jq --run-tests` and SQLite's
-- .testcase run theirs: the documentation cannot drift from the code.
--
--   zhibiao run tests/lua/test_docs.lua --data datasets/qixingguan [DOC]
--
-- Each ```lua block runs in a fresh environment: the standard library (its
-- tables copied, so a block that changes string or math does not change the
-- next), `zb`, and `ds` freshly opened from the --data directory.  Errors
-- carry the document's own line numbers.  Inside a block,
--
--   print(EXPR) --> TEXT         must print exactly TEXT
--   print(EXPR)                  followed by lines
--   --> LINE 1                   must print these lines (a multi-line value,
--   --> LINE 2                   or one line per call in a loop)
--
-- compare the printed text with trailing spaces removed on each line (print
-- separates its values with a tab: write a tab in the expected text).  Any
-- other print is shown only when the block fails.  One TAP line per block
-- ("ok N - docs/lua-api.md:LINE heading"); a block that raises, or whose
-- printed text differs, or whose checked print never runs, is "not ok".
-- Files a block writes with zb.write are removed after it.
--
-- Two more checks keep the document whole: every function of the module
-- (zb.*, ds:*, and the methods of series and frames) is named in a heading,
-- and every function heading is followed by an example before the next one.

local DOC = arg[1] or "docs/lua-api.md"
local DATA = arg.data or "datasets/qixingguan"
local SHOWN = DOC:match("[^/]*/?[^/]*$") -- docs/lua-api.md, not a machine path

local T = dofile("tests/lua/tap.lua")
local tap = T.check

local function rstrip_lines(s)
  return (s:gsub("[ \t]+\n", "\n"):gsub("[ \t]+$", ""))
end

-- ---- reading the document ----

local f = io.open(DOC, "r")
if not f then
  tap(false, SHOWN .. " exists", "cannot open " .. DOC)
  os.exit(1)
end
local lines = {}
for line in f:lines() do lines[#lines + 1] = line end
f:close()

-- Blocks: {start = first code line, lines = {...}, heading = "### ..."},
-- and headings: {line =, text =, level =, blocks = count}.
local blocks, headings = {}, {}
do
  local i, heading = 1, nil
  while i <= #lines do
    local line = lines[i]
    local hashes, title = line:match("^(#+)%s+(.-)%s*$")
    if hashes then
      heading = {line = i, text = title, level = #hashes, blocks = 0}
      headings[#headings + 1] = heading
      i = i + 1
    elseif line:match("^%s*```") then
      local lang = line:match("^%s*```%s*(%S*)")
      local start, body = i + 1, {}
      i = i + 1
      while i <= #lines and not lines[i]:match("^%s*```%s*$") do
        body[#body + 1] = lines[i]
        i = i + 1
      end
      if i > #lines then
        tap(false, string.format("%s:%d code block is closed", SHOWN, start - 1), "no closing ```")
      end
      if lang == "lua" then
        blocks[#blocks + 1] = {start = start, lines = body, heading = heading}
        if heading then heading.blocks = heading.blocks + 1 end
      end
      i = i + 1
    else
      i = i + 1
    end
  end
end

if zb.lang ~= "zh" then
  -- The examples show Chinese output, the default; under ZHIBIAO_LANG=en
  -- they would all differ.
  for _, b in ipairs(blocks) do
    T.skip(string.format("%s:%d", SHOWN, b.start), "examples print Chinese; run without ZHIBIAO_LANG=en")
  end
  os.exit(0)
end

tap(#blocks > 0, SHOWN .. " has lua examples", "no ```lua blocks found")

-- ---- running one block ----

-- Finds the checked prints of a block and rewrites `print(` on their lines
-- to a recorder; the rest of each line (the --> comment) is left alone, so
-- line numbers do not move.
local function prepare(block)
  local code, expects = {}, {}
  local last
  for k, line in ipairs(block.lines) do
    local docline = block.start + k - 1
    local indent, call, rest = line:match("^(%s*)print(%b())(.*)$")
    local cont = line:match("^%s*%-%->%s?(.*)$")
    if indent then
      local text = rest:match("^%s*%-%->%s?(.*)$")
      last = {line = docline, want = {}, got = {}, open = true}
      if text then last.want[1] = text end
      expects[#expects + 1] = last
      code[k] = indent .. "__expect[" .. #expects .. "]" .. call .. rest
    elseif cont and last and last.open then
      last.want[#last.want + 1] = cont
      code[k] = line
    else
      if last then last.open = false end
      code[k] = line
    end
  end
  -- A print without --> lines is not checked.
  local checked = {}
  for _, e in ipairs(expects) do
    if #e.want > 0 then checked[#checked + 1] = e end
  end
  return table.concat(code, "\n"), expects, checked
end

local LIBS = {"string", "table", "math", "utf8", "os", "io", "coroutine"}

local function fresh_env(out, expects, written)
  local env = {}
  for k, v in pairs(_G) do env[k] = v end
  for _, name in ipairs(LIBS) do
    if type(_G[name]) == "table" then
      local copy = {}
      for k, v in pairs(_G[name]) do copy[k] = v end
      env[name] = copy
    end
  end
  env._G = env
  env.arg = nil
  local function render(...)
    local parts = {}
    for i = 1, select("#", ...) do parts[i] = tostring((select(i, ...))) end
    return table.concat(parts, "\t")
  end
  env.print = function(...) out[#out + 1] = render(...) end
  env.__expect = {}
  for i, e in ipairs(expects) do
    env.__expect[i] = function(...)
      local text = render(...)
      out[#out + 1] = text
      e.got[#e.got + 1] = text
    end
  end
  local zbcopy = {}
  for k, v in pairs(zb) do zbcopy[k] = v end
  zbcopy.write = function(...)
    local r = table.pack(zb.write(...))
    if r[1] then written[#written + 1] = r[1] end
    return table.unpack(r, 1, r.n)
  end
  env.zb = zbcopy
  local d, msg = zb.open(DATA)
  if not d then error("cannot open " .. DATA .. ": " .. tostring(msg)) end
  env.ds = d
  return env
end

local function heading_of(block)
  return block.heading and block.heading.text or ""
end

for _, block in ipairs(blocks) do
  local code, expects, checked = prepare(block)
  local out, written = {}, {}
  local name = string.format("%s:%d %s", SHOWN, block.start, heading_of(block))
  local ok, env = pcall(fresh_env, out, expects, written)
  local problem
  if not ok then
    problem = env
  else
    -- Leading newlines make the chunk's line numbers the document's.
    local chunk, err = load(string.rep("\n", block.start - 1) .. code, "@" .. SHOWN, "t", env)
    if not chunk then
      problem = err
    else
      local handler = debug and debug.traceback or tostring
      local ran, rerr = xpcall(chunk, function(m) return handler(m, 2) end)
      if not ran then problem = rerr end
    end
    for _, e in ipairs(checked) do
      if problem then break end
      local want = rstrip_lines(table.concat(e.want, "\n"))
      local got = rstrip_lines(table.concat(e.got, "\n"))
      if #e.got == 0 then
        problem = string.format("%s:%d: this print never ran", SHOWN, e.line)
      elseif got ~= want then
        problem = string.format("%s:%d: printed\n%s\nexpected\n%s", SHOWN, e.line, got, want)
        if got:gsub("%s+", " ") == want:gsub("%s+", " ") then
          problem = problem .. "\n(only the white space differs: print separates values with a tab)"
        end
      end
    end
    local meta = getmetatable(env.ds)
    if meta and meta.__close then meta.__close(env.ds) end
  end
  for _, path in ipairs(written) do os.remove(path) end
  if problem and #out > 0 then
    problem = problem .. "\noutput of the block:\n" .. table.concat(out, "\n")
  end
  tap(not problem, name, problem)
end

-- ---- the document covers the module ----

-- Heading text that names functions: "zb.open(dir)", "ds:series(...)",
-- "s:cagr(...)", "f:sum(), f:min()".
local named = {}
for _, h in ipairs(headings) do
  for call in h.text:gmatch("([%w_%.:]+)%s*%(") do named[call] = true end
  for call in h.text:gmatch("([%w_%.:]+)%s*{") do named[call] = true end
end

local function methods_of(mt)
  local index = mt and mt.__index
  if type(index) == "function" and debug and debug.getupvalue then
    local _, up = debug.getupvalue(index, 1)
    index = up
  end
  return type(index) == "table" and index or {}
end

local missing = {}
local function need(prefix, tbl)
  local names = {}
  for k, v in pairs(tbl) do
    if type(k) == "string" and type(v) == "function" and not k:match("^_") then names[#names + 1] = k end
  end
  table.sort(names)
  for _, k in ipairs(names) do
    if not named[prefix .. k] then missing[#missing + 1] = prefix .. k end
  end
end

need("zb.", zb)
for k, v in pairs(zb) do
  if type(v) == "table" and type(k) == "string" then need("zb." .. k .. ".", v) end
end
need("ds:", methods_of(getmetatable(ds)))
local some_series = ds:series(ds:regions()[1].code, ds:indicators()[1].code)
need("s:", methods_of(getmetatable(some_series)))
need("f:", methods_of(getmetatable(ds:select{})))
tap(#missing == 0, "every function of zb, ds, series and frames is named in a heading of " .. SHOWN,
  "not documented: " .. table.concat(missing, ", "))

local bare = {}
for _, h in ipairs(headings) do
  if h.level >= 3 and h.text:find("[%w_]%s*%(") and h.blocks == 0 then
    bare[#bare + 1] = string.format("%d: %s", h.line, h.text)
  end
end
tap(#bare == 0, "every function heading has an example", "without an example:\n" .. table.concat(bare, "\n"))

T.done()
