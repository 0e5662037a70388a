-- Returns its metadata in a table whose metamethods never end: the runner
-- reads it with raw access only (outside the sandbox's limits a metamethod
-- would hang the batch), so the check loads and runs normally.
local never = function() while true do end end
return setmetatable({
  title = {zh = "元数据带死循环元方法", en = "Metadata with endless metamethods"},
  severity = "error",
  tags = {"sandbox"},
  run = function(ds, report) end,
}, {__index = never, __pairs = never, __len = never})
