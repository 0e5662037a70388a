-- plan_table: 打印一个规划的主要指标表（基期值、目标值、年均增速、属性），
-- 中文按两列宽对齐。
-- Prints a plan's main indicator table, aligned for Chinese text.
--
-- 用法 / usage:  zhibiao run plan_table --data DIR [PLAN]
--   PLAN 缺省时取目标年份最晚的规划 / default: the plan with the latest target year

local function T(zh, en) return zb.lang == "en" and en or zh end

if not ds then
  io.stderr:write(T("plan_table：需要 --data 目录\n", "plan_table: needs --data DIR\n"))
  os.exit(2)
end

local plans = ds:plans()
if #plans == 0 then
  io.stderr:write(T("plan_table：数据集中没有规划目标\n", "plan_table: the dataset has no plan targets\n"))
  os.exit(2)
end

local wanted = arg[1]
local targets
if wanted then
  targets = ds:targets{plan = wanted}
  if #targets == 0 then
    local names = {}
    for _, p in ipairs(plans) do names[#names + 1] = p.plan end
    io.stderr:write(string.format(T("plan_table：没有规划“%s”；可选：%s\n", "plan_table: no plan '%s'; choose from: %s\n"),
      wanted, table.concat(names, ", ")))
    os.exit(2)
  end
else
  local latest, best = nil, -1
  for _, p in ipairs(plans) do
    for _, t in ipairs(ds:targets{plan = p.plan}) do -- a plan's latest target year, not its first
      if t.target_year > best then latest, best = p.plan, t.target_year end
    end
  end
  wanted = latest
  targets = ds:targets{plan = wanted}
end

local first = targets[1]
local region = ds:region(first.region)
local base_year = first.base_year

local function fmt_number(v, decimals)
  local s = string.format("%." .. decimals .. "f", v)
  return s
end

-- 基期值：原文照录；原文有误已更正的，显示更正值并加 * 注
local footnotes = {}
-- 各行基期年份不同时（如政府工作报告），在单元格中注明年份
local base_years, nbase_years = {}, 0
for _, t in ipairs(targets) do
  if t.base_year and not base_years[t.base_year] then
    base_years[t.base_year] = true
    nbase_years = nbase_years + 1
  end
end
local mixed_base_years = nbase_years > 1
if nbase_years == 1 then base_year = next(base_years) end

local function base_cell(t, ind)
  local text = t.base_text or ""
  if t.base_corrected then
    local mark = string.rep("*", #footnotes + 1)
    footnotes[#footnotes + 1] = mark .. " " .. (t.note or "")
    text = fmt_number(t.base_value, ind.decimals) .. mark
  end
  if mixed_base_years and t.base_year and text ~= "" then
    text = string.format(T("%s（%d年）", "%s (%d)"), text, t.base_year)
  end
  return text
end

-- 一个规划可有多个目标年份（如 2023 年、2025 年）：每个指标一行，每个目标年份一列。
-- 方案为下级地区另设的目标（如省方案中的贵阳市目标）另起一行，并显示“地区”列。
-- A plan may set targets for several years: one row per indicator (and
-- region), one column per target year.
local years, year_seen = {}, {}
local regions_seen, nregions = {}, 0
local entries, by_key = {}, {}
for _, t in ipairs(targets) do
  if not year_seen[t.target_year] then
    year_seen[t.target_year] = true
    years[#years + 1] = t.target_year
  end
  if not regions_seen[t.region] then
    regions_seen[t.region] = true
    nregions = nregions + 1
  end
  local key = t.region .. "\0" .. t.indicator
  local e = by_key[key]
  if not e then
    e = {region = t.region, indicator = t.indicator, list = {}, by_year = {}}
    by_key[key] = e
    entries[#entries + 1] = e
  end
  e.list[#e.list + 1] = t
  e.by_year[t.target_year] = e.by_year[t.target_year] or t
end
table.sort(years)
local several_regions = nregions > 1

-- 属性：目标中写明的，否则取指标表中的；都没有时为“未标明”。
-- The attribute: the target's, else the indicator's, else "not stated".
local function attribute_of(e, ind)
  for _, t in ipairs(e.list) do
    if t.attribute == "binding" or t.attribute == "anticipatory" then return t.attribute end
  end
  if ind.attribute == "binding" or ind.attribute == "anticipatory" then return ind.attribute end
  return nil
end

local function joined(e, field)
  local seen, list = {}, {}
  for _, t in ipairs(e.list) do
    local v = t[field]
    if v and v ~= "" and not seen[v] then seen[v] = true; list[#list + 1] = v end
  end
  return table.concat(list, T("；", "; "))
end

local headers = {T("序号", "No."), T("类别", "Category")}
local right = {true, false}
if several_regions then headers[#headers + 1] = T("地区", "Region"); right[#right + 1] = false end
for _, h in ipairs{T("指标", "Indicator"), T("单位", "Unit")} do headers[#headers + 1] = h; right[#right + 1] = false end
headers[#headers + 1] = (base_year and not mixed_base_years) and string.format(T("%s年", "%s"), base_year) or T("基期值", "Base")
right[#right + 1] = true
for _, y in ipairs(years) do
  headers[#headers + 1] = string.format(T("%s年", "%s"), y)
  right[#right + 1] = true
end
for _, h in ipairs{T("年均增速%", "Growth %/yr"), T("属性", "Attribute")} do headers[#headers + 1] = h end
right[#right + 1] = true
right[#right + 1] = false

local rows, last_category = {}, nil
local counts = {binding = 0, anticipatory = 0, unstated = 0}
for i, e in ipairs(entries) do
  local ind = ds:indicator(e.indicator)
  local category = ind.category or ""
  local shown_category = category ~= last_category and category or ""
  last_category = category
  local name = zb.lang == "en" and (ind.name_en or ind.name) or ind.name
  local attr = attribute_of(e, ind)
  counts[attr or "unstated"] = counts[attr or "unstated"] + 1
  local attribute = attr == "binding" and T("约束性", "binding")
    or attr == "anticipatory" and T("预期性", "anticipatory") or T("未标明", "not stated")
  local base = ""
  for _, t in ipairs(e.list) do
    if base == "" then base = base_cell(t, ind) end
  end
  local row = {tostring(i), shown_category}
  if several_regions then
    local r = ds:region(e.region)
    row[#row + 1] = r and (zb.lang == "en" and (r.name_en or r.name) or r.name) or e.region
  end
  row[#row + 1] = name
  row[#row + 1] = ind.unit or ""
  row[#row + 1] = base
  for _, y in ipairs(years) do
    local t = e.by_year[y]
    row[#row + 1] = t and t.target_text or ""
  end
  row[#row + 1] = joined(e, "growth_text")
  row[#row + 1] = attribute
  rows[#rows + 1] = row
end

local widths = {}
for c, h in ipairs(headers) do
  widths[c] = zb.width(h)
  for _, row in ipairs(rows) do
    widths[c] = math.max(widths[c], zb.width(row[c]))
  end
end

local function line(cells)
  local out = {}
  for c, cell in ipairs(cells) do
    out[c] = zb.pad(cell, widths[c], right[c] and "right" or "left")
  end
  return (table.concat(out, "  "):gsub("%s+$", ""))
end

local title = first.plan_name or wanted
local region_name = zb.lang == "en" and (region.name_en or region.name) or region.name
if title:find(region.name, 1, true) then
  print(string.format(T("%s主要指标", "%s: main indicators"), title))
else
  print(string.format(T("%s（%s）主要指标", "%s (%s): main indicators"), title, region_name))
end
print(line(headers))
local total = 0
for _, w in ipairs(widths) do total = total + w end
print(string.rep("-", total + 2 * (#widths - 1)))
for _, row in ipairs(rows) do print(line(row)) end
print(string.rep("-", total + 2 * (#widths - 1)))
local tally = string.format(T("约束性 %d 项，预期性 %d 项", "%d binding, %d anticipatory"), counts.binding, counts.anticipatory)
if counts.unstated > 0 then
  tally = tally .. string.format(T("，属性未标明 %d 项", ", %d not stated"), counts.unstated)
end
print(string.format(T("共 %d 项指标（%s）；来源：%s", "%d indicators (%s); source: %s"), #rows, tally,
  first.source and first.source:match("^[^:]+") or "—"))
for _, f in ipairs(footnotes) do print(f) end
