#!/bin/sh
# The REPL as a person meets it: typed at through a pseudo-terminal
# (tests/repl/pty_session.py), with Tab, Enter, Ctrl-C and Ctrl-D; and
# `zhibiao repl` reading a script when stdin is not a terminal.
# Prints TAP-style ok / not ok lines.
NOTOK_SHOW="tail -25"
. tests/cli/lib.sh

if ! command -v python3 >/dev/null 2>&1; then
    notok "python3 is needed to drive the REPL through a pseudo-terminal (PKG_DEPS has it)"
    exit 0
fi

# Every session has its own history file, never the tester's own.
export ZHIBIAO_HISTORY="$TMP/history"
unset ZHIBIAO_LANG

# session NAME CMD... < STEPS: runs the steps; $out is the transcript.
# The session passes when every expect was met and the REPL exited 0.
session() {
    name=$1; shift
    cat > "$TMP/steps"
    out=$(python3 tests/repl/pty_session.py "$TMP/steps" -- "$@" 2>&1)
    rc=$?
    case "$out" in
        *"[exit 0]") [ $rc -eq 0 ] && { ok "$name"; return 0; } ;;
    esac
    notok "$name" "$out"
    return 1
}
# has NAME TEXT: the last transcript holds TEXT (a whole line when it is).
has() {
    if printf '%s\n' "$out" | grep -qF -- "$2"; then ok "$1"; else notok "$1" "missing: $2
$out"; fi
}

# --- completion: methods after ':', module fields after '.', codes in strings
# A series' methods live in a table kept by its __index function; s:cagr()
# of GDP is (500.06 / 290.58)^(1/5) - 1 = 1.72090^0.2 - 1 = 0.11468.
# ds:val<Tab> becomes ds:value( -- the only method starting with "val";
# the finished call is 七星关区's GDP of 2020, 500.06 (observations.csv).
session "Tab completes ds:val to ds:value( and the call runs" $ZB repl --data datasets/qixingguan <<'EOF'
expect zb> 
send ds:val\t
expect ds:value(
send "520502", "gdp", 2020)\r
expect 500.06
expect zb> 
send ds:\t
expect indicators(
expect zb> ds:
send \x03
expect ^C
expect zb> 
send zb.op\t
expect zb.open(
send \x03
expect ^C
expect zb> 
send s = ds:series("520502", "gdp")\r
expect zb> 
send s:ca\t
expect s:cagr(
send )\r
expect 0.1146827
expect zb> 
send ds:value("520502", "urb\t
expect "urbanization_rate"
send , 2020)\r
expect 54
expect zb> 
send \x04
eof
EOF
has "ds:<Tab> lists the dataset's methods by name" "children("
has "a code inside quotes completes with its closing quote" 'ds:value("520502", "urbanization_rate", 2020)'
# urbanization_rate 2020 is 54 (%) in observations.csv
has "the completed code's value prints" "54	\"actual\""

# --- multi-line input: a for loop over two lines
# 第一、二、三产业增加值 2020: 93.36 + 127.55 + 279.15 = 500.06, which is the
# GDP; the float sum is 500.05999999999995, shown without the noise.
session "a for loop over two lines runs after the continuation prompt" $ZB repl --data datasets/qixingguan <<'EOF'
expect zb> 
send s = 0\r
expect zb> 
send for _, c in ipairs{"va_primary", "va_secondary", "va_tertiary"} do\r
expect ..> 
send s = s + ds:value("520502", c, 2020) end\r
expect zb> 
send s\r
expect 500.06
expect zb> 
send {\r
expect ..> 
send 1, 2}\r
expect {1, 2}
expect zb> 
send \x04
eof
EOF
has "the sum prints as 500.06" "
500.06
"

# --- expressions print without return; errors print and the session goes on
session "expressions print their values; an error does not end the session" $ZB repl --data datasets/qixingguan <<'EOF'
expect zb> 
send 6 * 7\r
expect 42
send "七星关区" .. "GDP"\r
expect "七星关区GDP"
send ds:years()\r
expect 2020
send nosuch()\r
expect attempt to call a nil value (global 'nosuch')
expect zb> 
send ds:vlaue("520502", "gdp", 2020)\r
expect 提示：是不是 value？
expect zb> 
send local x = 1\r
expect local 变量到下一行就没有了
send 1e20, 0.1 + 0.2, 7 / 2, 10 / 2\r
expect 3.5
expect zb> 
send \x04
eof
EOF
has "several results side by side, as lua.c prints them" "2015	2020"
has "the error has its traceback" "stack traceback:"
# nosuch is 2 edits or more from every global: no hint follows it
case "$out" in *"(global 'nosuch')"*"提示"*"(method 'vlaue')"*) notok "no hint for a name close to nothing" "$out" ;; *) ok "no hint for a name close to nothing" ;; esac
# 1e20 keeps its exponent; 0.1 + 0.2 shows 0.3; 10 / 2 is a float 5.0 shown as 5
has "numbers without noise" "1e+20	0.3	3.5	5"

