-- 以 % 计的比率在 0–100 之间。毛入学（园）率按定义可以超过 100，不在此列（见 education/enrollment_range）。
-- Rates in % lie between 0 and 100.  Gross enrollment rates may exceed 100
-- by definition and are left to education/enrollment_range.
return {
  title = {zh = "百分比指标在 0–100 之间", en = "Rates in % lie between 0 and 100"},
  severity = "error",
  description = {
    zh = "比率类指标（单位 %）小于 0 或大于 100 多为录入错误（单位、小数点）。毛入学率、毛入园率除外。",
    en = "A rate in % below 0 or above 100 is usually a typing error (unit, decimal point). Gross enrollment rates are exempt.",
  },
  tags = {"range", "rates"},
  run = function(ds, report)
    local codes = check.indicators(ds, {filter = {kind = "rate"}, unit = "%", except = {"gross_enrollment"}})
    if #codes == 0 then
      return report.skip(check.msg("数据集中没有以 %% 计的比率指标", "the dataset has no rate in %%"))
    end
    check.range(ds, report, {indicator = codes, lo = 0, hi = 100})
  end,
}
