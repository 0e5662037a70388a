-- check_isolate: the one place where a check's code is loaded and called.
--
--   isolate.load(text, chunkname, globals) -> fn | nil, message
--   isolate.call(fn, limits, ...) -> true, results... | false, kind, message
--
-- kind is "error" (the check raised), "memory" or "instructions" (it broke
-- a limit).  Each load gets a fresh environment: the allowed libraries,
-- read through a proxy so that one check cannot change what another sees,
-- plus the globals given (the `check` helpers).
--
-- This interim version builds the environment in Lua, counts instructions
-- with a debug hook and watches the collector's count; the `sandbox` work
-- replaces it with zb.sandbox (its own allocator, C-side limits).  Nothing
-- outside this file knows which one runs.
local isolate = {}

local sethook, gethook = debug.sethook, debug.gethook

local function T(zh, en) return (zb and zb.lang == "en") and en or zh end

-- The base functions and libraries a check may use.  Not here: io, os
-- (but os.time/os.date/os.clock), debug, package, require, load*, dofile,
-- collectgarbage, coroutine (hooks do not follow a check into a coroutine
-- in this interim version), rawset on shared tables, setmetatable on
-- anything but the check's own tables.
local BASE = {
  "assert", "error", "ipairs", "next", "pairs", "pcall", "select", "tonumber",
  "tostring", "type", "xpcall", "rawequal", "rawlen", "rawget", "print",
}
local LIBS = {"string", "table", "math", "utf8"}

local function readonly(t, name)
  return setmetatable({}, {
    __index = t,
    __newindex = function(_, k) error(string.format("attempt to change %s.%s (read-only)", name, tostring(k)), 2) end,
    __metatable = false,
    __pairs = function() return next, t, nil end,
  })
end

local shared -- built once: read-only proxies of the allowed libraries
local function shared_globals()
  if shared then return shared end
  shared = {}
  for _, k in ipairs(BASE) do shared[k] = _G[k] end
  for _, lib in ipairs(LIBS) do shared[lib] = readonly(_G[lib], lib) end
  shared.os = readonly({time = os.time, date = os.date, clock = os.clock}, "os")
  -- getmetatable of a table only: userdata metatables (the dataset's) stay
  -- out of reach, and so does the string metatable.
  shared.getmetatable = function(v)
    if type(v) == "table" then return getmetatable(v) end
    return nil
  end
  shared.setmetatable = setmetatable
  shared.zb = readonly(setmetatable({}, {__index = function(_, k)
    if k == "open" or k == "write" or k == "output_dir" then return nil end
    return zb[k]
  end}), "zb")
  shared._VERSION = _VERSION
  return shared
end

function isolate.load(text, chunkname, globals)
  if text:byte(1) == 27 then return nil, chunkname:gsub("^@", "") .. T("：不允许加载二进制代码块", ": binary chunks are not allowed") end
  local base = shared_globals()
  local env = {}
  for k, v in pairs(globals or {}) do env[k] = v end
  setmetatable(env, {
    __index = function(_, k)
      local v = base[k]
      if v == nil then error(string.format("undefined global '%s'", tostring(k)), 2) end
      return v
    end,
  })
  env._G = env
  local fn, err = load(text, chunkname, "t", env)
  if not fn then return nil, err end
  return fn
end

local LIMIT = {} -- the error value a broken limit raises
isolate.defaults = {instructions = 50000000, memory = 64 * 1024 * 1024}

function isolate.call(fn, limits, ...)
  limits = limits or {}
  local max_instr = limits.instructions or isolate.defaults.instructions
  local max_kb = (limits.memory or isolate.defaults.memory) / 1024
  local step = 1000
  local count, tripped, active = 0, nil, true
  local base_kb = collectgarbage("count")
  local function hook(event)
    -- The hook stays installed until this function restores the old one:
    -- once the check has returned or unwound, it must not fire here.
    if not active then return end
    if tripped then
      -- Once tripped, stop on every line too, so that a pcall inside the
      -- check cannot swallow the stop.
      error(LIMIT, 0)
    end
    if event == "count" then
      count = count + step
      if count > max_instr then
        tripped = "instructions"
      elseif collectgarbage("count") - base_kb > max_kb then
        collectgarbage()
        if collectgarbage("count") - base_kb > max_kb then tripped = "memory" end
      end
      if tripped then
        sethook(hook, "l", step)
        error(LIMIT, 0)
      end
    end
  end
  local function body(...)
    local r = table.pack(fn(...))
    active = false
    return table.unpack(r, 1, r.n)
  end
  local old = {gethook()}
  sethook(hook, "", step)
  local res = table.pack(xpcall(body, function(e)
    active = false
    if e == LIMIT or tripped then return LIMIT end
    if type(e) ~= "string" then
      local mt = getmetatable(e)
      e = (mt and mt.__tostring) and tostring(e) or ("(error object is a " .. type(e) .. " value)")
    end
    return e
  end, ...))
  active = false
  if old[1] then sethook(table.unpack(old, 1, 3)) else sethook() end
  if res[1] then return table.unpack(res, 1, res.n) end
  if tripped == "instructions" then
    return false, "instructions", string.format(T("超出指令数上限（%d 条）", "exceeded the instruction limit (%d)"), max_instr)
  elseif tripped == "memory" then
    return false, "memory", string.format(T("超出内存上限（%d KiB）", "exceeded the memory limit (%d KiB)"), math.floor(max_kb))
  end
  return false, "error", res[2]
end

return isolate
