-- TAP lines for the Lua test files, which tests/run.sh counts: one counter
-- and one way of printing a failure, shared instead of copied into each
-- file.  Loaded with dofile("tests/lua/tap.lua") from the top of the
-- source tree, where the tests run.
local M = {n = 0, failed = 0}

-- ok N - name, or not ok N - name with the detail after " # " (a detail of
-- several lines goes below, each line after "#   ").  Returns cond.
function M.check(cond, name, detail)
  M.n = M.n + 1
  if cond then
    print(string.format("ok %d - %s", M.n, name))
    return cond
  end
  M.failed = M.failed + 1
  local text = detail ~= nil and tostring(detail) or ""
  if text:find("\n", 1, true) then
    print(string.format("not ok %d - %s", M.n, name))
    for line in (text .. "\n"):gmatch("(.-)\n") do
      if line ~= "" then print("#   " .. line) end
    end
  else
    print(string.format("not ok %d - %s%s", M.n, name, text ~= "" and (" # " .. text) or ""))
  end
  return cond
end

function M.skip(name, why)
  M.n = M.n + 1
  print(string.format("ok %d - %s # SKIP %s", M.n, name, why))
end

function M.near(a, b, eps) return type(a) == "number" and math.abs(a - b) <= (eps or 1e-9) end

-- Does f(...) raise an error containing pattern (plain text)?  Returns
-- that and the error.
function M.raises(pattern, f, ...)
  local ok, err = pcall(f, ...)
  return not ok and tostring(err):find(pattern, 1, true) ~= nil, err
end

-- The count line, and exit status 1 when anything failed.
function M.done()
  print(string.format("# %d tests, %d failed", M.n, M.failed))
  if M.failed > 0 then os.exit(1) end
end

return M
