-- report.run: what `zhibiao report` does once the dataset is open.
--
-- A report script is a file that returns a table:
--
--   return {
--     title = "规划实施监测",                -- for `zhibiao report --list`
--     description = "……",
--     build = function(ds, opts) ... return doc end,  -- doc from report.new
--   }
--
-- opts holds the command's options: region, year, plan, to, format, data,
-- params (from --param key=value; author= and date= go on the title page
-- of every report, in every format but CSV; a script names its own in
-- spec.params, and any other is warned about).  A script that cannot work with what it
-- was given calls report.fail(message): the command prints the message and
-- exits with status 2 (bad usage or data), where a script error exits 1.

local report = require "report"
local fmt = require "report.fmt"
local T = fmt.T

-- Every message goes out as every command's do: "zhibiao report：…".
local function complain(...)
  io.stderr:write(T("zhibiao report：", "zhibiao report: "), ...)
end

local M = {}

-- Loads a report script (text only, never bytecode) and checks its shape.
-- Returns the spec, or nil and a message.
function M.load(path)
  local chunk, err = loadfile(path, "t")
  if not chunk then return nil, err end
  local ok, spec = pcall(chunk)
  if not ok then return nil, tostring(spec) end
  if type(spec) ~= "table" or type(spec.build) ~= "function" then
    return nil, string.format(T("%s：报表脚本应返回 {title=, description=, build=function(ds, opts) … end}",
                                "%s: a report script returns {title=, description=, build=function(ds, opts) ... end}"), path)
  end
  return spec
end

-- `zhibiao report --list`: name, title and description of each script.
function M.list(paths)
  local rows = {}
  for _, path in ipairs(paths) do
    local name = path:match("([^/]+)%.lua$") or path
    local spec, err = M.load(path)
    if spec then
      rows[#rows + 1] = {name, spec.title or "", spec.description or ""}
    else
      rows[#rows + 1] = {name, T("（无法载入）", "(cannot load)"), err}
    end
  end
  local w1, w2 = 0, 0
  for _, r in ipairs(rows) do w1 = math.max(w1, zb.width(r[1])); w2 = math.max(w2, zb.width(r[2])) end
  for _, r in ipairs(rows) do
    io.write(zb.pad(r[1], w1), "  ", zb.pad(r[2], w2), "  ", r[3], "\n")
  end
  return 0
end

-- The parameters every report takes; a script declares its own in
-- spec.params = {name = "what it does", ...}.
M.COMMON_PARAMS = {
  author = T("编制单位，印在标题下", "who issues the report, under the title"),
  date = T("日期，印在标题下", "the date, under the title"),
}

-- Warns on stderr about each --param the report does not take (a typo
-- would otherwise pass unnoticed) and names the ones it does take.
local function check_params(path, spec, params)
  local accepted = {}
  for k in pairs(M.COMMON_PARAMS) do accepted[k] = true end
  if type(spec.params) == "table" then
    for k in pairs(spec.params) do accepted[k] = true end
  end
  local unknown = {}
  for k in pairs(params) do
    if not accepted[k] then unknown[#unknown + 1] = k end
  end
  if #unknown == 0 then return end
  table.sort(unknown)
  local names = {}
  for k in pairs(accepted) do names[#names + 1] = k end
  table.sort(names)
  local report_name = path:match("([^/]+)%.lua$") or path
  for _, k in ipairs(unknown) do
    complain(string.format(T(
      "报表 %s 没有参数“%s”，已忽略；可用的参数：%s\n", "report %s takes no parameter '%s' (ignored); it takes: %s\n"),
      report_name, k, table.concat(names, T("、", ", "))))
  end
end

local function is_doc(v)
  return type(v) == "table" and getmetatable(v) == report.Doc
end

-- Runs the report at `path` with the open dataset `ds`.  opts.output is
-- the file name inside the output directory (nil: print to stdout).
-- Returns the exit status.
function M.main(path, ds, opts)
  local spec, err = M.load(path)
  if not spec then
    complain(err, "\n")
    return 1
  end
  check_params(path, spec, opts.params or {})
  local ok, doc = xpcall(spec.build, function(e)
    if type(e) == "table" and e.report_failure then return e end
    return debug.traceback(tostring(e), 2)
  end, ds, opts)
  if not ok then
    if type(doc) == "table" and doc.report_failure then
      complain(doc.message, "\n")
      return 2
    end
    complain(tostring(doc), "\n")
    return 1
  end
  if not is_doc(doc) then
    complain(string.format(T("%s 的 build 没有返回报表（report.new 的结果）",
      "build in %s did not return a report (made by report.new)"), path), "\n")
    return 1
  end
  -- Who issues the report and when: --param author=… --param date=….
  local params = opts.params or {}
  if params.author then doc.meta.author = params.author end
  if params.date then doc.meta.date = params.date end
  if not opts.output then
    -- Standard output is for programs and pipes: no BOM, as with every
    -- other command (a file for Excel gets one).
    io.write(doc:render(opts.format or "text", {bom = false}))
    return 0
  end
  local ok2, written = pcall(doc.write, doc, opts.output, {format = opts.format, bom = opts.bom})
  if not ok2 then
    complain(tostring(written), "\n")
    -- An output that cannot be written is a usage or environment problem
    -- (exit 2); any other failure is the report's own (1).
    return type(written) == "table" and written.write_failure and 2 or 1
  end
  local summary = doc:summary_table()
  if summary and not opts.quiet then
    io.write(doc.meta.title, "\n")
    if doc.meta.subtitle then io.write(doc.meta.subtitle, "\n") end
    if summary.title then io.write(summary.title, "\n") end
    local skip = {}
    for _, c in ipairs(summary.columns) do if c.brief == false then skip[c.key] = true end end
    for _, line in ipairs(require("report.text").table_lines(summary, skip)) do io.write(line, "\n") end
  end
  for _, p in ipairs(written) do
    io.write(T("已写入：", "written: "), (p:gsub("^%./", "")), "\n")
  end
  return 0
end

return M
