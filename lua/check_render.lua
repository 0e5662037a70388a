-- check_render: check results for people (text grouped by severity, with
-- counts, aligned by display width for Chinese) and for machines (JSON,
-- CSV with a BOM for Excel/WPS, JUnit XML for CI).  Results are the data
-- check_runner collects; nothing here runs a check.
local render = {}

local function en() return zb and zb.lang == "en" end
local function T(zh, e) return en() and e or zh end

local SEV_ORDER = {"error", "warning", "info"}
local SEV_LABEL = {
  error = {zh = "错误", en = "errors"},
  warning = {zh = "警告", en = "warnings"},
  info = {zh = "提示", en = "notes"},
}
local SEV_WORD = {error = {zh = "错误", en = "error"}, warning = {zh = "警告", en = "warning"}, info = {zh = "提示", en = "info"}}
local CRASH_LABEL = {
  error = {zh = "运行出错", en = "raised an error"},
  load = {zh = "无法加载", en = "could not be loaded"},
  memory = {zh = "超出内存上限", en = "broke the memory limit"},
  instructions = {zh = "超出指令数上限", en = "broke the instruction limit"},
}

local function pick(m) if type(m) == "table" then return en() and m.en or m.zh end return m end

-- A crash as one line: a broken limit's message says it all; an error or a
-- load failure gets its label first.
function render.crash_text(crash)
  local msg = tostring(crash.message or ""):gsub("[%c]", " ")
  if crash.kind == "memory" or crash.kind == "instructions" then return msg end
  return pick(CRASH_LABEL[crash.kind] or CRASH_LABEL.error) .. T("：", ": ") .. msg
end

local function width(s) return zb.width(s) end

-- Pads s to w display columns (cutting with an ellipsis when longer).
local function fit(s, w)
  s = s or ""
  if width(s) > w then s = zb.cut(s, w - 1) .. "…" end
  return zb.pad(s, w)
end

-- One-line text: control characters (a message with a newline) as spaces.
local function oneline(s) return (tostring(s or ""):gsub("[%c]", " ")) end

local function num(v)
  if math.type(v) == "integer" then return string.format("%d", v) end
  if v ~= v or v == math.huge or v == -math.huge then return nil end
  local s = string.format("%.15g", v)
  if tonumber(s) ~= v then s = string.format("%.17g", v) end
  return s
end

local function value_text(v)
  if type(v) == "number" then return num(v) or tostring(v) end
  return tostring(v)
end

