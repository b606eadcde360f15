// The output folder's lock, taken by kubepki (output/lock.ts) and by generate-pki.sh (LOCK_FUNCTIONS): one
// holder at a time under real concurrency — processes racing in rounds, with and without a dead run's lock —
// and a dead run's lock cleared by exactly one of them.

import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {Worker} from 'node:worker_threads';
import {execa} from 'execa';
import {afterAll, describe, expect, it} from 'vitest';
import {LOCK_BREAKER, LOCK_FILE} from '../../src/pki/layout.js';
import {acquireLock} from '../../src/output/lock.js';
import {OutputError} from '../../src/output/errors.js';
import {LOCK_FUNCTIONS} from '../../src/openssl/script-prelude.js';
import {hasBinary} from '../support/binaries.js';
import {kubepki} from '../support/cli.js';
import {tmpDirs} from '../openssl/helpers.js';

const tmp = tmpDirs('kubepki-lock-');
afterAll(tmp.cleanup);

/** A PID no process has: the highest possible, which Linux never hands out by default. */
const DEAD_PID = 4194303;
const LOCK_JS = new URL('../../dist/output/lock.js', import.meta.url).href;

/** One contender, as a separate node process using the real lock: on success it records itself, holds, releases. */
const NODE_CONTENDER = `
const {acquireLock} = await import(${JSON.stringify(LOCK_JS)});
const {appendFileSync} = await import('node:fs');
const [dir, who] = process.argv.slice(1);
try {
  const {release} = await acquireLock(dir);
  appendFileSync(dir + '/holders', who + ' in\\n');
  await new Promise((r) => setTimeout(r, 50));
  appendFileSync(dir + '/holders', who + ' out\\n');
  await release();
  process.exit(0);
} catch (e) {
  process.stderr.write(String(e.message) + '\\n');
  process.exit(e.name === 'OutputError' ? 3 : 1);
}`;

/** The same with the script's lock functions, exactly as generate-pki.sh carries them. */
const BASH_CONTENDER = `
set -Eeuo pipefail
DIED=0
die() { DIED=1; printf '%s\\n' "$*" >&2; exit 3; }
TARGET=$1; WHO=$2
LOCK=$TARGET/${LOCK_FILE}
BREAKER=$TARGET/${LOCK_BREAKER}
OWN_LOCK=0
TOKEN=''
${LOCK_FUNCTIONS}
take_lock
printf '%s in\\n' "$WHO" >>"$TARGET/holders"
sleep 0.05
printf '%s out\\n' "$WHO" >>"$TARGET/holders"
unlink_if_ours "$LOCK"
`;

/** Node contenders in worker threads, started once and reused every round: real parallel system calls
 *  through the real lock, without a process start per contender. */
const THREAD_CONTENDER = `
const {acquireLock} = await import(${JSON.stringify(LOCK_JS)});
const {appendFileSync} = await import('node:fs');
const {parentPort} = await import('node:worker_threads');
parentPort.on('message', async ([dir, who]) => {
  try {
    const {release} = await acquireLock(dir);
    appendFileSync(dir + '/holders', who + ' in\\n');
    await new Promise((r) => setTimeout(r, 50));
    appendFileSync(dir + '/holders', who + ' out\\n');
    await release();
    parentPort.postMessage({exitCode: 0, stderr: ''});
  } catch (e) {
    parentPort.postMessage({exitCode: e.name === 'OutputError' ? 3 : 1, stderr: String(e.message)});
  }
});`;

const threads: Worker[] = [];
afterAll(() => Promise.all(threads.map((t) => t.terminate())));

