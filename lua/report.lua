-- report: a document builder for the reports a bureau hands upward.
--
--   local report = require "report"
--   local doc = report.new{title = "七星关区规划实施监测报告", subtitle = "监测年份 2020"}
--   doc:heading("一、总体情况")
--   doc:paragraph("……", {source = "001_02574697a35bb97b.txt:756-1289"})
--   doc:figures{{label = "已实现", value = 14, unit = "项", status = "achieved"}}
--   doc:table{name = "progress", title = "主要指标", columns = {...}, rows = {...}}
--   doc:chart{kind = "progress", title = "任务进度与时间进度", items = {...}}
--   doc:write("out/report.html")        -- or .md .csv .xlsx .json
--
-- The document is data: a list of blocks (heading, paragraph, figures,
-- table, chart, note).  Writers (report.md, report.html, report.csv,
-- report.xlsx, report.json, report.text) render the same blocks; notes and
-- sources attached to blocks and cells become numbered footnotes in
-- document order when a writer lays the document out.  Files are written
-- through zb.write / zb.xlsx.write only, inside the run's output directory.

local fmt = require "report.fmt"

local M = {}
M.fmt = fmt
M.T = fmt.T

local Doc = {}
Doc.__index = Doc
M.Doc = Doc

local function argerror(n, fname, msg)
  error(string.format("bad argument #%d to '%s' (%s)", n, fname, msg), 3)
end

local function check_string(v, n, fname, what)
  if type(v) ~= "string" and type(v) ~= "number" then
    argerror(n, fname, (what or "string") .. " expected, got " .. (v == nil and "no value" or type(v)))
  end
  return tostring(v)
end

-- report.new{title=, subtitle=, region=, author=, date=, lang=} -> document
function M.new(meta)
  if type(meta) ~= "table" then argerror(1, "new", "table expected, got " .. type(meta)) end
  check_string(meta.title, 1, "new", "title")
  local doc = {meta = {}, blocks = {}}
  for k, v in pairs(meta) do doc.meta[k] = v end
  return setmetatable(doc, Doc)
end

-- Adds a status for this and every later document: report.status("late", {zh=, en=, tone=}).
function M.status(key, def)
  check_string(key, 1, "status", "status key")
  if type(def) ~= "table" or not def.zh then argerror(2, "status", "{zh=, en=, tone=} expected") end
  if def.tone and not fmt.tones[def.tone] then argerror(2, "status", "unknown tone '" .. tostring(def.tone) .. "'") end
  fmt.statuses[key] = {zh = def.zh, en = def.en or def.zh, tone = def.tone or "neutral"}
end

-- report.fail(message): the report cannot be made from what it was given
-- (no such region, no data for the year).  `zhibiao report` prints the
-- message and exits with status 2, where a script error exits with 1.
function M.fail(message, ...)
  if select("#", ...) > 0 then message = string.format(message, ...) end
  error({report_failure = true, message = tostring(message)}, 2)
end