local function values_text(values)
  local parts = {}
  for _, p in ipairs(values) do parts[#parts + 1] = p[1] .. "=" .. value_text(p[2]) end
  return table.concat(parts, "; ")
end

local function region_label(f) return en() and (f.region_name_en or f.region_name or f.region) or (f.region_name or f.region) end
local function indicator_label(f) return en() and (f.indicator_name_en or f.indicator_name or f.indicator) or (f.indicator_name or f.indicator) end

-- All findings with their check, ordered by severity, check, region, year.
local function flat(results)
  local out = {}
  for ci, r in ipairs(results) do
    for fi, f in ipairs(r.findings) do out[#out + 1] = {check = r, f = f, ci = ci, fi = fi} end
  end
  local rank = {error = 1, warning = 2, info = 3}
  table.sort(out, function(a, b)
    local ra, rb = rank[a.f.severity], rank[b.f.severity]
    if ra ~= rb then return ra < rb end
    if a.ci ~= b.ci then return a.ci < b.ci end
    return a.fi < b.fi
  end)
  return out
end

local function summary_line(s)
  if en() then
    return string.format("total: %d checks: %d passed, %d with findings, %d skipped, %d crashed; %d errors, %d warnings, %d notes.",
                         s.checks, s.passed, s.failed, s.skipped, s.crashed, s.error, s.warning, s.info)
  end
  return string.format("合计：检查 %d 项：通过 %d，发现问题 %d，跳过 %d，出错 %d；错误 %d 条，警告 %d 条，提示 %d 条。",
                       s.checks, s.passed, s.failed, s.skipped, s.crashed, s.error, s.warning, s.info)
end

-- Lays out rows of cells: every column but the last padded to its widest
-- cell (capped at caps[i]).
local function layout(rows, caps, indent)
  local w = {}
  for _, row in ipairs(rows) do
    for i = 1, #row - 1 do
      w[i] = math.max(w[i] or 0, math.min(width(row[i]), caps[i] or 1000))
    end
  end
  local lines = {}
  for _, row in ipairs(rows) do
    local cells = {}
    for i = 1, #row - 1 do
      if w[i] > 0 then cells[#cells + 1] = fit(row[i], w[i]) end
    end
    cells[#cells + 1] = row[#row]
    lines[#lines + 1] = ((indent or "") .. table.concat(cells, "  ")):gsub("%s+$", "")
  end
  return lines
end

function render.text(results, ctx)
  local s = ctx.summary
  local out = {}
  local name = ctx.data or "?"
  out[#out + 1] = string.format(T("数据集 %s：运行检查 %d 项", "dataset %s: %d checks run"), name, s.checks)
  -- One layout for every finding, so that the groups line up with each other.
  local rows, sevs = {}, {}
  for _, x in ipairs(flat(results)) do
    local f = x.f
    rows[#rows + 1] = {x.check.full_id, region_label(f) or "", indicator_label(f) or "",
                       f.year and tostring(f.year) or "", oneline(pick(f.message))}
    sevs[#rows] = f.severity
  end
  local lines = layout(rows, {34, 22, 24, 4}, "  ")
  for _, sev in ipairs(SEV_ORDER) do
    local count = 0
    for i = 1, #rows do if sevs[i] == sev then count = count + 1 end end
    if count > 0 then
      out[#out + 1] = ""
      out[#out + 1] = string.format("%s %d", pick(SEV_LABEL[sev]), count)
      for i = 1, #rows do
        if sevs[i] == sev then out[#out + 1] = lines[i] end
      end
    end
  end
  local crashed, skipped = {}, {}
  for _, r in ipairs(results) do
    if r.status == "crash" then
      crashed[#crashed + 1] = {r.full_id, render.crash_text(r.crash)}
    elseif r.status == "skip" then
      local why = pick(r.skip_reason)
      skipped[#skipped + 1] = {r.full_id, oneline(why ~= "" and why or T("不适用于本数据集", "does not apply to this dataset"))}
    end
  end
  if #crashed > 0 then
    out[#out + 1] = ""
    out[#out + 1] = string.format("%s %d", T("检查本身出错", "checks that crashed"), #crashed)
    for _, l in ipairs(layout(crashed, {34}, "  ")) do out[#out + 1] = l end
  end
  if #skipped > 0 then
    out[#out + 1] = ""
    out[#out + 1] = string.format("%s %d", T("跳过", "skipped"), #skipped)
    for _, l in ipairs(layout(skipped, {34}, "  ")) do out[#out + 1] = l end
  end
  out[#out + 1] = ""
  if s.truncated > 0 then
    out[#out + 1] = string.format(T("另有 %d 条发现未列出（每项检查最多 %d 条）", "%d more findings not listed (at most %d per check)"),
                                  s.truncated, 1000)
  end
  out[#out + 1] = summary_line(s)
  return table.concat(out, "\n") .. "\n"
end

-- ---------------------------------------------------------------- JSON

local function json_string(s)
  s = tostring(s)
  s = s:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' elseif c == "\\" then return "\\\\"
    elseif c == "\n" then return "\\n" elseif c == "\r" then return "\\r" elseif c == "\t" then return "\\t" end
    return string.format("\\u%04x", c:byte())
  end)
  return '"' .. s .. '"'
end

local function json_value(v)
  local t = type(v)
  if t == "number" then return num(v) or "null" end
  if t == "boolean" then return tostring(v) end
  if v == nil then return "null" end
  return json_string(v)
end

local function json_pair_list(pairs_)
  local parts = {}
  for _, p in ipairs(pairs_) do parts[#parts + 1] = json_string(p[1]) .. ": " .. json_value(p[2]) end
  return "{" .. table.concat(parts, ", ") .. "}"
end

local function json_bilingual(m)
  if m == nil then return "null" end
  return string.format('{"zh": %s, "en": %s}', json_string(m.zh), json_string(m.en))
end

function render.json(results, ctx)
  local s = ctx.summary
  local out = {}
  out[#out + 1] = "{"
  out[#out + 1] = string.format('  "dataset": %s,', json_value(ctx.data))
  out[#out + 1] = string.format('  "summary": {"checks": %d, "passed": %d, "failed": %d, "skipped": %d, "crashed": %d, '
                                .. '"errors": %d, "warnings": %d, "infos": %d, "truncated": %d},',
                                s.checks, s.passed, s.failed, s.skipped, s.crashed, s.error, s.warning, s.info, s.truncated)
  out[#out + 1] = '  "checks": ['
  for i, r in ipairs(results) do
    local tags = {}
    for k, t in ipairs(r.tags or {}) do tags[k] = json_string(t) end
    local head = string.format('    {"id": %s, "department": %s, "severity": %s, "title": %s, "tags": [%s], "status": %s',
                               json_string(r.full_id), json_string(r.department), json_string(r.severity),
                               json_bilingual(r.title), table.concat(tags, ", "), json_string(r.status))
    if r.crash then
      head = head .. string.format(', "crash": {"kind": %s, "message": %s}', json_string(r.crash.kind), json_string(r.crash.message))
    end
    if r.skip_reason then head = head .. ', "skip_reason": ' .. json_bilingual(r.skip_reason) end
    if r.truncated then head = head .. string.format(', "truncated": %d', r.truncated) end
    local fl = {}
    for k, f in ipairs(r.findings) do
      local fields = {'"severity": ' .. json_string(f.severity)}
      local function add(key, v) if v ~= nil then fields[#fields + 1] = json_string(key) .. ": " .. json_value(v) end end
      add("region", f.region); add("region_name", f.region_name)
      add("indicator", f.indicator); add("indicator_name", f.indicator_name); add("unit", f.unit)
      add("year", f.year); add("plan", f.plan)
      fields[#fields + 1] = '"message": ' .. json_bilingual(f.message)
      fields[#fields + 1] = '"values": ' .. json_pair_list(f.values)
      fl[k] = "        {" .. table.concat(fields, ", ") .. "}"
    end
    if #fl > 0 then
      out[#out + 1] = head .. ', "findings": [\n' .. table.concat(fl, ",\n") .. "\n      ]}" .. (i < #results and "," or "")
    else
      out[#out + 1] = head .. ', "findings": []}' .. (i < #results and "," or "")
    end
  end
  out[#out + 1] = "  ]"
  out[#out + 1] = "}"
  return table.concat(out, "\n") .. "\n"
end

-- ---------------------------------------------------------------- CSV

local function csv_field(s)
  s = tostring(s or "")
  if s:find('[,"\r\n]') then s = '"' .. s:gsub('"', '""') .. '"' end
  return s
end

function render.csv(results, ctx)
  local out = {}
  local header = en() and {"severity", "check", "department", "region", "region name", "indicator", "indicator name", "year", "message", "values"}
                       or {"严重程度", "检查", "部门", "地区代码", "地区", "指标代码", "指标", "年份", "说明", "数值"}
  local function row(cells)
    local t = {}
    for i = 1, #header do t[i] = csv_field(cells[i]) end
    out[#out + 1] = table.concat(t, ",")
  end
  row(header)
  for _, x in ipairs(flat(results)) do
    local f = x.f
    row({pick(SEV_WORD[f.severity]), x.check.full_id, x.check.department, f.region, region_label(f),
         f.indicator, indicator_label(f), f.year, pick(f.message), values_text(f.values)})
  end
  for _, r in ipairs(results) do
    if r.status == "crash" then
      row({T("出错", "crash"), r.full_id, r.department, "", "", "", "", "",
           render.crash_text(r.crash), "kind=" .. r.crash.kind})
    end
  end
  return (ctx.bom and "\239\187\191" or "") .. table.concat(out, "\r\n") .. "\r\n"
end

-- ---------------------------------------------------------------- JUnit

-- XML 1.0 text: the five entities, and characters XML cannot hold (most
-- control characters) as U+FFFD.
local function xml(s)
  s = tostring(s or "")
  s = s:gsub("[%z\1-\8\11\12\14-\31]", "\239\191\189")
  return (s:gsub("[&<>\"']", {["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&apos;"}))
end

local function finding_text(f)
  local where = {}
  if f.region then where[#where + 1] = region_label(f) end
  if f.indicator then where[#where + 1] = indicator_label(f) end
  if f.year then where[#where + 1] = tostring(f.year) end
  if #where == 0 then return string.format("[%s] %s", f.severity, pick(f.message)) end
  return string.format("[%s] %s: %s", f.severity, table.concat(where, " "), pick(f.message))
end

-- Errors are JUnit failures (they fail the run, as the exit status does);
-- warnings and notes go to system-out; a crash is a JUnit error.
function render.junit(results, ctx)
  local by_dept, order = {}, {}
  for _, r in ipairs(results) do
    if not by_dept[r.department] then by_dept[r.department] = {}; order[#order + 1] = r.department end
    table.insert(by_dept[r.department], r)
  end
  local function counts(list)
    local c = {tests = #list, failures = 0, errors = 0, skipped = 0}
    for _, r in ipairs(list) do
      if r.status == "crash" then c.errors = c.errors + 1
      elseif r.status == "skip" then c.skipped = c.skipped + 1
      elseif r.worst == "error" then c.failures = c.failures + 1 end
    end
    return c
  end
  local out = {'<?xml version="1.0" encoding="UTF-8"?>'}
  local total = counts(results)
  out[#out + 1] = string.format('<testsuites name="zhibiao check" tests="%d" failures="%d" errors="%d" skipped="%d">',
                                total.tests, total.failures, total.errors, total.skipped)
  for _, dept in ipairs(order) do
    local list = by_dept[dept]
    local c = counts(list)
    out[#out + 1] = string.format('  <testsuite name="%s" tests="%d" failures="%d" errors="%d" skipped="%d">',
                                  xml(dept), c.tests, c.failures, c.errors, c.skipped)
    for _, r in ipairs(list) do
      out[#out + 1] = string.format('    <testcase classname="%s" name="%s" file="%s">', xml(dept), xml(r.id), xml(r.path))
      local errs, others = {}, {}
      for _, f in ipairs(r.findings) do
        if f.severity == "error" then errs[#errs + 1] = finding_text(f) else others[#others + 1] = finding_text(f) end
      end
      if r.status == "crash" then
        out[#out + 1] = string.format('      <error type="%s" message="%s">%s</error>', xml(r.crash.kind),
                                      xml(pick(CRASH_LABEL[r.crash.kind] or CRASH_LABEL.error)), xml(r.crash.message))
      elseif r.status == "skip" then
        out[#out + 1] = string.format('      <skipped message="%s"/>', xml(pick(r.skip_reason)))
      end
      if #errs > 0 then
        out[#out + 1] = string.format('      <failure type="error" message="%s">%s</failure>',
                                      xml(string.format(T("%d 条错误", "%d errors"), #errs)), xml(table.concat(errs, "\n")))
      end
      if #others > 0 then
        out[#out + 1] = string.format("      <system-out>%s</system-out>", xml(table.concat(others, "\n")))
      end
      out[#out + 1] = "    </testcase>"
    end
    out[#out + 1] = "  </testsuite>"
  end
  out[#out + 1] = "</testsuites>"
  return table.concat(out, "\n") .. "\n"
end

-- ---------------------------------------------------------------- --list

function render.list(picked, all)
  local rows = {{T("检查", "check"), T("严重程度", "severity"), T("标签", "tags"), T("标题", "title")}}
  local foreign = false
  for _, e in ipairs(picked) do
    if e.origin ~= "bundled" then foreign = true end
  end
  for _, e in ipairs(picked) do
    local title = pick(e.title)
    if e.broken then
      title = T("（无法加载）", "(cannot be loaded) ") .. oneline(e.broken.message)
    elseif foreign and e.origin ~= "bundled" then
      title = title .. "  [" .. e.path .. "]"
    end
    rows[#rows + 1] = {e.full_id, pick(SEV_WORD[e.severity] or SEV_WORD.error), table.concat(e.tags or {}, ","), title}
  end
  local out = {string.format(T("选中 %d 项检查（共 %d 项）", "%d of %d checks selected"), #picked, #all)}
  for _, l in ipairs(layout(rows, {34, 8, 30}, "  ")) do out[#out + 1] = l end
  return table.concat(out, "\n") .. "\n"
end

-- ---------------------------------------------------------------- zhibiao test

-- rows: {entry =, cases = {{name =, problems = {...}}}}; returns text and
-- the number of failed cases (a check that cannot be loaded counts as one).
function render.tests(rows)
  local out, failed, cases, untested, passed = {}, 0, 0, 0, 0
  local lines = {}
  for _, row in ipairs(rows) do
    local e = row.entry
    local marks, bad = {}, {}
    if e.broken then
      failed = failed + 1
      bad[#bad + 1] = render.crash_text(e.broken)
    end
    for _, c in ipairs(row.cases) do
      cases = cases + 1
      if #c.problems == 0 then
        passed = passed + 1
        marks[#marks + 1] = c.name .. " ✓"
      else
        failed = failed + 1
        marks[#marks + 1] = c.name .. " ✗"
        for _, p in ipairs(c.problems) do bad[#bad + 1] = c.name .. T("：", ": ") .. oneline(p) end
      end
    end
    local status
    if #bad > 0 then status = "not ok"
    elseif #row.cases == 0 then status = "--"; untested = untested + 1; marks = {T("无样例", "no fixtures")}
    else status = "ok" end
    lines[#lines + 1] = {status, e.full_id, table.concat(marks, "  ")}
    for _, b in ipairs(bad) do lines[#lines + 1] = {"", "", "  " .. b} end
  end
  for _, l in ipairs(layout(lines, {6, 40})) do out[#out + 1] = l end
  out[#out + 1] = ""
  out[#out + 1] = string.format(T("合计：检查 %d 项，样例 %d 个：通过 %d，失败 %d；无样例的检查 %d 项。",
                                  "total: %d checks, %d cases: %d passed, %d failed; %d checks without fixtures."),
                                #rows, cases, passed, failed, untested)
  return table.concat(out, "\n") .. "\n", failed
end

return render
