-- Tries to change what the next check sees: the shared libraries, the
-- helper library, the dataset's methods, the string metatable.  Reports a
-- note naming each attempt that did not raise.
return {
  title = {zh = "篡改共享环境", en = "Tampering with the shared environment"},
  severity = "info",
  tags = {"sandbox"},
  run = function(ds, report)
    local got = {}
    local function try(name, f) if pcall(f) then got[#got + 1] = name end end
    try("string.rep", function() string.rep = nil end)
    try("math.floor", function() math.floor = function() return 0 end end)
    try("ds metatable", function() getmetatable(ds).__index.value = function() return 0 end end)
    try("string metatable", function() getmetatable("").__index.upper = nil end)
    -- its own copy of the helpers may be changed: the next check has another
    check.num = function() return "X" end
    report{message = "changed: " .. table.concat(got, ",")}
  end,
}
