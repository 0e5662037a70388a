-- 目标的基期值、目标值和规划年均增速是否一致（发改局编规划表时最常见的笔误）。
-- Do a target's base, target and stated annual growth agree?  The implied
-- growth is computed in C (ds:consistency, the same as `zhibiao
-- consistency`); the tolerance is that of 左右 (0.5 points by default).
-- For money levels the implied growth is nominal when the target is in
-- current prices, while stated growth is usually real: the message says so.
return {
  title = {zh = "基期值、目标值与规划年均增速一致", en = "Base, target and stated growth agree"},
  severity = "warning",
  description = {
    zh = "由基期值和目标值推算的年均增速与规划写明的年均增速相差超过容差（“左右”的容差，默认 0.5 个百分点）时报警告。",
    en = "Warns when the growth implied by base and target differs from the stated annual growth by more than the tolerance (that of 左右, 0.5 points by default).",
  },
  tags = {"plan", "targets", "growth"},
  run = function(ds, report)
    local rows = ds:consistency{}
    if #rows == 0 then
      return report.skip(check.msg("没有同时给出基期值、目标值和年均增速的目标", "no target gives base, target and annual growth together"))
    end
    for _, c in ipairs(rows) do
      if not c.consistent then
        local ind = ds:indicator(c.indicator)
        local implied, stated, gap
        if c.compound then
          implied, stated = check.pct(c.implied), check.pct(c.stated, 1)
          gap = check.msg("%+.2f 个百分点", "%+.2f points", c.gap * 100)
        else
          -- A change a year in the indicator's unit: points only for % (zb.growth.pace).
          local function pace(v)
            return {zh = (zb.growth.pace(v, false, c.unit, "delta", "zh")), en = (zb.growth.pace(v, false, c.unit, "delta", "en"))}
          end
          implied, stated, gap = pace(c.implied), pace(c.stated), pace(c.gap)
        end
        local money = c.compound and ind.unit and ind.unit:find("元") ~= nil
        report{
          region = c.region, indicator = c.indicator, year = c.target_year, plan = c.plan,
          message = check.msg("规划 %s：%s由 %s 到 %s（%s 年），推算年均 %s，规划年均 %s，相差 %s%s",
                              "plan %s: %s from %s to %s in %s years implies %s a year, the plan states %s, %s apart%s",
                              c.plan, check.name(ind), check.num(c.base), check.num(c.goal), check.num(c.years),
                              implied, stated, gap,
                              money and {zh = "（推算值按现价为名义增速，规划增速多按可比价）",
                                         en = " (the implied rate is nominal at current prices; plans usually state real growth)"} or ""),
          values = {{"base", c.base}, {"target", c.goal}, {"years", c.years}, {"implied", c.implied},
                    {"stated", c.stated}, {"gap", c.gap}},
        }
      end
    end
  end,
}
