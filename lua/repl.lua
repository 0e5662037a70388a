-- repl: the dot-commands of the interactive environment (zhibiao repl) and
-- its greeting.  The loop itself is C (lua/zb_repl.c); this file decides
-- what .help, .data, .indicators and .regions say.
--
-- Loaded by the REPL with its options -- encoding (for .data), history (the
-- history file's path), sample_data (the bundled dataset's path, for the
-- greeting), columns (a function: the terminal's width) -- and the pretty
-- printer.

local opts, pp = ...
local zb = package.loaded.zb
local en = zb.lang == "en"
local function T(zh, e) return en and e or zh end
local function say(...) io.write(string.format(...), "\n") end

local M = {}

-- Names for Tab completion, in the order .help lists them.
M.commands = { "help", "data", "indicators", "regions", "quit" }
local aliases = { exit = "quit", q = "quit", h = "help", ["?"] = "help" }

local kind_zh = { level = "总量", rate = "比率", percap = "人均", structure = "结构",
  reduction = "累计下降", growth = "增速", other = "其他" }
local attribute_zh = { anticipatory = "预期性", binding = "约束性" }
local level_zh = { province = "省", city = "市（州）", county = "县（市、区）", zone = "功能区" }
local level_words = { ["省"] = "province", ["市"] = "city", ["州"] = "city", ["市州"] = "city",
  ["县"] = "county", ["区"] = "county", ["县区"] = "county", ["功能区"] = "zone" }

local function label(map, v) return (not en and v and map[v]) or v end

local function dataset()
  local ds = rawget(_G, "ds")
  if ds == nil then
    say(T("还没有打开数据集。用 .data 目录 打开%s", "No dataset is open. Open one with .data DIR%s"),
      opts.sample_data and T("，如 .data " .. opts.sample_data, ", e.g. .data " .. opts.sample_data) or "")
  end
  return ds
end

local function grid(rows, columns)
  say("%s", pp.grid(rows, columns, { width = opts.columns and opts.columns() or 100, max_lines = 0 }))
end

local commands = {}

function commands.help()
  say("%s", T([[
输入 Lua 代码，回车运行；表达式直接显示结果，不必写 return。

  .help              本帮助
  .data 目录         打开数据集，设为 ds（如 .data datasets/qixingguan）
  .indicators [词]   列出指标：代码、名称、单位、类型、属性；可按代码或名称筛选
  .regions [级别]    列出地区；级别：province 省、city 市、county 县、zone 功能区
  .quit              退出（也可按 Ctrl-D）

Tab       补全：全局变量、zb. 的函数、ds: 的方法、引号里的地区/指标/规划代码
↑ ↓       翻看历史输入（保存在 %s）
Ctrl-C    中断正在运行的代码，或清空正在输入的行
多行      没写完的语句（如 for ... do）回车后出现 ..> 提示，接着输入
_         上一个结果；zb.pp(值, {max_lines = 0}) 完整显示长结果

试试：
  ds:indicators()
  ds:value("520502", "gdp", 2020)
  ds:targets{plan = "qxg-14fyp", indicator = "gdp"}]], [[
Type Lua and press Enter; an expression shows its value without `return`.

  .help              this help
  .data DIR          open a dataset as ds (e.g. .data datasets/qixingguan)
  .indicators [WORD] list indicators: code, name, unit, kind, attribute; filter by code or name
  .regions [LEVEL]   list regions; LEVEL: province, city, county, zone
  .quit              leave (Ctrl-D too)

Tab       completes globals, zb. functions, ds: methods, codes inside quotes
Up/Down   earlier input (kept in %s)
Ctrl-C    stops running code, or clears the line being typed
Lines     an unfinished statement (for ... do) asks for more with ..>
_         the last result; zb.pp(v, {max_lines = 0}) shows a long one in full

Try:
  ds:indicators()
  ds:value("520502", "gdp", 2020)
  ds:targets{plan = "qxg-14fyp", indicator = "gdp"}]]):format(opts.history or T("（未保存）", "(not kept)")))
end

function commands.data(args)
  if args == "" then
    local ds = dataset()
    if ds ~= nil then say("ds = %s", tostring(ds)) end
    return
  end
  local dir, enc = args:match("^(.-)%s+%-%-encoding%s+(%S+)$")
  dir = dir or args
  -- A path with spaces may be quoted as in a shell: .data "我的 数据"
  dir = dir:match('^"(.*)"$') or dir:match("^'(.*)'$") or dir
  local ds, msg, problems = zb.open(dir, { encoding = enc or opts.encoding })
  if not ds then
    say("%s", msg)
    for i, p in ipairs(problems or {}) do
      if i > 10 then
        say(T("…… 共 %d 条（zhibiao validate %s 列出全部）", "... %d in all (zhibiao validate %s lists them)"), #problems, dir)
        break
      end
      local where = p.file or "?"
      if (p.line or 0) > 0 then where = string.format("%s:%d:%d", where, p.line, p.col or 0) end
      say("  %s: %s", where, p.message or "")
    end
    local old = rawget(_G, "ds")
    if old ~= nil then say(T("ds 仍是 %s", "ds is still %s"), tostring(old)) end
    return
  end
  rawset(_G, "ds", ds)
  say("ds = %s", tostring(ds))
end

local function matches(ind, word)
  if word == "" then return true end
  word = word:lower()
  for _, field in ipairs{ "code", "name", "name_en", "category" } do
    local v = ind[field]
    if v and v:lower():find(word, 1, true) then return true end
  end
  return false
end

function commands.indicators(args)
  local ds = dataset()
  if ds == nil then return end
  local all, rows = ds:indicators(), {}
  for _, ind in ipairs(all) do
    if matches(ind, args) then
      rows[#rows + 1] = { code = ind.code, name = en and ind.name_en or ind.name, unit = ind.unit,
        kind = label(kind_zh, ind.kind), attribute = label(attribute_zh, ind.attribute) }
    end
  end
  if #rows == 0 then
    say(T("没有与“%s”相符的指标（共 %d 个）", "no indicator matches '%s' (%d in all)"), args, #all)
    return
  end
  grid(rows, { { "code", T("代码", "code") }, { "name", T("名称", "name") }, { "unit", T("单位", "unit") },
    { "kind", T("类型", "kind") }, { "attribute", T("属性", "attribute") } })
  if #rows < #all then
    say(T("%d 个指标（共 %d 个）", "%d indicators (%d in all)"), #rows, #all)
  else
    say(T("共 %d 个指标", "%d indicators"), #rows)
  end
end

function commands.regions(args)
  local ds = dataset()
  if ds == nil then return end
  local level = args ~= "" and (level_words[args] or args) or nil
  if level and not level_zh[level] then
    say(T("级别应为 province（省）、city（市）、county（县）或 zone（功能区），而不是“%s”",
      "the level is province, city, county or zone, not '%s'"), args)
    return
  end
  local names = {}
  for _, r in ipairs(ds:regions()) do names[r.code] = r.name end
  local rows = {}
  for _, r in ipairs(ds:regions(level)) do
    rows[#rows + 1] = { code = r.code, name = en and r.name_en or r.name, level = label(level_zh, r.level),
      parent = r.parent and (r.parent .. " " .. (names[r.parent] or "")) or "" }
  end
  grid(rows, { { "code", T("代码", "code") }, { "name", T("名称", "name") }, { "level", T("级别", "level") },
    { "parent", T("上级", "parent") } })
  say(T("共 %d 个地区", "%d regions"), #rows)
end

function commands.quit() return "quit" end

-- command(line) -> "quit" or nil.  A unique prefix is enough (.ind).
function M.command(line)
  local name, args = line:match("^%s*%.(%S*)%s*(.-)%s*$")
  name = aliases[name] or name
  local found = commands[name] and name
  if not found then
    local candidates = {}
    for _, c in ipairs(M.commands) do
      if c:sub(1, #name) == name then candidates[#candidates + 1] = c end
    end
    if #candidates == 1 then found = candidates[1] end
    if not found then
      local list = "." .. table.concat(M.commands, " .")
      if #candidates > 1 then
        say(T(".%s 不明确：可以是 .%s", ".%s is ambiguous: .%s"), name, table.concat(candidates, T("、.", ", .")))
      else
        say(T("没有 .%s 这个命令。可用：%s（.help 看说明）；Lua 代码不以点开头",
          "there is no .%s command. Commands: %s (.help explains them); Lua code does not start with a dot"),
          name, list)
      end
      return
    end
  end
  return commands[found](args)
end

-- Did-you-mean for a misspelt name: "attempt to call a nil value (method
-- 'vlaue')" gets "是不是 value？".  Names come from the globals, or for
-- fields and methods from zb, the dataset, series and frame methods and
-- the string library.
local function distance(a, b) -- optimal string alignment: a swap counts 1
  local d = {}
  for i = 0, #a do d[i] = { [0] = i } end
  for j = 0, #b do d[0][j] = j end
  for i = 1, #a do
    for j = 1, #b do
      local cost = a:byte(i) == b:byte(j) and 0 or 1
      local v = math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if i > 1 and j > 1 and a:byte(i) == b:byte(j - 1) and a:byte(i - 1) == b:byte(j) then
        v = math.min(v, d[i - 2][j - 2] + 1)
      end
      d[i][j] = v
    end
  end
  return d[#a][#b]
end

local function known_names(kind)
  local set = {}
  local function add(t)
    if type(t) ~= "table" then return end
    for k in pairs(t) do
      if type(k) == "string" then set[k] = true end
    end
  end
  if kind == "global" then
    add(_G)
    return set
  end
  add(zb)
  add(string)
  local registry = debug and debug.getregistry and debug.getregistry() or {}
  for _, name in ipairs{ "zb.dataset", "zb.series", "zb.frame" } do
    local index = type(registry[name]) == "table" and rawget(registry[name], "__index")
    if type(index) == "table" then
      add(index)
    elseif type(index) == "function" and debug.getupvalue then
      for up = 1, 8 do
        local n, v = debug.getupvalue(index, up)
        if not n then break end
        add(v)
      end
    end
  end
  return set
end

-- hint(message) -> a line to show under the error, or nil
function M.hint(msg)
  local kind, name = tostring(msg):match("%((%a+) '([%w_]+)'%)")
  if kind ~= "global" and kind ~= "method" and kind ~= "field" then return nil end
  local best, found = math.min(2, #name // 2), {}
  for cand in pairs(known_names(kind)) do
    local d = distance(name, cand)
    if d > 0 and d < best then
      best, found = d, { cand }
    elseif d > 0 and d == best then
      found[#found + 1] = cand
    end
  end
  if #found == 0 or #found > 3 then return nil end
  table.sort(found)
  return T("提示：是不是 %s？", "hint: did you mean %s?"):format(table.concat(found, T("、", ", ")))
end

function M.banner()
  say(T("zhibiao %s 交互式环境（%s）。.help 查看帮助，Tab 补全，Ctrl-D 退出。",
    "zhibiao %s interactive (%s). .help for help, Tab completes, Ctrl-D leaves."), zb.version, _VERSION)
  local ds = rawget(_G, "ds")
  if ds ~= nil then
    say("ds = %s", tostring(ds))
  else
    dataset()
  end
end

return M
