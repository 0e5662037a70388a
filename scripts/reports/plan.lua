-- plan: 规划主要指标表 — a plan's main indicator table as the plan prints
-- it (base value, target, annual growth, attribute), grouped by category,
-- one row per indicator and a target column per target year, with the
-- outcome columns of a finished plan (完成情况) when the dataset has them.  The table a bureau pastes into its documents or sends on in
-- Excel.
--
--   zhibiao report plan --data datasets/qixingguan -o out/plan.xlsx
--   zhibiao report plan --data datasets/qixingguan --plan qxg-13fyp -o out/plan13.md

local report = require "report"
local rds = require "report.ds"
local T = report.T

-- The attribute of an indicator in a plan: the target's, else the
-- indicator's own, else nil (the plan does not say).
local function attribute_of(targets, ind)
  for _, t in ipairs(targets) do
    if t.attribute == "binding" or t.attribute == "anticipatory" then return t.attribute end
  end
  if ind.attribute == "binding" or ind.attribute == "anticipatory" then return ind.attribute end
  return nil
end

-- Distinct non-empty texts of one field over an indicator's targets, joined:
-- the growth of a plan with two target years is usually written once.
local function joined(targets, field)
  local seen, list = {}, {}
  for _, t in ipairs(targets) do
    local v = t[field]
    if v and v ~= "" and not seen[v] then seen[v] = true; list[#list + 1] = v end
  end
  return table.concat(list, T("；", "; "))
end

local function build(ds, opts)
  local region = rds.region(ds, opts)
  local plan = rds.plan(ds, region.code, opts, opts.year)
  local targets = ds:targets{plan = plan.plan, region = region.code}
  local finished = false
  for _, t in ipairs(targets) do finished = finished or t.achieved_text ~= nil end

  -- A plan may set targets for more than one year (贵州省新型城镇化方案:
  -- 2023 and 2025): one row per indicator, one column per target year.
  local years, year_seen = {}, {}
  local by_indicator, order = {}, {}
  for _, t in ipairs(targets) do
    if not year_seen[t.target_year] then year_seen[t.target_year] = true; years[#years + 1] = t.target_year end
    local e = by_indicator[t.indicator]
    if not e then
      e = {indicator = t.indicator, list = {}, by_year = {}}
      by_indicator[t.indicator] = e
      order[#order + 1] = e
    end
    e.list[#e.list + 1] = t
    e.by_year[t.target_year] = e.by_year[t.target_year] or t
  end
  table.sort(years)
  local several = #years > 1

  local doc = report.new{
    title = string.format(T("%s主要指标", "%s: main indicators"), plan.plan_name or plan.plan),
    subtitle = string.format(T("%s（%s）　%s", "%s (%s), %s"), rds.name(region), region.code, rds.period(plan)),
  }
  local rows, sources = {}, {}
  local counts = {binding = 0, anticipatory = 0, unstated = 0}
  for i, e in ipairs(order) do
    local ind = ds:indicator(e.indicator)
    local base
    for _, t in ipairs(e.list) do
      if base == nil and (t.base_value or t.base_text) then
        base = t.base_value or t.base_text
        if t.base_corrected then base = {value = t.base_value, note = t.note} end
      end
    end
    local attribute = attribute_of(e.list, ind)
    counts[attribute or "unstated"] = counts[attribute or "unstated"] + 1
    local row = {
      no = i, category = ind.category or "", name = rds.name(ind), unit = ind.unit or "",
      base = base, decimals = ind.decimals, growth = rds.figure_cell(joined(e.list, "growth_text")),
      achieved = rds.figure_cell(joined(e.list, "achieved_text"), ind.decimals),
      achieved_growth = rds.figure_cell(joined(e.list, "achieved_growth_text")),
      attribute = attribute and rds.attribute_label(attribute) or T("未标明", "not stated"),
    }
    for _, y in ipairs(years) do
      local t = e.by_year[y]
      row[several and ("target_" .. y) or "target"] = t and rds.figure_cell(t.target_text, ind.decimals) or ""
    end
    rows[i] = row
    for _, t in ipairs(e.list) do
      if t.source then sources[#sources + 1] = t.source end
    end
  end
  local base_label = plan.base_year and string.format(T("%d年", "%d"), plan.base_year) or T("基期值", "base")
  local columns = {
    {key = "no", label = T("序号", "No."), type = "integer"},
    {key = "category", label = T("类别", "Category")},
    {key = "name", label = T("指标", "Indicator")},
    {key = "unit", label = T("单位", "Unit")},
    {key = "base", label = base_label, type = "number", decimals = "decimals", optional = true},
  }
  for _, y in ipairs(years) do
    columns[#columns + 1] = {key = several and ("target_" .. y) or "target",
                             label = string.format(T("%d年目标", "%d target"), y), align = "center"}
  end
  columns[#columns + 1] = {key = "growth", label = T("年均增速（%）", "Growth %/yr"), align = "center", optional = true}
  if finished then
    columns[#columns + 1] = {key = "achieved", label = T("完成情况", "Outcome"), align = "center"}
    columns[#columns + 1] = {key = "achieved_growth", label = T("实际年均增速（%）", "Actual growth %/yr"), align = "center"}
  end
  columns[#columns + 1] = {key = "attribute", label = T("属性", "Attribute")}

  local figures = {
    {label = T("指标", "Indicators"), value = #rows, unit = T("项", "")},
    {label = T("约束性", "Binding"), value = counts.binding, unit = T("项", "")},
    {label = T("预期性", "Anticipatory"), value = counts.anticipatory, unit = T("项", "")},
  }
  if counts.unstated > 0 then
    figures[#figures + 1] = {label = T("属性未标明", "Attribute not stated"), value = counts.unstated, unit = T("项", "")}
  end
  doc:figures(figures)
  doc:table{
    name = "plan", title = doc.meta.title, columns = columns, rows = rows, group = "category",
    source = rds.sources(sources), summary = true, freeze_cols = 3,
  }
  doc:note(T("目标值、年均增速按规划原文照录（“左右”“以上”“以内”等限定保留）。",
             "Targets and growth are as printed in the plan, qualifiers included."))
  if counts.unstated > 0 then
    doc:note(T("“未标明”：规划原文和指标表都没有写明该指标是约束性还是预期性。",
               "Not stated: neither the plan nor the indicator table says whether the indicator is binding or anticipatory."))
  end
  return doc
end

return {
  title = T("规划主要指标表", "Plan indicator table"),
  description = T("规划的主要指标：基期值、目标值、年均增速、属性（已完成的规划附完成情况）",
                  "a plan's main indicators: base, target, growth, attribute (and the outcome of a finished plan)"),
  build = build,
}
