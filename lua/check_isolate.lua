-- check_isolate: the one place where a check's code is loaded and called.
--
--   isolate.load(text, chunkname, globals) -> fn | nil, message
--   isolate.call(fn, limits, ...) -> true, results... | false, kind, message
--
-- kind is "error" (the check raised), "memory" or "instructions" (it broke
-- a limit).  Both go through the sandbox (lua/zb_sandbox*.c, docs/sandbox.md):
-- each load gets a fresh environment over read-only libraries plus the
-- globals given (the `check` helpers, print); each call runs on a thread of
-- its own with a memory budget and an instruction count, and one check's
-- failure leaves the next one untouched.
local isolate = {}

-- Tighter than the sandbox's own defaults (256 MiB, 10^9 instructions, a
-- few seconds): a check over a province's data takes a few million
-- instructions, and a batch of checks should not wait seconds for each one
-- that loops.  --max-instructions and --max-memory raise them.
isolate.defaults = {instructions = 200000000, memory = 128 * 1024 * 1024}

function isolate.load(text, chunkname, globals)
  return zb.sandbox.load(text, {name = chunkname:gsub("^@", ""), globals = globals})
end

function isolate.call(fn, limits, ...)
  limits = limits or {}
  local lim = {
    instructions = limits.instructions or isolate.defaults.instructions,
    memory = limits.memory or isolate.defaults.memory,
  }
  local res = table.pack(zb.sandbox.call(fn, lim, ...))
  if res[1] then return table.unpack(res, 1, res.n) end
  -- false, kind, message (the traceback, res[4], is left out: the message
  -- carries the check's file and line)
  return false, res[2], res[3]
end

return isolate
