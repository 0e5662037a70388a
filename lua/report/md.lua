-- report.md: Markdown (GitHub flavour: pipe tables, [^n] footnotes).
--
-- Tables keep every indicator's decimals and the status as a word.  Charts
-- become SVG files beside the Markdown file (NAME-fig1.svg ...) linked as
-- images when the document is written to a file, and a caption when it is
-- rendered as text.

local fmt = require "report.fmt"
local svg = require "report.svg"
local T = fmt.T

local M = {}

-- A table cell: no line breaks, pipes escaped.
local function cell(s)
  return (tostring(s):gsub("\r?\n", " "):gsub("|", "\\|"))
end

-- Text outside tables: characters that would start Markdown syntax at the
-- beginning of a line are escaped.
local function para(s)
  s = tostring(s):gsub("\r?\n", " ")
  s = s:gsub("^([#>%-%+%*])", "\\%1"):gsub("^(%d+)%.", "%1\\.")
  return s
end

local function marks(layout, obj)
  local m = layout.marks[obj]
  if not m then return "" end
  local parts = {}
  for _, k in ipairs(m) do parts[#parts + 1] = "[^" .. k .. "]" end
  return table.concat(parts)
end

local function table_md(out, b, layout)
  if b.title then out[#out + 1] = "**" .. cell(b.title) .. "**" .. marks(layout, b) .. "\n" end
  local shown = fmt.shown_columns(b)
  local head, rule = {}, {}
  for i, c in ipairs(shown) do
    head[i] = cell(fmt.header(c))
    rule[i] = (c.type == "number") and "---:" or (c.type == "integer" or c.type == "status") and ":---:" or "---"
  end
  out[#out + 1] = "| " .. table.concat(head, " | ") .. " |"
  out[#out + 1] = "|" .. table.concat(rule, "|") .. "|"
  local last_group
  for _, row in ipairs(b.rows) do
    if b.group then
      local g = fmt.cell_text({key = b.group}, row)
      if g ~= "" and g ~= last_group then
        local cells = {"**" .. cell(g) .. "**"}
        for i = 2, #shown do cells[i] = "" end
        out[#out + 1] = "| " .. table.concat(cells, " | ") .. " |"
      end
      last_group = g ~= "" and g or last_group
    end
    local cells = {}
    for i, c in ipairs(shown) do
      local v = row[c.key]
      cells[i] = cell(fmt.cell_text(c, row, c.type == "status" and "" or "—"))
        .. (type(v) == "table" and marks(layout, v) or "")
    end
    out[#out + 1] = "| " .. table.concat(cells, " | ") .. " |"
  end
  out[#out + 1] = ""
end

-- opts.figure_files: chart block -> file name of its SVG (set by write).
function M.render(doc, opts)
  opts = opts or {}
  local layout = doc:layout()
  local meta = doc.meta
  local out = {}
  out[#out + 1] = "# " .. para(meta.title) .. "\n"
  local sub = {}
  if meta.subtitle then sub[#sub + 1] = para(meta.subtitle) end
  if meta.author then sub[#sub + 1] = para(meta.author) end
  if meta.date then sub[#sub + 1] = para(meta.date) end
  if #sub > 0 then out[#out + 1] = table.concat(sub, " · ") .. "\n" end
  for _, b in ipairs(doc.blocks) do
    if b.type == "heading" then
      out[#out + 1] = string.rep("#", b.level + 1) .. " " .. para(b.text) .. "\n"
    elseif b.type == "paragraph" then
      out[#out + 1] = para(b.text) .. marks(layout, b) .. "\n"
    elseif b.type == "note" then
      out[#out + 1] = "*" .. para(b.text) .. "*\n"
    elseif b.type == "figures" then
      if b.title then out[#out + 1] = "**" .. para(b.title) .. "**\n" end
      for _, it in ipairs(b.items) do
        local v = it.value
        if type(v) == "number" then v = fmt.number(v, it.decimals or 0, "—") end
        local line = "- " .. para(it.label) .. "：" .. tostring(v or "—") .. (it.unit or "")
        local word = fmt.figure_word(it)
        if word then line = line .. T("（", " (") .. word .. T("）", ")") end
        out[#out + 1] = line .. marks(layout, it)
      end
      out[#out + 1] = ""
    elseif b.type == "table" then
      table_md(out, b, layout)
    elseif b.type == "chart" then
      local caption = T("图 ", "Figure ") .. layout.figure[b] .. (b.title and ("　" .. b.title) or "")
      local file = opts.figure_files and opts.figure_files[b]
      if file then
        out[#out + 1] = "![" .. cell(caption) .. "](" .. file .. ")" .. marks(layout, b) .. "\n"
      else
        out[#out + 1] = "*" .. para(caption) .. T("（图形见 HTML 版）", " (see the HTML version)") .. "*" .. marks(layout, b) .. "\n"
      end
    end
  end
  if #layout.footnotes > 0 then
    for k, text in ipairs(layout.footnotes) do
      out[#out + 1] = "[^" .. k .. "]: " .. para(text)
    end
    out[#out + 1] = ""
  end
  return (table.concat(out, "\n"):gsub("\n+$", "\n"))
end

function M.write(doc, name, opts)
  local report = require "report"
  opts = opts or {}
  local written = {}
  local files = {}
  if opts.figures ~= false then
    local stem = report.split_ext(name)
    local base = stem:match("([^/]+)$")
    local k = 0
    for _, b in ipairs(doc.blocks) do
      if b.type == "chart" then
        k = k + 1
        local file = string.format("%s-fig%d.svg", stem, k)
        written[#written + 1] = report.write_file(file, '<?xml version="1.0" encoding="UTF-8"?>\n' .. svg.render(b) .. "\n")
        files[b] = string.format("%s-fig%d.svg", base, k)
      end
    end
  end
  local o = {}
  for k, v in pairs(opts) do o[k] = v end
  o.figure_files = files
  table.insert(written, 1, report.write_file(name, M.render(doc, o)))
  return written
end

return M
