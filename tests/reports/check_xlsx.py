#!/usr/bin/env python3
"""Reads back the XLSX of the progress report with openpyxl and checks it
cell by cell against the figures of datasets/qixingguan (computed by hand in
the comments).  Prints TAP lines; used by tests/cli/test_report.sh.

    python3 tests/reports/check_xlsx.py FILE.xlsx START_NUMBER
"""
import sys

import openpyxl

path, n = sys.argv[1], int(sys.argv[2])
failed = 0


def check(cond, name, detail=""):
    global n, failed
    n += 1
    print(("ok %d - %s" if cond else "not ok %d - %s") % (n, name))
    if not cond:
        failed += 1
        print("#   " + str(detail))


wb = openpyxl.load_workbook(path)
names = wb.sheetnames
check(names == ["七星关区主要指标监测表（2020年）", "七星关区“十四五”规划目标与年均增速", "说明"],
      "a sheet per table, then 说明, named after the tables", names)
ws = wb[names[0]]
header = [c.value for c in ws[1]]
check(header[:7] == ["序号", "指标", "单位", "2015年", "2020年目标", "2020年", "任务进度（%）"], "the header row", header)
check(ws.freeze_panes == "C2", "header row frozen (and 序号, 指标)", ws.freeze_panes)
check(ws.auto_filter.ref == "A1:M37", "an autofilter over the 36 rows", ws.auto_filter.ref)
rows = {r[1].value: r for r in ws.iter_rows(min_row=2, max_row=37)}
check(len(rows) == 36, "36 indicator rows", len(rows))

gdp = rows["地区生产总值(GDP)"]
# 2015 290.58, 2020 500.06: numbers, two decimals (the indicator's).
check(isinstance(gdp[3].value, float) and gdp[3].value == 290.58 and gdp[3].number_format == "0.00",
      "GDP 2015 is the number 290.58 shown with 0.00", (gdp[3].value, gdp[3].number_format))
check(gdp[5].value == 500.06 and gdp[5].number_format == "0.00", "GDP 2020 is 500.06", (gdp[5].value, gdp[5].number_format))
# progress (500.06 - 290.58) / (509 - 290.58) = 0.9591 -> 95.91, shown with no decimals
check(abs(gdp[6].value - 95.9069682) < 1e-6 and gdp[6].number_format == "0", "GDP progress 95.91 shown as 96",
      (gdp[6].value, gdp[6].number_format))
# pace (500.06 / 290.58)^(1/5) - 1 = 11.468 %: a number with a % shown by the format, not a string
check(abs(gdp[7].value - 11.4682747) < 1e-6 and gdp[7].number_format == '0.00"%"', "GDP pace 11.47 with format 0.00\"%\"",
      (gdp[7].value, gdp[7].number_format))
# The pace's basis in a column of its own, so that the workbook without the
# note under the table still says GDP's 11.47 % is at current prices; a
# rate's pace in points has none.
check(gdp[8].value == "名义" and rows["常住人口城镇化率"][8].value in (None, ""),
      "the basis of a pace: 名义 for GDP, none for a rate", (gdp[8].value, rows["常住人口城镇化率"][8].value))
check(gdp[12].value == "未实现" and gdp[12].fill.fgColor.rgb == "FFFDE2DF" and gdp[12].font.b,
      "status as a word on a tinted cell", (gdp[12].value, gdp[12].fill.fgColor.rgb))
# Targets as printed: a plain number (509) is a number in Excel with the
# indicator's decimals, not "a number stored as text"; a target with a
# qualifier (60以上) or a structure (14.1:36.4:49.5) stays text.
check(gdp[4].value == 509 and gdp[4].data_type == "n" and gdp[4].number_format == "0.00",
      "GDP target 509 is a number shown 0.00", (gdp[4].value, gdp[4].data_type, gdp[4].number_format))
check(rows["人均地区生产总值"][4].value == 43500 and rows["人均地区生产总值"][4].number_format == "0",
      "per-capita GDP target 43500 with no decimals", rows["人均地区生产总值"][4].value)
check(rows["森林覆盖率"][4].value == "60以上" and rows["森林覆盖率"][4].data_type == "s",
      "a target with a qualifier stays text", rows["森林覆盖率"][4].value)
check(rows["三次产业结构"][4].value == "14.1:36.4:49.5", "a structure target stays text",
      rows["三次产业结构"][4].value)
pc = rows["人均地区生产总值"]
check(pc[5].value == 42892 and pc[5].number_format == "0", "per-capita GDP with no decimals", (pc[5].value, pc[5].number_format))
urb = rows["常住人口城镇化率"]
# (54 - 47) / 5 = 1.4 points a year
check(abs(urb[7].value - 1.4) < 1e-9 and "点" in urb[7].number_format, "urbanisation pace in points", (urb[7].value, urb[7].number_format))
ws_ok = rows["第一产业增加值"][12]
check(ws_ok.value == "已实现" and ws_ok.fill.fgColor.rgb == "FFD3F0DC", "achieved on green", ws_ok.fill.fgColor.rgb)
na = rows["固定资产投资"]
check(na[5].value is None and na[12].value == "无法评估", "no figure is an empty cell, not a zero", na[5].value)
# The longest name, 亿元地区生产总值生产安全事故死亡率: 17 characters, 34 columns wide.
width = ws.column_dimensions["B"].width
check(width >= 34, "the name column fits 17 Chinese characters", width)
check(ws.column_dimensions["A"].width < 10, "the 序号 column stays narrow", ws.column_dimensions["A"].width)
notes = [ws.cell(row=r, column=1).value for r in range(39, 42)]
check(any(v and v.startswith("[1] 资料来源：001_02574697a35bb97b.txt") for v in notes), "the source under the table", notes)

nxt = wb[names[1]]
vals = {r[0].value: r for r in nxt.iter_rows(min_row=2) if r[0].value}
# 农村居民可支配收入 11378 -> 16059 in 5 years: (16059 / 11378)^(1/5) - 1 = 7.13 %, planned 9 %
rural = vals["农村居民可支配收入"]
check(abs(rural[4].value - 7.1343) < 1e-3 and abs(rural[5].value - 9) < 1e-9 and rural[6].value == "不一致",
      "14th plan: rural income needs 7.13 % against 9 % planned", [c.value for c in rural])
notes_sheet = wb["说明"]
check(notes_sheet["B2"].value == "七星关区“十三五”规划实施监测报告", "the 说明 sheet holds the title", notes_sheet["B2"].value)
sys.exit(1 if failed else 0)
