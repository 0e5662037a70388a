#!/bin/sh
# Command-line tests of what the benchmark work added: `rollup --exact`
# (figures that read back as the same double), CSV and JSON rows streamed to
# the output as they are made, and the loader's fast paths on a generated
# file (a whole-record path, a field-run path, a second thread for reading)
# giving the same store and the same errors as the byte-by-byte path.
# Prints TAP-style ok / not ok lines.
. tests/cli/lib.sh

# same NAME EXPECTED ACTUAL
same() { if [ "$2" = "$3" ]; then ok "$1"; else notok "$1" "expected: $2
got:      $3"; fi; }

# A city with two counties.  Indicator z has no figures.  a: 0.1 + 0.2, which in binary
# floating point is 0.30000000000000004, not 0.3; b: 1.25 + 2.5 = 3.75
# exactly; r = ratio(a, b, 100): 0.30000000000000004 / 3.75 * 100 =
# 8.000000000000002 (the quotient of the two doubles, rounded once more).
D=$TMP/ds
mkdir -p "$D"
cat > "$D/regions.csv" <<'CSV'
code,name,level,parent
100000,甲市,city,
100001,甲县,county,100000
100002,乙县,county,100000
CSV
cat > "$D/indicators.csv" <<'CSV'
code,name,unit,kind,aggregation,decimals
a,甲,万元,level,sum,2
b,乙,万元,level,sum,2
r,比率,%,rate,"ratio(a,b,100)",1
z,无数据,万元,level,sum,2
CSV
cat > "$D/observations.csv" <<'CSV'
region,indicator,year,value
100001,a,2020,0.1
100002,a,2020,0.2
100001,b,2020,1.25
100002,b,2020,2.5
100001,r,2020,8
100002,r,2020,8
CSV

# field 7 of the English CSV is "computed"; rows in indicator order a, b, r
computed() { sed 1d | cut -d, -f7 | tr '\r\n' '  ' | sed 's/ *$//'; }
out=$("$ZB" --lang en rollup --data "$D" --format csv --exact | computed)
same "--exact writes every digit: 0.1 + 0.2, 1.25 + 2.5, their ratio" \
     "0.30000000000000004 3.75 8.000000000000002" "$out"
out=$("$ZB" --lang en rollup --data "$D" --format csv | computed)
same "without --exact the indicator's decimals" "0.30 3.75 8.0" "$out"

# Streamed to a file: the same rows as on standard output, with the BOM
# that Excel wants in front, and the count on standard error.
"$ZB" --lang en rollup --data "$D" --format csv > "$TMP/stdout.csv"
msg=$("$ZB" --lang en rollup --data "$D" --format csv -o "$TMP/file.csv" 2>&1)
same "CSV to a file says how many rows" "wrote $TMP/file.csv (3 rows)" "$msg"
bom=$(head -c 3 "$TMP/file.csv" | od -An -tx1 | tr -d ' \n')
same "CSV file starts with a UTF-8 BOM" "efbbbf" "$bom"
if tail -c +4 "$TMP/file.csv" | cmp -s - "$TMP/stdout.csv"; then ok "CSV file = standard output after the BOM"; else notok "CSV file = standard output after the BOM" "$(cat "$TMP/file.csv")"; fi
rows=$(grep -c '^100000,' "$TMP/file.csv")
same "CSV: one line per parent cell, CRLF ended" "3" "$rows"
crlf=$(sed -n 2p "$TMP/file.csv" | od -An -c | tr -d ' \n' | grep -c '\\r\\n$')
same "CSV lines end in CRLF" "1" "$crlf"

"$ZB" --lang en rollup --data "$D" --format json --exact > "$TMP/out.json"
first=$(head -1 "$TMP/out.json"); last=$(tail -1 "$TMP/out.json")
objs=$(grep -c '^  {"region_code": "100000"' "$TMP/out.json")
same "JSON streamed: an array of three objects" "[ ] 3" "$first $last $objs"
val=$(grep '"indicator": "a"' "$TMP/out.json" | sed 's/.*"value": \([^,]*\),.*/\1/')
same "JSON value of a with --exact" "0.30000000000000004" "$val"
"$ZB" --lang en rollup --data "$D" --format json --indicator z > "$TMP/none.json" 2>/dev/null
same "JSON with no rows (z has no figures) is an empty array" "[]" "$(cat "$TMP/none.json")"

# The loader's fast paths on a generated file: county 100001 has x = 1..300
# for the years 1900..2199 and county 100002 twice that, so the 600 rows add
# up to 3 * (300 * 301 / 2) = 135450, read as plain CSV and as gzip.
G=$TMP/gen
mkdir -p "$G"
cp "$D/regions.csv" "$G/"
printf 'code,name,unit,kind\nx,丙,万元,level\n' > "$G/indicators.csv"
cat > "$G/observations.csv" <<'CSV'
region,indicator,year,value
CSV
awk 'BEGIN { for (y = 1900; y <= 2199; y++) { print "100001,x," y "," (y - 1899);
                                              print "100002,x," y "," 2 * (y - 1899); } }' >> "$G/observations.csv"
printf 'local f = ds:select{}\nprint(#f, f:sum())\n' > "$TMP/sum.lua"
sum=$("$ZB" run "$TMP/sum.lua" --data "$G" 2>&1)
same "600 rows read through the whole-record path add up to 135450" "600	135450.0" "$sum"
gzip -c "$G/observations.csv" > "$TMP/obs.gz"
mkdir -p "$TMP/gz" && cp "$G/regions.csv" "$G/indicators.csv" "$TMP/gz/" && mv "$TMP/obs.gz" "$TMP/gz/observations.csv.gz"
sumgz=$("$ZB" run "$TMP/sum.lua" --data "$TMP/gz" 2>&1)
same "the same rows from gzip (read in a second thread)" "$sum" "$sumgz"

# An error far into a large file keeps its line and column: line 501 is
# 100002,x,2149,5..0 (rows alternate between the counties, 2 per year from
# line 2); the value starts at column 15 and the second point is column 17.
sed '501s/.*/100002,x,2149,5..0/' "$G/observations.csv" > "$TMP/bad.csv"
mkdir -p "$TMP/bad" && cp "$G/regions.csv" "$G/indicators.csv" "$TMP/bad/" && mv "$TMP/bad.csv" "$TMP/bad/observations.csv"
err=$("$ZB" --lang en validate "$TMP/bad" 2>&1)
case "$err" in *"observations.csv:501:17:"*) ok "a bad value deep in the file: file:line:column";;
               *) notok "a bad value deep in the file: file:line:column" "$err";; esac
dup=$(sed '400s/.*/100001,x,1900,7/' "$G/observations.csv")
mkdir -p "$TMP/dup" && cp "$G/regions.csv" "$G/indicators.csv" "$TMP/dup/" && printf '%s\n' "$dup" > "$TMP/dup/observations.csv"
err=$("$ZB" --lang en validate "$TMP/dup" 2>&1)
case "$err" in *"observations.csv:400:1: error: duplicate observation: region 100001, indicator x, year 1900 appears on line 2 and line 400"*)
                    ok "a duplicate cell names both lines";;
               *) notok "a duplicate cell names both lines" "$err";; esac
