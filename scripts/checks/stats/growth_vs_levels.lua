-- 报告的增速与总量算出的增速是否相符。由现价总量算出的年均增长是名义增长，
-- 规划和统计公报的增速多为可比价（实际）增长：两者之差是价格因素，正常在几个百分点以内。
-- Stated growth against the growth the levels imply.  Growth computed from
-- current-price levels is nominal; reported growth is usually real (at
-- comparable prices): the gap is the price change, normally within a few
-- points.  A gap beyond 3 points a year (deflation or inflation of that
-- size is rare) points at a wrong level or a wrong rate.
local GAP = 3 -- points a year

return {
  title = {zh = "报告增速与总量增长相符（名义与实际之别）", en = "Reported growth matches the levels (nominal vs real)"},
  severity = "warning",
  description = {
    zh = "规划“完成情况”栏的年均增速，以及增速指标的逐年数值，与相应总量算出的名义增速相差超过 3 个百分点时报警告；价格因素通常不会这么大。",
    en = "Warns when the reported average growth of a plan period, or a yearly growth figure, differs from the nominal growth of the levels by more than 3 points; prices rarely explain that much.",
  },
  tags = {"consistency", "growth", "nominal-real"},
  run = function(ds, report)
    local n = 0
    -- 1. 规划期的完成情况：报告的年均增速 vs 基期到完成值的名义增速
    --    (progress rows at each plan's target year carry both)
    local seen = {}
    for _, t in ipairs(ds:targets()) do
      if t.achieved_growth_text and t.target_year and not seen[t.plan .. t.target_year] then
        seen[t.plan .. t.target_year] = true
        for _, r in ipairs(ds:progress{plan = t.plan, year = t.target_year}) do
          if r.compound and r.reported_rate and r.actual_rate and r.nominal then
            n = n + 1
            local gap = (r.actual_rate - r.reported_rate) * 100
            if math.abs(gap) > GAP then
              report{
                region = r.region, indicator = r.indicator, year = r.year, plan = r.plan,
                message = check.msg("规划 %s：%s由 %s 到 %s，名义年均增长 %s，而报告的年均增速为 %s，相差 %+.1f 个百分点（超出价格因素的通常范围）",
                                    "plan %s: %s went from %s to %s, a nominal %s a year, but the reported growth is %s, %+.1f points apart (more than prices usually explain)",
                                    r.plan, check.name(ds:indicator(r.indicator)), check.num(r.base), check.num(r.value),
                                    check.pct(r.actual_rate), check.pct(r.reported_rate, 1), gap),
                values = {{"base", r.base}, {"value", r.value}, {"nominal_rate", r.actual_rate},
                          {"reported_rate", r.reported_rate}, {"gap_points", gap}},
              }
            end
          end
        end
      end
    end
    -- 2. 增速指标的逐年数值 vs 其总量的逐年变化（growth(level) 规则给出对应的总量）
    --    yearly growth figures against the level's change from the year before
    for _, ind in ipairs(ds:indicators{kind = "growth"}) do
      local level = ind.aggregation and ind.aggregation:match("^growth%(([%w_]+)%)$")
      if level and ds:indicator(level) then
        for _, c in ipairs(check.cells(ds, ind.code)) do
          local v1 = ds:value(c.region, level, c.year)
          local v0 = ds:value(c.region, level, c.year - 1)
          if v0 and v1 and v0 > 0 then
            n = n + 1
            local nominal = (v1 / v0 - 1) * 100
            local gap = nominal - c.value
            if math.abs(gap) > GAP then
              report{
                region = c.region, indicator = ind.code, year = c.year,
                message = check.msg("%s为 %s%%，而%s由 %s 变为 %s，名义增长 %.1f%%，相差 %+.1f 个百分点",
                                    "%s is %s%%, but %s went from %s to %s, a nominal %.1f%%, %+.1f points apart",
                                    check.name(ind), check.num(c.value), check.name(ds:indicator(level)),
                                    check.num(v0), check.num(v1), nominal, gap),
                values = {{"reported", c.value}, {"level_before", v0}, {"level", v1}, {"nominal", nominal}, {"gap_points", gap}},
              }
            end
          end
        end
      end
    end
    if n == 0 then
      return report.skip(check.msg("没有可与总量对照的增速", "no reported growth that levels can be compared with"))
    end
  end,
}