# --- the pretty printer: records as a table aligned by display width
# name column: 七星关区 is 4 characters of width 2 = 8 columns, the widest,
# so 贵州省 (6) gets 2 spaces of padding, then 2 between columns.
session "ds:regions() prints as an aligned table" $ZB repl --data datasets/qixingguan <<'EOF'
expect zb> 
send ds:regions()\r
expect guizhou_regions.csv:46
send t = {}; for i = 1, 100 do t[i] = {n = i, sq = i * i} end\r
expect zb> 
send t\r
expect 共 100 行
expect zb> 
send \x04
eof
EOF
has "header line" "#  code    name      level     parent  children  name_en              source"
has "贵州省 padded to 七星关区's width" "1  520000  贵州省    province                 1  Guizhou Province     guizhou_regions.csv:2"
has "七星关区 row" "3  520502  七星关区  county    520500         0  Qixingguan District  guizhou_regions.csv:46"
# 40 lines of terminal - 4 = 36 lines; a grid keeps 3 of them for header,
# rule and note: 33 rows shown, 100 - 33 = 67 left.
has "a long table is cut with a note saying how much is left" "… 还有 67 行，共 100 行；全部显示：zb.pp(_, {max_lines = 0})"
has "the last row shown is the 33rd (33² = 1089)" "33  33  1089"

# --- history kept across two runs, a multi-line entry as one
rm -f "$ZHIBIAO_HISTORY"
session "first run: entries go to the history file" $ZB repl --data datasets/qixingguan <<'EOF'
expect zb> 
send for y = 2015, 2020, 5 do\r
expect ..> 
send print(y, ds:value("520502", "resident_pop", y)) end\r
expect 116.81
send 6 * 7 + 1000\r
expect 1042
expect zb> 
send \x04
eof
EOF
if grep -qF "6 * 7 + 1000" "$ZHIBIAO_HISTORY" 2>/dev/null; then ok "the history file has the entry"; else notok "the history file has the entry" "$(cat "$ZHIBIAO_HISTORY" 2>&1)"; fi
# Ctrl-P is readline's previous-history: the second run recalls the first
# run's entries.  常住人口 2015 115.06 and 2020 116.81 (observations.csv).
session "second run: Ctrl-P brings back the first run's input" $ZB repl --data datasets/qixingguan <<'EOF'
expect zb> 
send \x10
expect 6 * 7 + 1000
send \r
expect 1042
expect zb> 
send \x10\x10
expect end
send \r
expect 2015	115.06
expect 2020	116.81
expect zb> 
send \x04
eof
EOF

# The file keeps the last 1000 entries: 1200 written, the session starts by
# cutting it to entries 201..1200, and Ctrl-P brings back the last one.
i=1
while [ $i -le 1200 ]; do printf '#1700000000\nx = %d\n' $i; i=$((i + 1)); done > "$ZHIBIAO_HISTORY"
session "a long history file is cut to its last 1000 entries" $ZB repl <<'EOF'
expect zb> 
send \x10
expect x = 1200
send \x03
expect ^C
expect zb> 
send \x04
eof
EOF
entries=$(grep -c '^#1700000000$' "$ZHIBIAO_HISTORY"); first=$(sed -n 2p "$ZHIBIAO_HISTORY")
if [ "$entries" = 1000 ] && [ "$first" = "x = 201" ]; then ok "1000 entries kept, from x = 201"; else notok "1000 entries kept, from x = 201" "$entries entries, first: $first"; fi

# --- Ctrl-C stops a running chunk, even one that catches errors.  Each loop
# first prints a line that its echo does not contain, so that Ctrl-C is sent
# only once the chunk runs (on a loaded machine it could otherwise reach
# readline first and only clear the line).
session "Ctrl-C stops while true do end; the next command works" $ZB repl <<'EOF'
expect zb> 
send print("loop " .. "started") while true do end\r
expect loop started
send \x03
expect 已中断（Ctrl-C）
expect zb> 
send 21 * 2\r
expect 42
expect zb> 
send print("pcall loop " .. "started") while true do pcall(function() while true do end end) end\r
expect pcall loop started
send \x03
expect 已中断（Ctrl-C）
expect zb> 
send 20 + 3\r
expect 23
expect zb> 
send \x04
eof
EOF

# --- Ctrl-C at the prompt clears the line; Ctrl-D leaves with status 0
session "Ctrl-C clears the line being typed, Ctrl-D exits 0" $ZB repl <<'EOF'
expect zb> 
send print("not run")
expect "not run")
send \x03
expect ^C
expect zb> 
send \x04
eof
EOF
case "$out" in
    *"not run
"*) notok "the cleared line did not run" "$out" ;;
    *) ok "the cleared line did not run" ;;
esac

