#!/bin/sh
# Command-line tests: what a bureau sees from `zhibiao validate` and
# `zhibiao run` on good and bad data.  Prints TAP-style ok / not ok lines.
. tests/cli/lib.sh


# --- the real datasets validate, with their summaries and sources
expect "validate qixingguan: no errors, counts, the 4..03 correction shown" 0 \
    "指标    56 个" "观测值  79 个" "qxg-14fyp" "001_02574697a35bb97b.txt" "结果：0 个错误" "更正：原文“4..03”，录入 4.03" -- \
    $ZB validate datasets/qixingguan
expect "validate guizhou: no errors, regions by level, zones" 0 \
    "地区    100 个：省 1，市（州） 9，县（市、区） 88，功能区 2" "结果：0 个错误" "gz-urban-2023" -- \
    $ZB validate datasets/guizhou
expect "validate in English" 0 "regions      3" "result: 0 errors" -- \
    $ZB --lang en validate datasets/qixingguan
out=$($ZB validate --format json datasets/qixingguan)
case "$out" in
    *'"errors": 0'*'"counts": {"regions": 3, "indicators": 56, "observations": 79, "targets": 73}'*'"001_02574697a35bb97b.txt": '*) ok "validate --format json has errors, counts and sources" ;;
    *) notok "validate --format json has errors, counts and sources" "$out" ;;
esac

# --- bad data: location, message, exit status 2, all errors of a file listed
mkdir -p "$TMP/bad"
cp datasets/qixingguan/regions.csv datasets/qixingguan/indicators.csv "$TMP/bad/"
printf 'region,indicator,year,value\n520502,gdp,2020,500\n520502,gdp,2021,4..03\n520502,gpd,2022,1\n520502,gdp,2020,501\n' > "$TMP/bad/observations.csv"
expect "bad observations: every error with file:line:column, exit 2" 2 \
    "observations.csv:3:19: 错误: 数值“4..03”不是有效数字：多余的小数点" \
    "observations.csv:4:8: 错误: 未知的指标代码“gpd”" \
    "observations.csv:5:1: 错误: 重复的观测值：地区 520502、指标 gdp、2020 年在第 2 行和第 5 行各有一行" \
    "                    ^" "结果：3 个错误" -- \
    $ZB validate "$TMP/bad"
expect "bad observations in JSON carry line and column" 2 '"line": 3, "col": 19' -- \
    $ZB validate --format json "$TMP/bad"
expect "run refuses a dataset with errors, exit 2" 2 "有错误，未运行脚本" -- \
    $ZB run plan_table --data "$TMP/bad"
expect "a missing dataset directory is exit 2" 2 "不是数据集目录" -- $ZB validate "$TMP/none"
out=$($ZB validate "$TMP/none" 2>&1)
case "$out" in
    *"地区    0 个"*) notok "a missing directory: no summary of zeros under the error" "$out" ;;
    *"不是数据集目录"*"结果：1 个错误"*) ok "a missing directory: no summary of zeros under the error" ;;
    *) notok "a missing directory: no summary of zeros under the error" "$out" ;;
esac

