-- Prints while it runs: the text goes to stderr, marked with the check,
-- so that a JSON or CSV report on stdout stays whole.
return {
  title = {zh = "会打印的检查", en = "A check that prints"},
  severity = "info",
  tags = {"print"},
  run = function(ds, report)
    print("调试", ds:value("520502", "gdp", 2020))
  end,
}
