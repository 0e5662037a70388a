-- bijie_counties.lua — generates datasets/bijie-synthetic/: a SYNTHETIC county
-- panel for 毕节市 whose county figures add up to the city totals the seeds
-- state, for demonstrating and testing `zhibiao rollup`.
--
--   zhibiao run scripts/synth/bijie_counties.lua --data datasets/guizhou [OUTDIR]
--
-- OUTDIR (default datasets/bijie-synthetic) is relative to the current
-- directory and must exist.  Deterministic: no random numbers; the same
-- input gives byte-identical files (tests/cli/test_rollup.sh checks that the
-- committed files are what this script makes).
--
-- Real: the regions and their codes, the indicator definitions, and the
-- city's own figures, all read from datasets/guizhou with their sources.
-- Invented: every county and zone figure.  The shares below are made up;
-- they are shaped so that the counties' sums equal the city's figures:
--   2021 GDP 2181.5 亿元, resident population 684.5 万人, urbanisation 43.3 %
--   (urban population 296.39 万人 / 684.5), urban per-capita income 37263 元
--   (weighted by urban population, equal to the yuan).
-- One gap is deliberate: in 2023 every county's urbanisation rises 0.8
-- points over 2021, so the counties give about 44.1 % while the city
-- reported 45 % (seed 003, line 21).
-- Zones' figures count towards the city (settings.csv: rollup_zones include);
-- the zones have no 2020 population, so that year's population is partial.

local out = arg[1] or "datasets/bijie-synthetic"
assert(ds, "run with --data datasets/guizhou")
local CITY = "520500"
local SOURCE = "synthetic: scripts/synth/bijie_counties.lua"

-- code, GDP share (per mille), 2021 real growth (%), population share
-- (per mille), 2021 urbanisation (%), urban per-capita income (元),
-- population change 2021-2023 (per mille)
local units = {
  {"520502",      235, 8.1, 175, 62, nil,   -4},  -- 七星关区: income balances the mean
  {"520521",       95, 7.6, 112, 40, 36100, -6},
  {"520523",      120, 8.4,  82, 45, 37400, -3},
  {"520524",      105, 7.9, 115, 36, 35200, -5},
  {"520525",       85, 7.2, 100, 35, 34900, -7},
  {"520526",      110, 8.8, 190, 30, 34100, -2},
  {"520527",       65, 7.5,  85, 32, 33800, -6},
  {"520581",      130, 8.6, 100, 47, 37900,  2},
  {"520500-JHH",   35, 9.5,  26, 55, 36600, 10},
  {"520500-BLDJ",  20, 6.9,  15, 38, 35000, -4},
}
local URBAN_RISE_2023 = 0.8  -- points per county: the deliberate gap
local PRICE_RISE_2021 = 1.02 -- GDP deflator used to turn 2021 levels into 2020 ones

local function round(x) return math.floor(x + 0.5) end

-- Splits total (an integer) by weights, largest remainders first, ties to
-- the earlier unit: the parts are integers and add up to total exactly.
local function apportion(total, weights)
  local sum = 0
  for _, w in ipairs(weights) do sum = sum + w end
  local parts, rems, given = {}, {}, 0
  for i, w in ipairs(weights) do
    local exact = total * w / sum
    parts[i] = math.floor(exact)
    rems[i] = {i = i, r = exact - parts[i]}
    given = given + parts[i]
  end
  table.sort(rems, function(a, b) if a.r ~= b.r then return a.r > b.r end return a.i < b.i end)
  for k = 1, total - given do parts[rems[k].i] = parts[rems[k].i] + 1 end
  return parts
end

local function city(indicator, year)
  local o = ds:observation(CITY, indicator, year)
  assert(o and o.value, "datasets/guizhou lacks " .. indicator .. " " .. year .. " for " .. CITY)
  return o
end

-- ---- the figures, in hundredths so that sums are exact ----
local gdp21 = apportion(round(city("gdp", 2021).value * 100), (function()
  local w = {} for i, u in ipairs(units) do w[i] = u[2] end return w end)())
local pop21 = apportion(round(city("resident_pop", 2021).value * 100), (function()
  local w = {} for i, u in ipairs(units) do w[i] = u[4] end return w end)())
-- urban population: 43.3 % of 684.5 is 296.3885, published to 296.39
local urban_total = round(city("resident_pop", 2021).value * city("urbanization_rate", 2021).value)
local urban21 = apportion(urban_total, (function()
  local w = {} for i, u in ipairs(units) do w[i] = pop21[i] * u[5] end return w end)())

