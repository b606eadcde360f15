#!/usr/bin/env node
// `npm run bench`: CLI startup (--version, --help) against `node -e 0`, then native generation speed and memory
// for `example ha`, a 100-worker plan (RSA-2048 and ECDSA-P256) and a 5,000-node ECDSA-P256 plan against the keygen
// floor (one key's generation time × keys ÷ cores), then the whole `kubepki generate` process for the ha plan with
// ECDSA-P256; then `kubepki check` (the whole process) on the ha and 100-worker trees against `node -e 0`.
// Each scenario runs in its own process for peak RSS. `--startup` runs the startup rows only, `--check` the check rows.

import {execFileSync, spawnSync} from 'node:child_process';
import {generateKeyPair} from 'node:crypto';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {availableParallelism, loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';

const dist = new URL('../dist/', import.meta.url);
const {generateNative} = await import(new URL('generate/native.js', dist).href);
const {examplePlan, basePlan} = await import(new URL('plan/defaults.js', dist).href);
const {resolve} = await import(new URL('pki/resolve.js', dist).href);
const {planToYaml} = await import(new URL('plan/to-yaml.js', dist).href);

const withAlgorithm = (plan, alg) => ({...plan, certificates: {...plan.certificates, encryptionAlgorithm: alg}});
/** `count` nodes, three of them control planes, 250 to a /24. */
const nodes = (count) => Array.from({length: count}, (_, i) => ({
  name: i < 3 ? `cp-${i + 1}` : `worker-${i - 2}`,
  address: `10.${Math.floor(i / 250) >> 8}.${Math.floor(i / 250) & 255}.${(i % 250) + 1}`,
  role: i < 3 ? 'control-plane' : 'worker',
}));
const hundredWorkers = () => basePlan([
  {name: 'cp-1', address: '10.0.0.1', role: 'control-plane'},
  ...Array.from({length: 100}, (_, i) => ({name: `worker-${i + 1}`, address: `10.0.1.${i + 1}`, role: 'worker'})),
]);

const scenarios = {
  'example ha': () => examplePlan('ha'),
  '100 workers': hundredWorkers,
  'ha ECDSA-P256': () => withAlgorithm(examplePlan('ha'), 'ECDSA-P256'),
  '100w ECDSA-P256': () => withAlgorithm(hundredWorkers(), 'ECDSA-P256'),
  // Kubernetes' largest supported cluster.
  '5000n ECDSA-P256': () => withAlgorithm(basePlan(nodes(5000)), 'ECDSA-P256'),
};

async function runScenario(name, keep) {
  const plan = scenarios[name]();
  const keys = resolve(plan).certs.length + 1; // + sa
  const out = keep ?? mkdtempSync(join(tmpdir(), 'kubepki-bench-'));
  const start = performance.now();
  await generateNative({plan, out});
  const wall = performance.now() - start;
  const usage = process.resourceUsage(); // before the clean-up: removing 35,000 files is not generating them
  if (!keep) rmSync(out, {recursive: true, force: true});
  process.stdout.write(JSON.stringify({keys, wall, cpu: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssMb: usage.maxRSS / 1024}));
}

async function keygenFloorPerKey(samples, alg = 'RSA-2048') {
  const gen = promisify(generateKeyPair);
  const times = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await (alg === 'RSA-2048' ? gen('rsa', {modulusLength: 2048}) : gen('ec', {namedCurve: 'P-256'}));
    times.push(performance.now() - t);
  }
  return times.reduce((a, b) => a + b, 0) / times.length;
}

const BIN = fileURLToPath(new URL('../bin/kubepki.js', import.meta.url));
const STARTUP = {
  'node -e 0': ['-e', '0'],
  'kubepki --version': [BIN, '--version'],
  'kubepki --help': [BIN, '--help'],
};
const STARTUP_RUNS = 15;

/** CPU time (user + sys, in clock ticks) of this process's finished children: spawnSync reports none of its own.
 *  Linux only (/proc/self/stat's cutime and cstime); undefined elsewhere, and the CPU columns stay empty. */
