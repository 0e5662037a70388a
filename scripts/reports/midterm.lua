-- midterm: 中期评估 — the evaluation a bureau writes half-way through a
-- plan (or its summary at the end), as Chinese prose made from the numbers:
-- whether progress keeps pace with time ("时间过半、任务过半"), which
-- indicators lag and by how much, what growth the rest of the period now
-- needs, how the binding indicators stand, and what to do next; with the
-- indicator table as an annex.
--
--   zhibiao report midterm --data datasets/qixingguan -o out/midterm.html
--   zhibiao report midterm --data DIR --plan PLAN --year 2023 -o out/midterm.md
--
-- Every figure in the text comes from ds:progress (the C of `zhibiao
-- progress`); nothing here computes a verdict.

local report = require "report"
local rds = require "report.ds"
local fmt = report.fmt
local T = report.T

local AHEAD = {achieved = true, on_track = true}
local LAG = {behind = true, off_track = true}

local function pct(x) return fmt.number(x * 100, 0) .. "%" end
local function points(x) return fmt.number(x * 100, 0) end

local function latest_year(ds, region, targets)
  local first, last = ds:years()
  if not first then return nil end
  for y = last, first, -1 do
    for _, t in ipairs(targets) do
      if ds:value(region, t.indicator, y) then return y end
    end
  end
  return nil
end

