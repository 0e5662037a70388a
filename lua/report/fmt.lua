-- report.fmt: numbers, statuses and words shared by every report writer.
--
-- A number is shown with its indicator's decimals in every format (the
-- Markdown, the HTML, the CSV and the number format of an Excel cell agree);
-- a status is a key (achieved, behind, ...) with a word in each language and
-- a tone that the writers turn into a colour.  The word is always printed:
-- colour alone does not survive a black-and-white printer or a colour-blind
-- reader.

local M = {}

local function lang() return (zb and zb.lang) or "zh" end
M.lang = lang

-- T("中文", "English"): the text for the current language.
function M.T(zh, en)
  if lang() == "en" then return en or zh end
  return zh
end

-- Is v a finite number?
function M.isnum(v)
  return type(v) == "number" and v == v and v ~= math.huge and v ~= -math.huge
end

-- A number with `decimals` digits after the point; nil, NaN and infinities
-- give `missing` (default "").  "-0.00" never appears.
function M.number(v, decimals, missing)
  if not M.isnum(v) then
    if type(v) == "number" and v ~= v then return missing or "" end
    if v == math.huge then return "∞" end
    if v == -math.huge then return "-∞" end
    return missing or ""
  end
  decimals = math.tointeger(decimals) or 2
  if decimals < 0 then decimals = 0 elseif decimals > 9 then decimals = 9 end
  local s = string.format("%." .. decimals .. "f", v)
  if s:match("^%-[0.]+$") then s = s:sub(2) end
  return s
end

-- A computed number without a float's noise: rounded to `decimals` + 6
-- places (decimals default 2), and to no more than 15 significant digits,
-- with -0 made 0.  A difference of two equal sums (2181.5 - 2181.5 computed
-- as -1.1368683772161603e-13) becomes 0, a sum 684.4999999999999 becomes
-- 684.5, while every digit the indicator shows (and six more for Excel to
-- compute with) stays.  Non-numbers come back unchanged.
function M.clean(v, decimals)
  if not M.isnum(v) then return v end
  if math.type(v) == "integer" then return v end
  local places = (math.tointeger(decimals) or 2) + 6
  local mag = math.abs(v)
  if mag >= 1 then places = math.min(places, 15 - (math.floor(math.log(mag, 10)) + 1)) end
  if places < 0 then places = 0 elseif places > 15 then places = 15 end
  local r = tonumber(string.format("%." .. places .. "f", v))
  if r == 0 then return 0.0 end
  return r
end

-- Tones: how good a status is.  Each writer maps a tone to its colours.
M.tones = {
  good    = {fg = "#0f5c2e", bg = "#d3f0dc", border = "#2f9e57"},
  ok      = {fg = "#14532d", bg = "#e9f7ee", border = "#7cc596"},
  warn    = {fg = "#7a4b00", bg = "#fff1c7", border = "#d4a017"},
  bad     = {fg = "#8f1d14", bg = "#fde2df", border = "#d9534f"},
  worse   = {fg = "#ffffff", bg = "#a4161a", border = "#7f1d1d"},
  neutral = {fg = "#3d4450", bg = "#eceff3", border = "#aab2bd"},
  info    = {fg = "#0b4a8b", bg = "#dcebfb", border = "#5b9bd5"},
}

-- Statuses known to every report: the progress verdicts of zb_progress
-- (same keys as `zhibiao progress --format json`), and the states of a
-- rollup and a consistency check.  Reports may add their own with
-- report.status(key, {zh=, en=, tone=}).
M.statuses = {
  achieved       = {zh = "已实现",   en = "achieved",        tone = "good"},
  on_track       = {zh = "进度正常", en = "on track",        tone = "ok"},
  behind         = {zh = "进度滞后", en = "behind",          tone = "warn"},
  off_track      = {zh = "严重滞后", en = "off track",       tone = "bad"},
  moving_away    = {zh = "反向变动", en = "moving away",     tone = "worse"},
  missed         = {zh = "未实现",   en = "missed",          tone = "bad"},
  not_assessable = {zh = "无法评估", en = "not assessable",  tone = "neutral"},
  meets          = {zh = "可达目标", en = "meets target",    tone = "ok"},
  falls_short    = {zh = "难达目标", en = "falls short",     tone = "warn"},
  consistent     = {zh = "一致",     en = "consistent",      tone = "ok"},
  inconsistent   = {zh = "不一致",   en = "inconsistent",    tone = "warn"},
  complete       = {zh = "齐全",     en = "complete",        tone = "ok"},
  partial        = {zh = "下级不全", en = "partial",         tone = "warn"},
  gap            = {zh = "数据不一致", en = "figures differ", tone = "bad"},
  match          = {zh = "相符",     en = "agrees",          tone = "ok"},
  missing        = {zh = "缺数",     en = "missing",         tone = "neutral"},
}

-- The status entry for a key, or a neutral entry that shows the key itself.
function M.status(key)
  if key == nil or key == "" then return nil end
  local s = M.statuses[key]
  if s then return s end
  return {zh = tostring(key), en = tostring(key), tone = "neutral"}
end

function M.status_word(key)
  local s = M.status(key)
  if not s then return "" end
  return lang() == "en" and s.en or s.zh
end

function M.tone(key)
  local s = M.status(key)
  return M.tones[s and s.tone or "neutral"] or M.tones.neutral
end

-- The status word shown with a key figure, unless its label already says it
-- (已实现 under "已实现" says nothing).
function M.figure_word(it)
  local word = it.status and M.status_word(it.status)
  if not word or word == "" then return nil end
  local label = tostring(it.label):lower()
  local w = word:lower()
  if label:find(w, 1, true) or w:find(label, 1, true) then return nil end
  return word
end

-- The decimals of a number column for one row: a number, or the name of
-- a row field that holds it (each indicator has its own), or 2.
function M.decimals_for(col, row)
  local d = col.decimals
  if type(d) == "string" then d = row[d] end
  if type(d) == "function" then d = d(row) end
  return math.tointeger(d) or (col.type == "integer" and 0) or 2
end

-- A cell may be a plain value or {value=, text=, note=, status=}.
function M.cell_value(cell)
  if type(cell) == "table" then return cell.value end
  return cell
end

-- The text of a cell as people read it (CSV, Markdown, HTML, the width of an
-- Excel column).  `missing` is what an empty number cell shows.
function M.cell_text(col, row, missing)
  local cell = row[col.key]
  local v = cell
  if type(cell) == "table" then
    if cell.text then return cell.text end
    v = cell.value
  end
  if col.type == "status" then return M.status_word(v) end
  if col.type == "number" or col.type == "integer" then
    if type(v) == "number" then return M.number(v, M.decimals_for(col, row), missing) end
    if v == nil then return missing or "" end
    return tostring(v)
  end
  if v == nil then return "" end
  return tostring(v)
end

-- The columns people see of a table block: all but the group column, and
-- without an `optional` column whose cells are all empty (尚需年均 once the
-- plan period is over).  CSV and Excel keep every column.
function M.shown_columns(b)
  local list = {}
  for _, c in ipairs(b.columns) do
    local keep = c.key ~= b.group
    if keep and c.optional then
      keep = false
      for _, row in ipairs(b.rows) do
        if M.cell_text(c, row, "") ~= "" then keep = true break end
      end
    end
    if keep then list[#list + 1] = c end
  end
  return list
end

-- The header of a column: its label with the unit, 基期值（亿元）.
function M.header(col)
  if col.unit and col.unit ~= "" then
    return col.label .. M.T("（" .. col.unit .. "）", " (" .. col.unit .. ")")
  end
  return col.label
end

return M