function childTicks() {
  if (!existsSync('/proc/self/stat')) return undefined;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3, state
  return Number(fields[13]) + Number(fields[14]);
}

function clockTicksPerSecond() {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'})) || 100;
  } catch {
    return 100;
  }
}

/** Wall time per run (median) and CPU per run (mean: ticks are 10 ms, too coarse for one run but fine summed). */
function startup() {
  const hz = clockTicksPerSecond();
  const rows = Object.fromEntries(Object.keys(STARTUP).map((name) => [name, {wall: [], ticks: 0}]));
  for (const args of Object.values(STARTUP)) spawnSync(process.execPath, args, {stdio: 'ignore'}); // warm the file cache
  // Interleaved rounds, so a busy moment on the machine slows every command alike.
  for (let i = 0; i < STARTUP_RUNS; i++) {
    for (const [name, args] of Object.entries(STARTUP)) {
      const ticks = childTicks();
      const start = performance.now();
      const r = spawnSync(process.execPath, args, {stdio: 'ignore', env: {...process.env, NO_COLOR: '1'}});
      rows[name].wall.push(performance.now() - start);
      if (r.status !== 0) throw new Error(`${name} exited with ${r.status ?? r.signal}`);
      rows[name].ticks = ticks === undefined ? NaN : rows[name].ticks + childTicks() - ticks;
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const stats = Object.fromEntries(Object.entries(rows).map(([name, r]) => [name, {wall: median(r.wall), cpu: (r.ticks * 1000) / hz / STARTUP_RUNS}]));
  const base = stats['node -e 0'];
  const cell = (ms, ratio) => (Number.isNaN(ms) ? `${'–'.padStart(8)} ${'–'.padStart(6)}` : `${ms.toFixed(1).padStart(8)} ${`${ratio.toFixed(2)}×`.padStart(6)}`);
  console.log(`startup (${STARTUP_RUNS} runs each; wall: median, CPU: mean user+sys)`);
  console.log('command               wall ms  ×node   CPU ms  ×node');
  for (const [name, s] of Object.entries(stats)) console.log(`${name.padEnd(19)} ${cell(s.wall, s.wall / base.wall)} ${cell(s.cpu, s.cpu / base.cpu)}`);
  console.log('target: --version and --help ≤ 1.5× node -e 0\n');
}

async function generation() {
  const cores = availableParallelism();
  const perKey = {'RSA-2048': await keygenFloorPerKey(20), 'ECDSA-P256': await keygenFloorPerKey(200, 'ECDSA-P256')};
  console.log(`cores: ${cores}; one key alone: RSA-2048 ${perKey['RSA-2048'].toFixed(1)} ms (mean of 20), ECDSA-P256 ${perKey['ECDSA-P256'].toFixed(2)} ms (mean of 200)\n`);
  console.log(`load average: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('scenario          keys   wall ms  ms/key  floor ms  wall/floor  peak RSS   CPU ms');
  for (const name of Object.keys(scenarios)) {
    const r = JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--scenario', name], {encoding: 'utf8', maxBuffer: 1 << 20}));
    const floor = (perKey[scenarios[name]().certificates.encryptionAlgorithm] * r.keys) / cores;
    console.log(`${name.padEnd(16)} ${String(r.keys).padStart(5)} ${r.wall.toFixed(0).padStart(9)} ${(r.wall / r.keys).toFixed(2).padStart(7)} ${floor.toFixed(0).padStart(9)} ${(r.wall / floor).toFixed(2).padStart(11)}  ${`${r.maxRssMb.toFixed(0)} MB`.padStart(8)} ${r.cpu.toFixed(0).padStart(8)}`);
  }
  console.log('\ntarget: RSA wall/floor ≤ 1.25; 100 workers under 200 MB RSS (RSA key generation time varies a lot from key to key);');
  console.log('        5,000 nodes (ECDSA-P256) under 20 s and 500 MB RSS\n');
}

const PROCESS_RUNS = 7;

/** The whole `kubepki generate` process for the ha plan with ECDSA-P256: startup, validation, keys, certificates, files. */
function wholeProcess() {
  const dir = mkdtempSync(join(tmpdir(), 'kubepki-bench-cli-'));
  try {
    const planFile = join(dir, 'plan.yaml');
    writeFileSync(planFile, planToYaml(scenarios['ha ECDSA-P256']()));
    const walls = [];
    const ticks = childTicks();
    for (let i = 0; i < PROCESS_RUNS; i++) {
      const out = join(dir, `out-${i}`);
      const start = performance.now();
      const r = spawnSync(process.execPath, [BIN, 'generate', '--plan', planFile, '--out', out], {stdio: 'ignore', env: {...process.env, NO_COLOR: '1'}});
      walls.push(performance.now() - start);
      if (r.status !== 0) throw new Error(`kubepki generate exited with ${r.status ?? r.signal}`);
      rmSync(out, {recursive: true, force: true});
    }
    // CPU (user + sys, mean per run) too: wall time on a shared machine mostly measures the others' load.
    const cpu = ticks === undefined ? NaN : ((childTicks() - ticks) * 1000) / clockTicksPerSecond() / PROCESS_RUNS;
    const sorted = [...walls].sort((a, b) => a - b);
    console.log(`kubepki generate, example ha with ECDSA-P256, whole process (${PROCESS_RUNS} runs): median ${sorted[Math.floor(PROCESS_RUNS / 2)].toFixed(0)} ms, best ${sorted[0].toFixed(0)} ms, CPU ${cpu.toFixed(0)} ms per run; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log('target: under 500 ms');
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

const CHECK_RUNS = 5;

/** `kubepki check DIR` as a user runs it, on each scenario's tree (generated once, in a child like the rows above):
 *  wall time per run (median), per certificate read, and against `node -e 0`. */
function checkRows() {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const time = (args) => {
    const walls = [];
    for (let i = 0; i < CHECK_RUNS; i++) {
      const start = performance.now();
      const r = spawnSync(process.execPath, args, {stdio: ['ignore', 'pipe', 'inherit'], env: {...process.env, NO_COLOR: '1'}, maxBuffer: 64 << 20});
      walls.push(performance.now() - start);
      if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited with ${r.status ?? r.signal}`);
    }
    return median(walls);
  };
  const base = time(['-e', '0']);
  console.log(`\ncheck (whole process, median of ${CHECK_RUNS}; node -e 0: ${base.toFixed(0)} ms)`);
  console.log('scenario       certs   wall ms  ms/cert  ×node');
  for (const name of ['example ha', '100 workers']) {
    const dir = mkdtempSync(join(tmpdir(), 'kubepki-bench-check-'));
    try {
      execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--scenario', name, dir], {encoding: 'utf8'});
      const {certificates, authorities} = JSON.parse(execFileSync(process.execPath, [BIN, 'check', dir, '--json'], {encoding: 'utf8', maxBuffer: 64 << 20}).toString());
      const certs = certificates.length + authorities.length;
      const wall = time([BIN, 'check', dir]);
      console.log(`${name.padEnd(13)} ${String(certs).padStart(6)} ${wall.toFixed(0).padStart(9)} ${((wall - base) / certs).toFixed(2).padStart(8)} ${(wall / base).toFixed(2).padStart(6)}`);
    } catch (error) {
      // check exits 1 when it finds an error; the JSON is still on stdout.
      if (!error.stdout) throw error;
      throw new Error(`check failed on ${name}: ${String(error.stdout).slice(0, 200)}`);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  }
  console.log('target: example ha under 1000 ms for the whole process; a few ms per certificate (ms/cert excludes node startup)');
}

if (process.argv[2] === '--scenario') {
  await runScenario(process.argv[3], process.argv[4]);
} else if (process.argv[2] === '--check') {
  checkRows();
} else {
  startup();
  if (process.argv[2] !== '--startup') {
    await generation();
    wholeProcess();
    checkRows();
  }
}
