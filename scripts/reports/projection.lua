-- projection: 趋势外推 — where each indicator is heading on its recent
-- trend: the value expected in the plan's target year against the target,
-- and in 2035 (or --to), with growth scenarios for levels
-- (--param rates=5,7 for 5 % and 7 % a year).
--
--   zhibiao report projection --data datasets/qixingguan -o out/projection.html
--   zhibiao report projection --data DIR --to 2035 --param rates=4,6,8 -o out/p.xlsx
--
-- The trend is fitted in C (ds:project: log-linear for levels and
-- per-capita values, linear for rates, recent years weighed more with
-- --param half_life=); this script words and draws it.

local report = require "report"
local rds = require "report.ds"
local fmt = report.fmt
local T = report.T

local function parse_rates(text)
  local rates = {}
  for part in tostring(text):gmatch("[^,，%s]+") do
    local v = tonumber((part:gsub("%%$", "")))
    if not v or v <= -100 or v > 100 then
      report.fail(T("--param rates= 应为逗号分隔的年增速百分数（如 5,7），“%s”不是", "--param rates= takes percentages separated by commas (5,7), not '%s'"), part)
    end
    rates[#rates + 1] = v / 100
  end
  if #rates > 3 then report.fail(T("情景增速最多 3 个", "at most 3 scenario rates")) end
  return rates
end

-- Yearly points of the trend from the latest figure to the horizon.
local function trend_points(r)
  local pts = {{r.last_year, r.latest}}
  for y = r.last_year + 1, r.horizon do
    local v
    if r.compound then
      v = zb.growth.project_compound(r.latest, r.pace, y - r.last_year)
    else
      v = zb.growth.project_linear(r.latest, r.pace, y - r.last_year)
      if r.unit == "%" then v = math.max(0, math.min(100, v)) end
    end
    pts[#pts + 1] = {y, v}
  end
  return pts
end

local function build(ds, opts)
  local region = rds.region(ds, opts)
  local to = opts.to or 2035
  local params = opts.params or {}
  local rates = parse_rates(params.rates or "5,7")
  local half_life = params.half_life and tonumber(params.half_life)
  local rows, skipped = ds:project{to = to, rates = rates, region = region.code, half_life = half_life}
  for _, r in ipairs(rows) do r.name = rds.name(ds:indicator(r.indicator)) end
  if #rows == 0 then
    report.fail(T("地区 %s 没有两个以上年份的数值，定不出趋势", "region %s has no series with two or more years"), region.code)
  end
  local first, last = math.huge, -math.huge
  for _, r in ipairs(rows) do first, last = math.min(first, r.first_year), math.max(last, r.last_year) end

  local doc = report.new{
    title = string.format(T("%s主要指标趋势外推", "%s: indicator projections"), rds.name(region)),
    subtitle = string.format(T("依据 %d—%d 年数据，外推至 %d 年", "from the %d-%d figures, to %d"), first, last, to),
  }
  local meets, short, untargeted = {}, {}, 0
  for _, r in ipairs(rows) do
    if r.goal then
      if r.meets then meets[#meets + 1] = r else short[#short + 1] = r end
    else
      untargeted = untargeted + 1
    end
  end
  doc:figures{
    {label = T("外推指标", "Projected"), value = #rows, unit = T("项", "")},
    {label = fmt.status_word("meets"), value = #meets, unit = T("项", ""), status = "meets"},
    {label = fmt.status_word("falls_short"), value = #short, unit = T("项", ""), status = "falls_short"},
    {label = T("无目标值", "No target"), value = untargeted, unit = T("项", "")},
    {label = T("数据不足", "Too few figures"), value = #skipped, unit = T("项", "")},
  }

  doc:heading(T("一、趋势判断", "1. Where the trends lead"))
  local target_year
  for _, r in ipairs(rows) do target_year = target_year or r.target_year end
  if #meets + #short > 0 then
    local names = {}
    for _, r in ipairs(short) do
      local ind = ds:indicator(r.indicator)
      names[#names + 1] = string.format(T("%s（预计 %s，目标 %s）", "%s (%s expected, target %s)"), r.name,
        fmt.number(r.at_target_year, ind.decimals), r.target_text or fmt.number(r.goal, ind.decimals))
    end
    doc:paragraph(string.format(T(
      "按 %d—%d 年的趋势外推，有规划目标的 %d 项指标中，%d 项到目标年份可以达到目标，%d 项难以达到%s",
      "On the %d-%d trend, of the %d indicators with a target %d reach it by the target year and %d fall short%s"),
      first, last, #meets + #short, #meets, #short,
      #short > 0 and (T("：", ": ") .. table.concat(names, T("；", "; ")) .. T("。", ".")) or T("。", ".")))
  end
  local gdp
  for _, r in ipairs(rows) do if r.indicator == "gdp" then gdp = r end end
  if gdp then
    local parts = {}
    for _, s in ipairs(gdp.scenarios or {}) do
      parts[#parts + 1] = string.format(T("年均增长 %s%% 时约 %s 亿元", "%s%% a year gives %s"), fmt.number(s.rate * 100, 0), fmt.number(s.value, 2))
    end
    doc:paragraph(string.format(T(
      "到 %d 年，地区生产总值按趋势（年均 %s，现价）约 %s 亿元%s。",
      "By %d the trend (%s a year, current prices) puts GDP at %s%s."),
      to, rds.rate_cell(gdp.pace, true).text, fmt.number(gdp.at_horizon, 2),
      #parts > 0 and (T("；", "; ") .. table.concat(parts, T("，", ", "))) or ""))
  end

  doc:heading(T("二、外推结果", "2. Projections"))
  local trows, scenario_cols = {}, {}
  for k, rate in ipairs(rates) do
    scenario_cols[k] = {key = "s" .. k, label = string.format(T("%d年（年均%s%%）", "%d at %s%%"), to, fmt.number(rate * 100, 0)),
                        type = "number", decimals = "decimals", brief = false, optional = true}
  end
  for i, r in ipairs(rows) do
    local ind = ds:indicator(r.indicator)
    local row = {
      name = r.name, unit = r.unit or "", decimals = ind.decimals,
      latest = {value = r.latest, text = fmt.number(r.latest, ind.decimals) .. (r.last_year ~= last and string.format("（%d）", r.last_year) or "")},
      pace = rds.rate_cell(r.pace, r.compound, r.unit), target = rds.figure_cell(r.target_text, ind.decimals),
      at_target = r.goal and r.at_target_year or nil, status = r.goal and (r.meets and "meets" or "falls_short") or nil,
      horizon = r.at_horizon,
    }
    -- Growth scenarios are for money: the levels measured in current
    -- prices (GDP, value added, revenue, income), not for land or beds.
    if r.nominal then
      for k, s in ipairs(r.scenarios or {}) do row["s" .. k] = s.value end
    end
    trows[i] = row
  end
  local columns = {
    {key = "name", label = T("指标", "Indicator")},
    {key = "unit", label = T("单位", "Unit"), brief = false},
    {key = "latest", label = string.format(T("%d年", "%d"), last), type = "number", decimals = "decimals"},
    {key = "pace", label = T("趋势年均", "Trend a year"), type = "number", decimals = 2},
    {key = "target", label = target_year and string.format(T("%d年目标", "%d target"), target_year) or T("目标", "Target"), align = "center"},
    {key = "at_target", label = target_year and string.format(T("%d年预计", "%d expected"), target_year) or T("目标年预计", "Expected"),
     type = "number", decimals = "decimals"},
    {key = "status", label = T("判断", "Verdict"), type = "status"},
    {key = "horizon", label = string.format(T("%d年预计", "%d expected"), to), type = "number", decimals = "decimals"},
  }
  for _, c in ipairs(scenario_cols) do columns[#columns + 1] = c end
  doc:table{name = "projection", title = doc.meta.title, columns = columns, rows = trows, summary = true, freeze_cols = 1}
  doc:note(T("趋势：总量与人均指标按对数线性拟合（复合增长），比率类指标按线性拟合（每年的变动量，% 的指标为百分点），以百分比计的指标限于 0—100%。由现价数值外推的增速为名义增速。情景：从最新值按所给年增速复合增长（只对以元计的总量与人均指标）。",
             "Trend: log-linear for levels and per-capita values (compound), linear for rates (a change a year; points for %), shares held within 0-100 %. Paces from current prices are nominal. Scenarios: compound growth from the latest figure (money-valued levels and per-capita values only)."))

  -- Fast series run away when carried 10 or 15 years: say so.
  local fast = {}
  for _, r in ipairs(rows) do
    if r.compound and fmt.isnum(r.pace) and math.abs(r.pace) >= 0.2 then
      fast[#fast + 1] = string.format(T("%s（年均 %s）", "%s (%s a year)"), r.name, rds.rate_cell(r.pace, true).text)
    end
  end
  if #fast > 0 then
    doc:note(string.format(T("外推年份离数据越远越不可靠。%s增长过快，外推到 %d 年的数值仅说明趋势不可持续，不宜作为预测。",
      "The further from the data, the less a trend says. %s grow too fast: their %d values only show that the trend cannot last."),
      table.concat(fast, T("、", ", ")), to))
  end

  local panels = {}
  for _, r in ipairs(rows) do
    if #panels < 6 and r.goal then
      local ind = ds:indicator(r.indicator)
      panels[#panels + 1] = {
        title = r.name, unit = r.unit, decimals = ind.decimals, actual = rds.history(ds, region.code, r.indicator),
        path = trend_points(r), target = {year = r.target_year, value = r.goal, text = r.target_text},
        status = r.meets and "meets" or "falls_short",
      }
    end
  end
  if #panels > 0 then
    doc:chart{kind = "path", title = string.format(T("实际值与趋势外推（至%d年）", "Actual values and the trend (to %d)"), to),
              panels = panels, columns = 3, path_label = T("趋势外推", "trend")}
  end
  if #skipped > 0 then
    doc:heading(T("三、未能外推的指标", "3. Not projected"))
    local names = {}
    for _, s in ipairs(skipped) do names[#names + 1] = rds.name(ds:indicator(s.indicator)) end
    doc:paragraph(string.format(T("以下 %d 项指标只有一个年份的数值或无法拟合，未作外推：%s。",
      "%d indicators have a single year of figures or cannot be fitted: %s."), #skipped, table.concat(names, T("、", ", "))))
  end
  return doc
end

return {
  title = T("趋势外推", "Projection"),
  description = T("按近年趋势外推到规划目标年和 2035 年，对照目标，附增速情景（--param rates=5,7）",
                  "trend to the target year and 2035 against the targets, with growth scenarios"),
  params = {
    rates = T("货币类总量的情景增速（%），逗号分隔，缺省 5,7", "scenario growth rates in %, comma-separated (default 5,7)"),
    half_life = T("近年加权的半衰期（年）", "half-life in years for weighting recent years"),
  },
  build = build,
}
