-- 三次产业增加值之和应等于地区生产总值（实际值和规划目标值都查）。
-- The three sectors' value added must add up to GDP, in the actual figures
-- and in the plan targets alike.  The tolerance is the rounding of the
-- printed figures: half a unit of the last decimal of each of the four.
return {
  title = {zh = "三次产业增加值之和等于地区生产总值", en = "The three sectors add up to GDP"},
  severity = "error",
  description = {
    zh = "第一、二、三产业增加值之和与地区生产总值之差超过四舍五入误差时报错；规划目标值同样核对。",
    en = "Reports when primary + secondary + tertiary value added differs from GDP by more than rounding; plan targets too.",
  },
  tags = {"consistency", "gdp", "accounts"},
  run = function(ds, report)
    local parts = {"va_primary", "va_secondary", "va_tertiary"}
    if not ds:indicator("gdp") then
      return report.skip(check.msg("数据集中没有地区生产总值（gdp）", "the dataset has no GDP (gdp)"))
    end
    for _, p in ipairs(parts) do
      if not ds:indicator(p) then
        return report.skip(check.msg("数据集中没有 %s", "the dataset has no %s", p))
      end
    end
    check.sum(ds, report, {whole = "gdp", parts = parts})
    -- 规划目标：同一规划、同一地区、同一目标年的四个目标值。
    -- Targets: the four target values of one plan, region and target year.
    local targets = {}
    for _, t in ipairs(ds:targets()) do
      local v = check.target_number(t.target_text)
      if v then
        local key = t.plan .. "|" .. t.region .. "|" .. t.target_year
        targets[key] = targets[key] or {plan = t.plan, region = t.region, year = t.target_year}
        targets[key][t.indicator] = v
      end
    end
    local keys = {}
    for k in pairs(targets) do keys[#keys + 1] = k end
    table.sort(keys)
    for _, k in ipairs(keys) do
      local t = targets[k]
      if t.gdp and t.va_primary and t.va_secondary and t.va_tertiary then
        local sum = t.va_primary + t.va_secondary + t.va_tertiary
        -- 目标值是规划定下的数，按其写法的四舍五入判断：整数目标允许 ±0.5×4。
        -- Targets are stated numbers: allow the rounding of how they are written.
        if not check.close(sum, t.gdp, {abs = 0.02, rel = 0.001}) then
          report{
            region = t.region, indicator = "gdp", year = t.year, plan = t.plan,
            message = check.msg("规划 %s 的目标：三次产业增加值之和 %s 与地区生产总值目标 %s 相差 %s 亿元",
                                "plan %s targets: the sectors add up to %s against a GDP target of %s, a gap of %s",
                                t.plan, check.num(sum), check.num(t.gdp), check.num(sum - t.gdp)),
            values = {{"gdp", t.gdp}, {"va_primary", t.va_primary}, {"va_secondary", t.va_secondary},
                      {"va_tertiary", t.va_tertiary}, {"sum", sum}},
          }
        end
      end
    end
  end,
}
