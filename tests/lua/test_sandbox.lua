-- The sandbox, from the trusted side (zb.sandbox): one test per escape
-- technique -- what Redis's scripting tests cover ("Globals protection",
-- "Try trick global protection 1..4", "Try trick readonly table on ...",
-- "Prohibit dangerous lua methods", the string.rep and memory cases) and
-- the escapes named in STYLE.md (redis#2854, CVE-2022-0543,
-- CVE-2022-24735, binary chunks / CVE-2018-1999023) -- each blocked with its
-- message, and after each one a canary script in the same state still gets
-- the right answers.  Then the bounded string functions against Lua's own.
--
-- Run: zhibiao run tests/lua/test_sandbox.lua --data datasets/qixingguan

local tap = dofile("tests/lua/tap.lua")
local check = tap.check

local function T(zh, en) return zb.lang == "en" and en or zh end

-- Small limits keep the runaway cases short: 16 MiB and 10^7 instructions
-- (about 0.05 s of Lua).
local SMALL = {memory = 16 * 1024 * 1024, instructions = 10000000}

local function load_script(src, opts)
  opts = opts or {}
  opts.name = opts.name or "escape.lua"
  opts.globals = opts.globals or {ds = ds}
  local fn, env = zb.sandbox.load(src, opts)
  assert(fn, env)
  return fn, env
end

local function run(src, limits, opts, ...)
  local fn = load_script(src, opts)
  return zb.sandbox.call(fn, limits or SMALL, ...)
end

-- The canary: an ordinary script that uses what the escapes attack.  Its
-- answers are known: "abc" upper-cased, "ab" three times, 七星关区 GDP 2020
-- (500.06 in observations.csv), the epoch's year, and a global nobody set.
local CANARY = [[
  local undefined = pcall(function() return shared_value end)
  return ("abc"):upper(), string.upper("abc"), string.rep("ab", 3), table.concat({1, 2, 3}, ","),
         math.floor(2.5), ds:value("520502", "gdp", 2020), os.date("!%Y", 0), undefined,
         select("#", string.find("a.b", ".", 1, true))
]]
local CANARY_WANT = "ABC ABC ababab 1,2,3 2 500.06 1970 false 2"

local function canary()
  local r = table.pack(run(CANARY))
  if not r[1] then return false, table.concat(r, " ", 2, 4) end
  local got = table.concat({tostring(r[2]), r[3], r[4], r[5], r[6], r[7], r[8], tostring(r[9]), r[10]}, " ")
  -- The host's own view is untouched too.
  local host = ("abc"):upper() == "ABC" and string.rep("ab", 2) == "abab" and collectgarbage("isrunning")
    and rawget(_G, "shared_value") == nil
  return got == CANARY_WANT and host, got
end

-- blocked(name, source, kind, needle [, limits]): the script fails with that
-- kind and a message containing needle, and the canary still runs right.
local function blocked(name, src, kind, needle, limits)
  local ok, k, msg, tb = run(src, limits)
  local canary_ok, got = canary()
  local good = ok == false and k == kind and type(msg) == "string" and msg:find(needle, 1, true) ~= nil
  check(good and canary_ok, name .. ": " .. tostring(msg),
    string.format("ok=%s kind=%s msg=%s canary=%s", tostring(ok), tostring(k), tostring(msg), tostring(got)))
  return tb
end

local READONLY = function(t, k) return T("不能修改只读表 " .. t .. "（键“" .. k .. "”）",
                                          "attempt to modify read-only table '" .. t .. "' (key '" .. k .. "')") end
local GONE = function(name) return T(name .. " 在沙箱中不可用", name .. " is not available in the sandbox") end
local GONE_G = function(name) return T("“" .. name .. "”在沙箱中不可用", "'" .. name .. "' is not available in the sandbox") end
local BUILTIN = function(name) return T("不能给内置的全局变量“" .. name .. "”赋值", "cannot assign to the built-in global '" .. name .. "'") end
local RAWSET = T("rawset 不能修改只读表或全局变量表", "rawset cannot modify a read-only table or the globals table")

check(canary(), "the canary runs in the sandbox before any escape", select(2, canary()))

-- ---- globals (Redis: "Globals protection", "Try trick global protection 1..4")
blocked("reading an undeclared global raises", "return a", "error",
  T("escape.lua:1: 未定义的全局变量“a”", "escape.lua:1: undefined global variable 'a'"))
