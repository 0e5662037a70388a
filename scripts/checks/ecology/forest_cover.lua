-- 森林覆盖率：不应下降；对照规划目标，到期未完成或进度落后于时间进度。
-- Forest cover must not fall from one observation to the next, and must
-- keep pace with its plan target (ds:progress in the latest year).  A
-- binding target's shortfall is an error, an anticipatory one a warning.
local SHORT = {behind = true, off_track = true, moving_away = true, missed = true}

return {
  title = {zh = "森林覆盖率不下降并按期达到目标", en = "Forest cover does not fall and meets its target"},
  severity = "warning",
  description = {
    zh = "森林覆盖率比上一个观测年份下降时报警告；对照规划目标，最新年份进度落后或到期未完成时报警告（约束性目标为错误）。",
    en = "Warns when forest cover falls from one observation to the next, and when it lags or missed its plan target in the latest year (an error for a binding target).",
  },
  tags = {"ecology", "forest", "targets"},
  run = function(ds, report)
    local ind = ds:indicator("forest_cover")
    if not ind then
      return report.skip(check.msg("数据集中没有森林覆盖率（forest_cover）", "the dataset has no forest cover (forest_cover)"))
    end
    for _, region in ipairs(ds:regions()) do
      local s = ds:series(region.code, "forest_cover")
      local py, pv
      for year, value in s:iter() do
        if pv and value < pv - 0.005 then
          report{
            region = region.code, indicator = "forest_cover", year = year,
            message = check.msg("森林覆盖率由 %d 年的 %s%% 降至 %d 年的 %s%%，下降 %s 个百分点",
                                "forest cover fell from %d: %s%% to %d: %s%%, down %s points",
                                py, check.num(pv), year, check.num(value), check.num(pv - value)),
            values = {{"before", pv}, {"after", value}, {"change", value - pv}},
          }
        end
        py, pv = year, value
      end
    end
    for _, r in ipairs(ds:progress{indicator = "forest_cover"}) do
      if SHORT[r.verdict] then
        report{
          severity = r.binding and "error" or "warning",
          region = r.region, indicator = "forest_cover", year = r.year, plan = r.plan,
          message = check.msg("规划 %s：森林覆盖率目标 %s（%d 年），%d 年为 %s%%，%s：%s",
                              "plan %s: forest cover target %s (%d); in %d it is %s%%, %s: %s",
                              r.plan, r.target_text or "", r.target_year, r.year, check.num(r.value),
                              r.verdict_label, r.reason or ""),
          values = {{"target", r.goal}, {"value", r.value}, {"verdict", r.verdict}},
        }
      end
    end
  end,
}
