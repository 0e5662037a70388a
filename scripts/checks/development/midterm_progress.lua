-- 时间过半、任务过半：预期性指标的进度落后于时间进度，或到期未完成。
-- "Half the time, half the task": anticipatory indicators whose progress
-- lags the time elapsed, that move away from their target, or that missed
-- it at the target year.  Progress is assessed in C (ds:progress, as in
-- `zhibiao progress`) in the latest year of the data.  Binding indicators
-- are development/binding_behind's.
local SHORT = {behind = true, off_track = true, moving_away = true, missed = true}

return {
  title = {zh = "时间过半、任务过半（预期性指标）", en = "Progress keeps pace with time (anticipatory indicators)"},
  severity = "warning",
  description = {
    zh = "在数据的最新年份，预期性指标的任务进度落后于时间进度（滞后、明显滞后、背离目标）或到目标年未达到目标时报警告。",
    en = "In the latest year of the data, warns when an anticipatory indicator's progress lags the time elapsed (behind, off track, moving away) or it missed its target.",
  },
  tags = {"plan", "progress", "midterm"},
  run = function(ds, report)
    local rows = ds:progress{}
    local assessed = 0
    for _, r in ipairs(rows) do
      if r.verdict ~= "not_assessable" then assessed = assessed + 1 end
      if not r.binding and SHORT[r.verdict] then
        local ind = ds:indicator(r.indicator)
        report{
          region = r.region, indicator = r.indicator, year = r.year, plan = r.plan,
          message = check.msg("规划 %s：%s目标 %s（%d 年），%d 年为 %s，%s：%s",
                              "plan %s: %s, target %s (%d); in %d it is %s, %s: %s",
                              r.plan, check.name(ind), r.target_text or "", r.target_year, r.year, check.num(r.value),
                              r.verdict_label, r.reason or ""),
          values = {{"base", r.base}, {"target", r.goal}, {"value", r.value},
                    {"time_share", r.time_share}, {"progress_share", r.progress_share}, {"verdict", r.verdict}},
        }
      end
    end
    if assessed == 0 then
      return report.skip(check.msg("最新年份没有可评估进度的目标", "no target can be assessed in the latest year"))
    end
  end,
}
