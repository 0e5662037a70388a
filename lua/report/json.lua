-- report.json: the document as JSON for other programs.
--
-- Blocks in order; a table's rows are objects keyed by column key, every
-- column present in every row (null where the cell is empty), numbers as
-- JSON numbers rounded to what the report shows, a status column as its key
-- (on_track) with the word beside it (<key>_label).  Objects keep a fixed
-- key order so that the output can be compared from run to run.

local fmt = require "report.fmt"

local M = {}

local ORDERED = {}

-- JSON's null where a key must stay in an object (an empty cell of a row);
-- a nil value leaves its key out.
M.null = setmetatable({}, {__name = "json.null", __tostring = function() return "null" end})

-- An object whose keys come out in the order given: obj{"a", 1, "b", 2}.
-- A nil value keeps its place (the pairs are read by position up to the
-- highest index, not with #, which a hole makes unreliable), and its key is
-- left out of the output.
local function obj(list)
  local n = 0
  for k in pairs(list) do
    if math.type(k) == "integer" and k > n then n = k end
  end
  if n % 2 == 1 then n = n + 1 end
  return setmetatable({list = list, n = n}, ORDERED)
end
M.obj = obj

local escapes = {['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t"}

local function str(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    return escapes[c] or string.format("\\u%04x", c:byte())
  end) .. '"'
end

local function is_array(t)
  local n = #t
  if n == 0 then return next(t) == nil end
  local count = 0
  for _ in pairs(t) do count = count + 1 end
  return count == n
end

local function encode(v, out, indent)
  local tv = type(v)
  if v == nil or v == M.null then
    out[#out + 1] = "null"
  elseif tv == "boolean" then
    out[#out + 1] = tostring(v)
  elseif tv == "number" then
    if v ~= v or v == math.huge or v == -math.huge then
      out[#out + 1] = "null"
    elseif math.type(v) == "integer" then
      out[#out + 1] = string.format("%d", v)
    else
      -- 12 significant digits: a float's noise (684.4999999999999) goes,
      -- every figure a bureau writes stays.
      local s = string.format("%.12g", fmt.clean(v))
      if s == "-0" then s = "0" end
      out[#out + 1] = s
    end
  elseif tv == "string" then
    out[#out + 1] = str(v)
  elseif tv == "table" then
    local pad = "\n" .. string.rep("  ", indent + 1)
    if getmetatable(v) == ORDERED then
      local parts = {}
      for i = 1, v.n, 2 do
        local val = v.list[i + 1]
        if type(v.list[i]) ~= "string" then
          error(string.format("report.json: object key %d is a %s, not a string", (i + 1) // 2, type(v.list[i])), 0)
        end
        if val ~= nil then
          local o = {}
          encode(val, o, indent + 1)
          parts[#parts + 1] = str(v.list[i]) .. ": " .. table.concat(o)
        end
      end
      if #parts == 0 then out[#out + 1] = "{}" return end
      out[#out + 1] = "{" .. pad .. table.concat(parts, "," .. pad) .. "\n" .. string.rep("  ", indent) .. "}"
    elseif is_array(v) then
      if #v == 0 then out[#out + 1] = "[]" return end
      local scalars = true
      for i = 1, #v do scalars = scalars and type(v[i]) ~= "table" end
      if scalars then
        local parts = {}
        for i = 1, #v do
          local o = {}
          encode(v[i], o, indent + 1)
          parts[i] = table.concat(o)
        end
        out[#out + 1] = "[" .. table.concat(parts, ", ") .. "]"
        return
      end
      local parts = {}
      for i = 1, #v do
        local o = {}
        encode(v[i], o, indent + 1)
        parts[i] = table.concat(o)
      end
      out[#out + 1] = "[" .. pad .. table.concat(parts, "," .. pad) .. "\n" .. string.rep("  ", indent) .. "]"
    else
      local keys = {}
      for k, val in pairs(v) do
        if type(k) == "string" and type(val) ~= "function" then keys[#keys + 1] = k end
      end
      table.sort(keys)
      local list = {}
      for _, k in ipairs(keys) do list[#list + 1] = k; list[#list + 1] = v[k] end
      encode(obj(list), out, indent)
    end
  else
    out[#out + 1] = "null"
  end
end

function M.encode(v)
  local out = {}
  encode(v, out, 0)
  return table.concat(out)
end

-- The JSON value of a cell, never nil (an empty cell is null): numbers in
-- number columns as numbers rounded as shown, text columns as the text
-- people read (a target 509 stays "509" like "10左右").
local function cell_json(col, row)
  local cell = row[col.key]
  local v = fmt.cell_value(cell)
  if col.type == "number" or col.type == "integer" then
    if fmt.isnum(v) then return tonumber(fmt.number(v, fmt.decimals_for(col, row))) end
    if type(cell) == "table" and cell.text then return cell.text end
    if v == nil or type(v) == "number" then return M.null end -- NaN and infinities are no JSON numbers
    return tostring(v)
  end
  if type(cell) == "table" and cell.text then return cell.text end
  if v == nil or v == "" then return M.null end
  if type(v) == "number" and not fmt.isnum(v) then return M.null end
  return v
end

local function table_json(b, layout)
  local cols, rows = {}, {}
  for i, c in ipairs(b.columns) do
    cols[i] = obj{"key", c.key, "label", c.label, "unit", c.unit, "type", c.type}
  end
  for r, row in ipairs(b.rows) do
    -- Explicit positions: a nil written with #list + 1 would shift every
    -- later key onto the next value.
    local list, k = {}, 0
    local function put(key, value)
      list[k + 1], list[k + 2] = key, value
      k = k + 2
    end
    for _, c in ipairs(b.columns) do
      put(c.key, cell_json(c, row))
      if c.type == "status" then
        local word = fmt.status_word(fmt.cell_value(row[c.key]))
        put(c.key .. "_label", word ~= "" and word or M.null)
      end
    end
    rows[r] = obj(list)
  end
  return obj{"type", "table", "name", b.name, "title", b.title, "notes", layout.marks[b],
             "columns", cols, "rows", rows}
end

local function chart_json(b, layout)
  local data = {}
  for k, v in pairs(b) do
    if k ~= "type" and k ~= "notes" and k ~= "kind" and k ~= "title" then data[k] = v end
  end
  return obj{"type", "chart", "kind", b.kind, "figure", layout.figure[b], "title", b.title,
             "notes", layout.marks[b], "data", data}
end

function M.render(doc)
  local layout = doc:layout()
  local blocks = {}
  for _, b in ipairs(doc.blocks) do
    local j
    if b.type == "heading" then
      j = obj{"type", "heading", "level", b.level, "text", b.text}
    elseif b.type == "paragraph" or b.type == "note" then
      j = obj{"type", b.type, "text", b.text, "notes", layout.marks[b]}
    elseif b.type == "figures" then
      local items = {}
      for i, it in ipairs(b.items) do
        local v = it.value
        if fmt.isnum(v) then v = tonumber(fmt.number(v, it.decimals or 0)) end
        items[i] = obj{"label", it.label, "value", v, "unit", it.unit, "status", it.status,
                       "status_label", it.status and fmt.status_word(it.status) or nil, "notes", layout.marks[it]}
      end
      j = obj{"type", "figures", "title", b.title, "items", items}
    elseif b.type == "table" then
      j = table_json(b, layout)
    elseif b.type == "chart" then
      j = chart_json(b, layout)
    end
    blocks[#blocks + 1] = j
  end
  local keys = {}
  for k in pairs(doc.meta) do
    if k ~= "title" and k ~= "subtitle" and type(k) == "string" then keys[#keys + 1] = k end
  end
  table.sort(keys)
  local list = {}
  for _, k in ipairs(keys) do list[#list + 1] = k; list[#list + 1] = doc.meta[k] end
  local meta = obj(list)
  return M.encode(obj{"title", doc.meta.title, "subtitle", doc.meta.subtitle, "meta", meta,
                      "blocks", blocks, "footnotes", layout.footnotes}) .. "\n"
end

function M.write(doc, name)
  local report = require "report"
  return {report.write_file(name, M.render(doc))}
end

return M
