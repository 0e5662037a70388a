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
    local ts = ds:targets{plan = p.plan}
    if ts[1].target_year > best then latest, best = p.plan, ts[1].target_year end
  end
  wanted = latest
  targets = ds:targets{plan = wanted}
end

local first = targets[1]
local region = ds:region(first.region)
local base_year, target_year = first.base_year, first.target_year

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

local headers = {
  T("序号", "No."), T("类别", "Category"), T("指标", "Indicator"), T("单位", "Unit"),
  (base_year and not mixed_base_years) and string.format(T("%s年", "%s"), base_year) or T("基期值", "Base"),
  string.format(T("%s年", "%s"), target_year),
  T("年均增速%", "Growth %/yr"), T("属性", "Attribute"),
}
local right = {true, false, false, false, true, true, true, false}

local rows, last_category = {}, nil
for i, t in ipairs(targets) do
  local ind = ds:indicator(t.indicator)
  local category = ind.category or ""
  local shown_category = category ~= last_category and category or ""
  last_category = category
  local name = zb.lang == "en" and (ind.name_en or ind.name) or ind.name
  local attribute = t.attribute == "binding" and T("约束性", "binding")
    or t.attribute == "anticipatory" and T("预期性", "anticipatory") or ""
  rows[#rows + 1] = {
    tostring(i), shown_category, name, ind.unit or "", base_cell(t, ind),
    t.target_text or "", t.growth_text or "", attribute,
  }
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
print(string.format(T("共 %d 项指标；来源：%s", "%d indicators; source: %s"), #rows, first.source and first.source:match("^[^:]+") or "—"))
for _, f in ipairs(footnotes) do print(f) end
