-- 人均地区生产总值应约等于地区生产总值 / 常住人口（实际值与规划目标）。
-- GDP per capita must be about GDP / resident population, in the figures
-- and in the plan targets.  Statistics divide by the year's average
-- population, a table often gives the year-end one: the check accepts either
-- (when the previous year's population is there) and 1.5 % besides.
local TOL = 0.015

return {
  title = {zh = "人均地区生产总值 = 地区生产总值 / 常住人口", en = "GDP per capita = GDP / population"},
  severity = "warning",
  description = {
    zh = "人均地区生产总值与“地区生产总值（亿元）÷ 常住人口（万人）”相差超过 1.5% 时报警告（人口可用年末数或年平均数）；规划目标同样核对。",
    en = "Warns when GDP per capita differs by more than 1.5% from GDP (100 million yuan) / population (10 thousand), with year-end or average population; plan targets too.",
  },
  tags = {"consistency", "per-capita", "gdp"},
  run = function(ds, report)
    for _, code in ipairs({"gdp", "resident_pop", "gdp_per_capita"}) do
      if not ds:indicator(code) then
        return report.skip(check.msg("数据集中没有 %s", "the dataset has no %s", code))
      end
    end
    -- 亿元 / 万人 = 1e8 / 1e4 元/人
    local scale = 1e4
    for _, c in ipairs(check.cells(ds, "gdp_per_capita")) do
      local gdp = ds:value(c.region, "gdp", c.year)
      local pop = ds:value(c.region, "resident_pop", c.year)
      local prev = ds:value(c.region, "resident_pop", c.year - 1)
      if gdp and pop and pop > 0 then
        local computed = gdp / pop * scale
        local ok = check.close(c.value, computed, {rel = TOL})
        local avg = prev and gdp / ((pop + prev) / 2) * scale
        if avg and check.close(c.value, avg, {rel = TOL}) then ok = true end
        if not ok then
          report{
            region = c.region, indicator = "gdp_per_capita", year = c.year,
            message = check.msg("人均地区生产总值 %s 元，而地区生产总值 %s 亿元 ÷ 常住人口 %s 万人 = %s 元，相差 %s",
                                "GDP per capita is %s yuan, but GDP %s / population %s = %s yuan, %s apart",
                                check.num(c.value, 0), check.num(gdp), check.num(pop), check.num(computed, 0),
                                check.pct(c.value / computed - 1, 1)),
            values = {{"gdp_per_capita", c.value}, {"gdp", gdp}, {"resident_pop", pop}, {"computed", computed}},
          }
        end
      end
    end
    -- 同一规划同一目标年的三个目标值 / the three targets of one plan and year
    for _, t in ipairs(ds:targets{indicator = "gdp_per_capita"}) do
      local pc = check.target_number(t.target_text)
      local _, gdp = check.target(ds, {plan = t.plan, region = t.region, year = t.target_year, indicator = "gdp"})
      local _, pop = check.target(ds, {plan = t.plan, region = t.region, year = t.target_year, indicator = "resident_pop"})
      if pc and gdp and pop and pop > 0 then
        local computed = gdp / pop * scale
        if not check.close(pc, computed, {rel = TOL}) then
          report{
            region = t.region, indicator = "gdp_per_capita", year = t.target_year, plan = t.plan,
            message = check.msg("规划 %s 的目标：人均地区生产总值 %s 元，而目标地区生产总值 %s 亿元 ÷ 目标常住人口 %s 万人 = %s 元，相差 %s",
                                "plan %s targets: GDP per capita %s yuan, but the GDP target %s / the population target %s = %s yuan, %s apart",
                                t.plan, check.num(pc, 0), check.num(gdp), check.num(pop), check.num(computed, 0),
                                check.pct(pc / computed - 1, 1)),
            values = {{"gdp_per_capita", pc}, {"gdp", gdp}, {"resident_pop", pop}, {"computed", computed}},
          }
        end
      end
    end
  end,
}