local function notes_of(opts)
  local list = {}
  if type(opts) == "table" then
    if opts.note then list[#list + 1] = tostring(opts.note) end
    if opts.source then list[#list + 1] = fmt.T("资料来源：", "Source: ") .. tostring(opts.source) end
  end
  return list
end

local function add(doc, block)
  doc.blocks[#doc.blocks + 1] = block
  return block
end

-- doc:heading(text [, level]) — level 1 (a section, the default) to 3.
function Doc:heading(text, level)
  check_string(text, 1, "heading")
  level = math.tointeger(level) or 1
  if level < 1 or level > 3 then argerror(2, "heading", "level 1 to 3 expected") end
  return add(self, {type = "heading", text = tostring(text), level = level})
end

-- doc:paragraph(text [, {note=, source=}])
function Doc:paragraph(text, opts)
  check_string(text, 1, "paragraph")
  return add(self, {type = "paragraph", text = tostring(text), notes = notes_of(opts)})
end

-- doc:note(text): small print under what precedes it (method notes, caveats).
function Doc:note(text)
  check_string(text, 1, "note")
  return add(self, {type = "note", text = tostring(text)})
end

-- doc:figures{ {label=, value=, unit=, decimals=, status=, note=, source=}, ... }
-- Key figures, shown as a row of boxes in HTML and a list elsewhere.
function Doc:figures(items, opts)
  if type(items) ~= "table" then argerror(1, "figures", "table expected, got " .. type(items)) end
  local list = {}
  for i, it in ipairs(items) do
    if type(it) ~= "table" or it.label == nil then argerror(1, "figures", "item " .. i .. " needs a label") end
    local e = {}
    for k, v in pairs(it) do e[k] = v end
    e.notes = notes_of(it)
    list[i] = e
  end
  return add(self, {type = "figures", items = list, title = opts and opts.title})
end

local column_types = {text = true, number = true, integer = true, status = true}

-- doc:table{name=, title=, columns={...}, rows={...}, group=, note=, source=,
--           primary=, summary=}
-- A column: {key=, label=, type="text"|"number"|"integer"|"status",
--            unit=, decimals= number | "row field", numfmt=, align=, brief= }.
-- A cell: a value, or {value=, text=, note=, source=, numfmt=}: text is
-- what people read (11.47%), value what Excel computes with, numfmt the
-- Excel number format that shows it the same way ('0.00"%"').
-- brief = false leaves a column out of the summary printed on a terminal.  `group` names a
-- column whose changes start a group (类别): a header row in HTML and
-- Markdown, an ordinary column in CSV and Excel.
function Doc:table(spec)
  if type(spec) ~= "table" then argerror(1, "table", "table expected, got " .. type(spec)) end
  if type(spec.columns) ~= "table" or #spec.columns == 0 then argerror(1, "table", "columns expected") end
  if type(spec.rows) ~= "table" then argerror(1, "table", "rows expected") end
  local cols = {}
  for i, c in ipairs(spec.columns) do
    if type(c) ~= "table" or type(c.key) ~= "string" then argerror(1, "table", "column " .. i .. " needs a key") end
    local col = {}
    for k, v in pairs(c) do col[k] = v end
    col.label = col.label and tostring(col.label) or col.key
    col.type = col.type or "text"
    if not column_types[col.type] then
      argerror(1, "table", "column " .. i .. " has unknown type '" .. tostring(col.type) .. "'")
    end
    cols[i] = col
  end
  local ntables = 0
  for _, b in ipairs(self.blocks) do if b.type == "table" then ntables = ntables + 1 end end
  local t = {
    type = "table", name = spec.name or ("table" .. (ntables + 1)), title = spec.title,
    columns = cols, rows = spec.rows, group = spec.group, notes = notes_of(spec),
    primary = spec.primary, summary = spec.summary, sheet = spec.sheet, freeze_cols = spec.freeze_cols,
  }
  if spec.group then
    local found = false
    for _, c in ipairs(cols) do found = found or c.key == spec.group end
    if not found then argerror(1, "table", "group column '" .. tostring(spec.group) .. "' is not a column") end
  end
  return add(self, t)
end

local chart_kinds = {progress = true, path = true, bars = true}

-- doc:chart{kind="progress"|"path"|"bars", title=, ...}; see report.svg.
function Doc:chart(spec)
  if type(spec) ~= "table" then argerror(1, "chart", "table expected, got " .. type(spec)) end
  if not chart_kinds[spec.kind] then argerror(1, "chart", "kind 'progress', 'path' or 'bars' expected") end
  local c = {}
  for k, v in pairs(spec) do c[k] = v end
  c.type = "chart"
  c.notes = notes_of(spec)
  return add(self, c)
end

-- The blocks of one type, in order.
function Doc:tables()
  local list = {}
  for _, b in ipairs(self.blocks) do if b.type == "table" then list[#list + 1] = b end end
  return list
end

-- The table CSV writes to the named file: the one marked primary, else the first.
function Doc:primary_table()
  local first
  for _, b in ipairs(self.blocks) do
    if b.type == "table" then
      if b.primary then return b end
      first = first or b
    end
  end
  return first
end

function Doc:summary_table()
  for _, b in ipairs(self.blocks) do
    if b.type == "table" and b.summary then return b end
  end
  return self:primary_table()
end

-- Numbers the footnotes in document order (identical texts share a number)
-- and the charts (图 1, 图 2 …).  Returns {footnotes = {text...},
-- marks = {[object] = {n...}}, figure = {[chart] = n}}.
function Doc:layout()
  local out = {footnotes = {}, marks = {}, figure = {}}
  local index = {}
  local function mark(obj, texts)
    for _, text in ipairs(texts) do
      local n = index[text]
      if not n then
        out.footnotes[#out.footnotes + 1] = text
        n = #out.footnotes
        index[text] = n
      end
      local m = out.marks[obj] or {}
      m[#m + 1] = n
      out.marks[obj] = m
    end
  end
  local nfig = 0
  for _, b in ipairs(self.blocks) do
    if b.type == "paragraph" or b.type == "table" or b.type == "chart" then mark(b, b.notes) end
    if b.type == "figures" then
      for _, it in ipairs(b.items) do mark(it, it.notes) end
    elseif b.type == "table" then
      for _, row in ipairs(b.rows) do
        for _, col in ipairs(b.columns) do
          local cell = row[col.key]
          if type(cell) == "table" then mark(cell, notes_of(cell)) end
        end
      end
    elseif b.type == "chart" then
      nfig = nfig + 1
      out.figure[b] = nfig
    end
  end
  return out
end

local writers = {
  md = "report.md", markdown = "report.md", html = "report.html", htm = "report.html",
  csv = "report.csv", xlsx = "report.xlsx", json = "report.json", text = "report.text", txt = "report.text",
}
M.formats = {"html", "md", "xlsx", "csv", "json", "text"}

-- The format a file name implies ("out/a.xlsx" -> "xlsx"), or nil.
function M.format_of(name)
  local ext = tostring(name):match("%.([%w]+)$")
  ext = ext and ext:lower()
  if ext and writers[ext] then
    if ext == "markdown" then return "md" elseif ext == "htm" then return "html" elseif ext == "txt" then return "text" end
    return ext
  end
  return nil
end

local function writer(format)
  local mod = writers[format]
  if not mod then
    error(string.format("unknown report format '%s' (expected html, md, xlsx, csv, json or text)", tostring(format)), 3)
  end
  return require(mod)
end

-- doc:render(format [, opts]) -> text (xlsx has no text form)
function Doc:render(format, opts)
  if format == "xlsx" then error("an xlsx workbook has no text form; use doc:write", 2) end
  return writer(format).render(self, opts or {})
end

-- doc:write(name [, {format=, bom=, figures=}]) -> list of paths written
-- name is relative to the run's output directory.
function Doc:write(name, opts)
  check_string(name, 1, "write", "file name")
  opts = opts or {}
  local format = opts.format or M.format_of(name)
  if not format then
    argerror(1, "write", "cannot tell the format from '" .. tostring(name) .. "'; give {format=}")
  end
  return writer(format).write(self, tostring(name), opts)
end

-- What a writer raises when its file cannot be written (no permission, a
-- full disk): a table, so that `zhibiao report` tells it from a fault in
-- the report (exit 2, as for any output that cannot be written, not 1);
-- tostring gives the message.
local WriteFailure = {__tostring = function(e) return e.message end}
function M.write_failed(message)
  error(setmetatable({message = message, write_failure = true}, WriteFailure), 0)
end

-- Writes text through zb.write and raises on failure (a report that cannot
-- be written has failed).
function M.write_file(name, text)
  local path, err = zb.write(name, text)
  if not path then M.write_failed(err) end
  return path
end

-- "dir/name.ext" -> "dir/name", "ext"
function M.split_ext(name)
  local stem, ext = name:match("^(.*)%.([^./]+)$")
  if stem then return stem, ext end
  return name, nil
end

return M
