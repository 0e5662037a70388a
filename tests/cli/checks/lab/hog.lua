-- A check that eats memory: stopped by the memory limit.
return {
  title = {zh = "耗尽内存", en = "A memory hog"},
  severity = "error",
  tags = {"broken", "limits"},
  run = function(ds, report)
    local t = {}
    local s = string.rep("x", 1024)
    for i = 1, 1e9 do t[i] = s .. i end
  end,
}
