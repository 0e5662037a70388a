#!/bin/sh
# The output options shared by progress, consistency, project and rollup
# (lua/zb_opts.c, lua/zb_out.c): the format from -o's extension, folders
# made as `zhibiao report` makes them, - for stdout, no "-0.00", and the
# rollup footer's count of parents.
. tests/cli/lib.sh
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
Q=datasets/qixingguan
B=datasets/bijie-synthetic
BOM=$(printf '\357\273\277')

# --- the format from the extension of -o; --format wins
$ZB progress --data $Q -o "$TMP/p.csv" 2>/dev/null
head -1 "$TMP/p.csv" | grep -q "^${BOM}规划,地区代码,地区,指标代码," && ok "progress -o x.csv writes CSV (BOM, commas)" \
    || notok "progress -o x.csv writes CSV (BOM, commas)" "$(head -2 "$TMP/p.csv")"
$ZB rollup --data $B -o "$TMP/r.json" 2>/dev/null
# 毕节市: 11 cells (GDP 2020, 2021; growth 2021; population 2020, 2021, 2023;
# urban population 2021, 2023; urbanisation 2021, 2023; urban income 2021).
rows=$($PY -c 'import json, sys; d = json.load(open(sys.argv[1])); print(len(d), d[0]["region_code"], d[0]["value"])' "$TMP/r.json" 2>&1)
[ "$rows" = "11 520500 1978.18" ] && ok "rollup -o x.json writes JSON (11 cells)" || notok "rollup -o x.json writes JSON" "$rows"
$ZB consistency --data $Q -o "$TMP/c.txt" 2>/dev/null
sed -n 2p "$TMP/c.txt" | grep -q '^-----' && ok "consistency -o x.txt writes the aligned table" || notok "consistency -o x.txt writes the aligned table" "$(head -3 "$TMP/c.txt")"
$ZB project --data $Q -o "$TMP/j.CSV" 2>/dev/null
head -1 "$TMP/j.CSV" | grep -q "^${BOM}地区代码,地区," && ok "the extension in capitals: .CSV is CSV" || notok "the extension in capitals: .CSV is CSV" "$(head -1 "$TMP/j.CSV")"
$ZB progress --data $Q -o "$TMP/w.csv" --format json 2>/dev/null
head -c 1 "$TMP/w.csv" | grep -q '\[' && ok "--format json wins over .csv" || notok "--format json wins over .csv" "$(head -c 40 "$TMP/w.csv")"
expect "an extension without a format is bad usage, naming the file" 2 "无法从文件名“$TMP/p.doc”判断格式" -- \
    $ZB progress --data $Q -o "$TMP/p.doc"
[ ! -e "$TMP/p.doc" ] && ok "and writes nothing" || notok "and writes nothing"
expect "--format text makes any name text" 0 "已写入" -- $ZB consistency --data $Q -o "$TMP/p.doc" --format text
expect "-o - is stdout" 0 "地区生产总值" -- $ZB rollup --data $Q -o - --format csv

# --- folders: made as `zhibiao report` makes them
# (progress exits 1 here: binding indicators of the 13th plan missed their
# 2020 targets; the file is written all the same.)
expect "progress -o into a folder that does not exist makes it" 1 "已写入 $TMP/new/sub/p.csv" -- \
    $ZB progress --data $Q -o "$TMP/new/sub/p.csv"
[ -s "$TMP/new/sub/p.csv" ] && ok "and the file is there" || notok "and the file is there"
: > "$TMP/plain"
expect "a file where the folder should be: the message names it, exit 2 (not a finding)" 2 "$TMP/plain 已存在但不是目录" -- \
    $ZB rollup --data $Q -o "$TMP/plain/r.csv"
expect "report makes folders the same way" 0 "已写入" -- $ZB report plan --data $Q -o "$TMP/rep/sub/plan.md" -q
$ZB check --data $Q development --format junit -o "$TMP/chk/sub/checks.xml" >/dev/null 2>&1
grep -q '<testsuites name="zhibiao check"' "$TMP/chk/sub/checks.xml" 2>/dev/null &&
    ok "check makes folders the same way" || notok "check makes folders the same way"

