-- Metadata without a severity: cannot be loaded, reported as such.
return {
  title = "缺少严重程度",
  tags = {"broken"},
  run = function(ds, report) end,
}
