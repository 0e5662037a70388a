#!/bin/sh
# make bench: zhibiao against DuckDB on a synthetic national panel.
#
#   sh bench/run.sh                 national scale, 5 paired runs
#   BENCH_SCALE=medium BENCH_RUNS=5 sh bench/run.sh
#
# Needs ./zhibiao and bench/build/{gen,floor,measure} (make bench builds
# them), Node.js and npm (installed from Debian's packages when run as root),
# and installs DuckDB's Node.js package into bench/node_modules (not in git).
# Generated data goes to bench/data/ (not in git); results to bench/RESULTS.md.
set -e
cd "$(dirname "$0")/.."
scale=${BENCH_SCALE:-national}
runs=${BENCH_RUNS:-5}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y nodejs npm || { apt-get update && apt-get install -y nodejs npm; }
    else
        echo "bench: Node.js and npm are needed: sudo apt-get install nodejs npm" >&2
        exit 2
    fi
fi
if [ ! -f bench/node_modules/@duckdb/node-api/package.json ]; then
    (cd bench && npm install --no-audit --no-fund)
fi
for s in "$scale"; do
    if [ ! -f "bench/data/synthetic-$s/observations.csv" ] || [ ! -f "bench/data/synthetic-$s-gz/observations.csv.gz" ]; then
        echo "bench: generating the $s synthetic panel in bench/data/" >&2
        bench/build/gen "$s" bench/data
    fi
done
exec node bench/run.mjs --scale "$scale" --runs "$runs"
