-- report.svg: charts drawn as SVG text, with no library and no network.
--
-- Three kinds, each a function of the chart block built by doc:chart:
--
--   progress  one bar per indicator: the progress share (任务进度) against
--             a mark at the time share (时间进度), the status word at the end.
--             items = {{label=, progress=0.96, time=1.0, status=, text=}}
--   path      small multiples: per panel the actual values against the
--             target path (compound for levels, straight for rates) and the
--             target.  panels = {{title=, unit=, decimals=, actual={{y,v}},
--             path={{y,v}} | from={y,v}, to={y,v}, compound=, target={year=,
--             value=, text=}, status=}}, columns = 3, path_label = legend of
--             the dashed line (default 目标路径（按规划增速）), shared_scale =
--             true to put every panel on one scale
--   bars      horizontal bars with an optional reference mark (a target, a
--             reported total).  items = {{label=, value=, ref=, status=}},
--             unit=, decimals=, ref_label=
--
-- Every chart prints its numbers and status words as text beside the marks,
-- so it reads in black and white too.

local fmt = require "report.fmt"
local T = fmt.T

local M = {}

M.WIDTH = 680
M.FONT = '"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","SimSun",sans-serif'
local INK, GRID, MUTED = "#1f2328", "#d8dee4", "#57606a"
local ACTUAL, PATH, TIME = "#1f5fa8", "#c2410c", "#24292f"

