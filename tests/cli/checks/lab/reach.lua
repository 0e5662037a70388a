-- Names every dangerous thing it can reach (none, in a sandbox).
return {
  title = {zh = "能触及的危险函数", en = "Dangerous functions within reach"},
  severity = "info",
  tags = {"sandbox"},
  run = function(ds, report)
    local reached = {}
    for _, name in ipairs({"io", "debug", "package", "require", "load", "loadfile", "dofile",
                           "collectgarbage", "rawset", "coroutine"}) do
      local ok, v = pcall(function() return _ENV[name] end)
      if ok and v ~= nil then reached[#reached + 1] = name end
    end
    if os.execute or os.remove or os.exit or os.getenv then reached[#reached + 1] = "os" end
    if zb.open or zb.write then reached[#reached + 1] = "zb.open/zb.write" end
    if getmetatable(ds) then reached[#reached + 1] = "ds metatable" end
    report{message = "reached: " .. table.concat(reached, ",")}
  end,
}
