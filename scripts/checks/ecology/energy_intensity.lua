-- 单位GDP能耗（及二氧化碳排放）降低：约束性目标是规划期累计降低率，每年须降低
-- 1 − (1 − 累计)^(1/年数)（13.5% 五年即 2.86%/年）。某年的降低率低于该年均要求，报错误
-- （约束性）或警告；目标为文字、缺基期年份而无法换算的，报提示。
-- Energy (and CO2) intensity reductions: a binding target is a cumulative
-- reduction over the plan period, so each year must cut at least
-- 1 - (1 - total)^(1/years) (13.5 % over five years: 2.86 % a year).  A
-- year that cut less is an error (binding) or a warning; a target in words
-- or without a base year, which cannot be turned into a yearly pace, a note.
-- An observation of a reduction indicator is that year's reduction in %.
local function intensity_indicators(ds)
  local out = {}
  for _, ind in ipairs(ds:indicators{kind = "reduction"}) do
    if ind.code:find("energy") or ind.code:find("co2") then out[#out + 1] = ind end
  end
  return out
end

return {
  title = {zh = "能耗强度逐年降低达到约束性目标的要求", en = "Energy intensity falls fast enough for its binding target"},
  severity = "error",
  description = {
    zh = "把规划期累计降低目标换算为年均降低率，逐年对照实际降低率；达不到时约束性指标报错误，预期性报警告。目标无法换算时报提示。",
    en = "Turns the period's cumulative reduction target into a yearly rate and compares each year's reduction with it: an error for a binding target, a warning otherwise; a note when the target cannot be converted.",
  },
  tags = {"ecology", "energy", "binding", "targets"},
  run = function(ds, report)
    local inds = intensity_indicators(ds)
    if #inds == 0 then
      return report.skip(check.msg("数据集中没有能耗或碳排放强度降低指标", "the dataset has no energy or CO2 intensity reduction indicator"))
    end
    for _, ind in ipairs(inds) do
      for _, t in ipairs(ds:targets{indicator = ind.code}) do
        local total = check.target_number(t.target_text)
        local binding = t.attribute == "binding"
        if not total or not t.base_year then
          report{
            severity = "info",
            region = t.region, indicator = ind.code, year = t.target_year, plan = t.plan,
            message = total
              and check.msg("规划 %s：%s目标“%s”未写明基期年份，无法换算为年均降低率（%s 分摊 5 年为每年 %s，仅供参考）",
                            "plan %s: %s target '%s' has no base year and cannot be turned into a yearly rate (%s over 5 years would be %s a year, for reference)",
                            t.plan, check.name(ind), t.target_text, t.target_text, check.pct(zb.growth.reduction_annual(total / 100, 5)))
              or check.msg("规划 %s：%s目标为“%s”，没有数值，无法逐年监测",
                           "plan %s: %s target is '%s', not a number; it cannot be monitored year by year",
                           t.plan, check.name(ind), t.target_text or ""),
            values = {{"target_text", t.target_text or ""}},
          }
        else
          local years = t.target_year - t.base_year
          local annual = zb.growth.reduction_annual(total / 100, years) * 100
          for _, c in ipairs(check.cells(ds, ind.code, {region = t.region, from = t.base_year + 1, to = t.target_year})) do
            if c.value < annual - 0.05 then
              report{
                severity = binding and "error" or "warning",
                region = t.region, indicator = ind.code, year = c.year, plan = t.plan,
                message = check.msg("规划 %s：%s目标 %s（%d–%d 年累计），每年须降低 %.2f%%，%d 年只降低 %s%%",
                                    "plan %s: %s target %s (%d–%d in total) needs %.2f%% a year; %d cut only %s%%",
                                    t.plan, check.name(ind), t.target_text, t.base_year, t.target_year, annual,
                                    c.year, check.num(c.value)),
                values = {{"target_total", total}, {"annual_needed", annual}, {"reduction", c.value}},
              }
            end
          end
        end
      end
    end
  end,
}
