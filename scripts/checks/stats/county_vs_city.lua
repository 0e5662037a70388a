-- 下级汇总值与上级上报值（“数据打架”）：按各指标的汇总规则由县算到市、省（ds:rollup，在 C 中计算），
-- 与上级自己的上报值相差 1% 以上报警告，0.1%–1% 报提示；下级数据不全、无法比较的上报值也报提示。
-- Counties against the city's own figures ("数据打架"): each indicator is
-- rolled up by its rule (ds:rollup, in C) and compared with the parent's
-- reported figure.  A gap of 1 % or more is a warning, 0.1 % to 1 % a note
-- (rounding stays below that); a reported figure that cannot be compared
-- because some children lack data is a note naming them.
local WARN, NOTE = 0.01, 0.001

return {
  title = {zh = "下级汇总与上级上报一致", en = "Children add up to the parent's reported figure"},
  severity = "warning",
  description = {
    zh = "按指标的汇总规则（求和、比率、加权平均……）由下级算出上级的值，与上级上报值相差 1% 以上报警告，0.1% 以上报提示；下级不全时列出缺数据的下级。",
    en = "Rolls children up by each indicator's rule (sum, ratio, weighted mean, ...) and compares with the parent's reported figure: 1% or more a warning, 0.1% a note; when children lack data, names them.",
  },
  tags = {"rollup", "consistency", "hierarchy"},
  run = function(ds, report)
    local rv, why = ds:rollup{}
    if not rv then
      -- A dataset whose regions are listed for context only
      -- (settings.csv regions_complete = no) has nothing to roll up.
      return report.skip(check.msg("无法汇总：{1}", "cannot roll up: {1}", why))
    end
    local cells = rv:rollup_cells{}
    local compared = 0
    for _, c in ipairs(cells) do
      if c.n > 0 and c.reported then compared = compared + 1 end
    end
    if compared == 0 then
      return report.skip(check.msg("没有既有下级数据、又有上级上报值的项", "no parent figure has both children's data and a reported value"))
    end
    for _, g in ipairs(rv:gaps{min_rel = NOTE}) do
      local ind = ds:indicator(g.indicator)
      local big = g.gap_rel and math.abs(g.gap_rel) >= WARN or (not g.gap_rel and math.abs(g.gap) >= 1)
      local rel = g.gap_rel and string.format("%+.2f%%", g.gap_rel * 100) or check.msg("%+.2f 个百分点", "%+.2f points", g.gap)
      report{
        severity = big and "warning" or "info",
        region = g.region, indicator = g.indicator, year = g.year,
        message = check.msg("{1} 个下级按规则汇总得 {2}，上报值为 {3}，相差 {4}（{5}）",
                            "the {1} children roll up to {2}, the reported figure is {3}: {4} apart ({5})",
                            g.total, check.num(g.computed, math.max(ind.decimals or 2, 2)), g.reported,
                            check.num(g.gap, math.max(ind.decimals or 2, 2)), rel),
        values = {{"computed", g.computed}, {"reported", g.reported}, {"gap", g.gap}, {"gap_rel", g.gap_rel or 0},
                  {"children", g.n}},
      }
    end
    for _, c in ipairs(cells) do
      if c.partial and c.n > 0 and c.reported then
        report{
          severity = "info",
          region = c.region, indicator = c.indicator, year = c.year,
          message = check.msg("只有 {1}/{2} 个下级有数据（缺 {3}），无法与上报值 {4} 比较",
                              "only {1} of {2} children have data (missing {3}); the reported {4} cannot be compared",
                              c.n, c.total, table.concat(c.missing or {}, ", "), c.reported),
          values = {{"children", c.n}, {"of", c.total}, {"reported", c.reported}},
        }
      end
    end
  end,
}
