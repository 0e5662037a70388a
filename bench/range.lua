-- The benchmark's range check: every value of the dataset against the range
-- of its indicator's kind, written as a bureau would write it.  The scans run
-- in C (ds:select, f:outside); Lua only names the bounds and adds up.
--   zhibiao run bench/range.lua --data DIR
-- Prints the count and the CPU time of the check itself (os.clock), apart
-- from the load that came before it.
local bounds = {rate = {0, 100}, level = {0, 1e12}, percap = {0, 1e7}}
local t0 = os.clock()
local outside = 0
for kind, b in pairs(bounds) do
  outside = outside + #ds:select{kind = kind}:outside(b[1], b[2])
end
local t = os.clock() - t0
print(string.format("%d outside", outside))
print(string.format("check_s=%.6f", t))
