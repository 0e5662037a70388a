-- Reports a finding whose metamethods never end: report() reads it inside
-- the sandboxed call, so the instruction limit stops it there.
return {
  title = {zh = "发现带死循环元方法", en = "A finding with endless metamethods"},
  severity = "error",
  tags = {"sandbox"},
  run = function(ds, report)
    local never = function() while true do end end
    report(setmetatable({}, {__index = never, __pairs = never}))
  end,
}
