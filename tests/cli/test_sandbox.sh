#!/bin/sh
# `zhibiao run` and `zhibiao run --sandbox` as a user meets them: where the
# options go, what a blocked script prints, the limits' messages in Chinese
# and English, files written only into --out.  TAP-style ok / not ok lines.
# (Each escape technique has its own test in tests/lua/test_sandbox.lua.)
. tests/cli/lib.sh

# refute NAME PATTERN -- CMD...: the output must not contain PATTERN
refute() {
    name=$1; pat=$2; shift 3
    out=$("$@" 2>&1)
    if printf '%s\n' "$out" | grep -qF -- "$pat"; then notok "$name" "$out"; else ok "$name"; fi
}

cat > "$TMP/hello.lua" <<'LUA'
print("args", #arg, ...)
print("gdp", ds:value("520502", "gdp", 2020))
io.write("七星关区", 2020, " ", 1.5, "\n")
LUA
expect "a sandboxed script sees ds, arg and ..., prints to stdout" 0 \
    "args	2	x	y" "gdp	500.06	actual" "七星关区2020 1.5" -- \
    $ZB run --sandbox "$TMP/hello.lua" --data datasets/qixingguan x y
expect "run's options after the script name are still run's" 0 "args	1	z" "gdp	500.06" -- \
    $ZB run "$TMP/hello.lua" z --sandbox --data=datasets/qixingguan

printf 'print(#arg, arg[1], arg[2], io.open ~= nil)\n' > "$TMP/args.lua"
expect "after --, everything is the script's (no sandbox here)" 0 "2	--sandbox	--data	true" -- \
    $ZB run "$TMP/args.lua" -- --sandbox --data
expect "an unknown option after the script name is the script's" 0 "1	--verbose	nil	true" -- \
    $ZB run "$TMP/args.lua" --verbose
expect "an unknown option before the script name is bad usage" 2 "zhibiao run：未知选项“--verbose”" "用法：zhibiao run" -- \
    $ZB run --verbose "$TMP/args.lua"
expect "a run option without its value is bad usage" 2 "--max-memory 后面缺少值" -- \
    $ZB run "$TMP/args.lua" --max-memory
expect "a limit that is not a number is bad usage" 2 "--max-instructions 的值“lots”无效" -- \
    $ZB run --max-instructions lots "$TMP/args.lua"
expect "run --help explains where options go" 0 "--sandbox" "--max-instructions" "“--”之后的参数全部交给脚本" -- \
    $ZB run --help

# --- what a blocked or stopped script prints: file:line, message, exit 1
printf 'local x = 1\nos.execute("id")\n' > "$TMP/exec.lua"
expect "os.execute is blocked with file:line, exit 1" 1 "exec.lua:2: os.execute 在沙箱中不可用" "stack traceback" -- \
    $ZB run --sandbox "$TMP/exec.lua"
expect "the same script runs unsandboxed" 0 "uid=" -- $ZB run "$TMP/exec.lua"
printf 'local f = io.open("%s/written.txt", "w")\n' "$TMP" > "$TMP/open.lua"
expect "io.open is blocked" 1 "open.lua:1: io.open 在沙箱中不可用" -- $ZB run --sandbox "$TMP/open.lua"
[ ! -e "$TMP/written.txt" ] && ok "and no file was written" || notok "and no file was written"
printf 'print(undefined_thing)\n' > "$TMP/undef.lua"
expect "reading an undefined global is an error" 1 "undef.lua:1: 未定义的全局变量“undefined_thing”" -- \
    $ZB run --sandbox "$TMP/undef.lua"
expect "the same in English" 1 "undef.lua:1: undefined global variable 'undefined_thing'" -- \
    env ZHIBIAO_LANG=en $ZB run --sandbox "$TMP/undef.lua"
printf 'local function f()\n  error("boom")\nend\nf()\n' > "$TMP/err.lua"
expect "an error in the sandbox: file:line and a traceback" 1 "err.lua:2: boom" "err.lua:2: in local 'f'" "err.lua:4: in main chunk" -- \
    $ZB run --sandbox "$TMP/err.lua"
printf 'x = = 1\n' > "$TMP/syntax.lua"
expect "a syntax error names file:line, exit 1" 1 "syntax.lua:1: unexpected symbol near '='" -- \
    $ZB run --sandbox "$TMP/syntax.lua"
# Bytecode made by an unsandboxed run, then refused by any run (CVE-2018-1999023).
printf 'local f = assert(io.open(arg[1], "wb")) f:write(string.dump(function() return 1 end)) f:close()\n' > "$TMP/dump.lua"
$ZB run "$TMP/dump.lua" "$TMP/chunk.luac"
expect "a binary chunk is refused by --sandbox" 1 "attempt to load a binary chunk (mode is 't')" -- \
    $ZB run --sandbox "$TMP/chunk.luac"
expect "and by a plain run" 1 "attempt to load a binary chunk (mode is 't')" -- $ZB run "$TMP/chunk.luac"

# --- limits: a clear message in Chinese or English, exit 1
printf 'local n = 0\nwhile true do\n  n = n + 1\nend\n' > "$TMP/loop.lua"
expect "an endless loop stops at the instruction limit" 1 \
    "loop.lua:3: 指令数超出限制（1000000 条）" "可用 --max-instructions N 放宽" -- \
    $ZB run --sandbox --max-instructions 1000000 "$TMP/loop.lua"
expect "the instruction limit in English" 1 \
    "loop.lua:3: instruction limit exceeded (1000000 instructions)" "raise it with --max-instructions N" -- \
    env ZHIBIAO_LANG=en $ZB run --sandbox --max-instructions 1000000 "$TMP/loop.lua"
expect "--max-instructions=N works after the script name too" 1 "指令数超出限制（2000000 条）" -- \
    $ZB run --sandbox "$TMP/loop.lua" --max-instructions=2000000
expect "a plain run takes the limit too" 1 "指令数超出限制（1000000 条）" -- \
    $ZB run --max-instructions 1000000 "$TMP/loop.lua"
printf 'while true do pcall(function() while true do end end) end\n' > "$TMP/pcallloop.lua"
expect "pcall does not swallow the stop" 1 "pcallloop.lua:1: 指令数超出限制（1000000 条）" -- \
    $ZB run --sandbox --max-instructions 1000000 "$TMP/pcallloop.lua"
printf 'local t = {}\nfor i = 1, 1e9 do t[i] = i end\n' > "$TMP/table.lua"
expect "a huge table stops at the memory limit" 1 \
    "table.lua:2: 内存超出限制（8 MiB）" "可用 --max-memory 兆字节 放宽" -- \
    $ZB run --sandbox --max-memory 8 "$TMP/table.lua"
printf 'print(pcall(string.rep, "x", 2^40))\nprint("went on")\n' > "$TMP/rep.lua"
expect "string.rep of 2^40 bytes stops at the memory limit, pcall or not" 1 \
    "memory limit exceeded (8 MiB)" "raise it with --max-memory MB" -- \
    env ZHIBIAO_LANG=en $ZB run --sandbox --max-memory 8 "$TMP/rep.lua"
refute "nothing runs after the memory stop" "went on" -- $ZB run --sandbox --max-memory 8 "$TMP/rep.lua"
printf 'print(string.find(string.rep("a", 40), string.rep("a*", 40) .. "b"))\n' > "$TMP/bomb.lua"
expect "a pattern-matching bomb stops at the instruction limit" 1 "bomb.lua:1: 指令数超出限制（1000000 条）" -- \
    $ZB run --sandbox --max-instructions 1000000 "$TMP/bomb.lua"

# --- files: only through zb.write, only into --out
printf 'print(zb.write("report.txt", "七星关区 500.06\\n"))\n' > "$TMP/write.lua"
expect "zb.write without --out is refused in the sandbox" 1 "本次运行不允许写文件" -- \
    sh -c "cd '$TMP' && '$PWD/zhibiao' run --sandbox write.lua"
[ ! -e "$TMP/report.txt" ] && ok "and nothing was written" || notok "and nothing was written"
expect "zb.write writes into --out" 0 "$TMP/out/report.txt" -- $ZB run --sandbox --out "$TMP/out" "$TMP/write.lua"
[ "$(cat "$TMP/out/report.txt" 2>/dev/null)" = "七星关区 500.06" ] && ok "the file holds the text" || \
    notok "the file holds the text" "$(cat "$TMP/out/report.txt" 2>&1)"
printf 'print(zb.write("../escaped.txt", "x"))\n' > "$TMP/up.lua"
expect "zb.write cannot leave --out" 1 "“../escaped.txt”不是输出目录内的相对文件名" -- \
    $ZB run --sandbox --out "$TMP/out" "$TMP/up.lua"
[ ! -e "$TMP/escaped.txt" ] && ok "and nothing was written outside" || notok "and nothing was written outside"

# --- scripts by name: bundled, and from ZHIBIAO_PATH
expect "a bundled script runs sandboxed by name" 0 "七星关区“十四五”规划主要指标" "共 37 项指标" -- \
    $ZB run --sandbox plan_table --data datasets/qixingguan
mkdir -p "$TMP/lib"
printf 'print("from ZHIBIAO_PATH", zb.width("七星关区"))\n' > "$TMP/lib/mine.lua"
expect "a script in ZHIBIAO_PATH is found by name" 0 "from ZHIBIAO_PATH	8" -- \
    env ZHIBIAO_PATH="$TMP/nowhere:$TMP/lib" $ZB run --sandbox mine
