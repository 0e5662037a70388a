-- 逐年变化中的异常跳动：用逐年变化的中位数绝对偏差（MAD）判断，稳健 z 值超过 3.5 报警告。
-- Outlying year-on-year changes: a change whose robust z-score (from the
-- median absolute deviation of the series' changes) exceeds 3.5.  Levels
-- and per-capita values compare relative changes, rates and shares changes
-- in points.  A series needs at least 4 changes (5 years) for a verdict.
return {
  title = {zh = "逐年变化中的异常跳动", en = "Outlying year-on-year changes"},
  severity = "warning",
  description = {
    zh = "某年的变化远离该序列通常的变化（稳健 z 值 > 3.5，按中位数绝对偏差计），可能是口径调整、录入错误或真实的冲击，需核实。",
    en = "A year whose change is far from the series' usual change (robust z > 3.5 from the median absolute deviation): a break in definitions, a typing error or a real shock; verify.",
  },
  tags = {"series", "outliers", "jump"},
  run = function(ds, report)
    local first, last = ds:years()
    if not first or last - first < 4 then
      return report.skip(check.msg("数据不足 5 个年份，无法判断跳动", "fewer than 5 years of data: no verdict on jumps"))
    end
    local codes = {}
    for _, ind in ipairs(ds:indicators()) do
      if ind.kind ~= "structure" then codes[#codes + 1] = ind.code end
    end
    check.jumps(ds, report, {indicator = codes, threshold = 3.5, min_changes = 4})
  end,
}
