# Shared by the command-line tests (tests/cli/test_*.sh), sourced from the
# repository root: the binary under test, a temporary directory removed on
# exit, and TAP-style result lines ("ok N - name" / "not ok N - name" with
# the evidence indented under it).
ZB=${ZB:-./zhibiao}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
n=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
# The evidence of a failure: its first lines (NOTOK_SHOW="tail -25" where the
# end of a transcript says more).
notok() { n=$((n + 1)); echo "not ok $n - $1"; [ -n "$2" ] && printf '%s\n' "$2" | ${NOTOK_SHOW:-head -30} | sed 's/^/#   /'; }

# expect NAME EXPECTED_STATUS PATTERN... -- CMD...
# Runs CMD (stdout and stderr together); ok when it exits with
# EXPECTED_STATUS and its output contains every PATTERN (fixed strings).
expect() {
    name=$1; want=$2; shift 2
    pats=""
    while [ "$1" != "--" ]; do pats="$pats
$1"; shift; done
    shift
    out=$("$@" 2>&1); got=$?
    if [ "$got" -ne "$want" ]; then notok "$name (exit $got, expected $want)" "$out"; return; fi
    missing=$(printf '%s\n' "$pats" | while IFS= read -r p; do
        [ -z "$p" ] && continue
        printf '%s\n' "$out" | grep -qF -- "$p" || echo "missing: $p"
    done)
    if [ -n "$missing" ]; then notok "$name" "$missing
$out"; else ok "$name"; fi
}
