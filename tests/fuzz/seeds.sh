#!/bin/sh
# Builds the seed corpora of the fuzz targets into OUTDIR/{csv,spec,num}:
#   csv   every file of datasets/*/ and tests/bad/*/, and the plan tables of
#         tests/import/ (read as `zhibiao import` reads them), prefixed with
#         the selector byte fuzz_csv.c reads (the file kind; GBK cases with
#         the encoding bit set)
#   spec  every distinct base, target and growth text of datasets/*/targets.csv
#   num   every distinct value and raw text of datasets/*/observations.csv,
#         and the number forms of the bad-input corpus
#   lua   (fuzz_lua.c reads the first byte as the mode) the Lua tests and
#         every ```lua block of docs/*.md as scripts for the sandbox (mode
#         3), and fixed pseudo-random byte strings (awk's rand with seeds
#         1..48) as call sequences (mode 0) and as grammar input (mode 2)
# Seeds are named by their content's checksum, so reruns do not duplicate.
set -e
out=${1:?usage: seeds.sh OUTDIR}
mkdir -p "$out/csv" "$out/spec" "$out/num" "$out/lua"

# seed DIR: stdin into DIR/<cksum>
seed() {
    tmp="$1/.new"
    cat > "$tmp"
    sum=$(cksum < "$tmp" | cut -d' ' -f1)
    mv "$tmp" "$1/$sum"
}

kind_byte() {
    case "$1" in
        *regions.csv*) printf '\000' ;;
        *indicators.csv*) printf '\001' ;;
        *observations.csv*) printf '\002' ;;
        *targets.csv*) printf '\003' ;;
        *settings.csv*) printf '\004' ;;
    esac
}

for f in datasets/*/*.csv tests/bad/*/*.csv tests/bad/*/*.csv.gz; do
    [ -f "$f" ] || continue
    sel=$(kind_byte "$f" | od -An -tu1 | tr -d ' ')
    [ -n "$sel" ] || continue
    case "$f" in *gbk*) sel=$((sel + 8)) ;; esac
    { printf "\\$(printf '%03o' "$sel")"; cat "$f"; } | seed "$out/csv"
done

for f in tests/import/*.csv; do
    [ -f "$f" ] || continue
    sel=5
    case "$f" in *gbk*) sel=$((sel + 8)) ;; esac
    { printf "\\$(printf '%03o' "$sel")"; cat "$f"; } | seed "$out/csv"
done

# fields NAME... of a CSV file with a header, one per line (quotes handled,
# newlines inside quotes are not: the datasets have none in these columns)
fields() {
    file=$1; shift
    awk -v want="$*" '
    function split_csv(line, out,    n, i, c, f, q) {
        n = 0; f = ""; q = 0
        for (i = 1; i <= length(line); i++) {
            c = substr(line, i, 1)
            if (q) {
                if (c == "\"" && substr(line, i + 1, 1) == "\"") { f = f c; i++ }
                else if (c == "\"") q = 0
                else f = f c
            } else if (c == "\"") q = 1
            else if (c == ",") { out[++n] = f; f = "" }
            else f = f c
        }
        out[++n] = f
        return n
    }
    NR == 1 {
        n = split_csv($0, head); split(want, w, " ")
        for (i = 1; i <= n; i++) for (j in w) if (head[i] == w[j]) col[i] = 1
        next
    }
    { n = split_csv($0, row); for (i = 1; i <= n; i++) if (col[i] && row[i] != "") print row[i] }
    ' "$file"
}

for f in datasets/*/targets.csv; do
    fields "$f" base_text target_text growth_text achieved_text achieved_growth_text
done | sort -u | while IFS= read -r t; do printf '%s' "$t" | seed "$out/spec"; done
for t in '10左右' '60以上' '4.2以内' '力争5%' '5-6' '15.8:25:59.2' '提高2个百分点' '下降13.5%' \
         '翻一番' '——' '控制在国家下达的指标范围内' '4..03' '≥95' '１２．５亿元' 'sum' \
         'ratio(urban_pop,pop,100)' 'wmean(pop)' 'structure(a,b,c)' 'growth(gdp)'; do
    printf '%s' "$t" | seed "$out/spec"
done

for f in datasets/*/observations.csv; do
    fields "$f" value raw
done | sort -u | while IFS= read -r t; do printf '%s' "$t" | seed "$out/num"; done
for t in '１２．５' '1,234.5' '56.5%' '3‰' '——' '-' '…' '4..03' '1e400' 'NaN' 'inf' \
         ' 12 ' '－３' '1,23' '1e-5' '#DIV/0!'; do
    printf '%s' "$t" | seed "$out/num"
done

for f in tests/lua/*.lua; do
    { printf '\003'; cat "$f"; } | seed "$out/lua"
done
# each ```lua block of the docs, one seed per block
for f in docs/*.md; do
    awk -v dir="$out/lua" '
    /^```lua/ { n++; file = dir "/.block" n; printf "\003" > file; inblock = 1; next }
    /^```/ && inblock { close(file); inblock = 0; next }
    inblock { print > file }
    ' "$f"
    for b in "$out/lua"/.block*; do
        [ -f "$b" ] || continue
        seed "$out/lua" < "$b"
        rm -f "$b"
    done
done
for i in $(seq 1 48); do
    for mode in 0 2; do
        LC_ALL=C awk -v s="$i" -v mode="$mode" 'BEGIN {
            srand(s); printf "%c", mode
            for (k = 0; k < 64 + s * 8; k++) printf "%c", int(rand() * 256)
        }' | seed "$out/lua"
    done
done
