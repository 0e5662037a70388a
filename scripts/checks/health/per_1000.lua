-- 每千人口床位数、执业（助理）医师数在合理范围内，床医比在 1–4.5 之间（全国约 2.2）。
-- Beds and doctors per 1,000 residents within plausible ranges, and the
-- beds-to-doctors ratio between 1 and 4.5 (China: about 2.2), in the figures
-- and in the plan targets of the same year.
local RANGES = {hospital_beds_per_1000 = {1, 15}, doctors_per_1000 = {0.5, 8}}
local RATIO = {1, 4.5}

return {
  title = {zh = "每千人口床位、医师数及床医比合理", en = "Beds and doctors per 1,000 and their ratio are plausible"},
  severity = "warning",
  description = {
    zh = "每千人口医疗机构床位数应在 1–15 张、执业（助理）医师数在 0.5–8 人之间；同一年份两者之比（床医比）应在 1–4.5 之间。实际值和规划目标都查。",
    en = "Hospital beds per 1,000 must lie in 1–15 and doctors in 0.5–8; their ratio in one year in 1–4.5. Figures and plan targets alike.",
  },
  tags = {"health", "range", "ratio"},
  run = function(ds, report)
    local have = {}
    for code, r in pairs(RANGES) do
      if ds:indicator(code) then
        have[code] = true
        check.range(ds, report, {indicator = code, lo = r[1], hi = r[2]})
      end
    end
    if not next(have) then
      return report.skip(check.msg("数据集中没有每千人口床位数或医师数", "the dataset has no beds or doctors per 1,000"))
    end
    if not (have.hospital_beds_per_1000 and have.doctors_per_1000) then return end
    local function ratio_finding(region, year, beds, doctors, plan)
      local ratio = beds / doctors
      if not check.within(ratio, RATIO[1], RATIO[2]) then
        report{
          region = region, indicator = "hospital_beds_per_1000", year = year, plan = plan,
          message = check.msg("%s床医比 %.2f（每千人口床位 %s 张 ÷ 医师 %s 人），超出合理范围 1–4.5",
                              "%sthe beds-to-doctors ratio is %.2f (beds %s / doctors %s per 1,000), outside 1–4.5",
                              plan and check.msg("规划 %s 的目标：", "plan %s targets: ", plan) or "",
                              ratio, check.num(beds), check.num(doctors)),
          values = {{"beds", beds}, {"doctors", doctors}, {"ratio", ratio}},
        }
      end
    end
    for _, c in ipairs(check.cells(ds, "hospital_beds_per_1000")) do
      local d = ds:value(c.region, "doctors_per_1000", c.year)
      if d and d > 0 then ratio_finding(c.region, c.year, c.value, d) end
    end
    for _, t in ipairs(ds:targets{indicator = "hospital_beds_per_1000"}) do
      local beds = check.target_number(t.target_text)
      local _, d = check.target(ds, {plan = t.plan, region = t.region, indicator = "doctors_per_1000", year = t.target_year})
      if beds and d and d > 0 then ratio_finding(t.region, t.target_year, beds, d, t.plan) end
    end
  end,
}
