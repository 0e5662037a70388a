-- 水质类指标（饮用水源地、地表水、河流断面达标或优良比例，黑臭水体比例）：
-- 对照规划目标，进度落后或到期未完成（约束性为错误）；比例较上年下降 5 个百分点以上报警告。
-- Water-quality indicators (drinking-water sources, surface water, river
-- sections, black and odorous water) against their plan targets, and any
-- fall of more than 5 points from one observation to the next (a rise, for
-- an indicator where lower is better).
local SHORT = {behind = true, off_track = true, moving_away = true, missed = true}
local DROP = 5

local function water_indicators(ds)
  local out = {}
  for _, ind in ipairs(ds:indicators{pattern = "water"}) do
    if ind.unit == "%" then out[#out + 1] = ind end
  end
  return out
end

return {
  title = {zh = "水质指标达到目标且不明显变差", en = "Water quality meets its targets and does not worsen"},
  severity = "warning",
  description = {
    zh = "水质类比例指标在最新年份进度落后或到期未完成时报警告（约束性目标为错误）；较上一观测年份变差超过 5 个百分点时报警告。",
    en = "Warns when a water-quality share lags or missed its target in the latest year (an error if binding), or worsens by more than 5 points from one observation to the next.",
  },
  tags = {"ecology", "water", "targets"},
  run = function(ds, report)
    local inds = water_indicators(ds)
    if #inds == 0 then
      return report.skip(check.msg("数据集中没有水质类指标", "the dataset has no water-quality indicator"))
    end
    for _, ind in ipairs(inds) do
      local sign = ind.direction == "down" and -1 or 1
      for _, region in ipairs(ds:regions()) do
        local py, pv
        for year, value in ds:series(region.code, ind.code):iter() do
          if pv and sign * (value - pv) < -DROP then
            report{
              region = region.code, indicator = ind.code, year = year,
              message = check.msg("%s由 %d 年的 %s%% 变为 %d 年的 %s%%，变差 %s 个百分点",
                                  "%s went from %d: %s%% to %d: %s%%, %s points worse",
                                  check.name(ind), py, check.num(pv), year, check.num(value), check.num(math.abs(value - pv))),
              values = {{"before", pv}, {"after", value}},
            }
          end
          py, pv = year, value
        end
      end
      for _, r in ipairs(ds:progress{indicator = ind.code}) do
        if SHORT[r.verdict] then
          report{
            severity = r.binding and "error" or "warning",
            region = r.region, indicator = ind.code, year = r.year, plan = r.plan,
            message = check.msg("规划 %s：%s目标 %s（%d 年），%d 年为 %s%%，%s：%s",
                                "plan %s: %s, target %s (%d); in %d it is %s%%, %s: %s",
                                r.plan, check.name(ind), r.target_text or "", r.target_year, r.year, check.num(r.value),
                                r.verdict_label, r.reason or ""),
            values = {{"target", r.goal}, {"value", r.value}, {"verdict", r.verdict}},
          }
        end
      end
    end
  end,
}
