-- 一般公共预算收入占地区生产总值的比重：应在 2%–25% 之间（超出多为单位错误）；
-- 规划目标的比重比基期下降 1 个百分点以上，即财政收入计划增长远慢于经济增长，报提示。
-- General budget revenue as a share of GDP: between 2 % and 25 % (outside,
-- usually a unit error); and a note when a plan's targets let the share fall
-- by more than a point from the base: revenue planned to grow far slower
-- than the economy, which a finance bureau should be able to explain.
local RANGE = {2, 25}
local FALL = 1

return {
  title = {zh = "财政收入占地区生产总值比重合理", en = "Budget revenue is a plausible share of GDP"},
  severity = "warning",
  description = {
    zh = "一般公共预算收入占地区生产总值比重不在 2%–25% 之间时报警告；规划目标年的比重比基期下降 1 个百分点以上时报提示。",
    en = "Warns when general budget revenue is outside 2–25% of GDP; a note when a plan's target year share is more than a point below the base year's.",
  },
  tags = {"finance", "revenue", "ratio"},
  run = function(ds, report)
    if not (ds:indicator("fiscal_revenue") and ds:indicator("gdp")) then
      return report.skip(check.msg("数据集中没有一般公共预算收入或地区生产总值", "the dataset lacks budget revenue or GDP"))
    end
    local n = 0
    for _, c in ipairs(check.cells(ds, "fiscal_revenue")) do
      local gdp = ds:value(c.region, "gdp", c.year)
      if gdp and gdp > 0 then
        n = n + 1
        local share = c.value / gdp * 100
        if not check.within(share, RANGE[1], RANGE[2]) then
          report{
            region = c.region, indicator = "fiscal_revenue", year = c.year,
            message = check.msg("一般公共预算收入 {1} 亿元占地区生产总值 {2} 亿元的 {3}%，超出合理范围 2%–25%",
                                "budget revenue {1} is {3}% of GDP {2}, outside 2–25%",
                                c.value, gdp, share),
            values = {{"revenue", c.value}, {"gdp", gdp}, {"share", share}},
          }
        end
      end
    end
    for _, t in ipairs(ds:targets{indicator = "fiscal_revenue"}) do
      local rev = check.target_number(t.target_text)
      local rev0 = t.base_value or check.target_number(t.base_text)
      local g, gdp = check.target(ds, {plan = t.plan, region = t.region, indicator = "gdp", year = t.target_year})
      local gdp0 = g and g.base_year == t.base_year and (g.base_value or check.target_number(g.base_text)) or nil
      if rev and rev0 and gdp and gdp0 and gdp > 0 and gdp0 > 0 then
        n = n + 1
        local s0, s1 = rev0 / gdp0 * 100, rev / gdp * 100
        if s1 < s0 - FALL then
          report{
            severity = "info",
            region = t.region, indicator = "fiscal_revenue", year = t.target_year, plan = t.plan,
            message = check.msg("规划 {1}：一般公共预算收入占地区生产总值比重由 {2} 年的 {3}%（{4}/{5}）降至目标年 {6} 年的 {7}%（{8}/{9}），财政收入计划增速远低于经济增速",
                                "plan {1}: budget revenue falls from {3}% of GDP in {2} ({4}/{5}) to {7}% in {6} ({8}/{9}): revenue is planned to grow far slower than GDP",
                                t.plan, t.base_year, string.format("%.2f", s0), rev0, gdp0, t.target_year, string.format("%.2f", s1), rev, gdp),
            values = {{"share_base", s0}, {"share_target", s1}, {"revenue_base", rev0}, {"gdp_base", gdp0},
                      {"revenue_target", rev}, {"gdp_target", gdp}},
          }
        end
      end
    end
    if n == 0 then
      return report.skip(check.msg("没有同时有收入和地区生产总值的年份或目标", "no year or target has both revenue and GDP"))
    end
  end,
}