# --- dot-commands
session "dot-commands: .data, .indicators, .regions, unknown" $ZB repl <<'EOF'
expect zb> 
send .indicators\r
expect 还没有打开数据集
send .data datasets/qixingguan\r
expect ds = zb.dataset: datasets/qixingguan (3 regions, 56 indicators
send .indicators 城镇化\r
expect 1 个指标（共 56 个）
send .regions county\r
expect 共 1 个地区
send .ind 人均\r
expect 3 个指标（共 56 个）
send .frobnicate\r
expect 没有 .frobnicate 这个命令
send .data no/such/dir\r
expect 不是数据集目录
send .help\r
expect .regions [级别]
send .quit\r
eof
EOF
has ".indicators: code, name, unit, kind, attribute in Chinese" "urbanization_rate  常住人口城镇化率  %     比率  预期性"
has ".regions county: 七星关区 under 毕节市" "520502  七星关区  县（市、区）  520500 毕节市"
has "a failed .data keeps ds" "ds 仍是 zb.dataset: datasets/qixingguan"
# 人均 is in three names: 人均地区生产总值, 人均预期寿命, 人均预期受教育年限
has ".ind is a unique prefix of .indicators; 人均 matches three names" "expected_years_schooling  人均预期受教育年限  年"

# A folder whose name has a space, quoted as in a shell.
mkdir -p "$TMP/我的 数据"
cp datasets/qixingguan/*.csv "$TMP/我的 数据/"
session ".data with a quoted path that has a space" $ZB repl <<EOF
expect zb> 
send .data "$TMP/我的 数据"\r
expect ds = zb.dataset: $TMP/我的 数据 (3 regions
send .quit\r
eof
EOF

session "English with --lang en" $ZB --lang en repl --data datasets/qixingguan <<'EOF'
expect Ctrl-D leaves
send .indicators urbanization\r
expect 1 indicators (56 in all)
send print("loop " .. "started") while true do end\r
expect loop started
send \x03
expect interrupted (Ctrl-C)
expect zb> 
send \x04
eof
EOF
# The English name is longer than a cell's 30 columns: cut, with "…".
has "English headers and labels" "urbanization_rate  Urbanization rate of resident…  %     rate  anticipatory"

# --- plain zhibiao on a terminal is the REPL
session "plain zhibiao on a terminal starts the REPL" $ZB <<'EOF'
expect zb> 
send zb.version\r
expect "0.1.0"
expect zb> 
send \x04
eof
EOF

# --- stdin not a terminal: a script
out=$(printf 'local x = ds:value("520502", "gdp", 2020)\nprint(x * 2)\n' | $ZB repl --data datasets/qixingguan 2>&1); rc=$?
# 500.06 * 2 = 1000.12
if [ $rc -eq 0 ] && [ "$out" = "1000.12" ]; then ok "repl reads a script from a pipe"; else notok "repl reads a script from a pipe (exit $rc)" "$out"; fi
out=$(printf 'print("a")\nerror("boom")\n' | $ZB repl 2>&1); rc=$?
case "$rc:$out" in
    "1:a"*"stdin:2: boom"*) ok "a failing script from a pipe: message with its line, exit 1" ;;
    *) notok "a failing script from a pipe: message with its line, exit 1 (exit $rc)" "$out" ;;
esac
out=$($ZB </dev/null 2>&1); rc=$?
case "$rc:$out" in
    "2:"*"用法："*) ok "plain zhibiao without a terminal prints the help, exit 2" ;;
    *) notok "plain zhibiao without a terminal prints the help, exit 2 (exit $rc)" "$out" ;;
esac
out=$($ZB repl --data "$TMP/none" </dev/null 2>&1); rc=$?
case "$rc:$out" in
    "2:"*"不是数据集目录"*) ok "repl --data with a bad dataset: exit 2" ;;
    *) notok "repl --data with a bad dataset: exit 2 (exit $rc)" "$out" ;;
esac
out=$($ZB repl --bogus </dev/null 2>&1); rc=$?
case "$rc:$out" in
    "2:"*"用法：zhibiao repl"*) ok "repl with an unknown option: usage, exit 2" ;;
    *) notok "repl with an unknown option: usage, exit 2 (exit $rc)" "$out" ;;
esac

# A session pasted into a pipe: its dot-command fails as Lua, and the
# message says why and what to write instead; a plain syntax error gets no
# such hint.
out=$(printf 'x = 1\n.indicators 收入\n' | $ZB repl --data datasets/qixingguan 2>&1); rc=$?
case "$out" in
    *"stdin:2:"*"点命令只能在终端的交互环境中使用"*) [ $rc -eq 1 ] && ok "a dot-command from a pipe: the reason, exit 1" || notok "a dot-command from a pipe: exit" "rc=$rc" ;;
    *) notok "a dot-command from a pipe: the reason, exit 1" "$out" ;;
esac
out=$(printf 'x = = 1\n' | $ZB repl --data datasets/qixingguan 2>&1)
case "$out" in
    *点命令*) notok "a plain syntax error from a pipe gets no dot-command hint" "$out" ;;
    *"unexpected symbol near '='"*) ok "a plain syntax error from a pipe gets no dot-command hint" ;;
    *) notok "a plain syntax error from a pipe gets no dot-command hint" "$out" ;;
esac
