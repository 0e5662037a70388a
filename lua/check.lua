-- check: the helper library every check sees as the global `check`.
--
-- A check (scripts/checks/<department>/<id>.lua) returns its metadata and a
-- function run(ds, report); report{...} records one finding.  These helpers
-- cover the common assertions, so that a bureau's rule is a few lines:
--
--   check.msg(zh, en, ...)      a bilingual message (string.format on both)
--   check.name(ind_or_region)   its names as {zh =, en =}, for check.msg
--   check.text(msg)             a message in the current language
--   check.num(v [, decimals])   a number as people read it: 500.06, 42892, 15.9
--   check.pct(fraction)         0.0986 -> "9.86%"
--   check.close(a, b, tol)      equal within a tolerance (absolute, or {abs=, rel=})
--   check.within(v, lo, hi)     lo <= v <= hi (nil bound: open)
--   check.median(xs), check.mad(xs)
--   check.outliers(points, opts) robust jumps: median absolute deviation of
--                               the year-on-year changes
--   check.parts(text)           "18.7:25.5:55.8" -> {18.7, 25.5, 55.8}, 1
--   check.target_number(text)   "60%以上" -> 60, "ge"
--   check.target(ds, spec)      the target row of a plan, region, indicator, year
--   check.cells(ds, code)       every figure of an indicator: {region, year, value}
--   check.indicators(ds, spec)  indicator codes by list, filter, unit, exceptions
--   check.range(ds, report, spec)   values outside [lo, hi] (one pass in C)
--   check.sum(ds, report, spec)     parts that do not add up to a whole
--   check.jumps(ds, report, spec)   series with an outlying year-on-year change
--
-- The helpers return data (findings, lists); nothing here prints or writes.
local check = {}

local function lang() return (zb and zb.lang) or "zh" end

-- check.msg(zh, en, ...) -> {zh =, en =}: both texts formatted with the same
-- arguments; an argument that is itself a {zh =, en =} pair (check.name)
-- gives each text its own language.  en may be nil (zh is used for both).
-- When the two languages order things differently, write {1}, {2}, ... in
-- place of % directives: each text then takes the arguments it names, in
-- its own order (numbers as check.num writes them):
--   check.msg("{1} 年为 {2}", "{2} in {1}", 2020, 500.06)
function check.msg(zh, en, ...)
  local n = select("#", ...)
  if n == 0 then return {zh = zh, en = en or zh} end
  local za, ea = {...}, {...}
  for i = 1, n do
    local a = za[i]
    if type(a) == "table" then za[i], ea[i] = a.zh or a.en, a.en or a.zh end
  end
  if zh:find("{%d+}") then
    local function fill(text, args)
      return (text:gsub("{(%d+)}", function(k)
        local v = args[tonumber(k)]
        if type(v) == "number" then return check.num(v) end
        return tostring(v)
      end))
    end
    return {zh = fill(zh, za), en = fill(en or zh, ea)}
  end
  return {zh = string.format(zh, table.unpack(za, 1, n)),
          en = string.format(en or zh, table.unpack(ea, 1, n))}
end

-- check.name(x) -> {zh =, en =}: the Chinese and English names of an
-- indicator or region table (ds:indicator(code), ds:region(code)).
function check.name(x)
  if type(x) ~= "table" then return {zh = tostring(x), en = tostring(x)} end
  return {zh = x.name or x.code, en = x.name_en or x.name or x.code}
end

-- check.text(m) -> the message in the current language (a string or {zh, en}).
function check.text(m)
  if type(m) == "table" then return m[lang()] or m.zh or m.en end
  return m
end

-- check.num(v [, decimals]) -> text.  Without decimals: up to 2 decimals,
-- trailing zeros dropped (500.06, 42892, 15.9); nil -> "—".
function check.num(v, decimals)
  if v == nil then return "—" end
  if v ~= v then return "NaN" end
  if v == math.huge then return "∞" elseif v == -math.huge then return "-∞" end
  if decimals then return string.format("%." .. decimals .. "f", v) end
  local s = string.format("%.2f", v)
  if s:find("%.") then s = s:gsub("0+$", ""):gsub("%.$", "") end
  if s == "-0" then s = "0" end
  return s