-- "279.15亿元" / "54%" / "42892元", with `decimals` (default: the indicator's).
local function amount(v, ind, decimals)
  local unit = ind.unit or ""
  return fmt.number(v, decimals or ind.decimals) .. unit
end

-- The decimals of a row's figures in the text: the indicator's, or as many
-- as the value or the base was entered with, so that an urbanisation rate
-- of 57.2 (an indicator of 0 decimals) reads 57.2%, not 57%.
local function row_decimals(r, ind)
  local d = math.tointeger(ind.decimals) or 0
  for _, v in ipairs{r.value, r.base} do d = math.max(d, rds.decimals_of(v, ind.decimals)) end
  return d
end

local function rate_text(r, rate)
  local c = rds.rate_cell(rate, r.compound, r.unit)
  return c and c.text or "—"
end

-- A pace in a sentence: 增长 11.47% / 下降 0.64 个百分点 / 提高 0.0086 人/亿元
-- (zb.growth.pace: points only for a value in %).
local function rate_phrase(r, rate, compound)
  if not fmt.isnum(rate) then return "—" end
  if compound == nil then compound = r.compound end
  return (zb.growth.pace(rate, compound, r.unit, "phrase"))
end

-- By progress share; rows without one (a target met at the base) last.
local function sort_by_progress(list, descending)
  table.sort(list, function(a, b)
    local none = descending and -math.huge or math.huge
    local pa, pb = a.progress_share or none, b.progress_share or none
    if pa ~= pb then
      if descending then return pa > pb end
      return pa < pb
    end
    return a.name < b.name
  end)
end

local function overall(doc, plan, rows, year, time_share, final)
  local c = rds.count_verdicts(rows)
  local assessed = #rows - c.not_assessable
  -- Without a base year the period cannot be named from where it started.
  local since = plan.base_year and string.format(T("（%d—%d年）", " (%d-%d)"), plan.base_year, year) or ""
  local nind = rds.count_indicators(rows)
  local what = nind == #rows and string.format(T("%d 项主要指标", "%d main indicators"), #rows)
    or string.format(T("%d 项主要指标的 %d 个目标", "%d targets of %d main indicators"),
      table.unpack(fmt.lang() == "en" and {#rows, nind} or {nind, #rows}))
  doc:paragraph(string.format(T(
    "%s实施以来%s，时间进度 %s。规划设定的 %s中，可按数据评估的有 %d 项，另有 %d 项为文字表述的目标、未设目标值或缺少统计数据，本报告不作量化评估。",
    "Since %s began%s, %s of its period has passed. Of its %s, %d can be assessed from the figures; %d are targets in words, have no target value or lack data."),
    plan.plan_name or plan.plan, since, pct(time_share), what, assessed, c.not_assessable))
  if assessed == 0 then return end
  local ahead = c.achieved + c.on_track
  if final then
    local a, b = assessed, c.achieved
    if fmt.lang() == "en" then a, b = c.achieved, assessed end
    doc:paragraph(string.format(T(
      "到规划期末，可评估的 %d 项指标中，%d 项实现了规划目标，%d 项未实现，目标完成率 %s。",
      "At the end of the period, %d of the %d assessable indicators reached their targets and %d did not: %s."),
      a, b, c.missed + c.moving_away, pct(c.achieved / assessed)))
  else
    local phrase = (time_share >= 0.4 and time_share <= 0.6) and T("“时间过半、任务过半”", "half the work in half the time")
      or T("任务进度不慢于时间进度", "progress keeping pace with time")
    local lag = c.behind + c.off_track
    local text = string.format(T(
      "总体看，%d 项指标实现了%s（已实现 %d 项，进度正常 %d 项），占可评估指标的 %s；%d 项进度滞后，其中严重滞后 %d 项",
      "On the whole %d indicators show %s (%d achieved, %d on track), %s of those assessed; %d lag behind, %d of them far behind"),
      ahead, phrase, c.achieved, c.on_track, pct(ahead / assessed), lag, c.off_track)
    if c.moving_away > 0 then
      text = text .. string.format(T("；%d 项较基期反向变动", "; %d moved away from the target"), c.moving_away)
    end
    doc:paragraph(text .. T("。", "."))
  end
  local binding, assessed_b, bad = 0, 0, {}
  for _, r in ipairs(rows) do
    if r.binding then
      binding = binding + 1
      if r.verdict ~= "not_assessable" then assessed_b = assessed_b + 1 end
      if LAG[r.verdict] or r.verdict == "missed" or r.verdict == "moving_away" then bad[#bad + 1] = r.name end
    end
  end
  if binding > 0 then
    doc:paragraph(string.format(T("约束性指标 %d 项，可评估 %d 项，%s",
      "Of %d binding indicators, %d can be assessed; %s"), binding, assessed_b,
      #bad == 0 and T("均达到进度要求。", "all keep their pace.")
        or string.format(T("%s未达到要求，须作为下一阶段的重点。", "%s fall short and must come first in the next stage."), rds.name_list(bad))))
  end
end

local function good_ones(doc, ds, rows, year)
  local list = {}
  for _, r in ipairs(rows) do if AHEAD[r.verdict] and fmt.isnum(r.value) then list[#list + 1] = r end end
  if #list == 0 then
    doc:paragraph(T("没有已实现或进度正常的可评估指标。", "No assessable indicator is achieved or on track."))
    return
  end
  sort_by_progress(list, true)
  local parts = {}
  for i = 1, math.min(#list, 6) do
    local r = list[i]
    local ind = ds:indicator(r.indicator)
    local s = string.format(T("%s %d 年为 %s", "%s was %s in %d"), r.name,
      table.unpack(fmt.lang() == "en" and {amount(r.value, ind, row_decimals(r, ind)), year}
        or {year, amount(r.value, ind, row_decimals(r, ind))}))
    if r.verdict == "achieved" then
      s = s .. string.format(T("，已达到目标（%s）", ", its target (%s) reached"), r.target_text or "")
    end
    if fmt.isnum(r.progress_share) then
      s = s .. string.format(T("，任务进度 %s", ", progress %s"), pct(r.progress_share))
    end
    parts[#parts + 1] = s
  end
  local more = #list > 6 and string.format(T("；另有 %d 项", "; and %d more"), #list - 6) or ""
  doc:paragraph(table.concat(parts, T("；", "; ")) .. more .. T("。", "."))
end

-- The gap between a value and its goal in words: 差 28.27亿元 / 差 2.8 个百分点
-- (a difference of shares in % is in points, with one decimal at least) /
-- 高出 0.030人/亿元.  Computed from the unrounded figures: 60 - 57.2 is 2.8,
-- where rounding 57.2 to 57 first would say 3.
local function gap_words(r, ind, decimals)
  if not (fmt.isnum(r.value) and fmt.isnum(r.goal)) then return nil end
  local diff = r.goal - r.value
  local function size(d)
    if ind.unit == "%" then return fmt.number(d, math.max(1, decimals)) .. T(" 个百分点", " points") end
    return amount(d, ind, decimals)
  end
  if ind.direction == "down" then
    if diff >= 0 then return nil end
    return string.format(T("高出目标 %s", "%s above the target"), size(-diff))
  end
  if diff <= 0 then return nil end
  return string.format(T("距目标还差 %s", "%s short of the target"), size(diff))
end

-- A target as the plan wrote it: a bare number with its unit (112亿元), any
-- other text (60以上, 4.2以内, 衔接国家规划目标) quoted as it stands.
local function target_words(r, ind)
  local text = r.target_text or ""
  local n = text:match("^%s*([%d%.]+)%s*$")
  if n and tonumber(n) and fmt.isnum(r.goal) then
    return T(" ", "") .. amount(r.goal, ind, #(n:match("%.(%d+)$") or ""))
  end
  return T("“", "'") .. text .. T("”", "'")
end

local function lagging(doc, ds, rows, year, time_share, final)
  local list = {}
  for _, r in ipairs(rows) do
    if LAG[r.verdict] or r.verdict == "missed" or r.verdict == "moving_away" then list[#list + 1] = r end
  end
  if #list == 0 then
    doc:paragraph(T("可评估指标中没有滞后或未实现的指标。", "No assessable indicator lags or missed its target."))
    return
  end
  sort_by_progress(list, false)
  for _, r in ipairs(list) do
    local ind = ds:indicator(r.indicator)
    local d = row_decimals(r, ind)
    local s = r.name .. (r.binding and T("（约束性）", " (binding)") or "") .. T("：", ": ")
    if final then
      s = s .. string.format(T("规划目标为%s，%d 年实际为 %s", "target %s, actual %s in %d"), target_words(r, ind),
        table.unpack(fmt.lang() == "en" and {amount(r.value, ind, d), year} or {year, amount(r.value, ind, d)}))
    else
      s = s .. string.format(T("%d 年为 %s，目标为%s", "%s in %d, target %s"),
        table.unpack(fmt.lang() == "en" and {amount(r.value, ind, d), year, target_words(r, ind)}
          or {year, amount(r.value, ind, d), target_words(r, ind)}))
    end
    local gap = gap_words(r, ind, d)
    if gap then s = s .. T("，", ", ") .. gap end
    if fmt.isnum(r.progress_share) then
      if r.verdict == "moving_away" or r.progress_share < 0 then
        s = s .. string.format(T("；较基期（%s）反向变动", "; it moved away from the base (%s)"), amount(r.base, ind, d))
      elseif not final then
        s = s .. string.format(T("；任务进度 %s，落后时间进度 %s 个百分点", "; progress %s, %s points behind time"),
          pct(r.progress_share), points(time_share - r.progress_share))
      else
        s = s .. string.format(T("；任务进度 %s", "; progress %s"), pct(r.progress_share))
      end
    end
    if fmt.isnum(r.actual_rate) then
      -- A level's growth from current-price figures includes inflation; the
      -- plan's rate is usually at comparable prices.  Say which is which,
      -- and give the comparable figure where the plan reported one.
      if r.nominal then
        s = s .. string.format(T("。按现价计算，%d 年以来年均%s", ". Since %d, at current prices, %s a year"),
          r.base_year or 0, rate_phrase(r, r.actual_rate))
        if fmt.isnum(r.reported_rate) then
          s = s .. string.format(T("（按可比价%s）", " (%s at comparable prices)"), rate_phrase(r, r.reported_rate))
        end
      else
        s = s .. string.format(T("。%d 年以来年均%s", ". Since %d, %s a year"), r.base_year or 0, rate_phrase(r, r.actual_rate))
      end
      if fmt.isnum(r.stated_rate) then
        s = s .. string.format(T("，规划年均%s", ", against %s planned"), rate_phrase(r, r.stated_rate, r.stated_compound))
      end
    end
    if not final and fmt.isnum(r.anticipated) then
      s = s .. string.format(T("；照此到 %d 年约为 %s", "; at that pace %s by %d"),
        table.unpack(fmt.lang() == "en" and {amount(r.anticipated, ind, d), r.target_year} or {r.target_year, amount(r.anticipated, ind, d)}))
    end
    if not final and fmt.isnum(r.required_rate) then
      s = s .. string.format(T("；完成目标需 %d—%d 年年均%s", "; the target needs %s a year in %d-%d"),
        table.unpack(fmt.lang() == "en" and {rate_phrase(r, r.required_rate), year + 1, r.target_year}
          or {year + 1, r.target_year, rate_phrase(r, r.required_rate)}))
      if fmt.isnum(r.actual_rate) and r.required_rate > r.actual_rate then
        -- Compound paces differ in percentage points; linear ones in their unit.
        local faster = r.compound and zb.growth.pace((r.required_rate - r.actual_rate) * 100, false, "%", "amount")
          or zb.growth.pace(r.required_rate - r.actual_rate, false, r.unit, "amount")
        s = s .. string.format(T("，比已实现的快 %s", ", %s faster than so far"), faster)
      end
    end
    doc:paragraph(s .. T("。", "."))
  end
end

local function next_steps(doc, rows, final)
  local c = rds.count_verdicts(rows)
  local lag = c.behind + c.off_track + c.moving_away + (final and c.missed or 0)
  local binding_bad = 0
  for _, r in ipairs(rows) do
    if r.binding and (LAG[r.verdict] or r.verdict == "missed" or r.verdict == "moving_away") then binding_bad = binding_bad + 1 end
  end
  local n = 0
  local function item(text)
    n = n + 1
    doc:paragraph(string.format("（%s）%s", ({"一", "二", "三", "四", "五"})[n] or tostring(n), text))
  end
  if lag > 0 then
    item(string.format(T("对上述 %d 项%s指标逐项分析原因，明确责任单位、措施和时间表%s。",
      "Analyse the %d %s indicators one by one, with who acts, how and by when%s."), lag,
      final and T("未实现或滞后", "missed or lagging") or T("滞后", "lagging"),
      binding_bad > 0 and T("；约束性指标须确保完成", "; binding indicators must be met") or ""))
  end
  if final then
    item(T("未实现的目标在下一规划期研究接续安排，规划目标与实际差距较大的，分析目标设定是否合理。",
           "Carry the missed targets into the next plan, and ask whether targets far from the outcome were set right."))
  elseif c.off_track > 0 then
    item(T("严重滞后、按现有速度难以完成的预期性指标，可按程序提出调整建议。",
           "Anticipatory indicators far behind may be proposed for adjustment, following the procedure."))
  end
  if c.not_assessable > 0 then
    item(string.format(T("%d 项指标无法量化评估，建议补充统计监测口径和数据来源。",
      "%d indicators cannot be assessed: add the statistics and sources they need."), c.not_assessable))
  end
  item(T("文中总量指标的增速由现价数值算出，为名义增速；规划增速目标多按可比价计算，建议以统计部门发布的可比价增速复核。",
         "Growth of levels here is nominal (current prices); plan growth is usually real: check against the statistics bureau's comparable-price growth."))
end

local function build(ds, opts)
  local region = rds.region(ds, opts)
  local year = opts.year or latest_year(ds, region.code, ds:targets{region = region.code})
  if not year then report.fail(T("地区 %s 没有任何观测值", "region %s has no figures"), region.code) end
  local plan = rds.plan(ds, region.code, opts, year)
  local rows = ds:progress{year = year, plan = plan.plan, region = region.code}
  -- Names in the language of the report (the dataset's English names with --lang en).
  for _, r in ipairs(rows) do r.name = rds.name(ds:indicator(r.indicator)) end
  if #rows == 0 then report.fail(T("规划 %s 没有地区 %s 的目标", "plan %s has no targets for %s"), plan.plan, region.code) end
  local time_share
  for _, r in ipairs(rows) do time_share = time_share or r.time_share end
  time_share = time_share or 0
  local final = time_share >= 1
  local doc = report.new{
    title = string.format(final and T("%s实施总结评估报告", "%s: final evaluation") or T("%s实施中期评估报告", "%s: mid-term evaluation"),
      plan.plan_name or plan.plan),
    subtitle = string.format(T("%s（%s）　评估年份 %d　时间进度 %s", "%s (%s), %d, %s of the period"),
      rds.name(region), region.code, year, pct(time_share)),
  }
  doc:heading(T("一、总体评价", "1. Overall"))
  overall(doc, plan, rows, year, time_share, final)
  doc:heading(T("二、进展较好的指标", "2. Indicators doing well"))
  good_ones(doc, ds, rows, year)
  doc:heading(final and T("三、未实现的指标及差距", "3. Missed targets and gaps") or T("三、滞后指标及差距", "3. Lagging indicators and gaps"))
  lagging(doc, ds, rows, year, time_share, final)
  doc:heading(T("四、下一步工作建议", "4. Next steps"))
  next_steps(doc, rows, final)

  doc:heading(T("附表　主要指标评估结果", "Annex: the indicators"))
  local trows, sources = {}, {}
  local targets = {}
  for _, t in ipairs(ds:targets{plan = plan.plan, region = region.code}) do targets[t.indicator] = t end
  for i, r in ipairs(rows) do
    local ind = ds:indicator(r.indicator)
    local t = targets[r.indicator] or {}
    if t.source then sources[#sources + 1] = t.source end
    trows[i] = {
      name = r.name, unit = r.unit or "", decimals = row_decimals(r, ind),
      target = rds.figure_cell(r.target_text, ind.decimals), target_year = r.target_year, value = r.value,
      progress = rds.share_cell(r.progress_share), actual = rds.rate_cell(r.actual_rate, r.compound, r.unit),
      attribute = rds.attribute_label(r.attribute), status = r.verdict,
    }
  end
  local columns = {
    {key = "name", label = T("指标", "Indicator")},
    {key = "unit", label = T("单位", "Unit"), brief = false},
  }
  for _, col in ipairs(rds.target_columns(plan, "target")) do columns[#columns + 1] = col end
  for _, col in ipairs{
    {key = "value", label = string.format(T("%d年", "%d"), year), type = "number", decimals = "decimals"},
    {key = "progress", label = T("任务进度", "Progress"), unit = "%", type = "number", decimals = 0},
    {key = "actual", label = T("已实现年均", "Pace so far"), type = "number", decimals = 2, brief = false, optional = true},
    {key = "attribute", label = T("属性", "Attribute"), brief = false},
    {key = "status", label = T("判断", "Verdict"), type = "status"},
  } do columns[#columns + 1] = col end
  doc:table{
    name = "evaluation", title = string.format(T("主要指标评估结果（%d年）", "Indicators (%d)"), year),
    summary = true, freeze_cols = 1, source = rds.sources(sources), rows = trows,
    columns = columns,
  }
  return doc
end

return {
  title = T("中期评估", "Mid-term evaluation"),
  description = T("规划实施中期（或期末）评估：由数据生成的评估文字——时间与任务进度、滞后指标及差距、约束性指标、下一步建议",
                  "mid-term (or final) evaluation written from the numbers: pace against time, gaps, binding indicators, next steps"),
  build = build,
}
