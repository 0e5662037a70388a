#!/usr/bin/env python3
"""Builds the wide test tables of tests/import/ from the seed document.

The seed 001_02574697a35bb97b.txt (the 七星关区 14th-plan outline, project
seeds) prints 专栏2 (lines 756-1289) one cell per line.  This script puts the
cells back into rows as a bureau's Excel sheet has them and saves the sheet
the way Excel/WPS export it: GBK, and UTF-8 with a BOM.

    python3 tests/import/transcribe.py SEED_FILE

Writes, next to this script:
  qxg-14fyp.asprinted.gbk.csv  exactly as printed (the base "4..03" kept)
  qxg-14fyp.gbk.csv            the same with 4..03 read as 4.03 (as datasets/qixingguan does)
  qxg-14fyp.utf8bom.csv        the corrected table, UTF-8 with a BOM
"""
import csv
import io
import os
import sys

FIRST, LAST = 756, 1289
CATEGORIES = {"经济建设", "民生福祉", "绿色发展", "开放创新", "基础保障"}


def cells(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")[FIRST - 1:LAST]
    return [l.strip() for l in lines if l.strip()]


def rows(seq):
    title = seq[0]
    header = seq[1:9]
    assert header == ["类型", "序号", "指标", "单位", "2020年", "2025年", "年均增速%", "指标属性"], header
    out, i, category, n = [], 9, "", 1
    while i < len(seq):
        if seq[i] in CATEGORIES:
            category = seq[i]
            i += 1
            continue
        assert seq[i] == str(n), (i, seq[i], n)
        j = i + 1
        while j < len(seq) and seq[j] != str(n + 1) and seq[j] not in CATEGORIES:
            j += 1
        body = seq[i + 1:j]
        if len(body) == 5:  # no unit printed
            body = [body[0], ""] + body[1:]
        assert len(body) == 6, body
        out.append([category, str(n)] + body)
        category = ""  # a merged cell: Excel exports it on the group's first row only
        n += 1
        i = j
    return title, header, out


def save(path, title, header, body, encoding):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([title] + [""] * 7)
    w.writerow(header)
    w.writerows(body)
    with open(path, "wb") as f:
        f.write(buf.getvalue().encode(encoding))


def main():
    title, header, body = rows(cells(sys.argv[1]))
    here = os.path.dirname(os.path.abspath(__file__))
    save(os.path.join(here, "qxg-14fyp.asprinted.gbk.csv"), title, header, body, "gbk")
    fixed = [[c.replace("4..03", "4.03") for c in r] for r in body]
    save(os.path.join(here, "qxg-14fyp.gbk.csv"), title, header, fixed, "gbk")
    save(os.path.join(here, "qxg-14fyp.utf8bom.csv"), title, header, fixed, "utf-8-sig")
    print(len(body), "rows")


if __name__ == "__main__":
    main()
