-- An endless loop that tries to swallow the stop with pcall.
return {
  title = {zh = "用 pcall 吞掉中止的死循环", en = "An endless loop that pcalls the stop away"},
  severity = "error",
  tags = {"broken", "limits"},
  run = function(ds, report)
    while true do
      pcall(function() while true do end end)
    end
  end,
}
