-- 产业结构（如 18.7:25.5:55.8）各项之和应为 100，且应与各产业增加值算出的比重一致。
-- A sector structure (18.7:25.5:55.8) must add up to 100 and agree with the
-- shares computed from the sectors' value added, in the actual figures and
-- in the plan targets.  Printed shares are rounded: a share may differ from
-- the computed one by half a unit of its last decimal (plus 0.01 for the
-- rounding of the levels themselves).
local function components(ind)
  local list = ind.aggregation and ind.aggregation:match("^structure%((.*)%)$")
  if not list then return nil end
  local codes = {}
  for c in list:gmatch("[^,%s]+") do codes[#codes + 1] = c end
  return codes
end

local function structure_text(shares, decimals)
  local t = {}
  for i, s in ipairs(shares) do t[i] = check.num(s, decimals) end
  return table.concat(t, ":")
end

local function list_text(values)
  local t = {}
  for i, v in ipairs(values) do t[i] = check.num(v) end
  return table.concat(t, ", ")
end

-- Compares printed parts with component values; reports at most one finding
-- for the sum and one for the shares.
local function compare(report, ind, where, parts, decimals, values, label)
  local half = 0.5 * 10 ^ -decimals
  local total = 0
  for _, p in ipairs(parts) do total = total + p end
  if math.abs(total - 100) > #parts * half + 1e-9 then
    report{
      region = where.region, indicator = ind.code, year = where.year, plan = where.plan,
      message = check.msg("%s%s %s 各项之和为 %s，不是 100", "%s%s %s adds up to %s, not 100",
                          label, check.name(ind), where.text, check.num(total, decimals)),
      values = {{"sum", total}},
    }
  end
  if not values then return end
  local sum = 0
  for _, v in ipairs(values) do sum = sum + v end
  if sum <= 0 then return end
  local shares, worst = {}, 0
  for i, v in ipairs(values) do
    shares[i] = v / sum * 100
    worst = math.max(worst, math.abs(shares[i] - (parts[i] or 0)))
  end
  if #values ~= #parts or worst > half + 0.01 then
    report{
      region = where.region, indicator = ind.code, year = where.year, plan = where.plan,
      message = check.msg("%s%s %s 与各产业增加值（%s）算出的 %s 不符，最大相差 %s 个百分点",
                          "%s%s %s does not match the sectors' value added (%s), which gives %s; the largest gap is %s points",
                          label, check.name(ind), where.text,
                          list_text(values),
                          structure_text(shares, decimals), check.num(worst, 3)),
      values = {{"printed", where.text}, {"computed", structure_text(shares, decimals + 2)}, {"largest_gap", worst}},
    }
  end
end

return {
  title = {zh = "产业结构各项之和为 100 且与增加值相符", en = "Sector structures add up to 100 and match value added"},
  severity = "warning",
  description = {
    zh = "三次产业结构（实际和目标）各项之和应为 100，并与各产业增加值算出的比重在四舍五入误差内一致。",
    en = "Sector structures (actual and target) must add up to 100 and match the shares of the sectors' value added within rounding.",
  },
  tags = {"consistency", "structure", "accounts"},
  run = function(ds, report)
    local found = false
    for _, ind in ipairs(ds:indicators{kind = "structure"}) do
      local comps = components(ind)
      found = true
      -- 实际值：结构写在 raw 列 / actual figures: the structure is the raw text
      for _, r in ds:select{indicator = ind.code}:rows() do
        local parts, decimals = check.parts(r.raw)
        if parts then
          local values
          if comps then
            values = {}
            for i, c in ipairs(comps) do
              values[i] = ds:indicator(c) and ds:value(r.region, c, r.year)
              if not values[i] then values = nil; break end
            end
          end
          compare(report, ind, {region = r.region, year = r.year, text = r.raw}, parts,
                  math.max(decimals, ind.decimals or 0), values, "")
        end
      end
      -- 规划目标 / plan targets
      for _, t in ipairs(ds:targets{indicator = ind.code}) do
        local parts, decimals = check.parts(t.target_text)
        if parts then
          local values
          if comps then
            values = {}
            for i, c in ipairs(comps) do
              local _, v = check.target(ds, {plan = t.plan, region = t.region, indicator = c, year = t.target_year})
              values[i] = v
              if not v then values = nil; break end
            end
          end
          compare(report, ind, {region = t.region, year = t.target_year, plan = t.plan, text = t.target_text},
                  parts, math.max(decimals, ind.decimals or 0), values,
                  check.msg("规划 %s 的目标：", "plan %s target: ", t.plan))
        end
      end
    end
    if not found then
      return report.skip(check.msg("数据集中没有结构类指标", "the dataset has no structure indicator"))
    end
  end,
}