blocked("setmetatable(_G, {}) (trick 1)", "setmetatable(_G, {})", "error", "cannot change a protected metatable")
blocked("setmetatable(_G, nil) (redis#2854)", "setmetatable(_G, nil)", "error", "cannot change a protected metatable")
blocked("getmetatable(_G).__index = {} (trick 2)", "local g = getmetatable(_G); g.__index = {}", "error",
  READONLY("metatable", "__index"))
blocked("redefining the zb global (trick 3)", "zb = function() return 1 end", "error", BUILTIN("zb"))
blocked("_G = {} (trick 4)", "_G = {}", "error", BUILTIN("_G"))
blocked("rawset on _G", "rawset(_G, 'string', {})", "error", RAWSET)
do
  -- A script's own globals are its own: another script does not see them.
  local ok1, v1 = run("shared_value = 42; return shared_value")
  local ok2, kind2, msg2 = run("return shared_value")
  check(ok1 and v1 == 42 and not ok2 and kind2 == "error" and msg2:find("shared_value", 1, true),
    "a global written by one script is not seen by another", tostring(msg2))
end

-- ---- shared library tables (Redis: "Try trick readonly table on ...")
blocked("string.upper replaced (seen by another script)", "string.upper = function() return 'pwned' end", "error",
  READONLY("string", "upper"))
blocked("table.insert removed", "table.insert = nil", "error", READONLY("table", "insert"))
blocked("math.pi changed", "math.pi = 3", "error", READONLY("math", "pi"))
blocked("zb.width replaced", "zb.width = function() return 1 end", "error", READONLY("zb", "width"))
blocked("a new field in os", "os.execute2 = print", "error", READONLY("os", "execute2"))
blocked("rawset on a library table", "rawset(string, 'upper', function() return 'pwned' end)", "error", RAWSET)
blocked("table.insert into a library table", "table.insert(string, 'x')", "error", READONLY("string", "1"))
blocked("getmetatable('').__index replaced", "getmetatable('').__index = {upper = function() return 'pwned' end}",
  "error", READONLY("string metatable", "__index"))
blocked("getmetatable('').__index.upper replaced", "getmetatable('').__index.upper = function() return 'pwned' end",
  "error", READONLY("string", "upper"))
blocked("rawset on the string methods", "rawset(getmetatable('').__index, 'upper', print)", "error", RAWSET)
blocked("setmetatable on a string", "setmetatable('', {})", "error", "bad argument #1 to 'setmetatable'")
blocked("the dataset's methods replaced", "getmetatable(ds).__index.value = function() return 0 end", "error",
  READONLY("zb.dataset.__index", "value"))
do
  local ok, gc = run("return getmetatable(ds).__gc, getmetatable(ds).__close")
  check(ok and gc == nil, "the dataset's finalizer cannot be fetched to free it by hand", tostring(gc))
end
blocked("closing the shared dataset with <close>", "do local x <close> = ds end; error('closed?')", "error",
  "escape.lua:1: closed?")

-- ---- loading code (CVE-2022-24735, CVE-2018-1999023)
blocked("string.dump for bytecode", "return load(string.dump(function() return 1 end))()", "error",
  GONE("string.dump"))
do
  local ok, f, msg = run("return load('\\27LuaT\\0\\25\\147\\r\\n\\26\\n', 'x', 'b')")
  check(ok and f == nil and msg == T("沙箱只加载文本代码，不加载二进制代码块", "the sandbox loads text only, never binary chunks"),
    "load with mode 'b' is refused", tostring(msg))
  ok, f, msg = run("return load('\\27LuaT\\0\\25\\147\\r\\n\\26\\n')")
  check(ok and f == nil and msg:find(T("不加载二进制代码块", "never binary chunks"), 1, true),
    "a binary chunk is refused whatever the mode", tostring(msg))
  ok, f, msg = run("return load(function() return nil end, 'x', 'b')")
  check(ok and f == nil, "load of a reader function with mode 'b' is refused", tostring(msg))
end
blocked("loadstring (Lua 5.1's load)", "return loadstring('return 1')", "error", GONE_G("loadstring"))
blocked("dofile", "dofile('/etc/passwd')", "error", GONE_G("dofile"))
blocked("loadfile", "loadfile('/etc/passwd')", "error", GONE_G("loadfile"))
blocked("load without env does not see the host's globals", "return load('return os.getenv')()", "error",
  GONE("os.getenv"))
