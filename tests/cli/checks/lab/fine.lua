-- A check that passes: it runs whatever the others do.
return {
  title = {zh = "正常的检查", en = "A check that passes"},
  severity = "error",
  tags = {"good"},
  run = function(ds, report)
    assert(ds:value("520502", "gdp", 2020) == 500.06)
  end,
}
