-- 财政收入是名义数，其增速与收入总量算出的增速应一致（不像 GDP 有可比价与现价之别）：
-- 规划的年均增速与基期、目标值推算的增速，报告的当年增速与上年、当年收入算出的增速，相差 0.3 个百分点以上报警告。
-- Budget revenue is nominal, so its growth must match its levels (unlike
-- GDP, no price factor stands between them): a plan's stated growth against
-- base and target, a yearly growth figure against the revenue of that and
-- the previous year.  More than 0.3 points apart (rounding of one decimal
-- in the rate and of the levels) is a warning.
local GAP = 0.3

return {
  title = {zh = "财政收入增速与收入总量一致", en = "Budget revenue growth matches the revenue levels"},
  severity = "warning",
  description = {
    zh = "一般公共预算收入的规划年均增速、逐年增速与收入总量算出的增速相差 0.3 个百分点以上时报警告。财政收入按现价计，没有价格因素可解释差距。",
    en = "Warns when the stated or yearly growth of budget revenue differs from the growth of its levels by more than 0.3 points; revenue is nominal, so no price factor explains a gap.",
  },
  tags = {"finance", "revenue", "growth", "consistency"},
  run = function(ds, report)
    if not ds:indicator("fiscal_revenue") then
      return report.skip(check.msg("数据集中没有一般公共预算收入", "the dataset has no budget revenue"))
    end
    local n = 0
    for _, t in ipairs(ds:targets{indicator = "fiscal_revenue"}) do
      local base = t.base_value or check.target_number(t.base_text)
      local years = t.base_year and t.target_year and t.target_year - t.base_year
      local pairs_ = {
        {check.msg("规划年均增速", "stated growth"), check.target_number(t.growth_text), check.target_number(t.target_text)},
        {check.msg("报告的完成年均增速", "reported achieved growth"), check.target_number(t.achieved_growth_text), check.target_number(t.achieved_text)},
      }
      for _, p in ipairs(pairs_) do
        local what, rate, level = p[1], p[2], p[3]
        if rate and level and base and base > 0 and level > 0 and years and years > 0 then
          n = n + 1
          local implied = zb.growth.cagr(base, level, years) * 100
          if math.abs(implied - rate) > GAP then
            report{
              region = t.region, indicator = "fiscal_revenue", year = t.target_year, plan = t.plan,
              message = check.msg("规划 {1}：一般公共预算收入由 {2} 到 {3}（{4} 年）年均增长 {5}%，而{6}为 {7}%，相差 {8} 个百分点",
                                  "plan {1}: budget revenue from {2} to {3} in {4} years grows {5}% a year, but the {6} is {7}%, {8} points apart",
                                  t.plan, base, level, years, string.format("%.2f", implied), what, rate,
                                  string.format("%+.2f", implied - rate)),
              values = {{"base", base}, {"level", level}, {"years", years}, {"implied", implied}, {"stated", rate}},
            }
          end
        end
      end
    end
    if ds:indicator("fiscal_revenue_growth") then
      for _, c in ipairs(check.cells(ds, "fiscal_revenue_growth")) do
        local v1 = ds:value(c.region, "fiscal_revenue", c.year)
        local v0 = ds:value(c.region, "fiscal_revenue", c.year - 1)
        if v0 and v1 and v0 > 0 then
          n = n + 1
          local implied = (v1 / v0 - 1) * 100
          if math.abs(implied - c.value) > GAP then
            report{
              region = c.region, indicator = "fiscal_revenue_growth", year = c.year,
              message = check.msg("一般公共预算收入增速为 {1}%，而收入由 {2} 年的 {3} 变为 {4} 年的 {5}，增长 {6}%",
                                  "budget revenue growth is {1}%, but revenue went from {3} in {2} to {5} in {4}, {6}%",
                                  c.value, c.year - 1, v0, c.year, v1, string.format("%.2f", implied)),
              values = {{"stated", c.value}, {"before", v0}, {"after", v1}, {"implied", implied}},
            }
          end
        end
      end
    end
    if n == 0 then
      return report.skip(check.msg("没有可与收入总量对照的增速", "no revenue growth that the levels can be compared with"))
    end
  end,
}
