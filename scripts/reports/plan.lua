-- plan: 规划主要指标表 — a plan's main indicator table as the plan prints
-- it (base value, target, annual growth, attribute), grouped by category,
-- with the outcome columns of a finished plan (完成情况) when the dataset
-- has them.  The table a bureau pastes into its documents or sends on in
-- Excel.
--
--   zhibiao report plan --data datasets/qixingguan -o out/plan.xlsx
--   zhibiao report plan --data datasets/qixingguan --plan qxg-13fyp -o out/plan13.md

local report = require "report"
local rds = require "report.ds"
local T = report.T

local function build(ds, opts)
  local region = rds.region(ds, opts)
  local plan = rds.plan(ds, region.code, opts, opts.year)
  local targets = ds:targets{plan = plan.plan, region = region.code}
  local finished = false
  for _, t in ipairs(targets) do finished = finished or t.achieved_text ~= nil end

  local doc = report.new{
    title = string.format(T("%s主要指标", "%s: main indicators"), plan.plan_name or plan.plan),
    subtitle = string.format(T("%s（%s）　%d—%d年", "%s (%s), %d-%d"), rds.name(region), region.code,
      plan.base_year or plan.target_year, plan.target_year),
  }
  local rows, sources = {}, {}
  local counts = {binding = 0, anticipatory = 0}
  for i, t in ipairs(targets) do
    local ind = ds:indicator(t.indicator)
    local base = t.base_value or t.base_text
    if t.base_corrected then base = {value = t.base_value, note = t.note} end
    rows[i] = {
      no = i, category = ind.category or "", name = rds.name(ind), unit = ind.unit or "",
      base = base, decimals = ind.decimals, target = t.target_text or "", growth = t.growth_text or "",
      achieved = t.achieved_text or "", achieved_growth = t.achieved_growth_text or "",
      attribute = rds.attribute_label(t.attribute),
    }
    if t.source then sources[#sources + 1] = t.source end
    if counts[t.attribute] then counts[t.attribute] = counts[t.attribute] + 1 end
  end
  local base_label = plan.base_year and string.format(T("%d年", "%d"), plan.base_year) or T("基期值", "base")
  local columns = {
    {key = "no", label = T("序号", "No."), type = "integer"},
    {key = "category", label = T("类别", "Category")},
    {key = "name", label = T("指标", "Indicator")},
    {key = "unit", label = T("单位", "Unit")},
    {key = "base", label = base_label, type = "number", decimals = "decimals"},
    {key = "target", label = string.format(T("%d年目标", "%d target"), plan.target_year), align = "center"},
    {key = "growth", label = T("年均增速（%）", "Growth %/yr"), align = "center"},
  }
  if finished then
    columns[#columns + 1] = {key = "achieved", label = T("完成情况", "Outcome"), align = "center"}
    columns[#columns + 1] = {key = "achieved_growth", label = T("实际年均增速（%）", "Actual growth %/yr"), align = "center"}
  end
  columns[#columns + 1] = {key = "attribute", label = T("属性", "Attribute")}

  doc:figures{
    {label = T("指标", "Indicators"), value = #targets, unit = T("项", "")},
    {label = T("约束性", "Binding"), value = counts.binding, unit = T("项", "")},
    {label = T("预期性", "Anticipatory"), value = counts.anticipatory, unit = T("项", "")},
  }
  doc:table{
    name = "plan", title = doc.meta.title, columns = columns, rows = rows, group = "category",
    source = rds.sources(sources), summary = true, freeze_cols = 3,
  }
  doc:note(T("目标值、年均增速按规划原文照录（“左右”“以上”“以内”等限定保留）。",
             "Targets and growth are as printed in the plan, qualifiers included."))
  return doc
end

return {
  title = T("规划主要指标表", "Plan indicator table"),
  description = T("规划的主要指标：基期值、目标值、年均增速、属性（已完成的规划附完成情况）",
                  "a plan's main indicators: base, target, growth, attribute (and the outcome of a finished plan)"),
  build = build,
}
