#!/bin/sh
# Nothing lost: an output written through zb_outfile (`progress -o FILE`,
# zb.write from a script) and interrupted by SIGTERM, SIGINT or SIGHUP
# leaves the previous file as it was and no temporary file behind, and the
# process dies of the signal (exit status 128 + its number).
#
# To interrupt at a known moment rather than by timing, the test sets
# ZHIBIAO_TEST_PAUSE_WRITE=FLAG: the writer flushes what it wrote into the
# temporary file, creates FLAG and waits; the test sees FLAG, checks that
# the temporary file holds the new text while the old file is untouched,
# sends the signal and checks again.  The program is started through perl
# so that SIGINT has its default action: sh starts background commands
# with SIGINT ignored.
. tests/cli/lib.sh

# perl -e "$DEFAULT_SIGNALS" CMD...: CMD with SIGINT, SIGTERM and SIGHUP at
# their default action (perl replaces itself with CMD, keeping the pid).
DEFAULT_SIGNALS='$SIG{$_} = "DEFAULT" for qw(INT TERM HUP); exec @ARGV or die "exec: $!\n"'

# wait_for FILE: up to 30 s for FILE to appear (a bound, not a measure).
wait_for() {
    i=0
    while [ ! -e "$1" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
    [ -e "$1" ]
}

# The entries of directory $1, one a line, hidden ones too.
entries() { ls -A "$1"; }

# interrupt SIG NUM TARGET CMD...: runs CMD paused in its write of TARGET,
# sends SIG, and checks TARGET and its directory.
interrupt() {
    sig=$1 num=$2 target=$3
    shift 3
    dir=$(dirname "$target")
    rm -f "$TMP/ready"
    cp "$target" "$TMP/before"
    listed=$(entries "$dir")
    ZHIBIAO_TEST_PAUSE_WRITE="$TMP/ready" perl -e "$DEFAULT_SIGNALS" "$@" > /dev/null 2>&1 &
    pid=$!
    if ! wait_for "$TMP/ready"; then
        kill -KILL $pid 2>/dev/null
        notok "SIG$sig during the write of $(basename "$target"): the writer never paused"
        return
    fi
    # Mid-write: the new text sits in a temporary file beside the target
    # (NAME.tmp.XXXXXX; .NAME.XXXXXX for a workbook), the old file is intact.
    new=$(entries "$dir" | grep -vxF "$listed" | grep -vx ready)
    tmp=$dir/$new
    if [ -n "$new" ] && [ "$(echo "$new" | wc -l)" -eq 1 ] && [ -s "$tmp" ] && ! cmp -s "$tmp" "$target" &&
        cmp -s "$target" "$TMP/before"; then
        ok "SIG$sig: while $(basename "$target") is written, the new text is in $new and the old file is intact"
    else
        notok "SIG$sig: mid-write state of $(basename "$target")" "new entries: '$new'
$(ls -lA "$dir")"
    fi
    kill -"$sig" $pid
    wait $pid
    st=$?
    left=$(entries "$dir" | grep -vxF "$listed" | grep -vx ready)
    if [ $st -eq $((128 + num)) ] && [ -z "$left" ] && cmp -s "$target" "$TMP/before"; then
        ok "SIG$sig: the process dies of it (status $st), the previous $(basename "$target") is intact, no temporary file left"
    else
        notok "SIG$sig after the interrupted write of $(basename "$target")" "status $st (expected $((128 + num))), left: '$left'
$(diff "$TMP/before" "$target" | head -5)"
    fi
}

# --- progress -o: a first run writes the file; interrupted reruns keep it.
out=$TMP/progress.csv
$ZB progress --data datasets/qixingguan --year 2020 --format csv -o "$out" > /dev/null 2>&1
# progress exits 1 when an indicator is behind, as in 2020; the file is written either way.
if [ -s "$out" ] && head -c 3 "$out" | od -An -tx1 | grep -q 'ef bb bf'; then
    ok "progress -o writes the CSV (with a BOM for Excel)"
else
    notok "progress -o writes the CSV (with a BOM for Excel)" "$(ls -l "$TMP")"
fi
interrupt TERM 15 "$out" $ZB progress --data datasets/qixingguan --year 2021 --format json -o "$out"
interrupt INT 2 "$out" $ZB progress --data datasets/qixingguan --year 2021 --format json -o "$out"
interrupt HUP 1 "$out" $ZB progress --data datasets/qixingguan --year 2021 --format json -o "$out"

# --- an Excel workbook (libxlsxwriter writes by path; the writer registers
# its temporary file for removal on a signal).
xlsx=$TMP/plan.xlsx
$ZB report plan --data datasets/qixingguan -o "$xlsx" > /dev/null 2>&1
if [ "$(head -c 2 "$xlsx" 2>/dev/null)" = PK ]; then
    ok "report plan -o plan.xlsx writes a workbook"
else
    notok "report plan -o plan.xlsx writes a workbook" "$(ls -l "$TMP")"
fi
interrupt TERM 15 "$xlsx" $ZB report plan --data datasets/qixingguan --plan qxg-13fyp -o "$xlsx"

# --- zb.write from a script, in the run's output directory (the current one).
case $ZB in /*) zb_abs=$ZB ;; *) zb_abs=$PWD/$ZB ;; esac
mkdir -p "$TMP/run"
printf 'old report\n' > "$TMP/run/report.txt"
printf 'zb.write("report.txt", string.rep("新报告\\n", 1000))\nprint("written")\n' > "$TMP/run/write.lua"
(cd "$TMP/run" && interrupt TERM 15 "$TMP/run/report.txt" "$zb_abs" run write.lua)
n=$((n + 2))
# Without a signal the same script replaces the file: 1000 lines of 新报告.
(cd "$TMP/run" && "$zb_abs" run write.lua > /dev/null 2>&1)
lines=$(grep -c '^新报告$' "$TMP/run/report.txt")
[ "$lines" = 1000 ] && ok "uninterrupted, zb.write replaces report.txt (1000 lines)" ||
    notok "uninterrupted, zb.write replaces report.txt (1000 lines)" "lines: $lines"
