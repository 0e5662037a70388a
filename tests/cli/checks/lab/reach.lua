-- Names every dangerous thing it can reach: none, in the sandbox.  Each
-- attempt is a pcall, so that a refusal (an error) and an absence (nil)
-- both count as out of reach.
return {
  title = {zh = "能触及的危险函数", en = "Dangerous functions within reach"},
  severity = "info",
  tags = {"sandbox"},
  run = function(ds, report)
    local reached = {}
    local attempts = {
      io_open = function() return io.open end,
      os_execute = function() return os.execute end,
      os_getenv = function() return os.getenv end,
      os_remove = function() return os.remove end,
      debug = function() return debug end,
      package = function() return package end,
      dofile = function() return dofile end,
      loadfile = function() return loadfile end,
      string_dump = function() return string.dump end,
      zb_open = function() return zb.open end,
      zb_sandbox = function() return zb.sandbox end,
      require_debug = function() return require("debug") end,
      binary_load = function() return load("\27Lua") end,
      ds_gc = function() return getmetatable(ds).__gc end,
      write_file = function() return zb.write("x.txt", "x") end,
    }
    local names = {}
    for k in pairs(attempts) do names[#names + 1] = k end
    table.sort(names)
    for _, k in ipairs(names) do
      local ok, v = pcall(attempts[k])
      if ok and v ~= nil then reached[#reached + 1] = k end
    end
    report{message = "reached: " .. table.concat(reached, ",")}
  end,
}