end

-- check.pct(fraction [, decimals]) -> "9.86%"
function check.pct(f, decimals)
  if f == nil then return "—" end
  return check.num(f * 100, decimals or 2) .. "%"
end

-- check.close(a, b, tol) -> true when a and b agree: tol is an absolute
-- difference, or {abs =, rel =} (either may pass; rel is relative to the
-- larger magnitude).  Default: abs 1e-9.
function check.close(a, b, tol)
  if a == nil or b == nil then return false end
  local d = math.abs(a - b)
  if type(tol) == "number" then return d <= tol end
  tol = tol or {}
  local abs = tol.abs or (tol.rel and 0 or 1e-9)
  if d <= abs then return true end
  if tol.rel then return d <= tol.rel * math.max(math.abs(a), math.abs(b)) end
  return false
end

-- check.within(v, lo, hi) -> true when lo <= v <= hi; a nil bound is open.
function check.within(v, lo, hi)
  if v == nil then return false end
  return (lo == nil or v >= lo) and (hi == nil or v <= hi)
end

local function sorted_copy(xs)
  local c = {}
  for i = 1, #xs do c[i] = xs[i] end
  table.sort(c)
  return c
end

-- check.median(xs) -> the median of a list of numbers (nil when empty)
function check.median(xs)
  local n = #xs
  if n == 0 then return nil end
  local c = sorted_copy(xs)
  if n % 2 == 1 then return c[(n + 1) // 2] end
  return (c[n // 2] + c[n // 2 + 1]) / 2
end

-- check.mad(xs) -> median absolute deviation from the median, and the median
function check.mad(xs)
  local m = check.median(xs)
  if m == nil then return nil end
  local dev = {}
  for i = 1, #xs do dev[i] = math.abs(xs[i] - m) end
  return check.median(dev), m
end

-- check.outliers(points, opts) -> list of {year =, from =, to =, change =,
-- score =}.  points: a list of {year, value} in any order.  The change
-- from one observed year to the next is relative (% a year, compounded over
-- a gap) when opts.relative (levels), else in points a year (rates).  A
-- change is an outlier when its robust z-score 0.6745 (c - median) / MAD
-- exceeds opts.threshold (default 3.5, Iglewicz and Hoaglin).  When the MAD
-- is 0 (most changes equal), the mean absolute deviation (x 1.2533) stands
-- in for it; and the scale never goes below opts.floor (default 1e-6 of
-- the median change), so that changes equal but for rounding or float
-- noise (1.4, 1.4, 1.4000000000000057) do not make outliers of each other.
-- Fewer than opts.min_changes (default 4) changes: no verdict.
function check.outliers(points, opts)
  opts = opts or {}
  local threshold = opts.threshold or 3.5
  local min_changes = opts.min_changes or 4
  local pts = {}
  for i, p in ipairs(points) do pts[i] = p end
  table.sort(pts, function(a, b) return a[1] < b[1] end)
  local changes = {}
  for i = 2, #pts do
    local y0, v0, y1, v1 = pts[i - 1][1], pts[i - 1][2], pts[i][1], pts[i][2]
    local gap = y1 - y0
    local c
    if opts.relative then
      if v0 > 0 and v1 > 0 then c = ((v1 / v0) ^ (1 / gap) - 1) * 100 end
    else
      c = (v1 - v0) / gap
    end
    if c then changes[#changes + 1] = {year = y1, prev = y0, from = v0, to = v1, change = c} end
  end
  if #changes < min_changes then return {} end
  local xs = {}
  for i, c in ipairs(changes) do xs[i] = c.change end
  local mad, med = check.mad(xs)
  local scale = mad / 0.6745
  if mad == 0 then
    local sum = 0
    for _, x in ipairs(xs) do sum = sum + math.abs(x - med) end
    scale = 1.2533 * sum / #xs
  end
  scale = math.max(scale, opts.floor or 0, 1e-6 * math.abs(med))
  local out = {}
  if scale == 0 then return out end
  for _, c in ipairs(changes) do
    local z = (c.change - med) / scale
    if math.abs(z) > threshold then
      c.score, c.median = z, med
      out[#out + 1] = c
    end
  end
  return out
end

-- check.parts(text) -> list of numbers in a structure text ("18.7:25.5:55.8")
-- and the most decimals a part is written with; nil when it is not one.
function check.parts(text)
  if type(text) ~= "string" then return nil end
  local t = zb.target.parse(text)
  if not t or t.form ~= "ratio" then return nil end
  local decimals = 0
  for piece in text:gmatch("[%d%.]+") do
    local d = piece:match("%.(%d+)$")
    if d and #d > decimals then decimals = #d end
  end
  return t.parts, decimals
end

-- check.target_number(text) -> the number a target text states and its
-- comparison ("eq", "about", "ge", "le", "gt", "lt"), or nil for free text,
-- "——", ratios and changes.  "60%以上" -> 60, "ge"; "10左右" -> 10, "about".
-- (zb.target.parse gives the whole parse.)
function check.target_number(text)
  if type(text) ~= "string" or text == "" then return nil end
  local t = zb.target.parse(text)
  if t and t.form == "value" then return t.value, t.cmp end
  return nil
end

-- check.target(ds, {plan =, region =, indicator =, year =}) -> the target
-- row (as ds:targets gives it) of that plan, region and indicator whose
-- target year is `year` (any year when nil), its number and comparison
-- (check.target_number of the target text); nil when there is none.  For
-- rules that tie two targets of one plan together (GDP and population,
-- urban and rural income).
function check.target(ds, spec)
  if not ds:indicator(spec.indicator) or (spec.region and not ds:region(spec.region)) then return nil end
  for _, t in ipairs(ds:targets{plan = spec.plan, region = spec.region, indicator = spec.indicator}) do
    if spec.year == nil or t.target_year == spec.year then
      return t, check.target_number(t.target_text)
    end
  end
  return nil
end

-- check.cells(ds, indicator [, filter]) -> list of {region =, year =, value =}:
-- every figure of the indicator (missing values left out), in file order.
-- filter adds fields of ds:select (year =, from =, level =, ...).
function check.cells(ds, indicator, filter)
  local out = {}
  if not ds:indicator(indicator) then return out end
  local f = {indicator = indicator, missing = false}
  for k, v in pairs(filter or {}) do f[k] = v end
  for _, region, year, value in ds:select(f):rows("region", "year", "value") do
    out[#out + 1] = {region = region, year = year, value = value}
  end
  return out
end

-- check.indicators(ds, spec) -> list of codes: spec.indicator (a code or a
-- list; codes the dataset lacks are left out), or the indicators that pass
-- spec.filter (a ds:indicators filter: {kind = "rate"}, ...); then spec.unit
-- keeps those with that unit, and spec.except drops codes (or Lua patterns).
function check.indicators(ds, spec)
  local codes = {}
  if spec.indicator then
    local list = type(spec.indicator) == "table" and spec.indicator or {spec.indicator}
    for _, c in ipairs(list) do
      if ds:indicator(c) then codes[#codes + 1] = c end
    end
  else
    for _, ind in ipairs(ds:indicators(spec.filter)) do
      if not spec.unit or ind.unit == spec.unit then codes[#codes + 1] = ind.code end
    end
  end
  if spec.except then
    local kept = {}
    for _, c in ipairs(codes) do
      local drop = false
      for _, e in ipairs(spec.except) do
        if c == e or c:find(e) then drop = true; break end
      end
      if not drop then kept[#kept + 1] = c end
    end
    codes = kept
  end
  return codes
end

-- check.range(ds, report, spec) -> number of findings.  Reports every value
-- of the indicators spec names (see check.indicators) below spec.lo or
-- above spec.hi.
function check.range(ds, report, spec)
  local codes = check.indicators(ds, spec)
  if #codes == 0 then return 0 end
  -- One pass in C over the selected rows (f:outside); only the rows out of
  -- range come back to Lua.
  local out = ds:select{indicator = codes}:outside(spec.lo, spec.hi)
  local lo, hi = check.num(spec.lo), check.num(spec.hi)
  for _, r in out:rows() do
    local ind = ds:indicator(r.indicator)
    report{
      region = r.region, indicator = r.indicator, year = r.year,
      message = check.msg("%s为 %s%s，超出合理范围 %s–%s", "%s is %s%s, outside the plausible range %s–%s",
                          check.name(ind), check.num(r.value), ind.unit or "", lo, hi),
      values = {value = r.value, lo = spec.lo, hi = spec.hi},
    }
  end
  return #out
end

-- check.sum(ds, report, spec) -> number of findings.  spec.whole is an
-- indicator code, spec.parts a list of codes; for every region and year
-- where the whole and all parts have values, reports when the parts' sum
-- differs from the whole by more than spec.tolerance (check.close; default
-- half a unit of the last printed decimal for each figure).
function check.sum(ds, report, spec)
  local n = 0
  local whole = ds:indicator(spec.whole)
  if not whole then return 0 end
  local tol = spec.tolerance
  if not tol then
    local t = 0.5 * 10 ^ -(whole.decimals or 2)
    for _, p in ipairs(spec.parts) do
      local ind = ds:indicator(p)
      t = t + 0.5 * 10 ^ -((ind and ind.decimals) or 2)
    end
    tol = t + 1e-9
  end
  for _, c in ipairs(check.cells(ds, spec.whole)) do
    local sum, complete = 0, true
    local values = {{spec.whole, c.value}}
    for _, p in ipairs(spec.parts) do
      local v = ds:indicator(p) and ds:value(c.region, p, c.year)
      if not v then complete = false; break end
      sum = sum + v
      values[#values + 1] = {p, v}
    end
    if complete and not check.close(sum, c.value, tol) then
      n = n + 1
      values[#values + 1] = {"sum", sum}
      values[#values + 1] = {"gap", sum - c.value}
      report{
        region = c.region, indicator = spec.whole, year = c.year,
        message = check.msg("各部分之和 %s 与%s %s 相差 %s%s", "the parts add up to %s, %s is %s: a gap of %s %s",
                            check.num(sum), check.name(whole), check.num(c.value), check.num(sum - c.value), whole.unit or ""),
        values = values,
      }
    end
  end
  return n
end

-- check.jumps(ds, report, spec) -> number of findings.  For each region's
-- series of the indicators spec names, reports the years whose change is
-- an outlier (check.outliers; levels compare relative changes, rates and
-- shares changes in points).
function check.jumps(ds, report, spec)
  local n = 0
  for _, code in ipairs(check.indicators(ds, spec)) do
    local ind = ds:indicator(code)
    local relative = spec.relative
    if relative == nil then relative = (ind.kind == "level" or ind.kind == "percap") end
    local by_region, order = {}, {}
    for _, c in ipairs(check.cells(ds, code)) do
      if not by_region[c.region] then by_region[c.region] = {}; order[#order + 1] = c.region end
      local pts = by_region[c.region]
      pts[#pts + 1] = {c.year, c.value}
    end
    -- The smallest spread worth a verdict: half a point of growth for
    -- levels, one unit of the last printed decimal for the rest.
    local floor = spec.floor or (relative and 0.5 or 10 ^ -(ind.decimals or 2))
    local opts = {threshold = spec.threshold, min_changes = spec.min_changes, relative = relative, floor = floor}
    for _, region in ipairs(order) do
      for _, o in ipairs(check.outliers(by_region[region], opts)) do
        n = n + 1
        local fmt = relative and "%+.1f%%" or "%+.2f"
        report{
          region = region, indicator = code, year = o.year,
          message = check.msg("%s由 %d 年的 %s 变为 %d 年的 %s，年变化 " .. fmt .. "%s，远离通常的 " .. fmt .. "%s（稳健 z 值 %.1f）",
                              "%s went from %d: %s to %d: %s, a change of " .. fmt .. "%s a year against a typical " .. fmt .. "%s (robust z %.1f)",
                              check.name(ind), o.prev, check.num(o.from), o.year, check.num(o.to),
                              o.change, relative and "" or {zh = " 个百分点", en = " pt"},
                              o.median, relative and "" or {zh = " 个百分点", en = " pt"}, o.score),
          values = {from = o.from, to = o.to, change = o.change, median_change = o.median, z = o.score},
        }
      end
    end
  end
  return n
end

return check
