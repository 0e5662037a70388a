-- report.xlsx: the document as an Excel workbook (zb.xlsx.write, in C).
--
-- One sheet per table, in document order, named after the table (made valid
-- for Excel in C); numbers stored as numbers with their indicator's
-- decimals as the number format; statuses as words on a tinted cell; the
-- footnotes a table refers to listed under it.  A last sheet, 说明, holds
-- the title, the key figures and the text, so that the workbook can be read
-- on its own.

local fmt = require "report.fmt"
local T = fmt.T

local M = {}

local function styles()
  local s = {}
  for name, tone in pairs(fmt.tones) do
    s["st_" .. name] = {bg = tone.bg, color = tone.fg, bold = true, align = "center"}
  end
  s.title = {bold = true, size = 14}
  s.heading = {bold = true}
  s.text = {wrap = true}
  return s
end

local function cell_of(col, row)
  local cell = row[col.key]
  local v = fmt.cell_value(cell)
  if col.type == "status" then
    if v == nil or v == "" then return nil end
    return {t = fmt.status_word(v), s = "st_" .. fmt.status(v).tone}
  end
  if (col.type == "number" or col.type == "integer") and fmt.isnum(v) then
    -- An explicit Excel number format keeps a unit or sign the text shows
    -- (11.47 shown "11.47%", 1.4 shown "+1.40点") while the cell stays a number.
    local numfmt = type(cell) == "table" and cell.numfmt or col.numfmt
    local d = type(cell) == "table" and math.tointeger(cell.decimals) or fmt.decimals_for(col, row)
    return {v = v, d = d, f = numfmt}
  end
  -- A text column's cell that is a number as written (a target "509", see
  -- report.ds.figure_cell) is a number in Excel: no "number stored as text".
  if type(cell) == "table" and fmt.isnum(v) and cell.decimals then
    return {v = v, d = math.tointeger(cell.decimals) or 0, f = cell.numfmt}
  end
  local text = fmt.cell_text(col, row, "")
  if text == "" then return nil end
  return text
end

-- The footnotes a table refers to (its own and its cells'), as lines.
local function table_notes(b, layout)
  local seen, list = {}, {}
  local function add(obj)
    for _, n in ipairs(layout.marks[obj] or {}) do
      if not seen[n] then seen[n] = true; list[#list + 1] = n end
    end
  end
  add(b)
  for _, row in ipairs(b.rows) do
    for _, col in ipairs(b.columns) do
      local cell = row[col.key]
      if type(cell) == "table" then add(cell) end
    end
  end
  table.sort(list)
  local lines = {}
  for _, n in ipairs(list) do lines[#lines + 1] = string.format("[%d] %s", n, layout.footnotes[n]) end
  return lines
end

local function table_sheet(b, layout)
  local header, rows = {}, {}
  for i, c in ipairs(b.columns) do header[i] = fmt.header(c) end
  for r, row in ipairs(b.rows) do
    local cells = {}
    for i, c in ipairs(b.columns) do cells[i] = cell_of(c, row) end
    rows[r] = cells
  end
  local notes = {}
  if b.title then notes[#notes + 1] = b.title end
  for _, l in ipairs(table_notes(b, layout)) do notes[#notes + 1] = l end
  return {
    name = b.sheet or b.title or b.name, header = header, rows = rows, notes = notes,
    freeze_cols = b.freeze_cols, landscape = #b.columns > 8,
  }
end

local function text_sheet(doc, layout)
  local rows = {}
  local function add(a, b, style)
    rows[#rows + 1] = {a and {t = a, s = style or "heading"} or nil, b and {t = b, s = "text"} or nil}
  end
  add(T("标题", "Title"), doc.meta.title)
  if doc.meta.subtitle then add(T("副标题", "Subtitle"), doc.meta.subtitle) end
  if doc.meta.author then add(T("编制单位", "Issued by"), tostring(doc.meta.author)) end
  if doc.meta.date then add(T("日期", "Date"), tostring(doc.meta.date)) end
  for _, b in ipairs(doc.blocks) do
    if b.type == "heading" then
      add(b.text, nil)
    elseif b.type == "paragraph" or b.type == "note" then
      local marks = {}
      for _, n in ipairs(layout.marks[b] or {}) do marks[#marks + 1] = "[" .. n .. "]" end
      add(nil, b.text .. table.concat(marks))
    elseif b.type == "figures" then
      for _, it in ipairs(b.items) do
        local v = it.value
        if type(v) == "number" then v = fmt.number(v, it.decimals or 0, "—") end
        local text = tostring(v or "—") .. (it.unit or "")
        local word = fmt.figure_word(it)
        if word then text = text .. T("（", " (") .. word .. T("）", ")") end
        add(tostring(it.label), text, "cell")
      end
    elseif b.type == "table" then
      add(nil, T("表：", "Table: ") .. tostring(b.title or b.name) .. T("（见工作表）", " (see its sheet)"))
    elseif b.type == "chart" then
      add(nil, T("图 ", "Figure ") .. layout.figure[b] .. (b.title and ("　" .. b.title) or "")
        .. T("（图形见 HTML 版）", " (see the HTML version)"))
    end
  end
  for n, text in ipairs(layout.footnotes) do add("[" .. n .. "]", text, "cell") end
  return {name = T("说明", "Notes"), header = {T("项目", "Item"), T("内容", "Text")}, rows = rows,
          filter = false, notes = {}, max_width = 100}
end

function M.book(doc)
  local layout = doc:layout()
  local sheets = {}
  for _, b in ipairs(doc.blocks) do
    if b.type == "table" then sheets[#sheets + 1] = table_sheet(b, layout) end
  end
  sheets[#sheets + 1] = text_sheet(doc, layout)
  return {
    properties = {title = doc.meta.title, subject = doc.meta.subtitle, author = doc.meta.author,
                  comments = "zhibiao " .. tostring(zb.version)},
    styles = styles(),
    sheets = sheets,
  }
end

function M.render()
  error("an xlsx workbook has no text form; use doc:write", 2)
end

function M.write(doc, name)
  local path, err = zb.xlsx.write(name, M.book(doc))
  if not path then require("report").write_failed(err) end
  return {path}
end

return M