# --- typos in the target table are load errors at their characters.  Line 2
# ("qxg-13fyp,七星关区“十三五”规划,520502,gdp,2015,290.58,,2020," is 51
# characters): 5..09 starts at 52, its second point is 54; 1x2 starts at 58,
# its x is 59.  The printed 4..03 base of line 53, corrected in base_value
# with a note, stays a note.
mkdir -p "$TMP/typo"
cp datasets/qixingguan/*.csv "$TMP/typo/"
sed -i '2s/,509,12,/,5..09,1x2,/' "$TMP/typo/targets.csv"
expect "validate: a typo in a target and a growth text, each at its character, exit 2" 2 \
    "targets.csv:2:54: 错误: 目标“5..09”中的数字有误：多余的小数点" \
    "targets.csv:2:59: 错误: 年均增速“1x2”从第 2 个字符起不是数字" \
    "targets.csv:53:59: 说明: 更正：原文“4..03”，录入 4.03" "结果：2 个错误，0 个警告，2 条说明" -- \
    $ZB validate "$TMP/typo"

# --- GBK, as Excel/WPS export it: refused with a hint, read with --encoding gbk
mkdir -p "$TMP/gbk"
for f in regions indicators observations targets; do
    iconv -f UTF-8 -t GBK datasets/qixingguan/$f.csv > "$TMP/gbk/$f.csv"
done
expect "GBK data is detected and the hint names --encoding gbk" 2 "regions.csv:2:8: 错误: 不是有效的 UTF-8 文本" "--encoding gbk" -- \
    $ZB validate "$TMP/gbk"
expect "GBK data loads with --encoding gbk" 0 "观测值  79 个" "结果：0 个错误" -- \
    $ZB validate --encoding gbk "$TMP/gbk"

# --- gzip, transparently
mkdir -p "$TMP/gz"
cp datasets/qixingguan/*.csv "$TMP/gz/"
gzip "$TMP/gz/observations.csv"
expect ".csv.gz is read transparently" 0 "观测值  79 个" -- $ZB validate "$TMP/gz"
head -c 600 "$TMP/gz/observations.csv.gz" > "$TMP/gz/cut" && mv "$TMP/gz/cut" "$TMP/gz/observations.csv.gz"
expect "a truncated .gz is an error, not a short dataset" 2 "gzip 文件不完整" -- $ZB validate "$TMP/gz"

# --- run
expect "plan_table prints the 14th-plan table" 0 \
    "七星关区“十四五”规划主要指标" "地区生产总值(GDP)" "10左右" "4.2以内" "4.03*" "* 原文为“4..03”，按4.03录入" "共 37 项指标" -- \
    $ZB run plan_table --data datasets/qixingguan
# Alignment: in every data row, the attribute column (the last one) starts
# at the same display column, however many Chinese characters precede it.
$ZB run plan_table --data datasets/qixingguan > "$TMP/table.txt"
cat > "$TMP/align.lua" <<'LUA'
local starts = {}
for line in io.lines(arg[1]) do
  local attr = line:match("(预期性)$") or line:match("(约束性)$")
  if attr then starts[zb.width(line) - zb.width(attr)] = true end
end
local n = 0
for _ in pairs(starts) do n = n + 1 end
print(n)
LUA
cols=$($ZB run "$TMP/align.lua" "$TMP/table.txt")
[ "$cols" = "1" ] && ok "plan_table columns line up by display width" || notok "plan_table columns line up by display width" "distinct start columns: $cols"
expect "plan_table in English" 0 "Gross regional product (GDP)" "anticipatory" -- \
    env ZHIBIAO_LANG=en $ZB run plan_table --data datasets/qixingguan
expect "plan_table with an unknown plan lists the plans, exit 2" 2 "没有规划“nope”" "qxg-13fyp, qxg-14fyp" -- \
    $ZB run plan_table --data datasets/qixingguan nope
printf 'print(#arg, arg[1], arg[2], arg[0] ~= nil)\n' > "$TMP/args.lua"
expect "run passes arguments in arg" 0 "2	x	y	true" -- $ZB run "$TMP/args.lua" x y
printf 'local function f()\n  error("boom")\nend\nf()\n' > "$TMP/err.lua"
expect "a failing script: traceback with file:line, exit 1" 1 "err.lua:2: boom" "stack traceback" -- $ZB run "$TMP/err.lua"
expect "an unknown script is exit 2" 2 "找不到脚本“nope”" -- $ZB run nope
expect "an unknown command is exit 2" 2 "未知子命令“frobnicate”" -- $ZB frobnicate
expect "help lists the commands" 0 "validate" "run" "退出码" -- $ZB help
expect "help COMMAND shows that command's usage" 0 "用法：zhibiao progress --data 目录" -- $ZB help progress
# Every command listed by `zhibiao help` answers --help and -h with its
# usage on stdout ("用法：zhibiao NAME"; "usage: zhibiao NAME" in English)
# and exit 0, nothing on stderr.  The list is read from the help itself, so
# a command added later is covered too.
cmds=$($ZB help | sed -n "/^子命令：/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p" | grep -vx "help\\|version")
[ "$(printf '%s\n' "$cmds" | wc -l)" -ge 12 ] && ok "help lists at least the 12 commands" || notok "help lists at least the 12 commands" "$cmds"
for c in $cmds; do
    for h in --help -h; do
        out=$($ZB "$c" $h 2>"$TMP/help.err"); rc=$?
        if [ $rc -eq 0 ] && [ ! -s "$TMP/help.err" ] && printf '%s\n' "$out" | grep -q "用法：zhibiao $c"; then
            ok "zhibiao $c $h: its usage on stdout, exit 0"
        else
            notok "zhibiao $c $h: its usage on stdout, exit 0" "exit $rc; stdout: $(printf '%s' "$out" | head -3); stderr: $(head -3 "$TMP/help.err")"
        fi
    done
    out=$($ZB --lang en "$c" --help 2>&1)
    printf '%s\n' "$out" | grep -q "usage: zhibiao $c" && ok "zhibiao --lang en $c --help: usage in English" ||
        notok "zhibiao --lang en $c --help: usage in English" "$(printf '%s' "$out" | head -3)"
done
# --encoding takes utf-8 and the GBK family only: latin1 (which iconv knows)
# would read GBK text as mojibake and invent errors.  Every command that
# reads data refuses it as bad usage (exit 2) before reading anything,
# naming the accepted ones.
Q=datasets/qixingguan
for args in "validate $Q" "progress --data $Q" "consistency --data $Q" "project --data $Q" "rollup --data $Q" \
            "run plan_table --data $Q" "report progress --data $Q" "check --data $Q" "repl --data $Q" \
            "import tests/import/qxg-14fyp.gbk.csv --to $TMP/enc --plan p --region 520502"; do
    c=${args%% *}
    # shellcheck disable=SC2086  # ARGS are words on purpose
    out=$($ZB $args --encoding latin1 </dev/null 2>&1); rc=$?
    case "$rc:$out" in
        "2:zhibiao $c：不支持 --encoding latin1：可用 utf-8、gbk、gb18030（gb2312、cp936 按 gbk 读取）") ok "$c --encoding latin1: bad usage, the accepted ones named, exit 2" ;;
        *) notok "$c --encoding latin1: bad usage, the accepted ones named, exit 2" "exit $rc: $out" ;;
    esac
done
[ ! -e "$TMP/enc" ] && ok "import --encoding latin1 wrote nothing" || notok "import --encoding latin1 wrote nothing"
expect "--encoding gb2312 and cp936 read GBK as gbk does" 0 "结果：0 个错误" -- $ZB validate tests/bad/gbk --encoding gb2312
expect "--encoding CP936 (any case)" 0 "结果：0 个错误" -- $ZB validate tests/bad/gbk --encoding CP936
printf 'local ok, err = pcall(zb.open, "%s", {encoding = "latin1"})\nprint(ok, err)\n' "$Q" > "$TMP/enc.lua"
expect "zb.open with encoding latin1 is an argument error" 0 "false	bad argument #2 to 'zb.open' (不支持的编码“latin1”" -- $ZB run "$TMP/enc.lua"

# One form for every command's errors: "zhibiao COMMAND：..." in Chinese,
# "zhibiao COMMAND: ..." in English, on the first line of stderr, exit 2.
for c in $cmds; do
    err=$($ZB "$c" --no-such-option 2>&1 >/dev/null); rc=$?
    first=$(printf '%s\n' "$err" | head -1)
    [ $rc -eq 2 ] && [ "$first" = "zhibiao $c：未知选项“--no-such-option”" ] && ok "zhibiao $c --no-such-option: 'zhibiao $c：未知选项', exit 2" ||
        notok "zhibiao $c --no-such-option: 'zhibiao $c：未知选项', exit 2" "exit $rc: $first"
    first=$($ZB --lang en "$c" --no-such-option 2>&1 >/dev/null | head -1)
    [ "$first" = "zhibiao $c: unknown option '--no-such-option'" ] && ok "zhibiao --lang en $c --no-such-option: 'zhibiao $c: unknown option'" ||
        notok "zhibiao --lang en $c --no-such-option: 'zhibiao $c: unknown option'" "$first"
done
expect "an unknown ZHIBIAO_LANG is said, not silently ignored" 0 "ZHIBIAO_LANG=fr 不是 zh 或 en" "zhibiao 0." -- \
    env ZHIBIAO_LANG=fr $ZB version