do
  local ok, same = run("return load('return io')() == io and load('return _G')() == _G")
  check(ok and same == true, "a chunk from load runs in the script's own environment", tostring(same))
end

-- ---- packages and C code (CVE-2022-0543)
blocked("package.loadlib (CVE-2022-0543)", "return package.loadlib('liblua5.4.so', 'luaopen_os')", "error",
  GONE_G("package"))
blocked("package.searchers", "return package.searchers", "error", GONE_G("package"))
blocked("package.cpath", "package.cpath = './?.so'", "error", GONE_G("package"))
blocked("require 'package'", "return require('package')", "error", GONE_G("package"))
blocked("require of a C module", "return require('socket.core')", "error",
  T("找不到模块“socket.core”", "module 'socket.core' not found"))
blocked("require of a path", "return require('../../etc/passwd')", "error",
  T("模块名“../../etc/passwd”无效", "invalid module name '../../etc/passwd'"))
blocked("debug.getregistry", "return debug.getregistry()", "error", GONE_G("debug"))
blocked("require 'debug'", "return require('debug').getregistry()", "error", GONE_G("debug"))

-- ---- the operating system (Redis: "Prohibit dangerous lua methods")
blocked("os.execute", "os.execute('id')", "error", GONE("os.execute"))
blocked("os.exit", "os.exit(0)", "error", GONE("os.exit"))
blocked("os.remove", "os.remove('README.md')", "error", GONE("os.remove"))
blocked("os.rename", "os.rename('README.md', 'x')", "error", GONE("os.rename"))
blocked("os.getenv", "return os.getenv('HOME')", "error", GONE("os.getenv"))
blocked("io.popen", "io.popen('id')", "error", GONE("io.popen"))
blocked("io.open for writing", "io.open('x.txt', 'w')", "error", GONE("io.open"))
blocked("io.stdout's file handle", "io.stdout:write('x')", "error", GONE("io.stdout"))
blocked("zb.write without an output directory", "zb.write('x.txt', 'x')", "error",
  T("本次运行不允许写文件", "this run may not write files"))
do
  local ok, names = run("local t = {} for k in pairs(os) do t[#t + 1] = k end table.sort(t) return table.concat(t, ' ')")
  check(ok and names == "clock date difftime time", "os has clock, date, difftime and time only", tostring(names))
  ok, names = run("local t = {} for k in pairs(io) do t[#t + 1] = k end return table.concat(t, ' ')")
  check(ok and names == "write", "io has write only", tostring(names))
  ok, names = run("return zb.sandbox == nil and zb.open == nil and require('zb').sandbox == nil")
  check(ok and names == true, "zb.sandbox and zb.open are not in the sandbox's zb", tostring(names))
end

-- ---- the collector (memory-pressure tricks)
blocked("collectgarbage('stop')", "collectgarbage('stop')", "error",
  T('collectgarbage("stop") 在沙箱中不可用', 'collectgarbage("stop") is not available in the sandbox'))
blocked("collectgarbage('generational')", "collectgarbage('generational')", "error",
  T('collectgarbage("generational") 在沙箱中不可用', 'collectgarbage("generational") is not available in the sandbox'))
blocked("a __gc finalizer that never ends", "setmetatable({}, {__gc = function() while true do end end})", "error",
  T("沙箱中不允许 __gc 元方法", "__gc metamethods are not allowed in the sandbox"))
blocked("collectgarbage('collect') in a loop is charged", "while true do collectgarbage() end", "instructions",
  T("指令数超出限制（10000000 条）", "instruction limit exceeded (10000000 instructions)"))

