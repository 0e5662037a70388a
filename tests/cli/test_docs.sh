#!/bin/sh
# The documentation runner (tests/lua/test_docs.lua) on a small document of
# its own, with blocks that must pass and blocks that must fail: a runner
# that passed everything would pass docs/lua-api.md too.
. tests/cli/lib.sh

# has NAME PATTERN: the runner's output contains the fixed string
has() { if printf '%s\n' "$out" | grep -qF -- "$2"; then ok "$1"; else notok "$1" "$out"; fi; }

DOC="$TMP/doc.md"
cat > "$DOC" <<'EOF'
# Fixture

### ds:value(region, indicator, year)

```lua
print(ds:value("520502", "gdp", 2020)) --> 500.06	actual
```

### zb.width(s)

```lua
print(zb.width("七星")) --> 5
```

```lua
local x = nil
print(x.field)
```

```lua
if false then
  print(1) --> 1
end
```

```lua
string.upper = function() return "changed" end
for _, r in ipairs(ds:regions()) do print(r.code) end
print(ds:series("520502", "gdp"))
--> 七星关区 地区生产总值(GDP)（亿元） [520502 gdp]
-->   2015  290.58
-->   2020  500.06
```

```lua
print(string.upper("a")) --> A
print(zb.write("docs_runner_probe.txt", "x")) --> ./docs_runner_probe.txt
```

### zb.cut(s, width)

No example here.

```sh
echo "not lua: not run"
```
EOF

out=$($ZB run tests/lua/test_docs.lua --data datasets/qixingguan "$DOC" 2>&1)
rc=$?
[ $rc -eq 1 ] && ok "a document with failing examples exits 1" || notok "a document with failing examples exits 1 (got $rc)" "$out"
has "a matching print is ok, named by its line and heading" "ok 2 - $(basename "$TMP")/doc.md:6 ds:value(region, indicator, year)"
has "a print that differs is not ok" "not ok 3 - $(basename "$TMP")/doc.md:12 zb.width(s)"
has "it shows what was printed" "#   4"
has "an error is not ok, with the document's line number" "doc.md:17: attempt to index a nil value (local 'x')"
has "a checked print that never runs is not ok" "doc.md:22: this print never ran"
has "multi-line expectations and loops pass" "ok 6 - $(basename "$TMP")/doc.md:27"
has "each block gets fresh library tables" "ok 7 - $(basename "$TMP")/doc.md:36"
if [ -e docs_runner_probe.txt ]; then
    rm -f docs_runner_probe.txt
    notok "files written by a block are removed"
else
    ok "files written by a block are removed"
fi
has "functions without a heading are listed" "not documented: zb.open"
has "a function heading without an example is reported" "40: zb.cut(s, width)"
case "$out" in
    *"not lua"*) notok "only lua blocks run" "$out" ;;
    *) ok "only lua blocks run" ;;
esac

out=$(env ZHIBIAO_LANG=en $ZB run tests/lua/test_docs.lua --data datasets/qixingguan "$DOC" 2>&1)
rc=$?
[ $rc -eq 0 ] && ok "in English the examples are skipped, not failed" || notok "in English the examples are skipped (got $rc)" "$out"
has "skips say why" "# SKIP examples print Chinese"

out=$($ZB run tests/lua/test_docs.lua --data datasets/qixingguan "$TMP/none.md" 2>&1)
rc=$?
[ $rc -eq 1 ] && ok "a missing document fails" || notok "a missing document fails (got $rc)" "$out"
