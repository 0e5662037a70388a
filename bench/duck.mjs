// DuckDB side of the benchmark: the same jobs as zhibiao, in SQL as a
// capable user writes them (explicit column types, joins to the hierarchy,
// the ratio and weighted-mean rules level by level), threads = 2.
//
//   node duck.mjs rollup DIR OUT.csv   load + roll counties up to cities and provinces
//   node duck.mjs range DIR            load + count values outside their ranges
//   node duck.mjs open DIR             load every file of a dataset (start-up)
//   node duck.mjs compare ZB.csv DUCK.csv   rollup outputs equal within 1e-9?
//   node duck.mjs version              DuckDB's version
//
// Prints a JSON line on stderr with the times measured inside ({"load_s":..})
// and the result on stdout.
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync } from 'node:fs';

const [mode, a, b] = process.argv.slice(2);
const t0 = performance.now();
const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const db = await instance.connect();
const run = (sql) => db.run(sql);
const all = async (sql) => (await db.runAndReadAll(sql)).getRowObjectsJS();
const q = (s) => `'${s.replaceAll("'", "''")}'`;
const secs = (t) => +((performance.now() - t) / 1000).toFixed(6);

function obsFile(dir) {
  const gz = `${dir}/observations.csv.gz`;
  return existsSync(gz) ? gz : `${dir}/observations.csv`;
}

async function loadCore(dir) {
  await run(`CREATE TABLE regions AS SELECT * FROM read_csv(${q(dir + '/regions.csv')}, header = true,
    columns = {'code': 'VARCHAR', 'name': 'VARCHAR', 'level': 'VARCHAR', 'parent': 'VARCHAR',
               'name_en': 'VARCHAR', 'source': 'VARCHAR'})`);
  await run(`CREATE TABLE indicators AS SELECT * FROM read_csv(${q(dir + '/indicators.csv')}, header = true,
    columns = {'code': 'VARCHAR', 'name': 'VARCHAR', 'name_en': 'VARCHAR', 'unit': 'VARCHAR',
               'category': 'VARCHAR', 'attribute': 'VARCHAR', 'kind': 'VARCHAR', 'aggregation': 'VARCHAR',
               'direction': 'VARCHAR', 'decimals': 'INTEGER', 'source': 'VARCHAR'})`);
  await run(`CREATE TABLE obs AS SELECT * FROM read_csv(${q(obsFile(dir))}, header = true,
    columns = {'region': 'VARCHAR', 'indicator': 'VARCHAR', 'year': 'SMALLINT', 'value': 'DOUBLE'})`);
}

// One level of the rollup: the children's values in `src` to their
// parents.  sum: sum of the children's values.  ratio(N,D,s): sum(N)/sum(D)*s
// over children with D and either N or the rate (then N = rate*D/s).
// wmean(W): sum(v*W)/sum(W) over children with both.  zhibiao's rules
// (docs/dataset-format.md, core/zb_rollup.h); a city's computed values are
// what its province rolls up, so the levels run one after the other.
function step(src) {
  return `
WITH v AS (SELECT r.parent, s.region, s.indicator, s.year, s.value
           FROM ${src} s JOIN regions r ON r.code = s.region
           WHERE r.parent IS NOT NULL AND s.value IS NOT NULL),
sums AS (SELECT v.parent AS region, v.indicator, v.year, sum(v.value) AS value
         FROM v JOIN rules u ON u.indicator = v.indicator AND u.rule = 'sum'
         GROUP BY v.parent, v.indicator, v.year),
ratios AS (SELECT d.parent AS region, u.indicator, d.year,
                  sum(coalesce(n.value, s.value * d.value / u.scale)) / sum(d.value) * u.scale AS value
           FROM rules u
           JOIN v d ON d.indicator = u.op2
           LEFT JOIN v n ON n.indicator = u.op1 AND n.region = d.region AND n.year = d.year
           LEFT JOIN v s ON s.indicator = u.indicator AND s.region = d.region AND s.year = d.year
           WHERE u.rule = 'ratio' AND (n.value IS NOT NULL OR s.value IS NOT NULL)
           GROUP BY d.parent, u.indicator, d.year, u.scale),
wmeans AS (SELECT x.parent AS region, u.indicator, x.year, sum(x.value * w.value) / sum(w.value) AS value
           FROM rules u
           JOIN v x ON x.indicator = u.indicator
           JOIN v w ON w.indicator = u.op1 AND w.region = x.region AND w.year = x.year
           WHERE u.rule = 'wmean'
           GROUP BY x.parent, u.indicator, x.year)
SELECT * FROM sums UNION ALL SELECT * FROM ratios UNION ALL SELECT * FROM wmeans`;
}

