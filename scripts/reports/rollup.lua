-- rollup: 汇总 — a city's (or province's) figures made from its counties:
-- the rolled-up value against the city's own reported one (数据打架), the
-- coverage (which counties had a figure), each county's contribution and
-- share, and each county's path against the city's.
--
--   zhibiao report rollup --data datasets/bijie-synthetic -o out/rollup.html
--   zhibiao report rollup --data DIR --region 520500 --year 2021 --param indicator=urbanization_rate
--
-- The rollup is C (ds:rollup, the rules of `zhibiao rollup`); this script
-- lays it out.  Synthetic data says so on the first page.

local report = require "report"
local rds = require "report.ds"
local fmt = report.fmt
local T = report.T

local RULES = {
  sum = T("各下级之和", "sum of the children"),
  ratio = T("分子之和 ÷ 分母之和", "ratio of sums"),
  wmean = T("加权平均", "weighted mean"),
  growth = T("按上年总量加权的增速", "growth weighted by last year's levels"),
  structure = T("各组成部分之和的构成", "shares of summed components"),
  min = T("下级最小值", "minimum"), max = T("下级最大值", "maximum"),
}

local function rule_words(agg)
  local name = tostring(agg or ""):match("^(%a+)")
  return RULES[name] or tostring(agg or "")
end

-- The region to roll up to: --region, else the top region with children.
local function parent_region(ds, opts)
  if opts.region then
    local r = ds:region(opts.region)
    if not r then report.fail(T("数据集中没有地区代码“%s”", "the dataset has no region '%s'"), opts.region) end
    if (r.children or 0) == 0 then
      report.fail(T("地区 %s（%s）没有下级地区，无从汇总", "region %s (%s) has no children to roll up"), r.code, r.name)
    end
    return r
  end
  for _, r in ipairs(ds:regions()) do
    if (r.children or 0) > 0 and (not r.parent or not ds:region(r.parent)) then return r end
  end
  report.fail(T("数据集中没有带下级的地区", "the dataset has no region with children"))
end

local function is_synthetic(ds, rv, children, cells)
  for _, c in ipairs(cells) do
    for _, ch in ipairs(children) do
      local o = rv:observation(ch.code, c.indicator, c.year)
      if o and o.source and o.source:find("synthetic", 1, true) then return o.source end
    end
  end
  return nil
end

local function status_of(c)
  if c.partial then return "partial" end
  if c.origin == "none" then return "missing" end
  if fmt.isnum(c.reported) and fmt.isnum(c.computed) then
    if c.gap_rel and math.abs(c.gap_rel) >= 0.01 then return "gap" end
    return "match"
  end
  return "complete"
end

