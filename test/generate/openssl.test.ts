// generateWithOpenssl in process: the same ProgressEvents and GenerateResult as native mode, the same refusal
// rules (prepareRun), and a clean abort (no files, no staging folder, lock released).

import {readdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {GenerateError, type ProgressEvent} from '../../src/generate/events.js';
import {generateNative} from '../../src/generate/native.js';
import {generateWithOpenssl, progressFromLine} from '../../src/generate/openssl.js';
import {resolve} from '../../src/pki/resolve.js';
import {hasBinary} from '../support/binaries.js';
import {tinyPlan, tmpDirs} from '../openssl/helpers.js';
import {poolKeys} from '../support/key-pool.js';
import {shimEnv} from '../support/openssl-shim.js';

const tools = hasBinary('openssl') && hasBinary('bash');
const tmp = tmpDirs('kubepki-run-');
afterAll(tmp.cleanup);
// The script's `openssl genrsa` takes pool keys (this file's process only).
Object.assign(process.env, shimEnv(256));

describe('progressFromLine', () => {
  const model = resolve(tinyPlan());
  const paths = new Map([['apiserver@cp', 'cp/etc/kubernetes/pki/apiserver.crt']]);

  it('turns the script’s machine lines into events and ignores everything else', () => {
    const counter = {done: 0, total: 3};
    expect(progressFromLine('kubepki-progress key ca', model, paths, counter)).toEqual({type: 'key', id: 'ca', done: 1, total: 3});
    expect(progressFromLine('kubepki-progress cert apiserver@cp cp/etc/kubernetes/pki/apiserver.crt created', model, paths, counter)).toEqual({
      type: 'cert', id: 'apiserver@cp', path: 'cp/etc/kubernetes/pki/apiserver.crt', status: 'created', subject: 'CN=kube-apiserver', signer: 'ca',
    });
    for (const line of ['  created ca  (x)', 'kubepki-progress cert nope x created', 'kubepki-progress cert ca x exploded', 'kubepki-progress', '']) {
      expect(progressFromLine(line, model, paths, counter), line).toBeUndefined();
    }
  });
});

describe.skipIf(!tools)('generateWithOpenssl', () => {
  const plan = tinyPlan();

  it('reports the same events as native mode and returns the same result shape', async () => {
    const [nativeOut, opensslOut] = [join(tmp.make(), 'n'), join(tmp.make(), 'o')];
    const nativeEvents: ProgressEvent[] = [];
    const opensslEvents: ProgressEvent[] = [];
    const [native, viaOpenssl] = await Promise.all([
      generateNative({keys: poolKeys, plan, out: nativeOut, onProgress: (e) => nativeEvents.push(e)}),
      generateWithOpenssl({plan, out: opensslOut, onProgress: (e) => opensslEvents.push(e)}),
    ]);
    expect(viaOpenssl).toEqual({...native, out: opensslOut, mode: 'openssl'});
    const shape = (events: ProgressEvent[]) => ({
      keys: events.filter((e) => e.type === 'keys'),
      key: events.filter((e) => e.type === 'key').map((e) => e.type === 'key' && e.id).sort(),
      cert: events.filter((e) => e.type === 'cert'),
      last: {...events.at(-1), out: ''},
    });
    expect(shape(opensslEvents)).toEqual(shape(nativeEvents));
    expect(readdirSync(opensslOut).filter((n) => n.startsWith('.'))).toEqual([]);
  }, 120_000);

  it('refuses existing files like native mode, before running anything', async () => {
    const out = tmp.make();
    writeFileSync(join(out, 'README.md'), 'x');
    writeFileSync(join(out, 'sa.key'), 'not a key');
    const flat = {...plan, certificates: {...plan.certificates, layout: 'flat' as const}};
    await expect(generateWithOpenssl({plan: flat, out})).rejects.toBeInstanceOf(GenerateError);
    expect(readdirSync(out).sort()).toEqual(['README.md', 'sa.key']);
  });

  it('stops cleanly when aborted: nothing written, no staging folder, lock released', async () => {
    const out = join(tmp.make(), 'pki');
    const controller = new AbortController();
    const run = generateWithOpenssl({plan, out, signal: controller.signal});
    setTimeout(() => controller.abort(new Error('stop')), 800);
    await expect(run).rejects.toThrow('stop');
    // bash runs its TERM trap once the current openssl command ends; give it a moment.
    for (let i = 0; i < 100 && readdirSync(out).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(out)).toEqual([]);
  }, 60_000);

  it('shows what a failing openssl said with control characters escaped, so it cannot repaint the terminal', async () => {
    const out = join(tmp.make(), 'pki');
    const bin = tmp.make();
    writeFileSync(join(bin, 'openssl'), [
      '#!/bin/sh',
      `if [ "$1" = req ]; then printf 'req: bad \\033[2J\\033]0;owned\\007 value\\n' >&2; exit 1; fi`,
      'exec "$KUBEPKI_TEST_NEXT_OPENSSL" "$@"', ''].join('\n'), {mode: 0o755});
    const saved = {PATH: process.env.PATH, next: process.env.KUBEPKI_TEST_NEXT_OPENSSL};
    const shimFirst = (process.env.PATH ?? '').split(':')[0]!;
    Object.assign(process.env, {PATH: `${bin}:${process.env.PATH}`, KUBEPKI_TEST_NEXT_OPENSSL: join(shimFirst, 'openssl')});
    try {
      const error = await generateWithOpenssl({plan, out}).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(GenerateError);
      const details = (error as GenerateError).details.join('\n');
      expect(details).toContain('req: bad \\u001b[2J\\u001b]0;owned\\u0007 value');
      expect([...details].filter((ch) => ch !== '\n' && /\p{Cc}/u.test(ch))).toEqual([]);
    } finally {
      process.env.PATH = saved.PATH;
      if (saved.next === undefined) delete process.env.KUBEPKI_TEST_NEXT_OPENSSL;
      else process.env.KUBEPKI_TEST_NEXT_OPENSSL = saved.next;
    }
    expect(readdirSync(out)).toEqual([]);
  });
});
