// The benchmark: zhibiao and DuckDB on the same data in the same run, in
// paired runs (zhibiao, then DuckDB, RUNS times), each under bench/build/measure
// for its wall time and peak resident memory.  Writes bench/RESULTS.md and
// exits 1 when the two rollups or range checks disagree.
//
//   node bench/run.mjs [--scale national|medium|small] [--runs N]
//
// Run by bench/run.sh (make bench), which builds the tools, installs DuckDB
// and generates the data first.
import { spawnSync, execSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import os from 'node:os';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
// --from FILE: write RESULTS.md again from a run's saved measurements
// (bench/build/out/results.json), e.g. after editing bench/ANALYSIS.md.
const from = arg('--from', null);
const saved = from ? JSON.parse(readFileSync(from, 'utf8')) : null;
const scale = saved ? saved.scale : arg('--scale', 'national');
const runs = saved ? saved.runs : Math.max(5, Number(arg('--runs', '5')));
const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
process.chdir(root);
const zb = './zhibiao';
const measure = 'bench/build/measure';
const floor = 'bench/build/floor';
const dir = `bench/data/synthetic-${scale}`;
const dirgz = `${dir}-gz`;
const out = 'bench/build/out';
mkdirSync(out, { recursive: true });
const sh = (cmd) => { try { return execSync(cmd, { encoding: 'utf8' }).trim(); } catch { return '?'; } };

// Runs argv under measure; returns {wall, rss (MB), stdout, stderr, status}.
function timed(argv, opts = {}) {
  const pre = [measure];
  if (opts.stdin) pre.push('-i', opts.stdin);
  const r = spawnSync(pre[0], [...pre.slice(1), '--', ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const m = /measure: wall_s=([\d.]+) maxrss_kb=(\d+) user_s=([\d.]+) sys_s=([\d.]+) status=(\d+)/.exec(r.stderr);
  if (!m) throw new Error(`no measurement for ${argv.join(' ')}:\n${r.stderr}`);
  const res = { wall: +m[1], rss: +m[2] / 1024, cpu: +m[3] + +m[4], status: +m[5], stdout: r.stdout, stderr: r.stderr };
  if (res.status !== 0 && !opts.allowFail)
    throw new Error(`${argv.join(' ')} exited ${res.status}:\n${r.stdout}\n${r.stderr}`);
  return res;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const innerJson = (stderr) => {
  const line = stderr.split('\n').find((l) => l.startsWith('{'));
  return line ? JSON.parse(line) : {};
};

const hasRepl = sh(`${zb} help`).split('\n').some((l) => /^\s*repl\b/.test(l));
const replArgv = hasRepl
  ? [zb, 'repl', '--data', 'datasets/qixingguan']
  : [zb, 'run', 'bench/empty.lua', '--data', 'datasets/qixingguan'];

// Each task: a zhibiao command and its DuckDB counterpart, run in pairs.
// Both sides write the same four columns (region, indicator, year, value):
// zhibiao with --columns, as a user comparing with a database would ask for;
// its default output for people (17 columns: names, unit, coverage, gaps,
// notes) is timed apart, on zhibiao's side only.
const four = ['--columns', 'region_code,indicator,year,value'];
const tasks = [
  {
    id: 'rollup-gz', title: `load + rollup, ${scale} .csv.gz (both write region, indicator, year, value)`,
    zb: [zb, '--lang', 'en', 'rollup', '--data', dirgz, '--format', 'csv', '--exact', ...four, '-o', `${out}/zb-rollup-gz.csv`],
    duck: ['node', 'bench/duck.mjs', 'rollup', dirgz, `${out}/duck-rollup-gz.csv`],
  },
  {
    id: 'rollup-csv', title: `load + rollup, ${scale} plain CSV (the same four columns)`,
    zb: [zb, '--lang', 'en', 'rollup', '--data', dir, '--format', 'csv', '--exact', ...four, '-o', `${out}/zb-rollup-csv.csv`],
    duck: ['node', 'bench/duck.mjs', 'rollup', dir, `${out}/duck-rollup-csv.csv`],
  },
  {
    id: 'rollup-gz-full', title: `load + rollup, ${scale} .csv.gz, zhibiao's default 17 columns for people`,
    zb: [zb, '--lang', 'en', 'rollup', '--data', dirgz, '--format', 'csv', '--exact', '-o', `${out}/zb-rollup-gz-full.csv`],
  },
  {
    id: 'load-gz', title: `load only, ${scale} .csv.gz (zhibiao run of an empty script)`,
    zb: [zb, 'run', 'bench/empty.lua', '--data', dirgz],
  },
  {
    id: 'range', title: `load + range check of every value, ${scale} plain CSV`,
    zb: [zb, 'run', 'bench/range.lua', '--data', dir],
    duck: ['node', 'bench/duck.mjs', 'range', dir],
  },
  {
    id: 'repl', title: `start-up with the bundled data (${hasRepl ? 'zhibiao repl, end of input' : 'zhibiao run, empty script'})`,
    zb: replArgv, stdin: '/dev/null',
    duck: ['node', 'bench/duck.mjs', 'open', 'datasets/qixingguan'],
  },
  { id: 'floor-gz', title: `floor probe, ${scale} .csv.gz (inflate, split, parse; one thread)`, zb: [floor, `${dirgz}/observations.csv.gz`] },
  { id: 'floor-gz-two', title: `floor probe, ${scale} .csv.gz, inflating and parsing in two threads`, zb: [floor, '--two', `${dirgz}/observations.csv.gz`] },
  { id: 'floor-csv', title: `floor probe, ${scale} plain CSV`, zb: [floor, `${dir}/observations.csv`] },
  { id: 'inflate', title: `inflate only, ${scale} .csv.gz`, zb: [floor, '--inflate', `${dirgz}/observations.csv.gz`] },
];

const loadBefore = saved ? saved.loadBefore : os.loadavg();
const started = saved ? new Date(saved.started) : new Date();
// Other processes using more than a fifth of a core (ps's figure: the
// average over each one's life), sampled at the start and after every timed
// run, so that work started during the run is told too.  Left out: this
// script and the sampling's own ps, sh, awk and head, which have just
// started and so show a high average.
const sampler = new Set(['ps', 'sh', 'awk', 'head']);
const busyNow = () => sh(`ps -eo pid,pcpu,comm --sort=-pcpu | awk 'NR>1 && $1 != ${process.pid} && $2>20 {print $3" "$2"%"}'`)
  .split('\n').filter((l) => l && l !== '?' && !sampler.has(l.split(' ')[0])).slice(0, 5).join('\n');
const busy = saved ? saved.busy : busyNow();
// undefined: a run saved before it was sampled
const busyDuring = saved ? saved.busyDuring && Object.fromEntries(Object.entries(saved.busyDuring).filter(([k]) => !sampler.has(k))) : {};
const noteBusy = () => {
  for (const l of busyNow().split('\n').filter((x) => x && x !== '?')) {
    const [name, pct] = l.split(' ');
    busyDuring[name] = Math.max(busyDuring[name] ?? 0, parseFloat(pct));
  }
};
const results = saved ? saved.results : {};
for (const t of saved ? [] : tasks) {
  const r = { zb: [], duck: [], ratio: [] };
  for (let i = 0; i < runs; i++) {
    const a = timed(t.zb, { stdin: t.stdin });
    noteBusy();
    r.zb.push(a);
    if (t.duck) {
      const b = timed(t.duck);
      noteBusy();
      r.duck.push(b);
      r.ratio.push(a.wall / b.wall);
    }
    process.stderr.write(`${t.id} ${i + 1}/${runs}: zhibiao ${a.wall.toFixed(3)} s` +
      (t.duck ? `, DuckDB ${r.duck[i].wall.toFixed(3)} s` : '') + '\n');
  }
  results[t.id] = r;
}
const loadAfter = saved ? saved.loadAfter : os.loadavg();

// ---- checks: the two sides must agree ----
const failures = [];
const compares = saved ? saved.compares : {};
// gz-full: zhibiao's 17-column output against the same DuckDB result.
for (const k of saved ? [] : ['gz', 'csv', 'gz-full']) {
  const duckFile = `${out}/duck-rollup-${k === 'gz-full' ? 'gz' : k}.csv`;
  const c = spawnSync('node', ['bench/duck.mjs', 'compare', `${out}/zb-rollup-${k}.csv`, duckFile],
    { encoding: 'utf8' });
  compares[k] = c.status === 0 ? JSON.parse(c.stdout) : { ok: false, error: c.stdout + c.stderr };
  if (!compares[k].ok) failures.push(`rollup outputs differ (${k}): ${JSON.stringify(compares[k])}`);
}
const zbRange = /(\d+) outside/.exec(results.range.zb[0].stdout)?.[1];
const duckRange = /(\d+) outside/.exec(results.range.duck[0].stdout)?.[1];
if (zbRange === undefined || zbRange !== duckRange)
  failures.push(`range checks differ: zhibiao ${zbRange}, DuckDB ${duckRange}`);
for (const k of saved ? Object.keys(compares) : [])
  if (!compares[k].ok) failures.push(`rollup outputs differ (${k}): ${JSON.stringify(compares[k])}`);
// RESULTS.md itself left out: a run before leaves it changed.
const version = saved ? saved.version
  : sh('git rev-parse --short HEAD') + (sh("git status --porcelain --untracked-files=no -- . ':!bench/RESULTS.md'") ? ' (with uncommitted changes)' : '');
if (!saved)
  writeFileSync(`${out}/results.json`, JSON.stringify({ scale, runs, started, loadBefore, loadAfter, busy, busyDuring, results, compares, version }));

// ---- figures ----
const f3 = (x) => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(3));
const f0 = (x) => (x === undefined ? '—' : x.toFixed(0));
const row = (id) => {
  const r = results[id];
  const zw = median(r.zb.map((x) => x.wall)), zr = Math.max(...r.zb.map((x) => x.rss));
  const dw = r.duck.length ? median(r.duck.map((x) => x.wall)) : undefined;
  const dr = r.duck.length ? Math.max(...r.duck.map((x) => x.rss)) : undefined;
  const ratio = r.ratio.length ? median(r.ratio) : undefined;
  return { zw, zr, dw, dr, ratio, zcpu: median(r.zb.map((x) => x.cpu)) };
};
const fig = Object.fromEntries(tasks.map((t) => [t.id, row(t.id)]));
const inner = (id, side, key) => median(results[id][side].map((x) => innerJson(x.stderr)[key]).filter((v) => v !== undefined));
const luaCheck = median(results.range.zb.map((x) => +/check_s=([\d.]+)/.exec(x.stdout)[1]));
const duckCheck = inner('range', 'duck', 'check_s');
const duckLoadGz = inner('rollup-gz', 'duck', 'load_s');
const duckRollupGz = inner('rollup-gz', 'duck', 'rollup_s');

const goals = [
  {
    goal: 'load + rollup of the .csv.gz at least 5× faster than DuckDB (ratio ≤ 0.20)',
    measured: `ratio ${f3(fig['rollup-gz'].ratio)} (${(1 / fig['rollup-gz'].ratio).toFixed(1)}× faster)`,
    met: fig['rollup-gz'].ratio <= 0.2,
  },
  {
    goal: 'load + rollup of the .csv.gz within 1.3× of the floor probe (one thread, one pass, as the issue defines it)',
    measured: `${f3(fig['rollup-gz'].zw)} s / ${f3(fig['floor-gz'].zw)} s = ${(fig['rollup-gz'].zw / fig['floor-gz'].zw).toFixed(2)}×`,
    met: fig['rollup-gz'].zw <= 1.3 * fig['floor-gz'].zw,
  },
  {
    goal: 'peak RSS of that run under 500 MB',
    measured: `${f0(fig['rollup-gz'].zr)} MB`,
    met: fig['rollup-gz'].zr < 500,
  },
  {
    goal: 'Lua range check over all values under 1 s',
    measured: `${f3(luaCheck)} s (CPU time of the check, after the load)`,
    met: luaCheck < 1,
  },
  {
    goal: 'REPL start with the bundled data under 50 ms',
    measured: `${(fig.repl.zw * 1000).toFixed(1)} ms (${hasRepl ? 'zhibiao repl' : 'zhibiao run, empty script: the REPL is not on this branch yet'})`,
    met: fig.repl.zw < 0.05,
  },
];

const count = (file, needle) => readFileSync(file, 'utf8').split('\n').filter((l) => l.includes(needle)).length;
const nobs = /(\d+) rows/.exec(results['floor-csv'].zb[0].stdout)?.[1] ?? '?';
const sizeMB = (p) => (existsSync(p) ? (Number(sh(`stat -c %s ${p}`)) / 1e6).toFixed(0) : '?');
const duckVersion = sh('node bench/duck.mjs version');
const machine = [
  ['CPU', sh("lscpu | sed -n 's/^Model name: *//p' | head -1")],
  ['cores', `${os.cpus().length} (${sh("lscpu | sed -n 's/^Hypervisor vendor: *//p'") !== '' ? 'virtual machine, ' : ''}shared with other work: see below)`],
  ['RAM', `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`],
  ['OS', `${sh(". /etc/os-release && echo $PRETTY_NAME")}, Linux ${os.release()}`],
  ['compiler', sh('cc --version | head -1') + ', -O2'],
  ['zlib', sh("pkg-config --modversion zlib")],
  ['Lua', sh("pkg-config --modversion lua5.4")],
  ['Node.js', process.version],
  ['DuckDB', `@duckdb/node-api ${JSON.parse(readFileSync('bench/node_modules/@duckdb/node-api/package.json', 'utf8')).version}${duckVersion !== '?' ? ` (DuckDB ${duckVersion})` : ''}, threads = 2`],
  ['zhibiao', version],
];

const table = [
  '| task | zhibiao median s | zhibiao CPU s | DuckDB median s | zhibiao / DuckDB (median of paired ratios) | zhibiao peak RSS MB | DuckDB peak RSS MB |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...tasks.map((t) => {
    const x = fig[t.id];
    return `| ${t.title} | ${f3(x.zw)} | ${f3(x.zcpu)} | ${f3(x.dw)} | ${f3(x.ratio)} | ${f0(x.zr)} | ${f0(x.dr)} |`;
  }),
];
const md = `# Benchmark results

Written by \`make bench\` (bench/run.sh → bench/run.mjs) on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC.
Scale **${scale}**: ${nobs} observations of ${count(`${dir}/regions.csv`, ',county,')} counties in
${count(`${dir}/regions.csv`, ',city,')} cities and ${count(`${dir}/regions.csv`, ',province,')} provinces, ${count(`${dir}/indicators.csv`, ',synthetic')} indicators
(${count(`${dir}/indicators.csv`, ',level,sum,')} sums, ${count(`${dir}/indicators.csv`, ',rate,')} ratios, ${count(`${dir}/indicators.csv`, ',percap,')} weighted means), ${scale === 'small' ? 10 : 30} years, about 2 % of cells
missing; observations.csv ${sizeMB(`${dir}/observations.csv`)} MB,
observations.csv.gz ${sizeMB(`${dirgz}/observations.csv.gz`)} MB (bench/gen.c, synthetic).
Every figure is the median of ${runs} runs; zhibiao and DuckDB ran in pairs,
one after the other, and the ratio is the median of the pairs' ratios. Wall
time and peak resident memory of the whole process (bench/measure.c:
wait4's ru_maxrss, as /usr/bin/time -v reports it), start-up included: for
DuckDB that is Node.js, the module and the database. "CPU s" is zhibiao's
user + system time over all its threads: more than the wall time where two
cores worked at once. Both rollups write the same four columns (zhibiao
with \`--columns region_code,indicator,year,value\`); zhibiao's default
output for people is timed on its own row.

## Machine

| | |
|---|---|
${machine.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}
| load average | ${loadBefore.map((x) => x.toFixed(2)).join(', ')} at the start, ${loadAfter.map((x) => x.toFixed(2)).join(', ')} at the end${busy && busy !== '?' ? `; busy at the start: ${busy.split('\n').join(', ')}` : ''}${!busyDuring ? '' : Object.keys(busyDuring).length ? `; busy between the timed runs: ${Object.entries(busyDuring).map(([k, v]) => `${k} ${v}%`).join(', ')}` : '; no other process above 20 % of a core between the timed runs'} |

${(busy && busy !== '?') || Object.keys(busyDuring ?? {}).length || (!busyDuring && loadBefore[0] > 0.5) ? '**Other work was running on this machine during the run** (other sessions share its two cores), so wall times carry noise and contention; the paired ratios are the steadier figure.' : 'No other process used more than a fifth of a core at the start or after any timed run (ps, sampled each time), so the machine was otherwise idle; the load averages above are mostly the benchmark itself and, at the start, what ran in the minutes before.'}

## Results

${table.join('\n')}

Inside the processes: DuckDB loaded the .csv.gz in ${f3(duckLoadGz)} s and rolled up in ${f3(duckRollupGz)} s;
the range check itself took ${f3(luaCheck)} s in Lua (zhibiao, CPU time) and ${f3(duckCheck)} s in DuckDB SQL
(on the loaded table). Both range checks found ${zbRange} values outside their bounds.

Rollup outputs compared cell by cell (relative tolerance 1e-9):
${Object.keys(compares).map((k) => `- ${k}: ${compares[k].ok ? `equal — ${compares[k].cells} cells, largest relative difference ${compares[k].max_rel?.toExponential(1)}` : `**differ** — ${JSON.stringify(compares[k])}`}`).join('\n')}

## Goals

| goal | measured | met |
|---|---|---|
${goals.map((g) => `| ${g.goal} | ${g.measured} | ${g.met ? 'yes' : '**no**'} |`).join('\n')}

## Where the time goes (medians, .csv.gz)

| part | zhibiao s | DuckDB s |
|---|---:|---:|
| inflating alone (floor probe --inflate, one thread) | ${f3(fig.inflate.zw)} | |
| floor probe: inflate + split + parse, one thread (the issue's probe) | ${f3(fig['floor-gz'].zw)} | |
| floor probe with inflating and parsing in two threads (--two) | ${f3(fig['floor-gz-two'].zw)} | |
| load (zhibiao: the whole process with an empty script; DuckDB: CREATE TABLE … read_csv, inside the process) | ${f3(fig['load-gz'].zw)} | ${f3(duckLoadGz)} |
| load ÷ floor probe | ${(fig['load-gz'].zw / fig['floor-gz'].zw).toFixed(2)}× | |
| rollup and writing its four columns (zhibiao: load + rollup − load; DuckDB: the two levels and COPY, inside the process) | ${f3(fig['rollup-gz'].zw - fig['load-gz'].zw)} | ${f3(duckRollupGz)} |
| the same with zhibiao's 17 columns for people | ${f3(fig['rollup-gz-full'].zw - fig['load-gz'].zw)} | |
| start-up of the process (zhibiao: REPL start; DuckDB: Node.js, the module, an empty database) | ${f3(fig.repl.zw)} | ${f3(fig['rollup-gz'].dw - inner('rollup-gz', 'duck', 'total_s'))} |

${existsSync('bench/ANALYSIS.md') ? readFileSync('bench/ANALYSIS.md', 'utf8') : ''}`;
writeFileSync('bench/RESULTS.md', md);
process.stderr.write(`\nwrote bench/RESULTS.md\n${table.join('\n')}\n`);
for (const g of goals) process.stderr.write(`${g.met ? 'met    ' : 'NOT MET'} ${g.goal}: ${g.measured}\n`);
if (failures.length) {
  process.stderr.write(`\nFAILED:\n${failures.join('\n')}\n`);
  process.exit(1);
}
