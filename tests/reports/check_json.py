#!/usr/bin/env python3
"""Parses the JSON of a report (zhibiao report NAME --format json) and checks
its shape: every row of every table has exactly the table's column keys, in
order (a status column followed by <key>_label), a number column holds
numbers or null, a text column strings or null, and no number is written as
-0.  Then checks the cells given on the command line.  Prints TAP lines;
used by tests/cli/test_report.sh.

    python3 check_json.py FILE.json START_NUMBER LABEL [TABLE:ROW:KEY=VALUE]...

ROW is the 1-based row number; VALUE is JSON (null, 0, 2181.5, "10/10").
"""
import json
import re
import sys

path, n, label = sys.argv[1], int(sys.argv[2]), sys.argv[3]
failed = 0


def check(cond, name, detail=""):
    global n, failed
    n += 1
    print(("ok %d - %s" if cond else "not ok %d - %s") % (n, name))
    if not cond:
        failed += 1
        print("#   " + str(detail)[:400])


text = open(path, encoding="utf-8").read()
try:
    doc = json.loads(text)
except ValueError as e:
    check(False, "%s: the JSON parses" % label, e)
    sys.exit(1)
check(True, "%s: the JSON parses" % label)
negzero = re.findall(r'[:\[,]\s*-0(?:\.0*)?(?=[,\s\]}])', text)
check(not negzero, "%s: no negative zero" % label, negzero[:3])

tables = {b["name"]: b for b in doc["blocks"] if b["type"] == "table"}
problems = []
for name, t in tables.items():
    want = []
    for c in t["columns"]:
        want.append(c["key"])
        if c["type"] == "status":
            want.append(c["key"] + "_label")
    types = {c["key"]: c["type"] for c in t["columns"]}
    for i, row in enumerate(t["rows"], 1):
        if list(row.keys()) != want:
            problems.append("%s row %d keys %s, want %s" % (name, i, list(row.keys()), want))
            continue
        for k, v in row.items():
            ty = types.get(k, "status")
            if v is None:
                continue
            if ty in ("number", "integer") and not isinstance(v, (int, float, str)):
                problems.append("%s row %d %s: %r" % (name, i, k, v))
            elif ty in ("text", "status") and not isinstance(v, str):
                problems.append("%s row %d %s: %r is not text" % (name, i, k, v))
check(not problems, "%s: every row has every column key in order, values of the column's type" % label, problems[:3])

for spec in sys.argv[4:]:
    where, want = spec.split("=", 1)
    tname, row, key = where.split(":")
    want = json.loads(want)
    try:
        got = tables[tname]["rows"][int(row) - 1][key]
    except (KeyError, IndexError) as e:
        got = "missing: %s" % e
    same = got == want and type(got) is type(want) or (
        isinstance(want, float) and isinstance(got, (int, float)) and abs(got - want) < 1e-9)
    check(same, "%s: %s row %s %s is %s" % (label, tname, row, key, json.dumps(want, ensure_ascii=False)),
          "got %r" % (got,))
sys.exit(1 if failed else 0)