# --- no negative zero: 毕节市's resident population 2021, 684.5 rolled up
# and reported: gap 0.0, relative gap 0.00 % (the float sum falls 1.1e-13
# short, which printed as -0.00).
$ZB rollup --data $B --format json > "$TMP/r2.json"
$ZB rollup --data $B --format csv > "$TMP/r2.csv"
$ZB rollup --data $B > "$TMP/r2.txt"
if grep -q -- '-0\.0*\([^0-9]\|$\)' "$TMP/r2.json" "$TMP/r2.csv" "$TMP/r2.txt"; then
    notok "rollup prints no -0.00 in JSON, CSV or text" "$(grep -- '-0\.0*\([^0-9]\|$\)' "$TMP/r2.json" "$TMP/r2.csv" "$TMP/r2.txt" | head -3)"
else
    ok "rollup prints no -0.00 in JSON, CSV or text"
fi
grep -q '"indicator": "resident_pop", "name": "常住人口", "unit": "万人", "year": 2021, "value": 684.5, .*"gap": 0.0, "gap_rel": 0.00,' "$TMP/r2.json" \
    && ok "population 2021: gap 0.0, relative gap 0.00" || notok "population 2021: gap 0.0, relative gap 0.00" "$(grep resident_pop "$TMP/r2.json")"

# --- the rollup footer counts parents, not changes of parent between rows
# 七星关区 (520502) rolls up to 毕节市 (520500), and 毕节市 to 贵州省
# (520000): 2 parents, 40 cells each, listed indicator by indicator.
expect "rollup footer: 80 cells for 2 parents" 0 "共 80 项，涉及 2 个上级地区" -- $ZB rollup --data $Q

# --- an output that cannot be written is exit 2 (usage or environment),
# never 1 (which says "a binding indicator is short" or "checks failed"),
# and its reason is said in Chinese.  /proc takes no new files, for root
# too: the folder cannot be made (目录不存在).  A path through a plain file
# is refused before anything is written.
: > "$TMP/plain"
for args in "progress --data $Q" "consistency --data $Q" "project --data $Q" "rollup --data $B" \
            "check --data $Q" "report plan --data $Q"; do
    c=${args%% *}
    # shellcheck disable=SC2086  # ARGS are words on purpose
    out=$($ZB $args -o /proc/zhibiao-no-such-dir/x.csv 2>&1); rc=$?
    case "$rc:$out" in
        2:*"zhibiao $c："*"目录不存在"*) ok "$c -o in a folder that cannot be made: exit 2, the reason in Chinese" ;;
        *) notok "$c -o in a folder that cannot be made: exit 2, the reason in Chinese" "exit $rc: $out" ;;
    esac
    case "$out" in
        *"No such file"*|*"Permission denied"*) notok "$c: no English errno text in the Chinese message" "$out" ;;
        *) ok "$c: no English errno text in the Chinese message" ;;
    esac
done
expect "report -o x.xlsx that cannot be written: exit 2" 2 "zhibiao report：" "目录不存在" -- \
    $ZB report progress --data $Q -o /proc/zhibiao-no-such-dir/x.xlsx
expect "-o through a plain file: exit 2" 2 "zhibiao progress：$TMP/plain 已存在但不是目录" -- \
    $ZB progress --data $Q -o "$TMP/plain/x.csv"
expect "import --to a folder that cannot be made: exit 2, nothing written" 2 "zhibiao import：无法建立目录 /proc/zhibiao-no-such-dir：目录不存在" -- \
    $ZB import tests/import/qxg-14fyp.gbk.csv --encoding gbk --to /proc/zhibiao-no-such-dir --plan qxg-14fyp --region 520502 --indicators $Q
expect "run --out a folder that cannot be made: exit 2" 2 "zhibiao run：无法使用输出目录 /proc/zhibiao-no-such-dir：目录不存在" -- \
    $ZB run plan_table --data $Q --out /proc/zhibiao-no-such-dir
# Without write permission (not testable as root, who may write anywhere).
if [ "$(id -u)" -ne 0 ]; then
    mkdir "$TMP/ro" && chmod 555 "$TMP/ro"
    expect "-o in a folder without write permission: exit 2, 没有写入权限" 2 "zhibiao progress：无法写入 $TMP/ro/x.csv：没有写入权限" -- \
        $ZB progress --data $Q -o "$TMP/ro/x.csv"
    chmod 755 "$TMP/ro"
else
    ok "-o in a folder without write permission # SKIP run as root, who may write anywhere"
fi
