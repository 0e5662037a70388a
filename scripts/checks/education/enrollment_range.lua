-- 教育比率的合理范围：巩固率不超过 100%；毛入学（园）率按定义可略超 100%，但超过 120% 多为分子分母口径错误；
-- 低于 50% 的巩固率几乎不可能。
-- Education rates: a retention rate cannot exceed 100 % and below 50 % is
-- implausible; a gross enrollment rate may exceed 100 % by definition (pupils
-- outside the age group count) but beyond 120 % the numerator and
-- denominator do not match.
return {
  title = {zh = "巩固率、毛入学率在合理范围内", en = "Retention and gross enrollment rates are plausible"},
  severity = "error",
  description = {
    zh = "义务教育巩固率应在 50%–100% 之间；毛入学率、毛入园率应在 0–120% 之间（按定义可略超 100%）。实际值和规划目标都查。",
    en = "Compulsory-education retention must lie in 50–100%; gross enrollment rates in 0–120% (they may exceed 100% by definition). Figures and plan targets alike.",
  },
  tags = {"education", "range", "rates"},
  run = function(ds, report)
    local retention = check.indicators(ds, {filter = {pattern = "retention"}, unit = "%"})
    local gross = check.indicators(ds, {filter = {pattern = "gross_enrollment"}, unit = "%"})
    if #retention + #gross == 0 then
      return report.skip(check.msg("数据集中没有巩固率或毛入学率", "the dataset has no retention or gross enrollment rate"))
    end
    check.range(ds, report, {indicator = retention, lo = 50, hi = 100})
    check.range(ds, report, {indicator = gross, lo = 0, hi = 120})
    -- 目标值同样不能超出范围 / targets must lie in range too
    local bounds = {}
    for _, c in ipairs(retention) do bounds[c] = {50, 100} end
    for _, c in ipairs(gross) do bounds[c] = {0, 120} end
    for _, t in ipairs(ds:targets()) do
      local b = bounds[t.indicator]
      local v = b and check.target_number(t.target_text)
      if v and not check.within(v, b[1], b[2]) then
        report{
          region = t.region, indicator = t.indicator, year = t.target_year, plan = t.plan,
          message = check.msg("规划 %s：%s目标 %s 超出合理范围 %s–%s%%", "plan %s: %s target %s is outside %s–%s%%",
                              t.plan, check.name(ds:indicator(t.indicator)), t.target_text, b[1], b[2]),
          values = {{"target", v}, {"lo", b[1]}, {"hi", b[2]}},
        }
      end
    end
  end,
}