-- ---- memory (Redis's string.rep / memory cases)
local MEM16 = T("内存超出限制（16 MiB）", "memory limit exceeded (16 MiB)")
blocked("string.rep of 2^40 bytes", "return string.rep('x', 2^40)", "memory", MEM16)
-- A limit under 1 MiB is named in KiB or bytes, not as "0.0 MiB".
blocked("a 48 KiB limit is named as such", "local t = {} for i = 1, 1e5 do t[i] = i end",
  "memory", T("内存超出限制（48 KiB）", "memory limit exceeded (48 KiB)"), {memory = 48 * 1024, instructions = 1e8})
blocked("a 1.5 MiB limit", "local t = {} for i = 1, 1e6 do t[i] = i end",
  "memory", T("内存超出限制（1.5 MiB）", "memory limit exceeded (1.5 MiB)"), {memory = 1536 * 1024, instructions = 1e8})
blocked("('x'):rep(2^40) through the string metatable", "return ('x'):rep(2^40)", "memory", MEM16)
blocked("string.rep caught by pcall is still the end", "pcall(string.rep, 'x', 2^40) return 'went on'", "memory", MEM16)
blocked("a huge table", "local t = {} for i = 1, 1e9 do t[i] = i end", "memory", "escape.lua:1: " .. MEM16)
blocked("doubling a string", "local s = 'x' while true do s = s .. s end", "memory", MEM16)
blocked("memory errors swallowed by pcall in a loop",
  "while true do pcall(function() local t = {} for i = 1, 1e9 do t[i] = i end end) end", "memory", MEM16)
-- lauxlib's buffers raise "not enough memory" at the first refusal, without
-- Lua's retry: caught by pcall, that must still end the call as a memory stop.
blocked("a huge gsub result caught by pcall",
  "pcall(string.gsub, ('a'):rep(1e5), 'a', ('b'):rep(1e4)) return 'went on'", "memory", MEM16)
blocked("a huge table.concat caught by pcall, the script ending at once",
  "local t = {} for i = 1, 200 do t[i] = ('x'):rep(1e5) end pcall(table.concat, t, ('y'):rep(1e5))", "memory", MEM16)
do
  local ok, r = run("return #string.rep('', 2^50), #string.rep('ab', 0)")
  check(ok and r == 0, "an empty string repeated 2^50 times is empty at once", tostring(r))
end

-- ---- time (instruction limit)
local INSTR = T("指令数超出限制（10000000 条）", "instruction limit exceeded (10000000 instructions)")
blocked("an endless loop", "local n = 0\nwhile true do\n  n = n + 1\nend", "instructions", "escape.lua:3: " .. INSTR)
blocked("an endless loop inside pcall", "while true do pcall(function() while true do end end) end", "instructions", INSTR)
blocked("an endless loop in error handlers", "while true do xpcall(function() while true do end end, function() while true do end end) end",
  "instructions", INSTR)
blocked("an endless loop in a coroutine.wrap", "coroutine.wrap(function() while true do end end)()", "instructions", INSTR)
blocked("coroutines resumed in an endless loop",
  "while true do coroutine.resume(coroutine.create(function() while true do end end)) end", "instructions", INSTR)
blocked("a pattern-matching bomb (string.find)", "return string.find(string.rep('a', 40), string.rep('a*', 40) .. 'b')",
  "instructions", INSTR)
blocked("a pattern-matching bomb as a method", "return (('a'):rep(40)):match(('a-'):rep(40) .. 'b')", "instructions", INSTR)
blocked("a pattern-matching bomb in gsub", "return (('a'):rep(30)):gsub(('a*'):rep(30) .. 'b', '')", "instructions", INSTR)
blocked("table.move over 2^40 elements", "table.move({}, 1, 2^40, 2)", "instructions", INSTR)
blocked("deep recursion", "local function f() return 1 + f() end return f()", "error", "stack overflow",
  {memory = 256 * 1024 * 1024, instructions = 100000000})
blocked("an error object whose __tostring never ends",
  "error(setmetatable({}, {__tostring = function() while true do end end}))", "error", "(error object is a table value)")

-- ---- errors: file:line and a traceback of the script's frames only
do
  local ok, kind, msg, tb = run("local function f()\n  error('boom')\nend\nf()\n")
  check(not ok and kind == "error" and msg == "escape.lua:2: boom", "an error names file:line", tostring(msg))
  check(tb:find("stack traceback:", 1, true) and tb:find("escape.lua:2: in local 'f'", 1, true)
    and tb:find("escape.lua:4: in main chunk", 1, true) and not tb:find("test_sandbox.lua", 1, true),
    "the traceback shows the script's frames and none of the host's", tb)
  local fn, err = zb.sandbox.load("x = = 1", {name = "bad.lua"})
  check(fn == nil and err:find("bad.lua:1:", 1, true), "a syntax error is nil plus file:line", tostring(err))
end

-- ---- Redis's "Return _G" and "Return table with a metatable that raise error"
do
  local fn, env = load_script("mine = 7 return _G")
  local ok, g = zb.sandbox.call(fn, SMALL)
  check(ok and g == env and rawget(env, "mine") == 7, "a script's _G is its own environment, readable by the host")
  ok, g = run("local a = {} setmetatable(a, {__index = function() foo() end}) return a")
  check(ok and type(g) == "table", "a returned table with a raising __index is just a table")
end

-- ---- results, arguments, outputs, limits in force after an escape
do
  local ok, a, b = run("local x, y = ... return x + y, select('#', ...)", nil, nil, 40, 2)
  check(ok and a == 42 and b == 2, "arguments go in as ... and results come back", tostring(a))
  local out = "build/test_sandbox_out"
  os.execute("mkdir -p " .. out)
  ok, a = run("return zb.write('r.txt', '七星关区')", {out = out, instructions = 1e6})
  local f = io.open(out .. "/r.txt", "rb")
  local text = f and f:read("a")
  if f then f:close() end
  check(ok and a == out .. "/r.txt" and text == "七星关区", "zb.write writes into the call's out directory", tostring(a))
  os.remove(out .. "/r.txt")
  check(zb.output_dir() == ".", "the host's output directory comes back after the call", zb.output_dir())
  ok, a = run("return zb.write('../escape.txt', 'x')", {out = out})
  check(not ok and a == "error", "zb.write refuses a name outside out")
  ok, a = run("return zb.xlsx.write('t.xlsx', {sheets = {{name = 'a', header = {'x'}, rows = {{1}}}}})", {out = out})
  local ok2, kind = run("return zb.xlsx.write('t.xlsx', {sheets = {{name = 'a', header = {'x'}, rows = {{1}}}}})")
  check(ok and a == out .. "/t.xlsx" and not ok2 and kind == "error", "zb.xlsx.write too writes into out only", tostring(a))
  os.remove(out .. "/t.xlsx")
  ok = run("local n = 0 for i = 1, 500 do n = n + i end return n", {instructions = 100000})
  check(ok, "a short loop fits in 10^5 instructions")
end

-- ---- require: bundled modules only, one instance per script
do
  local opts = {path = "tests/lua/fixtures/?.lua"}
  local ok, a = run("local c = require('counter') c.bump() c.n = 100 return require('counter') == c, c.n", nil, opts)
  local ok2, b = run("return require('counter').bump()", nil, {path = opts.path})
  check(ok and a == true and ok2 and b == 1, "each script gets its own instance of a module", tostring(b))
  local ok3, kind, msg = run("return require('sandboxed_module')", nil, {path = opts.path})
  check(not ok3 and msg:find(GONE("io.open"), 1, true), "a module runs in the sandbox too", tostring(msg))
  local ok4, m = run("return require('string') == string, require('zb') == zb", nil, {path = opts.path})
  check(ok4 and m == true, "require of a library the sandbox has gives its read-only table")
end

-- ---- the API without options; a bundled report script, sandboxed
do
  local fn = zb.sandbox.load("return 6 * 7")
  local ok, v = zb.sandbox.call(fn)
  check(ok and v == 42, "load and call with no options give the defaults", tostring(v))
  local lim = zb.sandbox.limits()
  check(lim.memory == 256 * 1024 * 1024 and lim.instructions == 1000000000, "the default limits are 256 MiB and 10^9")
  -- scripts/reports/plan.lua requires report, report.ds, report.fmt...: each
  -- loaded into the sandbox for this script.  Row 1 of the 14th plan's
  -- table is GDP, 500.06 in 2020, 800 in 2025, "10左右" (targets.csv).
  local spec_fn = zb.sandbox.loadfile("scripts/reports/plan.lua")
  local ok2, spec = zb.sandbox.call(spec_fn, SMALL)
  local render = load_script("local spec, ds = ... return spec.build(ds, {params = {}}):render('md')")
  local ok3, md = zb.sandbox.call(render, {memory = 64 * 1024 * 1024, instructions = 100000000}, spec, ds)
  check(ok2 and ok3 and md:find(T("| 1 | 地区生产总值(GDP) | 亿元 | 500.06 | 800 | 10左右 | 预期性 |",
                                             "| 1 | Gross regional product (GDP) | 亿元 | 500.06 | 800 | 10左右 | anticipatory |"), 1, true),
    "a bundled report script builds its table inside the sandbox", tostring(md):sub(1, 200))
end

-- ---- the bounded string functions give Lua's own answers
local function same(a, b)
  if a.n ~= b.n then return false end
  for i = 1, a.n do if a[i] ~= b[i] then return false end end
  return true
end
local function show(t)
  local s = {}
  for i = 1, t.n do s[i] = tostring(t[i]):gsub("%c", function(c) return "\\" .. c:byte() end) end
  return table.concat(s, ",")
end
local stock = {}
for _, f in ipairs{"find", "match", "gsub", "rep"} do stock[f] = string[f] end -- the host's are Lua's
local bounded = load_script("local f, n, a, b, c, d = ... return pcall(string[f], a, b, c, d)")
local function compare(f, ...)
  local want = table.pack(pcall(stock[f], ...))
  local got = table.pack(select(2, zb.sandbox.call(bounded, SMALL, f, select("#", ...), ...)))
  check(same(want, got), string.format("string.%s(%s) as Lua's", f, show(table.pack(...))),
    "want " .. show(want) .. " got " .. show(got))
end
for _, c in ipairs{
  {"hello world", "o"}, {"hello world", "o", 6}, {"hello", "l+"}, {"hello", "^h"}, {"hello", "^e"},
  {"a.b", ".", 1, true}, {"a+b", "+", 1, true}, {"abc", "b", -1}, {"abc", "", 10}, {"abc", "", 4},
  {"", ""}, {"aaa", "a-", 2}, {"[x]", "%[(.)%]"}, {"key = value", "(%w+)%s*=%s*(%w+)"},
  {"f(a(b)c)", "%b()"}, {"THE (quick) fox", "%f[%a]%a+", 5}, {"hello", "()ll()"},
  {"七星关区GDP", "GDP"}, {"x", "[a"}, {"x", "%"}, {"x", "(()"}, {"x", "%1"}, {"abc", "((a)(b))"},
  {"2021年", "^(%d+)年$"}, {"a\0b", "%z"}, {"a\0b", "\0"},
} do compare("find", table.unpack(c)) end
for _, c in ipairs{
  {"key = value", "(%w+)%s*=%s*(%w+)"}, {"hello", ".-"}, {"hello", "l*", 3}, {"hello", "(h)(e)(l)(l)(o)"},
  {"x", "(x"}, {"4..03", "^%d+%.%d+$"}, {" 500.06 ", "^%s*(.-)%s*$"},
} do compare("match", table.unpack(c)) end
for _, c in ipairs{
  {"hello world", "o", "0"}, {"hello world", "(o)", "[%1]"}, {"hello", "", "-"}, {"abc", "%w", "%0%0"},
  {"hello world", "%w+", {hello = "HI"}}, {"abc", "b", "%2"}, {"abc", "b", "%x"}, {"abc", ".", "x", 2},
  {"abc", "^.", "x"}, {"a,b,,c", ",", ";"}, {"hello", "l*", "X"}, {"abc", "()", "%1"},
  {"hello world", "%w+", {hello = true}}, {"abc", "%w", {a = 1}},
} do compare("gsub", table.unpack(c)) end
for _, c in ipairs{{"ab", 3}, {"ab", 3, ","}, {"x", 0}, {"x", -1}, {"", 5, "-"}} do compare("rep", table.unpack(c)) end
do
  local function collect(it) local r = {} for a, b in it do r[#r + 1] = tostring(a) .. (b and ("=" .. b) or "") end return table.concat(r, "|") end
  local gm = load_script("local s, p, i = ... local r = {} for a, b in string.gmatch(s, p, i) do r[#r + 1] = tostring(a) .. (b and ('=' .. b) or '') end return table.concat(r, '|')")
  for _, c in ipairs{
    {"one two  three", "%a+"}, {"k=v, a=b", "(%w+)=(%w+)"}, {"abc", ""}, {"^a^b", "^%a"}, {"hello", "l", 4},
    {"hello", "()l"},
  } do
    local want = collect(string.gmatch(c[1], c[2], c[3]))
    local ok, got = zb.sandbox.call(gm, SMALL, c[1], c[2], c[3])
    check(ok and got == want, string.format("string.gmatch(%s, %s) as Lua's", c[1], c[2]), "want " .. want .. " got " .. tostring(got))
  end
end

tap.done()