local function build(ds, opts)
  local region = parent_region(ds, opts)
  local rv, why = ds:rollup{}
  if not rv then report.fail("%s", why) end
  local cells = rv:rollup_cells{region = region.code}
  if #cells == 0 then report.fail(T("地区 %s 没有可汇总的数据", "nothing to roll up for %s"), region.code) end
  local children = ds:children(region.code)
  local synthetic = is_synthetic(ds, rv, children, cells)

  -- The year of the contributions: --year, else the year with the most
  -- indicators rolled up (the latest of equals).
  local year = opts.year
  if not year then
    local per = {}
    for _, c in ipairs(cells) do if c.n > 0 then per[c.year] = (per[c.year] or 0) + 1 end end
    for y, k in pairs(per) do
      if not year or k > per[year] or (k == per[year] and y > year) then year = y end
    end
  end

  local first, last = math.huge, -math.huge
  for _, c in ipairs(cells) do first, last = math.min(first, c.year), math.max(last, c.year) end
  local doc = report.new{
    title = string.format(T("%s主要指标汇总报告", "%s: figures rolled up from its counties"), rds.name(region)),
    subtitle = string.format(T("%s（%s）　%d—%d年　下级单元 %d 个", "%s (%s), %d-%d, %d units below it"),
      rds.name(region), region.code, first, last, #children),
  }
  if synthetic then
    doc:paragraph(string.format(T(
      "说明：本报告所用的县（区）数据是合成数据（%s 生成），只用于演示汇总方法，不是统计数据，不得引用；%s自身的上报值取自种子文件。",
      "Note: the county figures in this report are synthetic (made by %s) to show how rollup works; they are not statistics and must not be cited. %s's own figures come from the seed documents."),
      synthetic:gsub("^synthetic:%s*", ""), rds.name(region)))
  end

  local counts = setmetatable({}, {__index = function() return 0 end})
  for _, c in ipairs(cells) do counts[status_of(c)] = counts[status_of(c)] + 1 end
  doc:figures{
    {label = T("汇总项", "Cells"), value = #cells, unit = T("项", "")},
    {label = T("与上报值相符", "Agree"), value = counts.match, unit = T("项", ""), status = "match"},
    {label = T("与上报值不一致", "Differ"), value = counts.gap, unit = T("项", ""), status = "gap"},
    {label = T("下级数据不全", "Partial"), value = counts.partial, unit = T("项", ""), status = "partial"},
    {label = T("无上报值可比", "No reported figure"), value = counts.complete, unit = T("项", "")},
  }

  doc:heading(T("一、汇总值与上报值", "1. Rolled up and reported"))
  local rows, gaps, partials = {}, {}, {}
  for i, c in ipairs(cells) do
    local ind = ds:indicator(c.indicator)
    local st = status_of(c)
    local is_pct = ind.unit == "%"
    rows[i] = {
      name = rds.name(ind), year = c.year, unit = ind.unit or "", decimals = ind.decimals,
      rule = rule_words(ind.aggregation), computed = c.computed, reported = c.reported,
      gap = fmt.isnum(c.gap) and {value = c.gap, text = fmt.number(c.gap, is_pct and 2 or ind.decimals) .. (is_pct and T("点", " pt") or "")} or nil,
      rel = fmt.isnum(c.gap_rel) and c.gap_rel * 100 or nil,
      coverage = string.format("%d/%d", c.n, c.total), status = st,
    }
    if st == "gap" then gaps[#gaps + 1] = {c = c, ind = ind} end
    if st == "partial" then partials[#partials + 1] = {c = c, ind = ind} end
  end
  doc:table{
    name = "rollup", title = string.format(T("%s汇总值与上报值对照", "%s: rolled up against reported"), rds.name(region)),
    summary = true, freeze_cols = 2, rows = rows,
    columns = {
      {key = "name", label = T("指标", "Indicator")},
      {key = "year", label = T("年份", "Year"), type = "integer"},
      {key = "unit", label = T("单位", "Unit")},
      {key = "rule", label = T("汇总方法", "Rule"), brief = false},
      {key = "computed", label = T("汇总值", "Rolled up"), type = "number", decimals = "decimals"},
      {key = "reported", label = T("上报值", "Reported"), type = "number", decimals = "decimals"},
      {key = "gap", label = T("差值", "Gap"), type = "number", decimals = 2, brief = false},
      {key = "rel", label = T("相对差", "Relative gap"), unit = "%", type = "number", decimals = 2},
      {key = "coverage", label = T("覆盖", "Coverage"), align = "center"},
      {key = "status", label = T("判断", "Verdict"), type = "status"},
    },
  }
  doc:note(T("差值 = 汇总值 − 上报值；相对差 = 差值 ÷ 上报值。相对差在 1% 以上判为不一致。覆盖 = 有数据的下级单元数/下级单元总数；下级不全时汇总值偏小，不与上报值比较。",
             "Gap = rolled up - reported; relative gap = gap / reported; 1 % or more differs. Coverage = units with a figure / units; a partial sum is not compared."))

  doc:heading(T("二、数据差异与缺漏", "2. Differences and gaps in the data"))
  if #gaps == 0 and #partials == 0 then
    doc:paragraph(T("各项汇总值与上报值相符，下级数据齐全。", "Every rolled-up figure agrees with the reported one; no unit is missing."))
  end
  for _, g in ipairs(gaps) do
    local c, ind = g.c, g.ind
    local pct_unit = ind.unit == "%"
    doc:paragraph(string.format(T(
      "%d 年%s：各下级汇总为 %s%s，%s上报 %s%s，相差 %s%s（%s%%），须核实口径或数据。",
      "%d, %s: the units add up to %s%s, %s reports %s%s, a gap of %s%s (%s%%): check definitions or figures."),
      c.year, rds.name(ind), fmt.number(c.computed, ind.decimals + 1), ind.unit or "", rds.name(region),
      fmt.number(c.reported, ind.decimals), ind.unit or "", fmt.number(c.gap, 2),
      pct_unit and T(" 个百分点", " points") or (ind.unit or ""), fmt.number(c.gap_rel * 100, 2)))
  end
  for _, p in ipairs(partials) do
    local c, ind = p.c, p.ind
    local names = {}
    for _, code in ipairs(c.missing or {}) do
      local r = ds:region(code)
      names[#names + 1] = r and rds.name(r) or code
    end
    local a, b = c.total, c.n
    if fmt.lang() == "en" then a, b = c.n, c.total end
    doc:paragraph(string.format(T(
      "%d 年%s：%s缺数据，汇总只含 %d 个单元中的 %d 个（%s %s%s），不全。",
      "%d, %s: no figure from %s; the sum covers %d of %d units (%s %s%s) and is partial."),
      c.year, rds.name(ind), table.concat(names, T("、", ", ")), a, b,
      T("部分汇总", "partial sum"), fmt.number(c.computed, ind.decimals), ind.unit or ""))
  end

  -- Contributions in one year: every child's figure of every indicator
  -- rolled up that year, with its share of the total where the rule is a sum.
  doc:heading(string.format(T("三、各县（区）贡献（%d年）", "3. What each unit contributes (%d)"), year))
  -- Growth rates are not contributions: they stay in the first table.
  local inds, seen = {}, {}
  for _, c in ipairs(cells) do
    local ind = ds:indicator(c.indicator)
    if c.year == year and not seen[c.indicator] and ind.kind ~= "growth" then
      seen[c.indicator] = c
      inds[#inds + 1] = ind
    end
  end
  local crows = {}
  for i, ch in ipairs(children) do
    local row = {name = rds.name(ch) .. (ch.level == "zone" and T("（功能区）", " (zone)") or "")}
    for _, ind in ipairs(inds) do
      local v = rv:value(ch.code, ind.code, year)
      row[ind.code] = v
      row[ind.code .. "_d"] = ind.decimals
      local total = seen[ind.code].computed
      if ind.aggregation == "sum" and fmt.isnum(v) and fmt.isnum(total) and total ~= 0 then
        row[ind.code .. "_share"] = v / total * 100
      end
    end
    crows[i] = row
  end
  local ccols = {{key = "name", label = T("地区", "Unit")}}
  for _, ind in ipairs(inds) do
    ccols[#ccols + 1] = {key = ind.code, label = rds.name(ind), unit = ind.unit, type = "number", decimals = ind.code .. "_d"}
    if ind.aggregation == "sum" then
      ccols[#ccols + 1] = {key = ind.code .. "_share", label = T("占比", "Share"), unit = "%", type = "number", decimals = 1, brief = false}
    end
  end
  local total_row = {name = string.format(T("%s（汇总）", "%s (rolled up)"), rds.name(region))}
  for _, ind in ipairs(inds) do
    total_row[ind.code] = seen[ind.code].computed
    total_row[ind.code .. "_d"] = ind.decimals
    if ind.aggregation == "sum" then total_row[ind.code .. "_share"] = 100 end
  end
  crows[#crows + 1] = total_row
  doc:table{name = "contributions", title = string.format(T("各县（区）%d年主要指标", "The units in %d"), year),
            columns = ccols, rows = crows, freeze_cols = 1}

  -- A bar per unit for the first summed indicator, largest first.
  local lead
  for _, ind in ipairs(inds) do if not lead and ind.aggregation == "sum" then lead = ind end end
  if lead then
    local items = {}
    for _, ch in ipairs(children) do
      local v = rv:value(ch.code, lead.code, year)
      if fmt.isnum(v) then
        local share = seen[lead.code].computed and v / seen[lead.code].computed * 100
        items[#items + 1] = {label = rds.name(ch), value = v,
                             text = fmt.number(v, lead.decimals) .. (share and string.format("（%s%%）", fmt.number(share, 1)) or "")}
      end
    end
    table.sort(items, function(a, b) return a.value > b.value end)
    doc:chart{kind = "bars", title = string.format(T("各县（区）%d年%s及占比", "%s by unit, %d, with shares"),
      table.unpack(fmt.lang() == "en" and {rds.name(lead), year} or {year, rds.name(lead)})),
      unit = lead.unit, decimals = lead.decimals, items = items}
  end

  -- Small multiples: each unit's path of a rate over the years against the
  -- city's, for the first indicator not summed that has two years or more.
  local multi
  for _, c in ipairs(cells) do
    local ind = ds:indicator(c.indicator)
    local years = 0
    for _, d in ipairs(cells) do if d.indicator == c.indicator then years = years + 1 end end
    if not multi and ind.aggregation ~= "sum" and ind.kind ~= "growth" and years >= 2 then multi = ind end
  end
  if opts.params and opts.params.indicator then multi = ds:indicator(opts.params.indicator) end
  if multi then
    doc:heading(T("四、各县（区）走势", "4. Each unit's path"))
    local city = {}
    for _, c in ipairs(cells) do
      if c.indicator == multi.code then city[#city + 1] = {c.year, rv:value(region.code, multi.code, c.year)} end
    end
    table.sort(city, function(a, b) return a[1] < b[1] end)
    local panels = {}
    for _, ch in ipairs(children) do
      panels[#panels + 1] = {title = rds.name(ch), unit = multi.unit, decimals = multi.decimals,
                             actual = rds.history(rv, ch.code, multi.code), path = city}
    end
    doc:chart{kind = "path", title = string.format(T("各县（区）%s与全市", "%s: each unit against the whole"), rds.name(multi)),
              panels = panels, columns = 4, shared_scale = true, path_label = string.format(T("%s（汇总）", "%s (rolled up)"), rds.name(region))}
  end
  doc:note(T("汇总方法：总量指标为各下级之和；比率为分子之和除以分母之和（如城镇化率 = 城镇人口之和 ÷ 常住人口之和）；人均指标按人口加权；增速按上年总量加权。功能区是否计入按数据集 settings.csv 的 rollup_zones。",
             "Rules: levels add up; a rate is a ratio of sums (urbanisation = urban population / resident population); per-capita values are weighted by population; growth by last year's levels. Zones count as settings.csv's rollup_zones says."))
  return doc
end

return {
  title = T("汇总", "Rollup"),
  description = T("由县（区）汇总到市：汇总值与上报值对照、覆盖与缺漏、各县贡献与占比、各县走势",
                  "county figures up to the city: rolled up against reported, coverage, contributions, each county's path"),
  params = {
    indicator = T("各县（区）走势小图所画的指标代码", "the indicator code of the small multiples"),
  },
  build = build,
}
