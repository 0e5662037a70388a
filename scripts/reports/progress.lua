-- progress: 规划实施监测 — a plan's main indicators in a monitoring year:
-- base, target, latest value, progress share against time share, the pace
-- so far, the pace now required, the planned pace, and a verdict for each;
-- charts of progress and of the actual values against the target path; the
-- indicators that need attention; and, when the plan has ended, the targets
-- of the plan that follows checked for consistency.
--
--   zhibiao report progress --data datasets/qixingguan -o out/progress.html
--   zhibiao report progress --data DIR --region 520502 --year 2023 --plan qxg-14fyp -o out/p.xlsx
--
-- The arithmetic is the C of `zhibiao progress` (ds:progress); this script
-- chooses, orders and words it.

local report = require "report"
local rds = require "report.ds"
local fmt = report.fmt
local T = report.T

-- The last year with a figure for any of the region's targets.
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

local function pct(x) return fmt.number(x * 100, 0) .. "%" end

local BAD = {behind = true, off_track = true, moving_away = true, missed = true}

local function overview(doc, plan, rows, year, time_share)
  local c = rds.count_verdicts(rows)
  local assessed = #rows - c.not_assessable
  local parts = {}
  for _, v in ipairs{"achieved", "on_track", "behind", "off_track", "moving_away", "missed"} do
    if c[v] > 0 then parts[#parts + 1] = string.format(T("%s %d 项", "%s %d"), fmt.status_word(v), c[v]) end
  end
  local binding, binding_bad = 0, {}
  for _, r in ipairs(rows) do
    if r.binding then
      binding = binding + 1
      if BAD[r.verdict] then binding_bad[#binding_bad + 1] = r.name end
    end
  end
  -- A plan with several target years sets more targets than indicators.
  local nind = rds.count_indicators(rows)
  local sets = nind == #rows and string.format(T("共设主要指标 %d 项", "sets %d main indicators"), #rows)
    or string.format(T("共设主要指标 %d 项、目标 %d 个（各目标年分别评估）", "sets %d main indicators with %d targets (each target year assessed)"), nind, #rows)
  local text = string.format(T(
    "%s（%s）%s。按 %d 年数据监测，时间进度 %s，可评估的 %d 项中：%s；另有 %d 项无法评估（文字表述的目标、未设目标值或缺少数据）。",
    "%s (%s) %s. Monitored with the %d figures, at %s of the plan period, %d can be assessed: %s; %d cannot (targets in words, no target value, or no data)."),
    plan.plan_name or plan.plan, rds.period(plan), sets, year, pct(time_share), assessed,
    #parts > 0 and table.concat(parts, T("，", ", ")) or T("无", "none"), c.not_assessable)
  if binding > 0 then
    if #binding_bad == 0 then
      text = text .. string.format(T("约束性指标 %d 项，均未发现未达进度的情况。", " Of the %d binding indicators none is short of its pace."), binding)
    else
      text = text .. string.format(T("约束性指标 %d 项，其中%s未达进度，须重点关注。",
        " Of the %d binding indicators, %s fall short and need attention."), binding, rds.name_list(binding_bad))
    end
  end
  doc:paragraph(text)
end

local function attention(doc, rows, ds, year)
  local list = {}
  for _, r in ipairs(rows) do
    if BAD[r.verdict] then list[#list + 1] = r end
  end
  -- Binding first, then by how far behind: the smallest progress share first.
  table.sort(list, function(a, b)
    if a.binding ~= b.binding then return a.binding end
    local pa, pb = a.progress_share or -math.huge, b.progress_share or -math.huge
    if pa ~= pb then return pa < pb end
    return a.name < b.name
  end)
  if #list == 0 then
    doc:paragraph(T("可评估的指标均已实现或进度正常。", "Every assessable indicator is achieved or on track."))
    return
  end
  for _, r in ipairs(list) do
    local ind = ds:indicator(r.indicator)
    local unit = r.unit or ""
    local s = string.format(T("%s%s：%d 年 %s%s，目标为“%s”", "%s%s: %s%s in %d, target '%s'"),
      r.name, r.binding and T("（约束性）", " (binding)") or "",
      table.unpack(fmt.lang() == "en"
        and {fmt.number(r.value, rds.decimals_of(r.value, ind.decimals)), unit ~= "" and (" " .. unit) or "", year, r.target_text or ""}
        or {year, fmt.number(r.value, rds.decimals_of(r.value, ind.decimals)), unit, r.target_text or ""}))
    -- The reason from C may already give the progress share.
    if fmt.isnum(r.progress_share) and not (r.reason or ""):find(T("任务进度", "progress"), 1, true) then
      s = s .. string.format(T("，任务进度 %s（时间进度 %s）", ", progress %s against time %s"), pct(r.progress_share), pct(r.time_share))
    end
    local actual = rds.rate_cell(r.actual_rate, r.compound, r.unit)
    local required = rds.rate_cell(r.required_rate, r.compound, r.unit)
    if actual then s = s .. string.format(T("；已实现年均 %s", "; pace so far %s"), actual.text) end
    if required then s = s .. string.format(T("，尚需年均 %s", ", pace needed %s"), required.text) end
    -- A new sentence starts with the verdict: "。未实现：…" / ". Missed: …".
    local word = fmt.status_word(r.verdict)
    if fmt.lang() == "en" then word = word:sub(1, 1):upper() .. word:sub(2) end
    s = s .. T("。", ". ") .. word .. T("：", ": ") .. (r.reason or "") .. T("。", ".")
    doc:paragraph(s)
  end
end

local function next_plan_section(doc, ds, region, plan, year)
  local nxt
  for _, p in ipairs(rds.plans(ds, region.code)) do
    if p.plan ~= plan.plan and p.base_year == year then nxt = p end
  end
  if not nxt then return false end
  local rows = ds:consistency{plan = nxt.plan, region = region.code}
  if #rows == 0 then return false end
  doc:heading(string.format(T("五、%s目标的增速核对", "5. The targets of %s: growth check"), nxt.plan_name or nxt.plan))
  local bad, trows, sources = {}, {}, {}
  local texts = {}
  for _, t in ipairs(ds:targets{plan = nxt.plan, region = region.code}) do texts[t.indicator] = t end
  for i, c in ipairs(rows) do
    local ind = ds:indicator(c.indicator)
    local t = texts[c.indicator] or {}
    if t.source then sources[#sources + 1] = t.source end
    trows[i] = {
      name = rds.name(ind), unit = ind.unit or "", base = c.base, decimals = ind.decimals, goal = rds.figure_cell(t.target_text, ind.decimals),
      implied = rds.rate_cell(c.implied, c.compound, c.unit), stated = rds.rate_cell(c.stated, c.compound, c.unit),
      status = c.consistent and "consistent" or "inconsistent",
    }
    if not c.consistent then
      bad[#bad + 1] = string.format(T("%s（目标所需 %s，规划 %s）", "%s (needs %s, planned %s)"), rds.name(ind),
        trows[i].implied and trows[i].implied.text or "—", trows[i].stated and trows[i].stated.text or "—")
    end
  end
  doc:paragraph(string.format(T(
    "%s以 %d 年为基期。基期值、目标值与规划年均增速俱全的 %d 项中，%s",
    "%s starts from %d. Of the %d targets with base, target and planned growth, %s"),
    nxt.plan_name or nxt.plan, year, #rows,
    #bad == 0 and T("目标值与年均增速相互一致。", "target and growth agree.")
      or string.format(T("%d 项目标值与年均增速不一致：%s。", "%d do not agree: %s."), #bad, table.concat(bad, T("；", "; ")))))
  doc:table{
    name = "next_plan", title = string.format(T("%s目标与年均增速", "%s: targets and growth"), nxt.plan_name or nxt.plan),
    columns = {
      {key = "name", label = T("指标", "Indicator")},
      {key = "unit", label = T("单位", "Unit")},
      {key = "base", label = string.format(T("%d年", "%d"), year), type = "number", decimals = "decimals"},
      {key = "goal", label = string.format(T("%d年目标", "%d target"), nxt.target_year), align = "center"},
      {key = "implied", label = T("目标所需年均", "Growth the target needs"), type = "number", decimals = 2},
      {key = "stated", label = T("规划年均", "Planned growth"), type = "number", decimals = 2},
      {key = "status", label = T("判断", "Verdict"), type = "status"},
    },
    rows = trows, source = rds.sources(sources),
  }
  doc:note(T("目标所需年均：由基期值与目标值推算；总量按复合增长（%），比率按每年的变动量（% 的指标为百分点“点”，其他指标为其单位）。差距在 0.5 个百分点以内视为一致。",
             "Growth the target needs: from base and target; compound for levels (%), a change a year for rates (points for %, else the unit). Within 0.5 points counts as agreeing."))
  return true
end

local function build(ds, opts)
  local region = rds.region(ds, opts)
  local all_targets = ds:targets{region = region.code}
  local year = opts.year or latest_year(ds, region.code, all_targets)
  if not year then report.fail(T("地区 %s 没有任何观测值，无法监测", "region %s has no figures to monitor"), region.code) end
  local plan = rds.plan(ds, region.code, opts, year)
  local rows = ds:progress{year = year, plan = plan.plan, region = region.code}
  -- Names in the language of the report (the dataset's English names with --lang en).
  for _, r in ipairs(rows) do r.name = rds.name(ds:indicator(r.indicator)) end
  if #rows == 0 then report.fail(T("规划 %s 没有地区 %s 的目标", "plan %s has no targets for %s"), plan.plan, region.code) end
  local targets = {}
  for _, t in ipairs(ds:targets{plan = plan.plan, region = region.code}) do targets[t.indicator] = t end
  local time_share
  for _, r in ipairs(rows) do time_share = time_share or r.time_share end
  time_share = time_share or (plan.base_year and (year - plan.base_year) / (plan.target_year - plan.base_year)) or 0

  local doc = report.new{
    title = string.format(T("%s实施监测报告", "%s: implementation monitoring"), plan.plan_name or plan.plan),
    subtitle = string.format(T("%s（%s）　监测年份 %d　时间进度 %s", "%s (%s), monitoring year %d, %s of the period"),
      rds.name(region), region.code, year, pct(time_share)),
  }
  local c = rds.count_verdicts(rows)
  doc:figures{
    {label = rds.count_indicators(rows) == #rows and T("主要指标", "Indicators") or T("评估目标", "Targets"),
     value = #rows, unit = T("项", "")},
    {label = fmt.status_word("achieved"), value = c.achieved, unit = T("项", ""), status = "achieved"},
    {label = fmt.status_word("on_track"), value = c.on_track, unit = T("项", ""), status = "on_track"},
    {label = T("滞后", "Behind"), value = c.behind + c.off_track, unit = T("项", ""), status = "behind"},
    {label = T("未实现或反向", "Missed or away"), value = c.missed + c.moving_away, unit = T("项", ""), status = "missed"},
    {label = fmt.status_word("not_assessable"), value = c.not_assessable, unit = T("项", ""), status = "not_assessable"},
  }

  doc:heading(T("一、总体情况", "1. Overview"))
  overview(doc, plan, rows, year, time_share)

  doc:heading(T("二、主要指标监测表", "2. Indicators"))
  local trows, sources = {}, {}
  for i, r in ipairs(rows) do
    local ind = ds:indicator(r.indicator)
    local t = targets[r.indicator] or {}
    local base = r.base
    if t.base_corrected then base = {value = r.base, note = t.note} end
    if t.source then sources[#sources + 1] = t.source end
    trows[i] = {
      -- The indicator's decimals, or more when a figure was entered with
      -- more (57.2 of a rate with 0 decimals is not shown as 57).
      no = i, category = ind.category or "", name = r.name, unit = r.unit or "",
      decimals = math.max(rds.decimals_of(r.value, ind.decimals), rds.decimals_of(r.base, ind.decimals)),
      base = base, target = rds.figure_cell(r.target_text, ind.decimals), target_year = r.target_year, value = r.value,
      progress = rds.share_cell(r.progress_share),
      actual = rds.rate_cell(r.actual_rate, r.compound, r.unit), required = rds.rate_cell(r.required_rate, r.compound, r.unit),
      -- Said in its own column so that a CSV or workbook, without the note
      -- under the table, still tells a current-price pace from a real one.
      basis = fmt.isnum(r.actual_rate) and r.nominal and T("名义", "nominal") or "",
      stated = rds.rate_cell(r.stated_rate, r.stated_compound, r.unit),
      attribute = rds.attribute_label(r.attribute), status = r.verdict,
    }
  end
  -- Group rows by category only when each category is one run of rows (the
  -- categories of an indicator may come from another plan's table).
  local contiguous, seen, last = true, {}, nil
  for _, r in ipairs(trows) do
    if r.category ~= last then
      if seen[r.category] then contiguous = false end
      seen[r.category], last = true, r.category
    end
  end
  local columns = {
      {key = "no", label = T("序号", "No."), type = "integer", brief = false},
      {key = "name", label = T("指标", "Indicator")},
      {key = "unit", label = T("单位", "Unit"), brief = false},
      {key = "base", label = plan.base_year and string.format(T("%d年", "%d"), plan.base_year) or T("基期值", "Base"),
       type = "number", decimals = "decimals", brief = false},
      {key = "value", label = string.format(T("%d年", "%d"), year), type = "number", decimals = "decimals"},
      {key = "progress", label = T("任务进度", "Progress"), unit = "%", type = "number", decimals = 0},
      {key = "actual", label = T("已实现年均", "Pace so far"), type = "number", decimals = 2, brief = false, optional = true},
      {key = "basis", label = T("口径", "Basis"), brief = false, optional = true},
      {key = "required", label = T("尚需年均", "Pace needed"), type = "number", decimals = 2, brief = false, optional = true},
      {key = "stated", label = T("规划年均", "Planned pace"), type = "number", decimals = 2, brief = false, optional = true},
      {key = "attribute", label = T("属性", "Attribute"), brief = false},
      {key = "status", label = T("判断", "Verdict"), type = "status"},
  }
  for k, col in ipairs(rds.target_columns(plan, "target")) do table.insert(columns, 4 + k, col) end
  if contiguous then table.insert(columns, 2, {key = "category", label = T("类别", "Category")}) end
  doc:table{
    name = "progress", title = string.format(T("%s主要指标监测表（%d年）", "%s: indicators in %d"), rds.name(region), year),
    group = contiguous and "category" or nil, summary = true, freeze_cols = contiguous and 3 or 2,
    source = rds.sources(sources), columns = columns, rows = trows,
  }
  doc:note(string.format(T(
    "时间进度 =（监测年 − 基期年）÷（目标年 − 基期年）= %s；任务进度 =（监测值 − 基期值）÷（目标值 − 基期值）。年均增速：总量与人均指标按复合增长（%%），比率类指标按每年的变动量（%% 的指标为百分点“点”，其他指标为其单位，如 人/亿元/年）。总量指标的已实现增速由现价数值算出，为名义增速，规划增速一般为可比价增速。",
    "Time share = (year - base year) / (target year - base year) = %s; progress share = (value - base) / (target - base). Paces: compound for levels and per-capita values (%%), a change a year for rates (points for %%, else the unit a year). Paces of levels come from current prices (nominal); plan growth is usually real."),
    pct(time_share)))

  -- Charts: progress of every indicator with a share; the actual values
  -- against the target path for the first indicators with both.
  local items, panels = {}, {}
  for _, r in ipairs(rows) do
    if fmt.isnum(r.progress_share) then
      items[#items + 1] = {label = r.name, progress = r.progress_share, time = r.time_share, status = r.verdict}
    end
    if #panels < 6 and fmt.isnum(r.base) and fmt.isnum(r.goal) and fmt.isnum(r.value) and r.base_year then
      local ind = ds:indicator(r.indicator)
      panels[#panels + 1] = {
        title = r.name, unit = r.unit, decimals = ind.decimals, actual = rds.history(ds, region.code, r.indicator),
        from = {r.base_year, r.base}, to = {r.target_year, r.goal}, compound = r.compound,
        target = {year = r.target_year, value = r.goal, text = r.target_text}, status = r.verdict,
      }
    end
  end
  doc:heading(T("三、进度与走势", "3. Progress and paths"))
  if #items > 0 then
    doc:chart{kind = "progress", title = string.format(T("任务进度与时间进度（%d年）", "Progress against time (%d)"), year), items = items}
  end
  if #panels > 0 then
    doc:chart{kind = "path", title = T("实际值与目标路径", "Actual values and the target path"), panels = panels, columns = 3}
  end
  doc:heading(T("四、需要关注的指标", "4. Indicators that need attention"))
  attention(doc, rows, ds, year)

  next_plan_section(doc, ds, region, plan, year)
  return doc
end

return {
  title = T("规划实施监测", "Plan monitoring"),
  description = T("监测年份各指标的任务进度与时间进度、已实现与尚需增速、判断，附进度图与走势图",
                  "progress against time, pace so far and needed, verdicts, with charts"),
  build = build,
}