async function rollup(dir, out) {
  await run(`SET threads = 2`);
  const tl = performance.now();
  await loadCore(dir);
  const load = secs(tl);
  const tr = performance.now();
  await run(`CREATE TABLE rules AS SELECT code AS indicator,
      regexp_extract(aggregation, '^(\\w+)', 1) AS rule,
      nullif(regexp_extract(aggregation, '\\((\\w+)', 1), '') AS op1,
      nullif(regexp_extract(aggregation, '\\(\\w+,(\\w+)', 1), '') AS op2,
      TRY_CAST(nullif(regexp_extract(aggregation, ',([0-9.]+)\\)', 1), '') AS DOUBLE) AS scale
    FROM indicators`);
  await run(`CREATE TABLE level1 AS ${step('obs')}`);
  await run(`CREATE TABLE level2 AS ${step('level1')}`);
  await run(`COPY (SELECT * FROM level1 UNION ALL SELECT * FROM level2) TO ${q(out)} (HEADER, DELIMITER ',')`);
  const [{ n }] = await all(`SELECT (SELECT count(*) FROM level1) + (SELECT count(*) FROM level2) AS n`);
  console.error(JSON.stringify({ load_s: load, rollup_s: secs(tr), total_s: secs(t0) }));
  console.log(`${n} cells`);
}

// The same bounds as bench/range.lua.
async function range(dir) {
  await run(`SET threads = 2`);
  const tl = performance.now();
  await loadCore(dir);
  const load = secs(tl);
  const tc = performance.now();
  const [{ n }] = await all(`SELECT count(*) AS n FROM obs o JOIN indicators i ON i.code = o.indicator
    WHERE (i.kind = 'rate' AND (o.value < 0 OR o.value > 100))
       OR (i.kind = 'level' AND (o.value < 0 OR o.value > 1e12))
       OR (i.kind = 'percap' AND (o.value < 0 OR o.value > 1e7))`);
  console.error(JSON.stringify({ load_s: load, check_s: secs(tc), total_s: secs(t0) }));
  console.log(`${n} outside`);
}

async function open(dir) {
  await run(`SET threads = 2`);
  let rows = 0;
  for (const name of ['regions', 'indicators', 'observations', 'targets']) {
    const f = `${dir}/${name}.csv`;
    if (!existsSync(f)) continue;
    await run(`CREATE TABLE ${name} AS SELECT * FROM read_csv(${q(f)}, header = true)`);
    rows += Number((await all(`SELECT count(*) AS n FROM ${name}`))[0].n);
  }
  console.error(JSON.stringify({ total_s: secs(t0) }));
  console.log(`${rows} rows`);
}

// zhibiao's CSV (zhibiao --lang en rollup --format csv --exact) names the
// columns "region code", "code" and "computed"; cells without a value (no
// child had a figure) are left out on both sides.
async function compare(zb, duck) {
  const side = (f, region, indicator, value) => `(SELECT "${region}" AS region, "${indicator}" AS indicator,
      year::INTEGER AS year, "${value}"::DOUBLE AS value
    FROM read_csv(${q(f)}, header = true, all_varchar = true) WHERE coalesce("${value}", '') <> '')`;
  const [r] = await all(`SELECT count(*) AS cells,
      count(*) FILTER (WHERE a.value IS NULL) AS only_duckdb,
      count(*) FILTER (WHERE b.value IS NULL) AS only_zhibiao,
      count(*) FILTER (WHERE abs(a.value - b.value) > 1e-9 * greatest(abs(a.value), abs(b.value))) AS differ,
      max(abs(a.value - b.value) / nullif(greatest(abs(a.value), abs(b.value)), 0)) AS max_rel
    FROM ${side(zb, 'region code', 'code', 'computed')} a
      FULL JOIN ${side(duck, 'region', 'indicator', 'value')} b
      ON a.region = b.region AND a.indicator = b.indicator AND a.year = b.year`);
  const ok = Number(r.cells) > 0 && Number(r.only_duckdb) === 0 && Number(r.only_zhibiao) === 0 &&
    Number(r.differ) === 0;
  console.log(JSON.stringify({ ...Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])), ok }));
  process.exitCode = ok ? 0 : 1;
}

const version = async () => console.log((await all('SELECT version() AS v'))[0].v);
const modes = { rollup: () => rollup(a, b), range: () => range(a), open: () => open(a), compare: () => compare(a, b), version };
if (!modes[mode]) {
  console.error('usage: node duck.mjs rollup DIR OUT | range DIR | open DIR | compare ZB DUCK');
  process.exit(2);
}
await modes[mode]();
