-- 约束性指标：进度落后或到期未完成是错误；目标只有文字、没有数值，无法监测，报提示。
-- Binding (约束性) indicators: behind, off track, moving away or missed is
-- an error.  A binding target with no number (文字表述 such as
-- 控制在国家下达的指标范围内) or without data cannot be monitored: a note,
-- so that the bureau obtains the figure it is bound by.
local SHORT = {behind = true, off_track = true, moving_away = true, missed = true}

return {
  title = {zh = "约束性指标进度落后或无法监测", en = "Binding indicators behind, or not monitorable"},
  severity = "error",
  description = {
    zh = "约束性指标在最新年份进度落后于时间进度、背离目标或到期未完成时报错误；约束性目标为文字表述或缺少数据而无法评估时报提示。",
    en = "An error when a binding indicator lags the time elapsed, moves away from its target or missed it in the latest year; a note when a binding target is text or lacks data and cannot be assessed.",
  },
  tags = {"plan", "progress", "binding"},
  run = function(ds, report)
    local n, flagged = 0, {}
    for _, r in ipairs(ds:progress{}) do
      if r.binding then
        n = n + 1
        local ind = ds:indicator(r.indicator)
        if SHORT[r.verdict] then
          report{
            region = r.region, indicator = r.indicator, year = r.year, plan = r.plan,
            message = check.msg("约束性指标未达要求：规划 %s，%s目标 %s（%d 年），%d 年为 %s，%s：%s",
                                "binding indicator short of its target: plan %s, %s, target %s (%d); in %d it is %s, %s: %s",
                                r.plan, check.name(ind), r.target_text or "", r.target_year, r.year, check.num(r.value),
                                r.verdict_label, r.reason or ""),
            values = {{"base", r.base}, {"target", r.goal}, {"value", r.value}, {"verdict", r.verdict}},
          }
        end
      end
    end
    -- 所有规划中的约束性目标：没有数值目标的，无法监测
    -- every plan's binding targets: one without a numeric target cannot be monitored
    for _, t in ipairs(ds:targets()) do
      if t.attribute == "binding" then
        n = n + 1
        local parsed = t.target_text and zb.target.parse(t.target_text)
        local key = t.plan .. "|" .. t.region .. "|" .. t.indicator
        if not (parsed and parsed.numeric) and not flagged[key] then
          flagged[key] = true
          local why = (not t.target_text or t.target_text == "" or (parsed and (parsed.form == "none" or parsed.form == "empty")))
                      and check.msg("未设定目标值", "has no target value")
                      or check.msg("目标为文字表述“%s”", "has a target in words, '%s'", t.target_text)
          report{
            severity = "info",
            region = t.region, indicator = t.indicator, year = t.target_year, plan = t.plan,
            message = check.msg("规划 %s 的约束性指标%s%s，无法量化监测；应取得上级下达的具体数值",
                                "plan %s: the binding indicator %s %s and cannot be monitored; obtain the figure assigned from above",
                                t.plan, check.name(ds:indicator(t.indicator)), why),
            values = {{"target_text", t.target_text or ""}},
          }
        end
      end
    end
    if n == 0 then
      return report.skip(check.msg("数据集中没有约束性指标", "the dataset has no binding indicator"))
    end
  end,
}
