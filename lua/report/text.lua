-- report.text: the document for a terminal — tables aligned by display
-- width (a Chinese character takes two columns), statuses as words, charts
-- named with a pointer to the HTML version.

local fmt = require "report.fmt"
local T = fmt.T

local M = {}

-- The lines of one table block, aligned; columns in `skip` are left out.
function M.table_lines(b, skip)
  local cols = {}
  for _, c in ipairs(fmt.shown_columns({columns = b.columns, rows = b.rows})) do
    if not (skip and skip[c.key]) then cols[#cols + 1] = c end
  end
  local grid = {{}}
  for i, c in ipairs(cols) do grid[1][i] = fmt.header(c) end
  for _, row in ipairs(b.rows) do
    local line = {}
    for i, c in ipairs(cols) do line[i] = (fmt.cell_text(c, row, "—"):gsub("[\r\n]", " ")) end
    grid[#grid + 1] = line
  end
  local widths = {}
  for i in ipairs(cols) do
    local w = 0
    for _, line in ipairs(grid) do w = math.max(w, zb.width(line[i])) end
    widths[i] = w
  end
  local out = {}
  local total = 0
  for _, w in ipairs(widths) do total = total + w end
  total = total + 2 * (#widths - 1)
  for r, line in ipairs(grid) do
    local cells = {}
    for i, c in ipairs(cols) do
      local right = r > 1 and (c.type == "number" or c.type == "integer")
      cells[i] = zb.pad(line[i], widths[i], right and "right" or "left")
    end
    out[#out + 1] = (table.concat(cells, "  "):gsub("%s+$", ""))
    if r == 1 then out[#out + 1] = string.rep("-", total) end
  end
  return out
end

function M.render(doc)
  local layout = doc:layout()
  local out = {doc.meta.title}
  if doc.meta.subtitle then out[#out + 1] = doc.meta.subtitle end
  -- Who issues it and when (--param author=, date=), as the HTML shows them.
  local by = {}
  if doc.meta.author then by[#by + 1] = tostring(doc.meta.author) end
  if doc.meta.date then by[#by + 1] = tostring(doc.meta.date) end
  if #by > 0 then out[#out + 1] = table.concat(by, " · ") end
  out[#out + 1] = ""
  for _, b in ipairs(doc.blocks) do
    if b.type == "heading" then
      out[#out + 1] = b.text
    elseif b.type == "paragraph" or b.type == "note" then
      out[#out + 1] = b.text
      out[#out + 1] = ""
    elseif b.type == "figures" then
      local parts = {}
      for _, it in ipairs(b.items) do
        local v = it.value
        if type(v) == "number" then v = fmt.number(v, it.decimals or 0, "—") end
        parts[#parts + 1] = it.label .. " " .. tostring(v or "—") .. (it.unit or "")
      end
      out[#out + 1] = table.concat(parts, "　")
      out[#out + 1] = ""
    elseif b.type == "table" then
      if b.title then out[#out + 1] = b.title end
      for _, l in ipairs(M.table_lines(b)) do out[#out + 1] = l end
      out[#out + 1] = ""
    elseif b.type == "chart" then
      out[#out + 1] = T("［图 ", "[Figure ") .. layout.figure[b] .. (b.title and ("　" .. b.title) or "")
        .. T("：见 HTML 版］", ": see the HTML version]")
      out[#out + 1] = ""
    end
  end
  for k, text in ipairs(layout.footnotes) do out[#out + 1] = string.format("[%d] %s", k, text) end
  return (table.concat(out, "\n"):gsub("\n+$", "")) .. "\n"
end

function M.write(doc, name)
  local report = require "report"
  return {report.write_file(name, M.render(doc))}
end

return M
