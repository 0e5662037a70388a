-- report.html: one self-contained HTML file (inline CSS and SVG, no fonts,
-- scripts or images fetched from anywhere) that prints on A4.
--
-- Chinese fonts are named in order of what a bureau's machine has: Noto /
-- Source Han on Linux, Microsoft YaHei and SimSun on Windows, PingFang on a
-- Mac.  Status cells carry the word and a tinted background with a border,
-- and `print-color-adjust: exact` keeps the tint on paper.

local fmt = require "report.fmt"
local svg = require "report.svg"
local T = fmt.T

local M = {}

local function esc(s)
  return (tostring(s):gsub("[&<>\"]", {["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;"}))
end

M.CSS = [[
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #f4f5f7; color: #1f2328;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimSun", sans-serif;
  font-size: 10.5pt; line-height: 1.65; }
main { max-width: 210mm; margin: 0 auto; padding: 14mm 14mm 16mm; background: #ffffff; }
header.doc { border-bottom: 2px solid #1f2328; margin-bottom: 1.2em; padding-bottom: .5em; }
h1 { font-size: 19pt; line-height: 1.35; margin: 0 0 .2em; font-weight: 700; text-align: center; }
.subtitle { text-align: center; font-size: 12pt; margin: 0; }
.meta { text-align: center; color: #57606a; font-size: 9pt; margin: .3em 0 0; }
h2 { font-size: 13.5pt; margin: 1.3em 0 .5em; padding-left: .4em; border-left: 4px solid #1f5fa8; }
h3 { font-size: 11.5pt; margin: 1.1em 0 .4em; }
h4 { font-size: 10.5pt; margin: 1em 0 .3em; }
p { margin: .45em 0; text-align: justify; text-indent: 2em; }
p.note { text-indent: 0; color: #57606a; font-size: 9pt; }
sup.fn { font-size: 7.5pt; line-height: 0; color: #1f5fa8; margin-left: 1px; }
sup.fn a { text-decoration: none; }
.figures { display: flex; flex-wrap: wrap; gap: 8px; margin: .8em 0; }
.figure { flex: 1 1 0; min-width: 84px; border: 1px solid #d0d7de; border-top: 4px solid #1f5fa8; padding: 6px 10px;
  break-inside: avoid; }
.figure .label { font-size: 9pt; color: #57606a; }
.figure .value { font-size: 17pt; font-weight: 700; line-height: 1.2; font-variant-numeric: tabular-nums; }
.figure .unit { font-size: 9pt; margin-left: 2px; }
.figure .word { font-size: 9pt; font-weight: 700; }
.tbl { margin: .8em 0 1em; }
.tbl-title { font-weight: 700; text-align: center; margin-bottom: .3em; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; line-height: 1.4; }
table.wide { font-size: 8pt; }
table.wide th, table.wide td { padding: 2px 3px; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #8c959f; padding: 3px 5px; vertical-align: middle; }
th { background: #eaeef2; font-weight: 700; text-align: center; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.int { text-align: center; font-variant-numeric: tabular-nums; }
td.txt { text-align: left; }
.nw { white-space: nowrap; }
tr.group td { background: #f6f8fa; font-weight: 700; }
td.st { text-align: center; white-space: nowrap; font-weight: 700; border-left-width: 1px; }
.chart { margin: 1em 0; break-inside: avoid; page-break-inside: avoid; }
.chart svg { width: 100%; height: auto; display: block; }
.chart figcaption { text-align: center; font-size: 9.5pt; margin-top: .3em; }
.tone-good { color: #0f5c2e; background: #d3f0dc; }
.tone-ok { color: #14532d; background: #e9f7ee; }
.tone-warn { color: #7a4b00; background: #fff1c7; }
.tone-bad { color: #8f1d14; background: #fde2df; }
.tone-worse { color: #ffffff; background: #a4161a; }
.tone-neutral { color: #3d4450; background: #eceff3; }
.tone-info { color: #0b4a8b; background: #dcebfb; }
.figure.tone-good, .figure.tone-ok, .figure.tone-warn, .figure.tone-bad, .figure.tone-worse, .figure.tone-neutral { background: #ffffff; }
.figure.tone-good { border-top-color: #2f9e57; } .figure.tone-ok { border-top-color: #7cc596; }
.figure.tone-warn { border-top-color: #d4a017; } .figure.tone-bad { border-top-color: #d9534f; }
.figure.tone-worse { border-top-color: #a4161a; } .figure.tone-neutral { border-top-color: #aab2bd; }
section.footnotes { margin-top: 1.6em; border-top: 1px solid #8c959f; font-size: 8.5pt; color: #3d4450; }
section.footnotes ol { padding-left: 2em; margin: .4em 0; }
section.footnotes li { word-break: break-all; }
footer { margin-top: 1.2em; font-size: 8pt; color: #8c959f; text-align: right; }
@media print {
  body { background: #ffffff; }
  main { max-width: none; margin: 0; padding: 0; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
}
]]

local function marks_html(layout, obj)
  local m = layout.marks[obj]
  if not m then return "" end
  local parts = {}
  for _, k in ipairs(m) do parts[#parts + 1] = string.format('<a href="#fn%d">%d</a>', k, k) end
  return '<sup class="fn">' .. table.concat(parts, ",") .. "</sup>"
end

local function figures_html(out, b, layout)
  if b.title then out[#out + 1] = '<div class="tbl-title">' .. esc(b.title) .. "</div>" end
  out[#out + 1] = '<div class="figures">'
  for _, it in ipairs(b.items) do
    local tone = it.status and fmt.status(it.status).tone
    -- The status word under the figure, unless the label already says it.
    local word = fmt.figure_word(it)
    local value = it.value
    if type(value) == "number" then value = fmt.number(value, it.decimals or 0, "—") end
    out[#out + 1] = string.format('<div class="figure%s"><div class="label">%s%s</div>'
      .. '<div class="value">%s<span class="unit">%s</span></div>%s</div>',
      tone and (" tone-" .. tone) or "", esc(it.label), marks_html(layout, it), esc(value or "—"), esc(it.unit or ""),
      word and ('<div class="word tone-' .. tone .. '" style="background:none">' .. esc(word) .. "</div>") or "")
  end
  out[#out + 1] = "</div>"
end

local function table_html(out, b, layout)
  out[#out + 1] = '<div class="tbl">'
  if b.title then out[#out + 1] = '<div class="tbl-title">' .. esc(b.title) .. marks_html(layout, b) .. "</div>" end
  local shown = fmt.shown_columns(b)
  -- Many columns: a smaller type so that the table stays on the page.
  out[#out + 1] = #shown > 9 and '<table class="wide">' or "<table>"
  -- Short columns (units, attributes, statuses, 序号) never wrap: "预期性"
  -- broken over two lines reads badly.  Longer text wraps as it must.
  -- Long text (indicator names) may wrap, but not to a sliver: its column
  -- keeps room for about half its longest text, up to 10 characters.
  local nowrap, minw = {}, {}
  for _, c in ipairs(shown) do
    local w = 0
    for _, row in ipairs(b.rows) do w = math.max(w, zb.width(fmt.cell_text(c, row, "—"))) end
    nowrap[c] = w <= 12
    if not nowrap[c] and c.type == "text" then minw[c] = math.min(10, math.ceil(w / 4)) end
  end
  local head = {}
  for _, c in ipairs(shown) do
    local short = zb.width(fmt.header(c)) <= 8
    local style = minw[c] and string.format(' style="min-width:%dem"', minw[c]) or ""
    -- The unit on a line of its own rather than broken anywhere.
    local label = c.unit and c.unit ~= "" and (esc(c.label) .. "<br>" .. esc(fmt.T("（" .. c.unit .. "）", "(" .. c.unit .. ")")))
      or esc(fmt.header(c))
    -- A short label stays on one line (the unit goes below it); a long one wraps.
    local nw = zb.width(c.label) <= 8 or (short and not c.unit)
    head[#head + 1] = (nw and '<th class="nw"' or "<th") .. style .. ">" .. label .. "</th>"
  end
  out[#out + 1] = "<thead><tr>" .. table.concat(head) .. "</tr></thead>"
  out[#out + 1] = "<tbody>"
  local last_group
  for _, row in ipairs(b.rows) do
    if b.group then
      local g = fmt.cell_text({key = b.group}, row)
      if g ~= "" and g ~= last_group then
        out[#out + 1] = string.format('<tr class="group"><td colspan="%d">%s</td></tr>', #shown, esc(g))
      end
      last_group = g ~= "" and g or last_group
    end
    local cells = {}
    for _, c in ipairs(shown) do
      local cell = row[c.key]
      local txt = fmt.cell_text(c, row, c.type == "status" and "" or "—")
      local mk = type(cell) == "table" and marks_html(layout, cell) or ""
      if c.type == "status" then
        local key = fmt.cell_value(cell)
        if key == nil or key == "" then
          cells[#cells + 1] = "<td></td>"
        else
          cells[#cells + 1] = string.format('<td class="st tone-%s">%s%s</td>', fmt.status(key).tone, esc(txt), mk)
        end
      else
        local class = c.type == "number" and "num" or c.type == "integer" and "int" or "txt"
        if c.align then class = c.align == "right" and "num" or c.align == "center" and "int" or "txt" end
        if nowrap[c] and class ~= "num" then class = class .. " nw" end
        cells[#cells + 1] = string.format('<td class="%s">%s%s</td>', class, esc(txt), mk)
      end
    end
    out[#out + 1] = "<tr>" .. table.concat(cells) .. "</tr>"
  end
  out[#out + 1] = "</tbody></table></div>"
end

function M.render(doc, opts)
  local layout = doc:layout()
  local meta = doc.meta
  local out = {}
  out[#out + 1] = "<!DOCTYPE html>"
  out[#out + 1] = string.format('<html lang="%s">', fmt.lang() == "en" and "en" or "zh-CN")
  out[#out + 1] = '<head><meta charset="utf-8">'
  out[#out + 1] = '<meta name="viewport" content="width=device-width, initial-scale=1">'
  out[#out + 1] = '<meta name="generator" content="zhibiao ' .. esc(zb and zb.version or "") .. '">'
  out[#out + 1] = "<title>" .. esc(meta.title) .. "</title>"
  out[#out + 1] = "<style>" .. M.CSS .. "</style></head>"
  out[#out + 1] = "<body><main>"
  out[#out + 1] = '<header class="doc"><h1>' .. esc(meta.title) .. "</h1>"
  if meta.subtitle then out[#out + 1] = '<p class="subtitle">' .. esc(meta.subtitle) .. "</p>" end
  local m = {}
  if meta.author then m[#m + 1] = esc(meta.author) end
  if meta.date then m[#m + 1] = esc(meta.date) end
  if #m > 0 then out[#out + 1] = '<p class="meta">' .. table.concat(m, " · ") .. "</p>" end
  out[#out + 1] = "</header>"
  for _, b in ipairs(doc.blocks) do
    if b.type == "heading" then
      out[#out + 1] = string.format("<h%d>%s</h%d>", b.level + 1, esc(b.text), b.level + 1)
    elseif b.type == "paragraph" then
      out[#out + 1] = "<p>" .. esc(b.text) .. marks_html(layout, b) .. "</p>"
    elseif b.type == "note" then
      out[#out + 1] = '<p class="note">' .. esc(b.text) .. "</p>"
    elseif b.type == "figures" then
      figures_html(out, b, layout)
    elseif b.type == "table" then
      table_html(out, b, layout)
    elseif b.type == "chart" then
      out[#out + 1] = '<figure class="chart">'
      out[#out + 1] = svg.render(b)
      out[#out + 1] = string.format("<figcaption>%s%s</figcaption>",
        esc(T("图 ", "Figure ") .. layout.figure[b] .. (b.title and ("　" .. b.title) or "")), marks_html(layout, b))
      out[#out + 1] = "</figure>"
    end
  end
  if #layout.footnotes > 0 then
    out[#out + 1] = '<section class="footnotes"><ol>'
    for k, text in ipairs(layout.footnotes) do
      out[#out + 1] = string.format('<li id="fn%d">%s</li>', k, esc(text))
    end
    out[#out + 1] = "</ol></section>"
  end
  if not (opts and opts.no_footer) then
    out[#out + 1] = "<footer>" .. esc(T("由 zhibiao ", "Made with zhibiao ") .. (zb and zb.version or "")
      .. T(" 生成", "")) .. "</footer>"
  end
  out[#out + 1] = "</main></body></html>"
  return table.concat(out, "\n") .. "\n"
end

function M.write(doc, name, opts)
  local report = require "report"
  return {report.write_file(name, M.render(doc, opts))}
end

return M
