-- 受教育年限：数值应在 3–17 年之间，且不应下降；规划目标要求的年均提高超过 0.2 年时报提示——
-- 全国 15 岁以上人口平均受教育年限 2010–2020 年每年只提高约 0.08 年，这样的目标需要说明依据。
-- Years of schooling: between 3 and 17, never falling; and a note when a
-- target needs more than 0.2 years a year.  China's average years of
-- schooling (15+) rose from 9.08 to 9.91 in 2010-2020, about 0.08 a year:
-- a target far above that pace needs its reasons stated.
local PACE = 0.2

return {
  title = {zh = "受教育年限合理、不下降、目标节奏可信", en = "Years of schooling plausible, not falling, targets credible"},
  severity = "warning",
  description = {
    zh = "平均（预期）受教育年限不在 3–17 年或较上一观测年份下降时报警告；从最近的实际值（或基期值）到目标每年需提高 0.2 年以上时报提示。",
    en = "Warns when (expected) years of schooling lie outside 3–17 or fall; a note when a target needs more than 0.2 years a year from the latest figure (or the base).",
  },
  tags = {"education", "targets", "series"},
  run = function(ds, report)
    local codes = check.indicators(ds, {filter = {pattern = "schooling"}, unit = "年"})
    if #codes == 0 then
      return report.skip(check.msg("数据集中没有受教育年限指标", "the dataset has no years-of-schooling indicator"))
    end
    check.range(ds, report, {indicator = codes, lo = 3, hi = 17})
    for _, code in ipairs(codes) do
      local ind = ds:indicator(code)
      for _, region in ipairs(ds:regions()) do
        local py, pv
        for year, value in ds:series(region.code, code):iter() do
          if pv and value < pv - 0.005 then
            report{
              region = region.code, indicator = code, year = year,
              message = check.msg("%s由 %d 年的 %s 年降至 %d 年的 %s 年", "%s fell from %d: %s years to %d: %s years",
                                  check.name(ind), py, check.num(pv), year, check.num(value)),
              values = {{"before", pv}, {"after", value}},
            }
          end
          py, pv = year, value
        end
      end
      for _, t in ipairs(ds:targets{indicator = code}) do
        local goal = check.target_number(t.target_text)
        -- 起点：目标年之前最近的实际值，否则基期值 / start: the latest figure before the target year, else the base
        local y0, v0, yf, vf
        for year, value in ds:series(t.region, code):iter() do
          if year < t.target_year then
            y0, v0 = year, value
            if not yf then yf, vf = year, value end
          end
        end
        -- 本地此前的节奏 / the region's own pace so far
        local own = ""
        if yf and y0 > yf then
          local p = (v0 - vf) / (y0 - yf)
          own = {zh = string.format("（本地 %d–%d 年每年提高 %.2f 年）", yf, y0, p),
                 en = string.format(" (locally %.2f a year in %d–%d)", p, yf, y0)}
        end
        if not v0 and t.base_year then y0, v0 = t.base_year, t.base_value or check.target_number(t.base_text) end
        if goal and v0 and y0 < t.target_year then
          local pace = (goal - v0) / (t.target_year - y0)
          if pace > PACE then
            report{
              severity = "info",
              region = t.region, indicator = code, year = t.target_year, plan = t.plan,
              message = check.msg("规划 %s：%s从 %d 年的 %s 年到 %d 年的目标 %s，每年须提高 %.2f 年，远快于全国通常的每年约 0.1 年%s",
                                  "plan %s: %s from %d: %s years to the %d target of %s needs %.2f years a year, far above the national 0.1%s",
                                  t.plan, check.name(ind), y0, check.num(v0), t.target_year, t.target_text, pace, own),
              values = {{"start", v0}, {"start_year", y0}, {"target", goal}, {"pace_needed", pace}},
            }
          end
        end
      end
    end
  end,
}