local gdp20, pop20, pop23, urban23, income = {}, {}, {}, {}, {}
for i, u in ipairs(units) do
  gdp20[i] = round(gdp21[i] / (1 + u[3] / 100) / PRICE_RISE_2021)
  if not u[1]:find("-", 1, true) then pop20[i] = round(pop21[i] * 1.005) end -- zones: none
  pop23[i] = round(pop21[i] * (1 + u[7] / 1000))
  urban23[i] = round(pop23[i] * (urban21[i] / pop21[i] * 100 + URBAN_RISE_2023) / 100)
  income[i] = u[6]
end
-- 七星关区's income makes the weighted mean the city's 37263
local target_income = city("income_urban", 2021).value
local U, rest = 0, 0
for i = 1, #units do
  U = U + urban21[i]
  if income[i] then rest = rest + income[i] * urban21[i] end
end
income[1] = round((target_income * U - rest) / urban21[1])
local check = 0
for i = 1, #units do check = check + income[i] * urban21[i] end
assert(math.abs(check / U - target_income) < 0.5, "urban income does not average to the city's")

-- ---- CSV ----
local function field(s)
  s = tostring(s or "")
  if s:find('[,"\r\n]') then return '"' .. s:gsub('"', '""') .. '"' end
  return s
end
-- rows[1] is the header; a missing (nil) cell is written empty
local function csv(rows)
  local lines, ncols = {}, #rows[1]
  for _, r in ipairs(rows) do
    local f = {}
    for k = 1, ncols do f[k] = field(r[k]) end
    lines[#lines + 1] = table.concat(f, ",")
  end
  return table.concat(lines, "\n") .. "\n"
end
local function hundredths(n) return string.format("%d.%02d", n // 100, n % 100) end

local function write(name, text)
  local path, err = zb.write(out .. "/" .. name, text)
  assert(path, err)
  print(path)
end

-- regions: the city on top (its province left out), then its units in the
-- order of the real regions file
local regions = {{"code", "name", "level", "parent", "name_en", "source", "note"}}
local c = ds:region(CITY)
regions[2] = {c.code, c.name, c.level, "", c.name_en, c.source, "合成数据集以毕节市为顶层，其上级贵州省未列入"}
for _, u in ipairs(units) do
  local r = assert(ds:region(u[1]), u[1])
  regions[#regions + 1] = {r.code, r.name, r.level, r.parent, r.name_en, r.source, ""}
end
write("regions.csv", csv(regions))

local indicators = {{"code", "name", "name_en", "unit", "category", "attribute", "kind", "aggregation",
                     "direction", "decimals", "source", "note"}}
for _, code in ipairs{"gdp", "gdp_growth", "resident_pop", "urban_pop", "urbanization_rate", "income_urban"} do
  local i = assert(ds:indicator(code), code)
  indicators[#indicators + 1] = {i.code, i.name, i.name_en, i.unit, i.category, i.attribute, i.kind,
                                 i.aggregation, i.direction, i.decimals, i.source, ""}
end
write("indicators.csv", csv(indicators))

local obs = {{"region", "indicator", "year", "value", "status", "source", "note"}}
local function real(indicator, year)
  local o = city(indicator, year)
  obs[#obs + 1] = {CITY, indicator, year, string.format("%.10g", o.value), o.status, o.source, o.note}
end
local function synth(code, indicator, year, value, status)
  obs[#obs + 1] = {code, indicator, year, value, status or "actual", SOURCE, ""}
end
real("gdp", 2021)
real("resident_pop", 2021)
real("urbanization_rate", 2021)
real("income_urban", 2021)
real("urbanization_rate", 2023)
for i, u in ipairs(units) do
  local code = u[1]
  synth(code, "gdp", 2020, hundredths(gdp20[i]))
  synth(code, "gdp", 2021, hundredths(gdp21[i]))
  synth(code, "gdp_growth", 2021, string.format("%.1f", u[3]))
  if pop20[i] then synth(code, "resident_pop", 2020, hundredths(pop20[i])) end
  synth(code, "resident_pop", 2021, hundredths(pop21[i]))
  synth(code, "urban_pop", 2021, hundredths(urban21[i]))
  synth(code, "urbanization_rate", 2021, string.format("%.1f", urban21[i] / pop21[i] * 100))
  synth(code, "income_urban", 2021, string.format("%d", income[i]))
  synth(code, "resident_pop", 2023, hundredths(pop23[i]), "preliminary")
  synth(code, "urban_pop", 2023, hundredths(urban23[i]), "preliminary")
  synth(code, "urbanization_rate", 2023, string.format("%.1f", urban23[i] / pop23[i] * 100), "preliminary")
end
write("observations.csv", csv(obs))

write("settings.csv", csv{
  {"key", "value", "note"},
  {"rollup_zones", "include", "合成数据：县的数据不含金海湖新区、百里杜鹃管理区，两区单列，汇总时计入毕节市"},
})
