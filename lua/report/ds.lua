-- report.ds: what the bundled reports ask of a dataset, in one place —
-- which plan to show, names in the current language, where figures came
-- from.  Reading only; the numbers themselves come from the dataset's C
-- methods.

local report = require "report"
local fmt = require "report.fmt"
local T = fmt.T

local M = {}

function M.name(t)
  if not t then return "" end
  if fmt.lang() == "en" and t.name_en then return t.name_en end
  return t.name or t.code or ""
end

-- The region a report is about: opts.region, else the region of the plan
-- given, else the only region with targets.  Fails (exit 2) when unknown.
function M.region(ds, opts)
  if opts.region then
    local r = ds:region(opts.region)
    if not r then report.fail(T("数据集中没有地区代码“%s”", "the dataset has no region '%s'"), opts.region) end
    return r
  end
  local seen, list = {}, {}
  local function collect(plan)
    for _, p in ipairs(ds:plans()) do
      if (not plan or p.plan == plan) and not seen[p.region] then
        seen[p.region] = true
        list[#list + 1] = p.region
      end
    end
  end
  collect(opts.plan)
  if #list == 0 then collect(nil) end -- an unknown plan is reported by M.plan, with the choices
  if #list == 1 then return ds:region(list[1]) end
  if #list == 0 then report.fail(T("数据集中没有规划目标", "the dataset has no plan targets")) end
  report.fail(T("数据集中有多个地区的规划目标，请用 --region 指定：%s", "targets for several regions; choose one with --region: %s"),
    table.concat(list, ", "))
end

-- The plans of a region: {plan=, plan_name=, base_year=, target_year=, targets=n},
-- in the dataset's order.
function M.plans(ds, region)
  local list = {}
  for _, p in ipairs(ds:plans()) do
    local ts = ds:targets{plan = p.plan, region = region}
    if #ts > 0 then
      local base, target = nil, nil
      for _, t in ipairs(ts) do
        if t.base_year and (not base or t.base_year < base) then base = t.base_year end
        if not target or t.target_year > target then target = t.target_year end
      end
      list[#list + 1] = {plan = p.plan, plan_name = p.plan_name, base_year = base, target_year = target, targets = #ts}
    end
  end
  return list
end

-- The plan a report is about: opts.plan, else the plan whose period holds
-- `year` (the latest such), else the one with the latest target year.
function M.plan(ds, region, opts, year)
  local plans = M.plans(ds, region)
  if opts.plan then
    for _, p in ipairs(plans) do if p.plan == opts.plan then return p end end
    local names = {}
    for _, p in ipairs(plans) do names[#names + 1] = p.plan end
    report.fail(T("地区 %s 没有规划“%s”；可选：%s", "region %s has no plan '%s'; choose from: %s"),
      region, opts.plan, table.concat(names, ", "))
  end
  if #plans == 0 then report.fail(T("地区 %s 没有规划目标", "region %s has no plan targets"), region) end
  local best
  if year then
    for _, p in ipairs(plans) do
      if p.base_year and year > p.base_year and year <= p.target_year and (not best or p.target_year > best.target_year) then
        best = p
      end
    end
  end
  if best then return best end
  for _, p in ipairs(plans) do
    if not best or p.target_year > best.target_year then best = p end
  end
  return best
end

-- "001_x.txt:955", "001_x.txt:967" -> "001_x.txt 第955、967行"; many
-- places in one file -> the range they span, "001_x.txt 第205—680行".
function M.sources(list)
  local files, order = {}, {}
  for _, s in ipairs(list) do
    for part in tostring(s):gmatch("[^;]+") do
      part = part:gsub("^%s+", ""):gsub("%s+$", "")
      local file, a, b = part:match("^(.-):(%d+)%-(%d+)$")
      if not file then file, a = part:match("^(.-):(%d+)$"); b = a end
      if file and file ~= "" then
        local f = files[file]
        if not f then
          f = {spans = {}, seen = {}}
          files[file] = f
          order[#order + 1] = file
        end
        local key = a .. "-" .. b
        if not f.seen[key] then
          f.seen[key] = true
          f.spans[#f.spans + 1] = {tonumber(a), tonumber(b)}
        end
      elseif part ~= "" and not files[part] then
        files[part] = {}
        order[#order + 1] = part
      end
    end
  end
  local out = {}
  for _, file in ipairs(order) do
    local f = files[file]
    if f.spans and #f.spans > 0 then
      table.sort(f.spans, function(x, y) return x[1] < y[1] end)
      local lo, hi = f.spans[1][1], f.spans[1][2]
      for _, sp in ipairs(f.spans) do lo, hi = math.min(lo, sp[1]), math.max(hi, sp[2]) end
      if #f.spans <= 4 then
        local parts = {}
        for _, sp in ipairs(f.spans) do
          parts[#parts + 1] = sp[1] == sp[2] and tostring(sp[1]) or (sp[1] .. T("—", "-") .. sp[2])
        end
        out[#out + 1] = string.format(T("%s 第%s行", "%s line %s"), file, table.concat(parts, T("、", ", ")))
      else
        out[#out + 1] = string.format(T("%s 第%d—%d行", "%s lines %d-%d"), file, lo, hi)
      end
    elseif file ~= "" then
      out[#out + 1] = file
    end
  end
  return table.concat(out, T("；", "; "))
end

function M.attribute_label(a)
  if a == "binding" then return T("约束性", "binding") end
  if a == "anticipatory" then return T("预期性", "anticipatory") end
  return ""
end

-- A pace as a cell: a fraction a year for levels (shown 11.47%), a change
-- a year in the indicator's unit otherwise (+1.40点 for %, +0.0086
-- 人/亿元/年 for others: zb.growth.pace decides, as the commands do).  The
-- value stays a number for Excel, with a number format that shows it the
-- same way.
function M.rate_cell(rate, compound, unit)
  if not fmt.isnum(rate) then return nil end
  local text, decimals, suffix = zb.growth.pace(rate, compound, unit)
  if compound then
    return {value = rate * 100, text = text, numfmt = '0.00"%"'}
  end
  local digits = "0." .. string.rep("0", decimals)
  local q = '"' .. suffix .. '"'
  return {value = rate, text = text, numfmt = "+" .. digits .. q .. ";-" .. digits .. q .. ";" .. digits .. q}
end

-- A share (0.96) as a percentage cell (96).
function M.share_cell(share)
  if not fmt.isnum(share) then return nil end
  return share * 100
end

-- Every observation of a series as {{year, value}...}, in year order.
function M.history(ds, region, indicator)
  local pts = {}
  local first, last = ds:years()
  if not first then return pts end
  for y = first, last do
    local v = ds:value(region, indicator, y)
    if v then pts[#pts + 1] = {y, v} end
  end
  return pts
end

-- Counts rows by verdict.
function M.count_verdicts(rows)
  local c = setmetatable({}, {__index = function() return 0 end})
  for _, r in ipairs(rows) do c[r.verdict] = c[r.verdict] + 1 end
  return c
end

-- "、"-joined list of names, the first `max` and "等 n 项" for the rest.
function M.name_list(names, max)
  max = max or 6
  if #names <= max then return table.concat(names, T("、", ", ")) end
  local head = {}
  for i = 1, max do head[i] = names[i] end
  return table.concat(head, T("、", ", ")) .. string.format(T("等 %d 项", " and %d more"), #names - max)
end

return M
