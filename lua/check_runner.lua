-- check_runner: finds checks, reads their metadata, selects, runs each one
-- isolated (check_isolate), and collects the results as data for
-- check_render.  The C commands (zhibiao check / test / new-check) call
-- runner.check, runner.test and runner.skeleton; `host` gives them the few
-- trusted functions Lua lacks (listing a directory, opening a fixture).
--
-- A check is scripts/checks/<department>/<id>.lua (or the same layout in a
-- bureau's folder) and returns a table:
--   {id =, title = {zh =, en =}, department =, severity = "error"|"warning"|"info",
--    description = {zh =, en =}, tags = {...}, run = function(ds, report) ... end}
-- id and department default to the file's name and folder.
local isolate = require "check_isolate"
local selector = require "check_select"
local helpers = require "check" -- the host's own use (messages of fixtures); checks get their own

local runner = {}

local function T(zh, en) return (zb and zb.lang == "en") and en or zh end

runner.SEVERITY_RANK = {error = 1, warning = 2, info = 3}
runner.MAX_FINDINGS = 1000

local META_FIELDS = {
  id = true, title = true, department = true, severity = true, description = true,
  tags = true, run = true, author = true, license = true, version = true,
}
local FINDING_FIELDS = {
  region = true, indicator = true, year = true, message = true, values = true,
  severity = true, plan = true,
}

local function read_file(path)
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  local text = f:read("a")
  f:close()
  return text
end

-- ---------------------------------------------------------------- discovery

-- runner.discover(dirs, host) -> list of entries, notes
-- dirs: a list of {path =, origin = "bundled" | "ZHIBIAO_PATH" | "--checks"}.
-- A later folder's check replaces an earlier one with the same full id (a
-- bureau may override a bundled rule); each replacement is noted.
function runner.discover(dirs, host)
  local list, index, notes = {}, {}, {}
  for _, d in ipairs(dirs) do
    for _, dept in ipairs(host.listdir(d.path) or {}) do
      if dept.dir and dept.name:match("^[%w_%-]+$") then
        local dpath = d.path .. "/" .. dept.name
        for _, f in ipairs(host.listdir(dpath) or {}) do
          local id = not f.dir and f.name:match("^([%w_%-]+)%.lua$")
          if not f.dir and not id and f.name:match("%.lua$") then
            -- A bureau naming a file 森林.lua should learn why it is not run.
            notes[#notes + 1] = string.format(T("忽略 %s/%s：检查文件名只能用字母、数字、_ 和 -",
                                                "%s/%s is ignored: a check's file name uses letters, digits, _ and - only"),
                                              dpath, f.name)
          end
          if id then
            local e = {
              id = id, department = dept.name, full_id = dept.name .. "/" .. id,
              path = dpath .. "/" .. f.name, dir = d.path, origin = d.origin,
              fixtures = dpath .. "/" .. id .. ".fixtures",
            }
            local k = index[e.full_id]
            if k then
              notes[#notes + 1] = string.format(T("%s 替换了 %s", "%s replaces %s"), e.path, list[k].path)
              e.replaces = list[k].path
              list[k] = e
            else
              list[#list + 1] = e
              index[e.full_id] = #list
            end
          end
        end
      end
    end
  end
  table.sort(list, function(a, b) return a.full_id < b.full_id end)
  return list, notes
end

-- ---------------------------------------------------------------- metadata

-- The table a check returned is the script's: its metamethods would run
-- here, outside the sandbox's limits.  So it is read with raw access only
-- (next, rawget, rawlen), and only strings, tables and functions are kept.
local function bilingual(v, what)
  if type(v) == "string" then return {zh = v, en = v} end
  if type(v) == "table" then
    local zh, en = rawget(v, "zh"), rawget(v, "en")
    if type(zh) ~= "string" then zh = nil end
    if type(en) ~= "string" then en = nil end
    if zh or en then return {zh = zh or en, en = en or zh} end
  end
  error(string.format(T("%s 应为字符串或 {zh = ..., en = ...}", "%s must be a string or {zh = ..., en = ...}"), what), 0)
end

-- Checks the table a check file returned; raises a message on a problem.
local function validate_meta(e, m)
  if type(m) ~= "table" then
    error(T("检查文件应返回一个表（id、title、severity、run……），实际返回 ",
            "a check file must return a table (id, title, severity, run, ...), it returned ") .. type(m), 0)
  end
  local k = next(m)
  while k ~= nil do
    if not META_FIELDS[k] then
      error(string.format(T("未知的字段“%s”（可用：id、title、department、severity、description、tags、run）",
                            "unknown field '%s' (known: id, title, department, severity, description, tags, run)"),
                          type(k) == "string" and k or type(k)), 0)
    end
    k = next(m, k)
  end
  local id, dept = rawget(m, "id"), rawget(m, "department")
  if id ~= nil and id ~= e.id then
    error(string.format(T("id“%s”与文件名“%s.lua”不一致", "id '%s' does not match the file name '%s.lua'"),
                        type(id) == "string" and id or type(id), e.id), 0)
  end
  if dept ~= nil and dept ~= e.department then
    error(string.format(T("department“%s”与所在文件夹“%s”不一致", "department '%s' does not match the folder '%s'"),
                        type(dept) == "string" and dept or type(dept), e.department), 0)
  end
  if rawget(m, "title") == nil then error(T("缺少 title（标题）", "title is missing"), 0) end
  local title = bilingual(rawget(m, "title"), "title")
  local description = rawget(m, "description") ~= nil and bilingual(rawget(m, "description"), "description") or nil
  local severity = rawget(m, "severity")
  if type(severity) ~= "string" or not runner.SEVERITY_RANK[severity] then
    error(string.format(T("severity 应为 \"error\"、\"warning\" 或 \"info\"，而不是 %s",
                          "severity must be \"error\", \"warning\" or \"info\", not %s"),
                        type(severity) == "string" and severity or type(severity)), 0)
  end
  local tags = {}
  local mt = rawget(m, "tags")
  if mt ~= nil then
    if type(mt) ~= "table" then error(T("tags 应为字符串列表", "tags must be a list of strings"), 0) end
    for i = 1, rawlen(mt) do
      local t = rawget(mt, i)
      if type(t) ~= "string" or not t:match("^[^%s(),*?]+$") or t == "and" or t == "or" or t == "not" then
        error(string.format(T("第 %d 个标签不可用：标签是不含空格、括号、逗号、* 或 ? 的字符串，也不能是 and/or/not",
                              "tag %d is not usable: a tag is a string without spaces, parentheses, commas, * or ?, and not and/or/not"),
                            i), 0)
      end
      tags[i] = t
    end
  end
  local run = rawget(m, "run")
  if type(run) ~= "function" then
    error(T("缺少 run 函数：run = function(ds, report) ... end", "run is missing: run = function(ds, report) ... end"), 0)
  end
  local author = rawget(m, "author")
  e.title, e.description, e.severity, e.tags, e.run = title, description, severity, tags, run
  e.author = type(author) == "string" and author or nil
end

-- A fresh instance of the helper library for each check, loaded inside
-- the sandbox (its require finds lua/check.lua): the helpers run under the
-- check's limits with the sandbox's libraries, and one check cannot change
-- the helpers another one sees.
local function sandboxed_helpers(limits)
  local fn, err = isolate.load('return require "check"', "check.lua", {})
  if not fn then return nil, err end
  local ok, lib, msg = isolate.call(fn, limits)
  if not ok then return nil, msg end
  return lib
end

-- runner.load(entry, limits): reads and runs the check file's top level;
-- fills the entry's metadata, or entry.broken = {kind =, message =}.
function runner.load(e, limits)
  e.tags = e.tags or {}
  local text, err = read_file(e.path)
  if not text then
    e.broken = {kind = "load", message = err}
    return e
  end
  -- print goes to stderr, marked with the check: stdout carries the
  -- report (JSON, CSV, XML) and must not be mixed with debugging output.
  local function eprint(...)
    local parts = table.pack(...)
    for i = 1, parts.n do parts[i] = tostring(parts[i]) end
    io.stderr:write("[", e.full_id, "] ", table.concat(parts, "\t", 1, parts.n), "\n")
  end
  local lib, herr = sandboxed_helpers(limits)
  if not lib then
    e.broken = {kind = "load", message = herr}
    return e
  end
  local fn, lerr = isolate.load(text, "@" .. e.path, {check = lib, print = eprint})
  if not fn then
    e.broken = {kind = "load", message = lerr}
    return e
  end
  local ok, meta, msg = isolate.call(fn, limits)
  if not ok then
    e.broken = {kind = meta, message = msg}
    return e
  end
  local vok, verr = pcall(validate_meta, e, meta)
  if not vok then e.broken = {kind = "load", message = e.path .. ": " .. tostring(verr)} end
  e.severity = e.severity or "error"
  e.title = e.title or {zh = e.full_id, en = e.full_id}
  return e
end

-- ---------------------------------------------------------------- findings

local function argerror(n, fname, msg)
  error(string.format("bad argument #%d to '%s' (%s)", n, fname, msg), 3)
end

local function copy_message(m, fname)
  if type(m) == "string" then return {zh = m, en = m} end
  if type(m) == "table" and type(m.zh or m.en) == "string" then
    local zh, en = m.zh or m.en, m.en or m.zh
    if type(zh) ~= "string" or type(en) ~= "string" then argerror(1, fname, "message.zh and message.en must be strings") end
    return {zh = zh, en = en}
  end
  argerror(1, fname, "message expected (a string or {zh = ..., en = ...})")
end

local function copy_values(v, fname)
  if v == nil then return {} end
  if type(v) ~= "table" then argerror(1, fname, "values must be a table") end
  local out = {}
  local function add(name, value)
    if type(name) ~= "string" then argerror(1, fname, "value names must be strings") end
    local t = type(value)
    if t ~= "number" and t ~= "string" and t ~= "boolean" then
      argerror(1, fname, string.format("value '%s' must be a number, string or boolean, not %s", name, t))
    end
    out[#out + 1] = {name, value}
  end
  if #v > 0 then
    for i = 1, #v do
      local pair = v[i]
      if type(pair) ~= "table" then argerror(1, fname, "values: a list of {name, value} pairs or a name -> value table") end
      add(pair[1], pair[2])
    end
  else
    local names = {}
    for k in pairs(v) do
      if type(k) ~= "string" then argerror(1, fname, "value names must be strings") end
      names[#names + 1] = k
    end
    table.sort(names)
    for _, k in ipairs(names) do add(k, v[k]) end
  end
  return out
end

-- The `report` object a check's run receives: report{...} records a
-- finding at the check's severity; report.error/warning/info{...} at that
-- severity; report.skip(reason) says the check does not apply to this data.
local function new_report(result, ds, severity)
  local names = {region = {}, indicator = {}}
  local function region_of(code)
    local r = names.region[code]
    if r == nil then r = ds:region(code) or false; names.region[code] = r end
    return r
  end
  local function indicator_of(code)
    local r = names.indicator[code]
    if r == nil then r = ds:indicator(code) or false; names.indicator[code] = r end
    return r
  end
  local function add(f, sev, fname)
    if type(f) ~= "table" then argerror(1, fname, "table expected, got " .. type(f)) end
    for k in pairs(f) do
      if not FINDING_FIELDS[k] then
        argerror(1, fname, string.format("unknown field '%s' (known: region, indicator, year, message, values, severity, plan)", tostring(k)))
      end
    end
    local out = {severity = f.severity or sev}
    if not runner.SEVERITY_RANK[out.severity] then argerror(1, fname, "severity must be error, warning or info") end
    if f.region ~= nil then
      local code = tostring(f.region)
      local r = region_of(code)
      if not r then argerror(1, fname, string.format("unknown region code '%s'", code)) end
      out.region, out.region_name, out.region_name_en = code, r.name, r.name_en
    end
    if f.indicator ~= nil then
      local ind = type(f.indicator) == "string" and indicator_of(f.indicator)
      if not ind then argerror(1, fname, string.format("unknown indicator code '%s'", tostring(f.indicator))) end
      out.indicator, out.indicator_name, out.indicator_name_en, out.unit = f.indicator, ind.name, ind.name_en, ind.unit
    end
    if f.year ~= nil then
      if math.type(f.year) ~= "integer" and not (type(f.year) == "number" and f.year == math.floor(f.year)) then
        argerror(1, fname, "year must be an integer")
      end
      out.year = math.tointeger(f.year)
    end
    if f.plan ~= nil then out.plan = tostring(f.plan) end
    out.message = copy_message(f.message, fname)
    out.values = copy_values(f.values, fname)
    if #result.findings >= runner.MAX_FINDINGS then
      result.truncated = (result.truncated or 0) + 1
    else
      result.findings[#result.findings + 1] = out
    end
  end
  local report = {
    error = function(f) add(f, "error", "error") end,
    warning = function(f) add(f, "warning", "warning") end,
    info = function(f) add(f, "info", "info") end,
    skip = function(reason)
      result.skip_reason = reason ~= nil and copy_message(reason, "skip") or {zh = "", en = ""}
    end,
  }
  return setmetatable(report, {
    __call = function(_, f) add(f, severity, "report") end,
    __metatable = false,
  })
end

-- runner.run(entry, ds, limits) -> result: the entry's metadata with
-- status "pass" | "fail" | "skip" | "crash", findings, crash = {kind, message}.
function runner.run(e, ds, limits)
  local result = {
    id = e.id, full_id = e.full_id, department = e.department, severity = e.severity,
    title = e.title, tags = e.tags, path = e.path, origin = e.origin, findings = {},
  }
  if e.broken then
    result.status, result.crash = "crash", e.broken
    return result
  end
  local report = new_report(result, ds, e.severity)
  local ok, kind, msg = isolate.call(e.run, limits, ds, report)
  if not ok then
    result.status, result.crash = "crash", {kind = kind, message = msg}
  elseif #result.findings > 0 then
    result.status = "fail"
  elseif result.skip_reason then
    result.status = "skip"
  else
    result.status = "pass"
  end
  -- The worst severity among the findings.
  local worst
  for _, f in ipairs(result.findings) do
    if not worst or runner.SEVERITY_RANK[f.severity] < runner.SEVERITY_RANK[worst] then worst = f.severity end
  end
  result.worst = worst
  return result
end

-- runner.summary(results) -> {checks, passed, failed, skipped, crashed,
-- error, warning, info, truncated}
function runner.summary(results)
  local s = {checks = #results, passed = 0, failed = 0, skipped = 0, crashed = 0,
             error = 0, warning = 0, info = 0, truncated = 0}
  for _, r in ipairs(results) do
    if r.status == "pass" then s.passed = s.passed + 1
    elseif r.status == "fail" then s.failed = s.failed + 1
    elseif r.status == "skip" then s.skipped = s.skipped + 1
    else s.crashed = s.crashed + 1 end
    for _, f in ipairs(r.findings) do s[f.severity] = s[f.severity] + 1 end
    s.truncated = s.truncated + (r.truncated or 0)
  end
  return s
end

-- Exit status: 1 when an error was found or a check crashed, else 0.
function runner.status(summary)
  return (summary.error > 0 or summary.crashed > 0) and 1 or 0
end

-- ---------------------------------------------------------------- commands

local function stderr(fmt, ...) io.stderr:write(string.format(fmt, ...)) end

-- Loads every check of dirs and applies the selection.  Returns picked,
-- all, or nil and prints the problem.
function runner.pick(opts)
  local all, notes = runner.discover(opts.dirs, opts.host)
  for _, n in ipairs(notes) do stderr("%s%s\n", T("提示：", "note: "), n) end
  for _, e in ipairs(all) do runner.load(e, opts.limits) end
  local picked, err = selector.select(all, opts.selection)
  if not picked then
    stderr(T("zhibiao %s：选择有误（第 %d 列）：%s\n", "zhibiao %s: bad selection (column %d): %s\n"),
           opts.command or "check", err.col, err.message)
    local prefix = err.arg:sub(1, (utf8.offset(err.arg, err.col) or (#err.arg + 1)) - 1)
    stderr("    %s\n    %s^\n", err.arg, string.rep(" ", zb.width(prefix)))
    return nil
  end
  return picked, all
end

-- runner.check(opts) -> text, status
-- opts: ds, data (its directory), dirs, selection (list of arguments),
-- format ("text" | "json" | "csv" | "junit"), list (boolean), limits,
-- host, bom (CSV: begin with a UTF-8 BOM).
function runner.check(opts)
  local render = require "check_render"
  local picked, all = runner.pick(opts)
  if not picked then return nil, 2 end
  if opts.list then
    return render.list(picked, all, opts), 0
  end
  if #all == 0 then
    stderr("%s\n", T("zhibiao check：没有找到任何检查（检查目录为空）", "zhibiao check: no checks found (the check folders are empty)"))
    return nil, 2
  end
  local results = {}
  for i, e in ipairs(picked) do results[i] = runner.run(e, opts.ds, opts.limits) end
  local summary = runner.summary(results)
  local ctx = {data = opts.data, ds = opts.ds, summary = summary, bom = opts.bom}
  local text = render[opts.format or "text"](results, ctx)
  return text, runner.status(summary)
end

-- ---------------------------------------------------------------- fixtures

-- Parses an `expected` file: one finding a line, "severity region indicator
-- year [text]" ("-" for a field the finding leaves out, "*" for any), or
-- "none", "skip", "crash".  Returns {kind = "findings" | "skip" | "crash",
-- lines = {...}} or nil, message.
function runner.parse_expected(text, name)
  local exp = {kind = "findings", lines = {}}
  local n = 0
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do
    n = n + 1
    line = line:gsub("\r$", ""):gsub("#.*$", ""):gsub("^%s+", ""):gsub("%s+$", "")
    if line ~= "" then
      local words = {}
      for w in line:gmatch("%S+") do words[#words + 1] = w end
      local first = words[1]
      if first == "none" or first == "skip" or first == "crash" then
        if #words > 1 and first ~= "crash" then
          return nil, string.format("%s:%d: %s", name, n, T("“" .. first .. "”后面不应再有内容", "nothing may follow '" .. first .. "'"))
        end
        if first ~= "none" then exp.kind = first; exp.crash_kind = words[2] end
      elseif runner.SEVERITY_RANK[first] or first == "*" then
        if #words < 4 then
          return nil, string.format("%s:%d: %s", name, n,
            T("应为“严重程度 地区 指标 年份 [消息中的文字]”，如：error 520502 gdp 2020",
              "expected 'severity region indicator year [text in the message]', e.g. error 520502 gdp 2020"))
        end
        local year = words[4]
        if year ~= "-" and year ~= "*" and not tonumber(year) then
          return nil, string.format("%s:%d: %s", name, n, T("年份应为数字、- 或 *", "the year must be a number, - or *"))
        end
        exp.lines[#exp.lines + 1] = {
          severity = first, region = words[2], indicator = words[3], year = year,
          text = #words > 4 and table.concat(words, " ", 5) or nil, line = n,
        }
      else
        return nil, string.format("%s:%d: %s", name, n, string.format(
          T("未知的严重程度“%s”（应为 error、warning、info，或整行为 none、skip、crash）",
            "unknown severity '%s' (error, warning, info; or a line none, skip, crash)"), first))
      end
    end
  end
  return exp
end

local function field_matches(want, got)
  if want == "*" then return true end
  if want == "-" then return got == nil end
  return got ~= nil and tostring(got) == want
end

local function expected_matches(x, f)
  if not field_matches(x.severity, f.severity) or not field_matches(x.region, f.region)
     or not field_matches(x.indicator, f.indicator) or not field_matches(x.year, f.year) then
    return false
  end
  if x.text and not (f.message.zh:find(x.text, 1, true) or f.message.en:find(x.text, 1, true)) then
    return false
  end
  return true
end

local function finding_line(f)
  return string.format("%s %s %s %s  %s", f.severity, f.region or "-", f.indicator or "-",
                       f.year and tostring(f.year) or "-", helpers.text(f.message))
end

-- Compares a result with what the case expects: a list of problems (empty
-- when it matches).
function runner.compare(result, exp)
  local problems = {}
  if result.status == "crash" and exp.kind ~= "crash" then
    problems[#problems + 1] = string.format(T("检查出错（%s）：%s", "the check crashed (%s): %s"), result.crash.kind, result.crash.message)
    return problems
  end
  if exp.kind == "crash" then
    if result.status ~= "crash" then
      problems[#problems + 1] = T("预期检查出错，但它正常结束了", "expected the check to crash, it finished")
    elseif exp.crash_kind and exp.crash_kind ~= result.crash.kind then
      problems[#problems + 1] = string.format(T("预期出错类型 %s，实际为 %s：%s", "expected a crash of kind %s, got %s: %s"),
                                              exp.crash_kind, result.crash.kind, result.crash.message)
    end
    return problems
  end
  if exp.kind == "skip" and result.status ~= "skip" then
    problems[#problems + 1] = string.format(T("预期跳过，实际为 %s", "expected a skip, got %s"), result.status)
  elseif exp.kind == "findings" and result.status == "skip" then
    -- "none" means: ran and found nothing.  A skip usually means the
    -- fixture lacks what the check looks at.
    problems[#problems + 1] = string.format(T("检查跳过了（%s）；预期它运行。若本就应跳过，expected 写 skip",
                                              "the check skipped (%s); it was expected to run. If it should skip, write skip in expected"),
                                            helpers.text(result.skip_reason))
  end
  local used = {}
  for _, x in ipairs(exp.lines) do
    local hit
    for i, f in ipairs(result.findings) do
      if not used[i] and expected_matches(x, f) then hit = i; break end
    end
    if hit then
      used[hit] = true
    else
      problems[#problems + 1] = string.format(T("缺少预期的发现（expected 第 %d 行）：%s %s %s %s%s",
                                                "missing the expected finding (expected line %d): %s %s %s %s%s"),
                                              x.line, x.severity, x.region, x.indicator, x.year, x.text and (" " .. x.text) or "")
    end
  end
  for i, f in ipairs(result.findings) do
    if not used[i] then
      problems[#problems + 1] = T("多出的发现：", "unexpected finding: ") .. finding_line(f)
    end
  end
  return problems
end

-- runner.test(opts) -> text, status.  opts: dirs (the check folders to
-- test), only (a set of check paths, when files were named), host, limits.
-- Every <id>.fixtures/<case>/ with an `expected` file is one case: the case
-- folder's CSV files, else those in <id>.fixtures/, make its dataset.
function runner.test(opts)
  local render = require "check_render"
  local all, notes = runner.discover(opts.dirs, opts.host)
  for _, n in ipairs(notes) do stderr("%s%s\n", T("提示：", "note: "), n) end
  local checks = {}
  for _, e in ipairs(all) do
    if not opts.only or opts.only[e.path] then checks[#checks + 1] = runner.load(e, opts.limits) end
  end
  local rows = {}
  for _, e in ipairs(checks) do
    local row = {entry = e, cases = {}}
    rows[#rows + 1] = row
    local listing = opts.host.listdir(e.fixtures)
    for _, c in ipairs(listing or {}) do
      if c.dir then
        local case_dir = e.fixtures .. "/" .. c.name
        local case = {name = c.name, problems = {}}
        local text = read_file(case_dir .. "/expected")
        if text then
          row.cases[#row.cases + 1] = case
          local exp, perr = runner.parse_expected(text, case_dir .. "/expected")
          local ds, derr = opts.host.open_fixture(case_dir, e.fixtures)
          if not exp then
            case.problems[1] = perr
          elseif not ds then
            case.problems[1] = T("样例数据集有误：", "the case's dataset has errors: ") .. tostring(derr)
          else
            local result = runner.run(e, ds, opts.limits)
            case.result = result
            case.problems = runner.compare(result, exp)
          end
        end
      end
    end
  end
  local text, failed = render.tests(rows, opts)
  return text, failed > 0 and 1 or 0
end

-- ---------------------------------------------------------------- skeleton

-- runner.skeleton(department, id) -> list of {path =, text =} relative to
-- the check folder: the check, and a pass and a fire fixture that its
-- example rule satisfies, so that `zhibiao test` passes at once.
function runner.skeleton(dept, id)
  local tpl = require "check_skeleton"
  return tpl.files(dept, id)
end

return runner
