#!/bin/sh
# Series and frames as an English-speaking user sees them (--lang en):
# headers, names and the row count switch language, figures do not.
. tests/cli/lib.sh

same() { if [ "$2" = "$3" ]; then ok "$1"; else notok "$1" "got:
$2
expected:
$3"; fi; }

cat > "$TMP/show.lua" <<'LUA'
print(ds:series("520502", "gdp"))
print(ds:select{indicator = "gdp"})
print(ds:select{kind = "percap", year = 2020}:head(1))
print(ds:series("520502", "gdp"):cagr(2015, 2019))
print(ds:series("520500", "gdp"))
LUA
out=$($ZB --lang en run "$TMP/show.lua" --data datasets/qixingguan 2>&1)
same "series and frames in English" "$out" "Qixingguan District, Gross regional product (GDP) (亿元) [520502 gdp]
  2015  290.58
  2020  500.06
region               indicator                     year   value  unit
Qixingguan District  Gross regional product (GDP)  2015  290.58  亿元
Qixingguan District  Gross regional product (GDP)  2020  500.06  亿元
2 rows
region               indicator       year  value  unit
Qixingguan District  GDP per capita  2020  42892  元
1 row
nil	gdp has no figure for 2019
Bijie City, Gross regional product (GDP) (亿元) [520500 gdp]
  (no figures)"

cat > "$TMP/bad.lua" <<'LUA'
local s = ds:series("520502", "gdp")
print(s:cagr())
local f = ds:select{indicator = "gdp", yaer = 2020}
LUA
out=$($ZB run "$TMP/bad.lua" --data datasets/qixingguan 2>&1)
rc=$?
[ $rc -eq 1 ] && ok "a bad filter stops the script with status 1" || notok "a bad filter stops the script with status 1 (got $rc)" "$out"
case "$out" in
    *"bad.lua:3: bad argument #1 to 'select' (unknown field 'yaer'"*) ok "the error names the script line and the field" ;;
    *) notok "the error names the script line and the field" "$out" ;;
esac
