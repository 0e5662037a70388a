-- check_skeleton: what `zhibiao new-check DEPT/ID` writes: a commented
-- check (Chinese comments with English) whose example rule works, and two
-- fixtures (a case where it passes, one where it fires), so that
-- `zhibiao test` passes before the bureau changes anything.
local M = {}

local CHECK = [=[
-- {{FULL}}：（在这里用一句话写明这条规则）
-- {{FULL}}: (say in one sentence what this rule checks)
--
-- 一个检查是一个返回表的 Lua 文件：元数据 + run 函数。
-- A check is a Lua file that returns a table: metadata and a run function.
-- 文件位置决定部门和编号：<检查目录>/{{DEPT}}/{{ID}}.lua
-- The file's place gives its department and id: <checks dir>/{{DEPT}}/{{ID}}.lua
--
-- 试运行 / try it:
--   zhibiao test <检查目录>                          -- 运行样例 / run the fixtures
--   zhibiao check --data 数据集目录 --checks <检查目录> {{FULL}}

-- 要检查的指标（数据集 indicators.csv 中的代码）和合理范围。
-- The indicator to check (its code in the dataset's indicators.csv) and
-- its plausible range.
local INDICATOR = "forest_cover"
local LOW, HIGH = 0, 100

return {
  -- 标题：中文必填，英文可选 / title: Chinese required, English optional
  title = {zh = "森林覆盖率在 0–100% 之间", en = "Forest cover is between 0 and 100%"},
  -- 严重程度：error（错误，退出码 1）、warning（警告）、info（提示）
  -- severity: error (exit status 1), warning or info
  severity = "warning",
  description = {
    zh = "百分比指标不能小于 0 或大于 100；超出多为录入错误（如单位写成了小数或千分比）。",
    en = "A percentage cannot be below 0 or above 100; a value outside is usually a typing error.",
  },
  -- 标签：用于选择检查，如 zhibiao check "{{DEPT}} and range"
  -- tags: for selecting checks, e.g. zhibiao check "{{DEPT}} and range"
  tags = {"range"},

  -- run(ds, report)：ds 是数据集，report{...} 记下一条发现。
  -- run(ds, report): ds is the dataset; report{...} records one finding.
  run = function(ds, report)
    -- 数据集里没有这个指标时，说明“不适用”而不是“通过”。
    -- When the dataset lacks the indicator, say so: skipped, not passed.
    local ind = ds:indicator(INDICATOR)
    if not ind then
      return report.skip(check.msg("数据集中没有指标 %s", "the dataset has no indicator %s", INDICATOR))
    end
    -- check.cells 列出该指标的每个数值：{region =, year =, value =}
    -- check.cells lists every value of the indicator: {region =, year =, value =}
    for _, c in ipairs(check.cells(ds, INDICATOR)) do
      if not check.within(c.value, LOW, HIGH) then
        report{
          region = c.region, indicator = INDICATOR, year = c.year,
          -- 消息中文在前、英文在后，用同样的参数 / Chinese, then English, same arguments
          message = check.msg("%s为 %s%%，不在 %s–%s%% 之间", "%s is %s%%, not between %s and %s%%",
                              check.name(ind), check.num(c.value), LOW, HIGH),
          -- 涉及的数值，写进 JSON/CSV 输出 / the values involved, kept in JSON/CSV output
          values = {value = c.value, low = LOW, high = HIGH},
        }
      end
    end
  end,
}
]=]

local REGIONS = [[
code,name,level,parent,name_en
520502,七星关区,county,,Qixingguan District
]]

local INDICATORS = [[
code,name,name_en,unit,kind,direction,decimals
forest_cover,森林覆盖率,Forest coverage rate,%,rate,up,2
]]

local PASS_OBS = [[
region,indicator,year,value
520502,forest_cover,2020,57.75
]]

local FIRE_OBS = [[
region,indicator,year,value
520502,forest_cover,2020,157.75
]]

local PASS_EXPECTED = [[
# 预期的发现，每行一条：严重程度 地区 指标 年份 [消息中应有的文字]
# Expected findings, one a line: severity region indicator year [text in the message]
# 这个样例的数值合理，不应有发现。/ This case's values are fine: no findings.
none
]]

local FIRE_EXPECTED = [[
# 森林覆盖率 157.75% 超出 100%，应报一条警告。
# Forest cover 157.75% is above 100%: one warning.
warning 520502 forest_cover 2020 157.75
]]

local function fill(text, dept, id)
  return (text:gsub("{{(%u+)}}", {DEPT = dept, ID = id, FULL = dept .. "/" .. id}))
end

-- M.files(dept, id) -> list of {path =, text =}, paths relative to the
-- check folder.
function M.files(dept, id)
  local base = dept .. "/" .. id
  return {
    {path = base .. ".lua", text = fill(CHECK, dept, id)},
    {path = base .. ".fixtures/regions.csv", text = REGIONS},
    {path = base .. ".fixtures/indicators.csv", text = INDICATORS},
    {path = base .. ".fixtures/pass/observations.csv", text = PASS_OBS},
    {path = base .. ".fixtures/pass/expected", text = PASS_EXPECTED},
    {path = base .. ".fixtures/fire/observations.csv", text = FIRE_OBS},
    {path = base .. ".fixtures/fire/expected", text = FIRE_EXPECTED},
  }
end

return M
