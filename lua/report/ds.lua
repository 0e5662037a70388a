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
-- given (the one above the others when the plan has targets for several),
-- else the only region with targets.  Fails (exit 2) when unknown, and
-- when several regions have targets, naming each of them.
function M.region(ds, opts)
  if opts.region then
    local r = ds:region(opts.region)
    if not r then report.fail(T("数据集中没有地区代码“%s”", "the dataset has no region '%s'"), opts.region) end
    return r
  end
  -- Every region with a target: ds:plans() names one region per plan (its
  -- first target's), and a plan may set targets for several (a province's
  -- plan with targets for its capital).
  local seen, list = {}, {}
  local function collect(plan)
    for _, t in ipairs(ds:targets(plan and {plan = plan} or {})) do
      if not seen[t.region] then
        seen[t.region] = true
        list[#list + 1] = t.region
      end
    end
  end
  collect(opts.plan)
  if #list == 0 then collect(nil) end -- an unknown plan is reported by M.plan, with the choices
  if #list == 1 then return ds:region(list[1]) end
  -- A plan's own region is the one above all the others it sets targets
  -- for (贵州省's plan names targets for 贵阳市 too).
  if opts.plan and #list > 1 then
    local function above(a, b) -- is a an ancestor of b?
      local r = ds:region(b)
      local guard = 0
      while r and r.parent and guard < 16 do
        if r.parent == a then return true end
        r, guard = ds:region(r.parent), guard + 1
      end
      return false
    end
    for _, a in ipairs(list) do
      local all = true
      for _, b in ipairs(list) do all = all and (a == b or above(a, b)) end
      if all then return ds:region(a) end
    end
  end
  if #list == 0 then report.fail(T("数据集中没有规划目标", "the dataset has no plan targets")) end
  local named = {}
  for i, code in ipairs(list) do
    local r = ds:region(code)
    named[i] = r and string.format(T("%s（%s）", "%s (%s)"), code, M.name(r)) or code
  end
  report.fail(T("数据集中有多个地区的规划目标，请用 --region 指定：%s", "targets for several regions; choose one with --region: %s"),
    table.concat(named, T("、", ", ")))
end

-- The plans of a region: {plan=, plan_name=, base_year=, target_year= (the
-- latest), target_years = {sorted}, targets=n}, in the dataset's order.
function M.plans(ds, region)
  local list = {}
  for _, p in ipairs(ds:plans()) do
    local ts = ds:targets{plan = p.plan, region = region}
    if #ts > 0 then
      local base, target, years, seen = nil, nil, {}, {}
      for _, t in ipairs(ts) do
        if t.base_year and (not base or t.base_year < base) then base = t.base_year end
        if not target or t.target_year > target then target = t.target_year end
        if not seen[t.target_year] then seen[t.target_year] = true; years[#years + 1] = t.target_year end
      end
      table.sort(years)
      list[#list + 1] = {plan = p.plan, plan_name = p.plan_name, base_year = base, target_year = target,
                         target_years = years, targets = #ts}
    end
  end
  return list
end

-- A plan's period in words: "2015—2020年", or without a base year its
-- target years, "目标年份 2023、2025年".
function M.period(plan)
  if plan.base_year then return string.format(T("%d—%d年", "%d-%d"), plan.base_year, plan.target_year) end
  local years = plan.target_years or {plan.target_year}
  return string.format(T("目标年份 %s年", "target years %s"), table.concat(years, T("、", ", ")))
end

-- The target column(s) of a table of targets: "2020年目标" when the plan has
-- one target year; with several (a 2023 and a 2025 target of one
-- indicator), a 目标 column and a 目标年 column, so that no target is shown
-- under another year.  Rows carry target_year.
function M.target_columns(plan, key)
  local years = plan.target_years or {plan.target_year}
  if #years <= 1 then
    return {{key = key, label = string.format(T("%d年目标", "%d target"), plan.target_year), align = "center"}}
  end
  return {{key = "target_year", label = T("目标年", "Target year"), type = "integer"},
          {key = key, label = T("目标", "Target"), align = "center"}}
end

-- How many distinct indicators a list of rows (one per target) covers.
function M.count_indicators(rows)
  local seen, n = {}, 0
  for _, r in ipairs(rows) do
    if not seen[r.indicator] then seen[r.indicator] = true; n = n + 1 end
  end
  return n
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
    return {value = fmt.clean(rate * 100, 2), text = text, numfmt = '0.00"%"'}
  end
  local digits = "0." .. string.rep("0", decimals)
  local q = '"' .. suffix .. '"'
  return {value = fmt.clean(rate, decimals), text = text, numfmt = "+" .. digits .. q .. ";-" .. digits .. q .. ";" .. digits .. q}
end

-- A figure as the plan prints it (a target "509", "10左右", a growth
-- "12"): when the text is a plain number, a cell that Excel stores as that
-- number ({value=, text=, decimals=}: the indicator's decimals, or more
-- when the text has more, so 9.5 is never shown 10) while every other
-- format prints the text as written; texts with qualifiers stay text.
-- nil and "" give "".
function M.figure_cell(text, decimals)
  if text == nil then return "" end
  text = tostring(text)
  local digits = text:match("^%-?%d+%.?(%d*)$")
  if not digits then return text end
  local d = math.max(math.tointeger(decimals) or 0, #digits)
  return {value = tonumber(text), text = text, decimals = d}
end

-- The decimals a figure was entered with, at least `min` (an indicator's
-- decimals) and at most min + 3: 57.2 has 1, so an urbanisation rate of
-- 57.2 with an indicator of 0 decimals is not shown as 57.  A computed
-- value (no short form) gets min + 3; nil and non-numbers give min.
function M.decimals_of(v, min)
  min = math.tointeger(min) or 0
  if not fmt.isnum(v) then return min end
  for d = min, min + 3 do
    local r = tonumber(string.format("%." .. d .. "f", v))
    if math.abs(r - v) <= 1e-9 * math.max(1, math.abs(v)) then return d end
  end
  return min + 3
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
