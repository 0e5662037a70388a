-- Runs after a_tamper: reports what it sees, which must be untouched.
return {
  title = {zh = "被篡改的对象", en = "The victim"},
  severity = "info",
  tags = {"sandbox"},
  run = function(ds, report)
    report{message = string.format("sees %s %s %s %s", check.num(1.5), string.rep("a", 2),
                                   tostring(ds:value("520502", "gdp", 2020)), ("x"):upper())}
  end,
}
