-- 人均预期寿命：数值应在 50–90 岁之间且不应大幅下降；规划目标要求每年提高 0.5 岁以上时报提示——
-- 全国 2010–2020 年每年约提高 0.3 岁（74.83 → 77.93 岁）。
-- Life expectancy: between 50 and 90, no fall of more than a year between
-- observations; a note when a target needs more than 0.5 years a year.
-- China gained about 0.3 a year in 2010-2020 (74.83 -> 77.93).
local PACE = 0.5

return {
  title = {zh = "人均预期寿命合理、目标节奏可信", en = "Life expectancy plausible, targets credible"},
  severity = "warning",
  description = {
    zh = "人均预期寿命不在 50–90 岁或较上一观测年份下降 1 岁以上时报警告；从最近的实际值（或上一个目标、基期值）到目标每年需提高 0.5 岁以上时报提示。",
    en = "Warns when life expectancy lies outside 50–90 or falls by more than a year; a note when a target needs more than 0.5 years a year from the latest figure (or the previous target, or the base).",
  },
  tags = {"health", "targets", "series"},
  run = function(ds, report)
    local ind = ds:indicator("life_expectancy")
    if not ind then
      return report.skip(check.msg("数据集中没有人均预期寿命（life_expectancy）", "the dataset has no life expectancy (life_expectancy)"))
    end
    check.range(ds, report, {indicator = "life_expectancy", lo = 50, hi = 90})
    for _, region in ipairs(ds:regions()) do
      local py, pv
      for year, value in ds:series(region.code, "life_expectancy"):iter() do
        if pv and value < pv - 1 then
          report{
            region = region.code, indicator = "life_expectancy", year = year,
            message = check.msg("人均预期寿命由 %d 年的 %s 岁降至 %d 年的 %s 岁", "life expectancy fell from %d: %s to %d: %s",
                                py, check.num(pv), year, check.num(value)),
            values = {{"before", pv}, {"after", value}},
          }
        end
        py, pv = year, value
      end
    end
    -- 起点：目标年之前最近的实际值；没有则同一规划更早年份的目标；再没有则基期值。
    -- Start: the latest figure before the target year; else the same plan's
    -- earlier target; else the base value.
    local targets = ds:targets{indicator = "life_expectancy"}
    for _, t in ipairs(targets) do
      local goal = check.target_number(t.target_text)
      local y0, v0, what
      for year, value in ds:series(t.region, "life_expectancy"):iter() do
        if year < t.target_year then y0, v0, what = year, value, check.msg("实际值", "figure") end
      end
      if not v0 then
        for _, e in ipairs(targets) do
          local ev = e.plan == t.plan and e.region == t.region and e.target_year < t.target_year and check.target_number(e.target_text)
          if ev and (not y0 or e.target_year > y0) then y0, v0, what = e.target_year, ev, check.msg("目标", "target") end
        end
      end
      if not v0 and t.base_year then
        y0, v0, what = t.base_year, t.base_value or check.target_number(t.base_text), check.msg("基期值", "base value")
      end
      if goal and v0 and y0 < t.target_year then
        local pace = (goal - v0) / (t.target_year - y0)
        if pace > PACE then
          report{
            severity = "info",
            region = t.region, indicator = "life_expectancy", year = t.target_year, plan = t.plan,
            message = check.msg("规划 %s：人均预期寿命从 %d 年的%s %s 岁到 %d 年的目标 %s，每年须提高 %.2f 岁，快于全国 2010–2020 年每年约 0.3 岁",
                                "plan %s: life expectancy from the %d %s of %s to the %d target of %s needs %.2f years a year, above China's 0.3 a year in 2010–2020",
                                t.plan, y0, what, check.num(v0), t.target_year, t.target_text, pace),
            values = {{"start", v0}, {"start_year", y0}, {"target", goal}, {"pace_needed", pace}},
          }
        end
      end
    end
  end,
}
