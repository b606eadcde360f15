#!/usr/bin/env node
// `npm run bench`: native generation speed and memory for `example ha` and a 100-worker plan, against the
// keygen floor (one key's generation time × keys ÷ cores). Each scenario runs in its own process for peak RSS.

import {execFileSync} from 'node:child_process';
import {generateKeyPair} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import {availableParallelism, tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';

const dist = new URL('../dist/', import.meta.url);
const {generateNative} = await import(new URL('generate/native.js', dist).href);
const {examplePlan, basePlan} = await import(new URL('plan/defaults.js', dist).href);
const {resolve} = await import(new URL('pki/resolve.js', dist).href);

const scenarios = {
  'example ha': () => examplePlan('ha'),
  '100 workers': () =>
    basePlan([
      {name: 'cp-1', address: '10.0.0.1', role: 'control-plane'},
      ...Array.from({length: 100}, (_, i) => ({name: `worker-${i + 1}`, address: `10.0.1.${i + 1}`, role: 'worker'})),
    ]),
};

async function runScenario(name) {
  const plan = scenarios[name]();
  const keys = resolve(plan).certs.length + 1; // + sa
  const out = mkdtempSync(join(tmpdir(), 'kubepki-bench-'));
  const start = performance.now();
  await generateNative({plan, out});
  const wall = performance.now() - start;
  rmSync(out, {recursive: true, force: true});
  process.stdout.write(JSON.stringify({keys, wall, maxRssMb: process.resourceUsage().maxRSS / 1024}));
}

async function keygenFloorPerKey(samples) {
  const gen = promisify(generateKeyPair);
  const times = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await gen('rsa', {modulusLength: 2048});
    times.push(performance.now() - t);
  }
  return times.reduce((a, b) => a + b, 0) / times.length;
}

if (process.argv[2] === '--scenario') {
  await runScenario(process.argv[3]);
} else {
  const cores = availableParallelism();
  const perKey = await keygenFloorPerKey(20);
  console.log(`cores: ${cores}; one RSA-2048 key alone: ${perKey.toFixed(1)} ms (mean of 20)\n`);
  console.log('scenario       keys   wall ms  ms/key  floor ms  wall/floor  peak RSS');
  for (const name of Object.keys(scenarios)) {
    const r = JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--scenario', name], {encoding: 'utf8'}));
    const floor = (perKey * r.keys) / cores;
    console.log(`${name.padEnd(13)} ${String(r.keys).padStart(5)} ${r.wall.toFixed(0).padStart(9)} ${(r.wall / r.keys).toFixed(1).padStart(7)} ${floor.toFixed(0).padStart(9)} ${(r.wall / floor).toFixed(2).padStart(11)}  ${r.maxRssMb.toFixed(0)} MB`);
  }
  console.log('\ntarget: wall/floor ≤ 1.25; 100 workers under 200 MB RSS (RSA key generation time varies a lot from key to key)');
}
