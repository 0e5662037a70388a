-- report.csv: the document's tables as CSV for Excel/WPS.
--
-- UTF-8 with a BOM by default (without it Excel on Chinese Windows reads the
-- file as GBK and shows mojibake); {bom = false} drops it.  Numbers are
-- written with their indicator's decimals and no thousands separators, so
-- that Excel reads them as numbers; statuses as words.  The primary table
-- goes to the file named; every other table to NAME-<table name>.csv.
-- Lines end in CRLF, as RFC 4180 and Excel expect.

local fmt = require "report.fmt"

local M = {}

M.BOM = "\239\187\191"

local function field(s)
  s = tostring(s)
  if s:find('[",\r\n]') or s:match("^%s") or s:match("%s$") then
    return '"' .. s:gsub('"', '""') .. '"'
  end
  return s
end

-- The CSV text of one table block (without a BOM).
function M.table_text(b)
  local lines = {}
  local head = {}
  for i, c in ipairs(b.columns) do head[i] = field(fmt.header(c)) end
  lines[1] = table.concat(head, ",")
  for _, row in ipairs(b.rows) do
    local cells = {}
    for i, c in ipairs(b.columns) do cells[i] = field(fmt.cell_text(c, row, "")) end
    lines[#lines + 1] = table.concat(cells, ",")
  end
  return table.concat(lines, "\r\n") .. "\r\n"
end

-- The primary table as CSV text, with the BOM unless opts.bom == false.
function M.render(doc, opts)
  local t = doc:primary_table()
  if not t then error(fmt.T("报表中没有表格，无法输出 CSV", "the report has no table to write as CSV"), 0) end
  return ((opts and opts.bom == false) and "" or M.BOM) .. M.table_text(t)
end

function M.write(doc, name, opts)
  local report = require "report"
  local primary = doc:primary_table()
  if not primary then error(fmt.T("报表中没有表格，无法输出 CSV", "the report has no table to write as CSV"), 0) end
  local bom = (opts and opts.bom == false) and "" or M.BOM
  local written = {report.write_file(name, bom .. M.table_text(primary))}
  local stem = report.split_ext(name)
  local used = {}
  for _, t in ipairs(doc:tables()) do
    if t ~= primary then
      local id = tostring(t.name):gsub("[^%w_%-]", "_")
      local k, file = 1, string.format("%s-%s.csv", stem, id)
      while used[file] do k = k + 1; file = string.format("%s-%s-%d.csv", stem, id, k) end
      used[file] = true
      written[#written + 1] = report.write_file(file, bom .. M.table_text(t))
    end
  end
  return written
end

return M
