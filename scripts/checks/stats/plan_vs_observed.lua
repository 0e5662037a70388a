-- 规划表中的基期值、完成值应与同一年份的观测值一致（同一文件中两处数字打架）。
-- The base values and achieved values printed in a plan table must agree
-- with the observation of the same year: two places of one document that
-- disagree.  More than 1 % apart is a warning; a smaller gap beyond the
-- rounding of the printed figure (half a unit of its last decimal) a note.
local function decimals_of(text)
  local d = tostring(text):match("%.(%d+)")
  return d and #d or 0
end

local function compare(report, t, what, text, value, year, ds)
  local obs = ds:observation(t.region, t.indicator, year)
  if not (obs and obs.value and value) then return 0 end
  local diff = value - obs.value
  local half = 0.5 * 10 ^ -math.max(decimals_of(text), decimals_of(obs.raw or obs.value))
  if math.abs(diff) <= half + 1e-9 then return 1 end
  local rel = obs.value ~= 0 and math.abs(diff / obs.value) or math.huge
  report{
    severity = rel > 0.01 and "warning" or "info",
    region = t.region, indicator = t.indicator, year = year, plan = t.plan,
    message = check.msg("规划 %s 的%s为 %s，而 %d 年的观测值为 %s（来源 %s），相差 %s",
                        "plan %s gives %s %s, but the observation of %d is %s (source %s), %s apart",
                        t.plan, what, text, year, check.num(obs.value), obs.source or "?", check.num(diff)),
    values = {{"plan", value}, {"observed", obs.value}, {"difference", diff}},
  }
  return 1
end

return {
  title = {zh = "规划表中的基期值、完成值与观测值一致", en = "Plan base and achieved values match the observations"},
  severity = "warning",
  description = {
    zh = "规划表的基期值和“完成情况”与同年份观测值不同：相差 1% 以上报警告，超出四舍五入但在 1% 以内报提示。常见于同一文件不同专栏的数字不一致。",
    en = "A plan's base or achieved value differs from the observation of that year: over 1% a warning, beyond rounding but within 1% a note. Typical of two tables in one document.",
  },
  tags = {"consistency", "plan", "sources"},
  run = function(ds, report)
    local n = 0
    for _, t in ipairs(ds:targets()) do
      if t.base_year then
        local v = t.base_value or check.target_number(t.base_text)
        if v then n = n + compare(report, t, check.msg("基期值", "base value"), t.base_text or check.num(v), v, t.base_year, ds) end
      end
      if t.achieved_text and t.target_year then
        local v = check.target_number(t.achieved_text)
        if v then n = n + compare(report, t, check.msg("完成值", "achieved value"), t.achieved_text, v, t.target_year, ds) end
      end
    end
    if n == 0 then
      return report.skip(check.msg("没有可与观测值对照的基期值或完成值", "no base or achieved value has an observation to compare with"))
    end
  end,
}
