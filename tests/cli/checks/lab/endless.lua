-- A check that never ends: stopped by the instruction limit.
return {
  title = {zh = "死循环", en = "An endless loop"},
  severity = "error",
  tags = {"broken", "limits"},
  run = function(ds, report)
    local i = 0
    while true do i = i + 1 end
  end,
}