local function esc(s)
  return (tostring(s):gsub("[&<>\"]", {["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;"}))
end
M.esc = esc

local function n(x) -- a coordinate: one decimal, no "-0.0"
  local s = string.format("%.1f", x)
  if s == "-0.0" then s = "0.0" end
  return (s:gsub("%.0$", ""))
end

-- Approximate width in pixels of text at font size px: CJK and other wide
-- characters take a full em, ASCII about 0.58 em.
local function text_px(s, px)
  local w = zb and zb.width and zb.width(s) or #s
  return w * px * 0.56
end

local function cut_to(s, px, size)
  if text_px(s, size) <= px then return s end
  local cols = math.floor(px / (size * 0.56)) - 1
  if cols < 1 then return "…" end
  return zb.cut(s, cols) .. "…"
end

local function text(x, y, s, attrs)
  return string.format('<text x="%s" y="%s"%s>%s</text>', n(x), n(y), attrs or "", esc(s))
end

local function open_svg(w, h, title)
  return {string.format(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-label="%s" '
      .. 'font-family=\'%s\' font-size="11" fill="%s">', w, h, w, h, esc(title or ""), M.FONT, INK)}
end

-- Tick values covering [lo, hi]: about `count` steps of 1, 2, 2.5 or 5 x 10^k.
function M.ticks(lo, hi, count)
  count = count or 4
  if not (lo == lo and hi == hi) then return {0}, 0 end
  if hi < lo then lo, hi = hi, lo end
  if hi - lo < 1e-12 then
    local pad = math.abs(hi) > 0 and math.abs(hi) * 0.1 or 1
    lo, hi = lo - pad, hi + pad
  end
  local raw = (hi - lo) / count
  local mag = 10 ^ math.floor(math.log(raw, 10))
  local step
  for _, f in ipairs{1, 2, 2.5, 5, 10} do
    step = f * mag
    if step >= raw then break end
  end
  -- Each tick is k x step (no accumulated error); whole numbers as integers.
  local k = math.floor(lo / step + 1e-9)
  local list = {}
  repeat
    local v = k * step
    if math.abs(v - math.floor(v + 0.5)) < 1e-9 then v = math.tointeger(math.floor(v + 0.5)) end
    list[#list + 1] = v
    k = k + 1
  until v >= hi - 1e-9 or #list >= 20
  local decimals = step >= 1 and 0 or math.ceil(-math.log(step, 10) - 1e-9)
  if step * 10 ^ decimals % 1 > 1e-9 then decimals = decimals + 1 end
  return list, decimals
end

-- progress ---------------------------------------------------------------

local function progress_chart(c)
  local items = c.items or {}
  local W, rowh, top = M.WIDTH, 22, 34
  local label_w, status_w = 176, 78
  local x0, x1 = label_w + 8, W - status_w - 52
  local lo, hi = 0, 1
  for _, it in ipairs(items) do
    if fmt.isnum(it.progress) then lo, hi = math.min(lo, it.progress), math.max(hi, it.progress) end
    if fmt.isnum(it.time) then hi = math.max(hi, it.time) end
  end
  lo, hi = math.max(lo, -0.5), math.min(hi, 1.5)
  local function X(v) return x0 + (math.max(lo, math.min(hi, v)) - lo) / (hi - lo) * (x1 - x0) end
  local H = top + rowh * #items + 24
  local out = open_svg(W, H, c.title)
  -- legend
  out[#out + 1] = string.format('<rect x="%s" y="8" width="14" height="9" fill="%s"/>', n(x0), fmt.tones.ok.border)
  out[#out + 1] = text(x0 + 18, 16, T("任务进度（条长）", "progress share (bar)"))
  local lx = x0 + 18 + text_px(T("任务进度（条长）", "progress share (bar)"), 11) + 16
  out[#out + 1] = string.format('<line x1="%s" y1="6" x2="%s" y2="19" stroke="%s" stroke-width="2"/>', n(lx), n(lx), TIME)
  out[#out + 1] = text(lx + 6, 16, T("时间进度（竖线）", "time share (line)"))
  -- grid at 0, 50 %, 100 %
  for _, g in ipairs{0, 0.5, 1} do
    local gx = X(g)
    out[#out + 1] = string.format('<line x1="%s" y1="%d" x2="%s" y2="%d" stroke="%s" stroke-dasharray="%s"/>',
      n(gx), top - 4, n(gx), top + rowh * #items, GRID, g == 0 and "none" or "3 3")
    out[#out + 1] = text(gx, top + rowh * #items + 14, fmt.number(g * 100, 0) .. "%", ' text-anchor="middle" fill="' .. MUTED .. '"')
  end
  for i, it in ipairs(items) do
    local y = top + (i - 1) * rowh
    local tone = fmt.tone(it.status)
    out[#out + 1] = text(label_w, y + 14, cut_to(tostring(it.label), label_w - 4, 11), ' text-anchor="end"')
    if fmt.isnum(it.progress) then
      local a, b = X(0), X(it.progress)
      if b < a then a, b = b, a end
      out[#out + 1] = string.format('<rect x="%s" y="%d" width="%s" height="12" fill="%s" stroke="%s"/>',
        n(a), y + 4, n(math.max(b - a, 1)), tone.bg, tone.border)
      local shown = it.text or (fmt.number(it.progress * 100, 0) .. "%")
      local clipped = it.progress > hi or it.progress < lo
      if clipped then shown = shown .. (it.progress > hi and " →" or " ←") end
      local tx = math.max(X(it.progress), X(0), fmt.isnum(it.time) and X(it.time) or -1) + 4
      out[#out + 1] = text(tx, y + 14, shown, ' fill="' .. MUTED .. '"')
    else
      out[#out + 1] = text(X(0) + 4, y + 14, it.text or T("无数据", "no data"), ' fill="' .. MUTED .. '"')
    end
    if fmt.isnum(it.time) then
      local tx = X(it.time)
      out[#out + 1] = string.format('<line x1="%s" y1="%d" x2="%s" y2="%d" stroke="%s" stroke-width="2"/>',
        n(tx), y + 1, n(tx), y + 19, TIME)
    end
    if it.status then
      out[#out + 1] = string.format('<rect x="%d" y="%d" width="%d" height="16" rx="3" fill="%s" stroke="%s"/>',
        W - status_w, y + 2, status_w - 2, tone.bg, tone.border)
      out[#out + 1] = text(W - status_w / 2 - 1, y + 14, fmt.status_word(it.status),
        ' text-anchor="middle" fill="' .. tone.fg .. '"')
    end
  end
  out[#out + 1] = "</svg>"
  return table.concat(out, "\n")
end

-- path (small multiples) ---------------------------------------------------

local function path_points(p)
  if p.path then return p.path end
  if not (p.from and p.to) then return {} end
  local y0, v0, y1, v1 = p.from[1], p.from[2], p.to[1], p.to[2]
  if not (fmt.isnum(v0) and fmt.isnum(v1)) or y1 <= y0 then return {} end
  local pts = {}
  for y = y0, y1 do
    local s = (y - y0) / (y1 - y0)
    local v
    if p.compound and v0 > 0 and v1 > 0 then v = v0 * (v1 / v0) ^ s else v = v0 + (v1 - v0) * s end
    pts[#pts + 1] = {y, v}
  end
  return pts
end

-- The years and values a panel spans.
local function extent(p)
  local e = {ymin = math.huge, ymax = -math.huge, vmin = math.huge, vmax = -math.huge}
  local function see(y, v)
    if fmt.isnum(y) then e.ymin, e.ymax = math.min(e.ymin, y), math.max(e.ymax, y) end
    if fmt.isnum(v) then e.vmin, e.vmax = math.min(e.vmin, v), math.max(e.vmax, v) end
  end
  for _, pt in ipairs(p.actual or {}) do see(pt[1], pt[2]) end
  for _, pt in ipairs(path_points(p)) do see(pt[1], pt[2]) end
  if p.target then see(p.target.year, p.target.value) end
  return e
end

-- shared: one extent for every panel (small multiples on one scale).
local function panel(out, p, ox, oy, w, h, shared)
  local pad_l, pad_r, pad_t, pad_b = 46, 14, 40, 22
  local actual, path = p.actual or {}, path_points(p)
  local e = shared or extent(p)
  local ymin, ymax, vmin, vmax = e.ymin, e.ymax, e.vmin, e.vmax
  local tone = fmt.tone(p.status)
  -- panel frame and title
  out[#out + 1] = string.format('<rect x="%s" y="%s" width="%s" height="%s" fill="#ffffff" stroke="%s"/>',
    n(ox), n(oy), n(w), n(h), GRID)
  local title = tostring(p.title or "")
  if p.unit and p.unit ~= "" then title = title .. T("（" .. p.unit .. "）", " (" .. p.unit .. ")") end
  local status_px = p.status and (text_px(fmt.status_word(p.status), 10) + 12) or 0
  out[#out + 1] = text(ox + 6, oy + 15, cut_to(title, w - 12 - status_px, 11), ' font-weight="bold"')
  if p.status then
    out[#out + 1] = string.format('<rect x="%s" y="%s" width="%s" height="14" rx="3" fill="%s" stroke="%s"/>',
      n(ox + w - status_px - 4), n(oy + 4), n(status_px), tone.bg, tone.border)
    out[#out + 1] = text(ox + w - 4 - status_px / 2, oy + 15, fmt.status_word(p.status),
      ' font-size="10" text-anchor="middle" fill="' .. tone.fg .. '"')
  end
  if ymin == math.huge or vmin == math.huge then
    out[#out + 1] = text(ox + w / 2, oy + h / 2, T("无数据", "no data"), ' text-anchor="middle" fill="' .. MUTED .. '"')
    return
  end
  if ymax == ymin then ymin, ymax = ymin - 1, ymax + 1 end
  local ticks, tdec = M.ticks(math.min(vmin, vmax), vmax, 3)
  local vlo, vhi = math.min(ticks[1], vmin), math.max(ticks[#ticks], vmax)
  local px0, px1 = ox + pad_l, ox + w - pad_r
  local py0, py1 = oy + h - pad_b, oy + pad_t
  local function X(y) return px0 + (y - ymin) / (ymax - ymin) * (px1 - px0) end
  local function Y(v) return py0 - (v - vlo) / (vhi - vlo) * (py0 - py1) end
  for _, t in ipairs(ticks) do
    out[#out + 1] = string.format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>', n(px0), n(Y(t)), n(px1), n(Y(t)), GRID)
    out[#out + 1] = text(px0 - 4, Y(t) + 3.5, fmt.number(t, tdec), ' font-size="9.5" text-anchor="end" fill="' .. MUTED .. '"')
  end
  -- year labels: the first, the last, and a middle one when there is room
  local years = {ymin, ymax}
  if ymax - ymin >= 4 and w > 200 then years[3] = math.floor((ymin + ymax) / 2 + 0.5) end
  for _, y in ipairs(years) do
    out[#out + 1] = text(X(y), py0 + 14, string.format("%d", y), ' font-size="9.5" text-anchor="middle" fill="' .. MUTED .. '"')
  end
  if #path >= 2 then
    local pts = {}
    for _, pt in ipairs(path) do pts[#pts + 1] = n(X(pt[1])) .. "," .. n(Y(pt[2])) end
    out[#out + 1] = string.format('<polyline points="%s" fill="none" stroke="%s" stroke-width="1.6" stroke-dasharray="5 3"/>',
      table.concat(pts, " "), PATH)
  end
  local pts = {}
  for _, pt in ipairs(actual) do
    if fmt.isnum(pt[2]) then pts[#pts + 1] = n(X(pt[1])) .. "," .. n(Y(pt[2])) end
  end
  if #pts >= 2 then
    out[#out + 1] = string.format('<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>', table.concat(pts, " "), ACTUAL)
  end
  local last
  for _, pt in ipairs(actual) do
    if fmt.isnum(pt[2]) then
      out[#out + 1] = string.format('<circle cx="%s" cy="%s" r="2.8" fill="%s"/>', n(X(pt[1])), n(Y(pt[2])), ACTUAL)
      last = pt
    end
  end
  -- The figures as text on a line of their own, where no mark can cover them.
  local info = {}
  if last then
    info[#info + 1] = string.format('<tspan fill="%s">%s %s（%d）</tspan>', ACTUAL,
      esc(T("实际", "actual")), esc(fmt.number(last[2], p.decimals)), last[1])
  end
  if p.target and fmt.isnum(p.target.value) and fmt.isnum(p.target.year) then
    local tx, ty = X(p.target.year), Y(p.target.value)
    out[#out + 1] = string.format('<path d="M%s %sl5 5l-5 5l-5 -5z" fill="#ffffff" stroke="%s" stroke-width="1.6"/>',
      n(tx), n(ty - 5), PATH)
    info[#info + 1] = string.format('<tspan fill="%s">%s %s（%d）</tspan>', PATH, esc(T("目标", "target")),
      esc(p.target.text or fmt.number(p.target.value, p.decimals)), p.target.year)
  end
  if #info > 0 then
    out[#out + 1] = string.format('<text x="%s" y="%s" font-size="9.5">%s</text>', n(ox + 6), n(oy + 29),
      table.concat(info, '<tspan fill="' .. MUTED .. '">　</tspan>'))
  end
end

local function path_chart(c)
  local panels = c.panels or {}
  local cols = math.tointeger(c.columns) or (#panels == 1 and 1 or (#panels == 2 or #panels == 4) and 2 or 3)
  cols = math.max(1, math.min(cols, #panels > 0 and #panels or 1))
  local W, gap = M.WIDTH, 10
  local pw = (W - 1 - gap * (cols - 1)) / cols
  local ph = cols == 1 and 220 or (cols == 2 and 170 or 150)
  local rows = math.max(1, math.ceil(#panels / cols))
  local top = 24
  local H = top + rows * ph + (rows - 1) * gap + 2
  local out = open_svg(W, H, c.title)
  out[#out + 1] = string.format('<line x1="2" y1="11" x2="24" y2="11" stroke="%s" stroke-width="2"/>', ACTUAL)
  out[#out + 1] = string.format('<circle cx="13" cy="11" r="2.8" fill="%s"/>', ACTUAL)
  out[#out + 1] = text(28, 15, T("实际值", "actual"))
  local lx = 28 + text_px(T("实际值", "actual"), 11) + 16
  out[#out + 1] = string.format('<line x1="%s" y1="11" x2="%s" y2="11" stroke="%s" stroke-width="1.6" stroke-dasharray="5 3"/>',
    n(lx), n(lx + 22), PATH)
  local path_label = c.path_label or T("目标路径（按规划增速）", "target path (planned pace)")
  out[#out + 1] = text(lx + 26, 15, path_label)
  local dx = lx + 26 + text_px(path_label, 11) + 16
  local any_target = false
  for _, p in ipairs(panels) do any_target = any_target or p.target ~= nil end
  if any_target then
    out[#out + 1] = string.format('<path d="M%s 6l5 5l-5 5l-5 -5z" fill="#ffffff" stroke="%s" stroke-width="1.6"/>', n(dx + 5), PATH)
    out[#out + 1] = text(dx + 14, 15, T("目标值", "target"))
  end
  local shared
  if c.shared_scale then
    shared = {ymin = math.huge, ymax = -math.huge, vmin = math.huge, vmax = -math.huge}
    for _, p in ipairs(panels) do
      local e = extent(p)
      shared.ymin, shared.ymax = math.min(shared.ymin, e.ymin), math.max(shared.ymax, e.ymax)
      shared.vmin, shared.vmax = math.min(shared.vmin, e.vmin), math.max(shared.vmax, e.vmax)
    end
  end
  for i, p in ipairs(panels) do
    local r, col = (i - 1) // cols, (i - 1) % cols
    panel(out, p, 0.5 + col * (pw + gap), top + r * (ph + gap), pw, ph, shared)
  end
  out[#out + 1] = "</svg>"
  return table.concat(out, "\n")
end

-- bars --------------------------------------------------------------------

local function bars_chart(c)
  local items = c.items or {}
  local W, rowh, top = M.WIDTH, 22, c.ref_label and 30 or 8
  local label_w = 120
  local status_w = 0
  for _, it in ipairs(items) do
    if it.status then status_w = 84 end
  end
  local textw = 40
  for _, it in ipairs(items) do
    textw = math.max(textw, text_px(it.text or fmt.number(it.value, c.decimals), 11))
  end
  local x0, x1 = label_w + 8, W - status_w - textw - 12
  local lo, hi = 0, 0
  for _, it in ipairs(items) do
    for _, v in ipairs{it.value, it.ref} do
      if fmt.isnum(v) then lo, hi = math.min(lo, v), math.max(hi, v) end
    end
  end
  if hi == lo then hi = lo + 1 end
  local function X(v) return x0 + (v - lo) / (hi - lo) * (x1 - x0) end
  local H = top + rowh * #items + 8
  local out = open_svg(W, H, c.title)
  if c.ref_label then
    out[#out + 1] = string.format('<rect x="%s" y="8" width="14" height="9" fill="#dbe7f5" stroke="%s"/>', n(x0), ACTUAL)
    out[#out + 1] = text(x0 + 18, 16, c.value_label or T("数值", "value"))
    local lx = x0 + 18 + text_px(c.value_label or T("数值", "value"), 11) + 18
    out[#out + 1] = string.format('<line x1="%s" y1="6" x2="%s" y2="19" stroke="%s" stroke-width="2"/>', n(lx), n(lx), PATH)
    out[#out + 1] = text(lx + 6, 16, c.ref_label)
  end
  out[#out + 1] = string.format('<line x1="%s" y1="%d" x2="%s" y2="%d" stroke="%s"/>', n(X(0)), top, n(X(0)), top + rowh * #items, MUTED)
  for i, it in ipairs(items) do
    local y = top + (i - 1) * rowh
    local tone = it.status and fmt.tone(it.status) or {bg = "#dbe7f5", border = ACTUAL, fg = INK}
    out[#out + 1] = text(label_w, y + 14, cut_to(tostring(it.label), label_w - 4, 11), ' text-anchor="end"')
    if fmt.isnum(it.value) then
      local a, b = X(0), X(it.value)
      if b < a then a, b = b, a end
      out[#out + 1] = string.format('<rect x="%s" y="%d" width="%s" height="13" fill="%s" stroke="%s"/>',
        n(a), y + 4, n(math.max(b - a, 1)), tone.bg, tone.border)
      local shown = it.text or fmt.number(it.value, c.decimals)
      local after = math.max(X(it.value), X(0), fmt.isnum(it.ref) and X(it.ref) or -1)
      out[#out + 1] = text(after + 4, y + 15, shown, ' fill="' .. MUTED .. '"')
    else
      out[#out + 1] = text(X(0) + 4, y + 15, it.text or T("无数据", "no data"), ' fill="' .. MUTED .. '"')
    end
    if fmt.isnum(it.ref) then
      local rx = X(it.ref)
      out[#out + 1] = string.format('<line x1="%s" y1="%d" x2="%s" y2="%d" stroke="%s" stroke-width="2"/>', n(rx), y + 1, n(rx), y + 20, PATH)
    end
    if it.status then
      out[#out + 1] = string.format('<rect x="%d" y="%d" width="%d" height="16" rx="3" fill="%s" stroke="%s"/>',
        W - status_w, y + 3, status_w - 2, tone.bg, tone.border)
      out[#out + 1] = text(W - status_w / 2 - 1, y + 15, fmt.status_word(it.status), ' text-anchor="middle" fill="' .. tone.fg .. '"')
    end
  end
  out[#out + 1] = "</svg>"
  return table.concat(out, "\n")
end

local kinds = {progress = progress_chart, path = path_chart, bars = bars_chart}

-- The SVG text of a chart block.
function M.render(chart)
  local f = kinds[chart.kind]
  if not f then error("unknown chart kind '" .. tostring(chart.kind) .. "'", 2) end
  return f(chart)
end

return M