function inThread(i: number, dir: string, who: string): Promise<{exitCode: number; stderr: string}> {
  while (threads.length <= i) threads.push(new Worker(new URL(`data:text/javascript,${encodeURIComponent(THREAD_CONTENDER)}`)));
  const worker = threads[i]!;
  return new Promise((resolve, reject) => {
    // The worker is reused every round: each round's listeners go once it has answered.
    const onMessage = (answer: {exitCode: number; stderr: string}) => {
      worker.off('error', onError);
      resolve(answer);
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage([dir, who]);
  });
}

function contender(kind: 'node' | 'bash' | 'thread', dir: string, who: string, i: number) {
  if (kind === 'thread') return inThread(i, dir, who);
  return kind === 'node'
    ? execa('node', ['--input-type=module', '-e', NODE_CONTENDER, dir, who], {reject: false})
    : execa('bash', ['-c', BASH_CONTENDER, 'contender', dir, who], {reject: false});
}

/** Every holder's "in" is followed by its own "out" before anyone else's "in": never two at once. */
function neverTwoAtOnce(log: string[]): boolean {
  for (let i = 0; i < log.length; i += 2) {
    const [who, what] = log[i]!.split(' ');
    if (what !== 'in' || log[i + 1] !== `${who} out`) return false;
  }
  return true;
}

async function round(kinds: ('node' | 'bash' | 'thread')[], stale: boolean) {
  const dir = tmp.make();
  if (stale) writeFileSync(join(dir, LOCK_FILE), `${DEAD_PID} deadbeef\n`);
  const results = await Promise.all(kinds.map((k, i) => contender(k, dir, `${k}${i}`, i)));
  const log = existsSync(join(dir, 'holders')) ? readFileSync(join(dir, 'holders'), 'utf8').trim().split('\n') : [];
  return {dir, results, log};
}

describe('acquireLock', () => {
  it('refuses while a live run holds the lock, naming its PID, and leaves that lock alone', async () => {
    const dir = tmp.make();
    writeFileSync(join(dir, LOCK_FILE), `${process.pid} sometoken\n`);
    const error = await acquireLock(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputError);
    expect((error as Error).message).toBe(`another kubepki run (pid ${process.pid}) holds the lock on this folder`);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(`${process.pid} sometoken\n`);
  });

  it('takes over a dead run’s lock (also an empty one, as older versions left after a crash) and releases only its own', async () => {
    for (const old of [`${DEAD_PID} deadbeef\n`, '']) {
      const dir = tmp.make();
      writeFileSync(join(dir, LOCK_FILE), old);
      const {release, token} = await acquireLock(dir);
      expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(`${process.pid} ${token}\n`);
      expect(readdirSync(dir).sort()).toEqual([LOCK_FILE]); // no temp files, no breaker
      await release();
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it('never writes the lock empty: the token is in it from the moment it exists', async () => {
    const dir = tmp.make();
    const {release} = await acquireLock(dir);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toMatch(/^\d+ [0-9a-f]{24}\n$/);
    await release();
  });

  it('refuses a symbolic link or a folder where the lock goes', async () => {
    const dir = tmp.make();
    mkdirSync(join(dir, LOCK_FILE));
    await expect(acquireLock(dir)).rejects.toThrow(/is not a regular file/);
  });
});

describe.skipIf(!hasBinary('bash'))('the lock under concurrency', () => {
  it('20 rounds of 10 kubepki lock takers, with and without a dead run’s lock: one holder at a time, the others refused', async () => {
    for (let r = 0; r < 20; r++) {
      // Threads race with real parallel system calls (separate processes race in the rounds below).
      const {results, log} = await round(Array(10).fill('thread'), r % 2 === 1);
      expect(neverTwoAtOnce(log), log.join('; ')).toBe(true);
      const won = results.filter((x) => x.exitCode === 0).length;
      const refused = results.filter((x) => x.exitCode === 3);
      // A run that starts after the holder finished may take the lock in turn: never two at once, never a crash.
      expect(won + refused.length, results.map((x) => x.stderr).join('\n')).toBe(10);
      expect(won).toBeGreaterThanOrEqual(1);
      for (const x of refused) expect(x.stderr).toMatch(/another kubepki run \(pid \d+\) holds the lock|being cleared/);
    }
  }, 120_000);

  it('20 rounds of 10 generate-pki.sh lock takers, and of both kinds mixed, with and without a dead run’s lock', async () => {
    for (let r = 0; r < 20; r++) {
      const kinds = r < 16 ? Array<'bash'>(10).fill('bash') : Array.from({length: 10}, (_, i) => (i % 2 ? 'bash' : 'node') as 'node' | 'bash');
      const {dir, results, log} = await round(kinds, r % 2 === 1);
      expect(neverTwoAtOnce(log), log.join('; ')).toBe(true);
      expect(results.every((x) => x.exitCode === 0 || x.exitCode === 3), results.map((x) => x.stderr).join('\n')).toBe(true);
      expect(results.some((x) => x.exitCode === 0)).toBe(true);
      expect(readdirSync(dir).filter((n) => n.startsWith('.kubepki'))).toEqual([]);
    }
  }, 120_000);

  it('the script finds a live holder with kill -0, so a machine without ps never clears a live lock', async () => {
    const dir = tmp.make();
    writeFileSync(join(dir, LOCK_FILE), `${process.pid} live\n`);
    // PATH without ps: only bash's builtins and the tools the functions use.
    const bin = tmp.make();
    for (const tool of ['head', 'mktemp', 'ln', 'rm', 'find', 'openssl', 'sleep']) {
      const where = (await execa('sh', ['-c', `command -v ${tool}`])).stdout.trim();
      await execa('ln', ['-s', where, join(bin, tool)]);
    }
    const bash = (await execa('sh', ['-c', 'command -v bash'])).stdout.trim();
    const r = await execa(bash, ['-c', BASH_CONTENDER, 'contender', dir, 'noPs'], {reject: false, env: {PATH: bin}, extendEnv: false});
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain(`another kubepki run (pid ${process.pid}) holds the lock`);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(`${process.pid} live\n`);
  });
});

describe.skipIf(!hasBinary('openssl'))('ten kubepki generate runs into one empty folder', () => {
  it('exactly one writes; the others are refused by the lock, or come after it and keep its tree; the tree’s CA is the winner’s', async () => {
    const plan = join(tmp.make(), 'plan.yaml');
    writeFileSync(plan, (await kubepki(['example', 'single'])).stdout);
    for (const stale of [false, true]) {
      const out = tmp.make();
      if (stale) writeFileSync(join(out, LOCK_FILE), `${DEAD_PID} deadbeef\n`);
      const runs = await Promise.all(Array.from({length: 10}, () => kubepki(['generate', '--plan', plan, '--out', out, '--json'])));
      // generate is incremental: a run that starts after the winner finished finds a tree matching the plan and keeps
      // all of it (exit 0, nothing created); only the winner creates certificates.
      type Run = {certificates: {status: string}[]; reused: string[]};
      const created = (r: (typeof runs)[number]) => r.exitCode === 0 && (JSON.parse(r.stdout) as Run).certificates.some((c) => c.status === 'created');
      const winners = runs.filter(created);
      expect(winners, runs.map((r) => r.stderr).join('\n---\n')).toHaveLength(1);
      for (const r of runs.filter((x) => x.exitCode === 0 && !created(x))) {
        expect((JSON.parse(r.stdout) as Run).certificates.every((c) => c.status === 'kept' || c.status === 'reused')).toBe(true);
      }
      for (const r of runs.filter((x) => x.exitCode !== 0)) {
        expect(r.exitCode).toBe(1);
        expect(r.stderr).toMatch(/holds the lock on this folder|already exist with other content|being cleared/);
      }
      // The winner created the CA (it reports no reuse), and that CA signed the tree.
      expect(JSON.parse(winners[0]!.stdout).reused).toEqual([]);
      const ca = readFileSync(join(out, 'controlplane/etc/kubernetes/pki/ca.crt'), 'utf8');
      expect(readFileSync(join(out, 'node01/etc/kubernetes/pki/ca.crt'), 'utf8')).toBe(ca);
      expect(readdirSync(out).filter((n) => n.startsWith('.kubepki'))).toEqual([]);
    }
  }, 120_000);
});
