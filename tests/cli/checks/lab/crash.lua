-- A check that raises: reported as crashed, the others still run.
return {
  title = {zh = "会出错的检查", en = "A check that raises"},
  severity = "error",
  tags = {"broken"},
  run = function(ds, report)
    local t = nil
    return t.field
  end,
}
