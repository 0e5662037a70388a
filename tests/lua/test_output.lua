-- zb.write: atomic writes inside the run's output directory only.
-- A plain `zhibiao run` allows the current directory (the repo root in make test).
local tap = dofile("tests/lua/tap.lua")
local check = tap.check

check(zb.output_dir() == ".", "a plain run writes in the current directory", zb.output_dir())
local name = "build/test_output_" .. tostring(os.time()) .. ".txt"
local path, err = zb.write(name, "七星关区\n500.06\n")
check(path == "./" .. name, "zb.write returns the path it wrote", path or err)
local f = io.open(name, "rb")
local text = f and f:read("a")
if f then f:close() end
check(text == "七星关区\n500.06\n", "the file holds exactly the text", text)
os.remove(name)

for _, bad in ipairs{"../escape.txt", "/etc/passwd", "a/../../b", "", "dir/"} do
  local ok, msg = pcall(zb.write, bad, "x")
  check(not ok and tostring(msg):find("bad argument #1", 1, true), "refuses the name '" .. bad .. "'", msg)
end
local p, msg = zb.write("no_such_dir_here/x.txt", "x")
check(p == nil and msg:find("no_such_dir_here/x.txt", 1, true), "a missing directory is nil plus a message naming the file", msg)

tap.done()
