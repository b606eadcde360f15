// Once per test run: fill the key pool (see support/key-pool.ts) and give this run its own claims folder.

import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {CLAIMS_ENV, ensurePool} from './support/key-pool.js';

export default async function setup(): Promise<() => void> {
  await ensurePool();
  const claims = mkdtempSync(join(tmpdir(), 'kubepki-key-claims-'));
  process.env[CLAIMS_ENV] = claims;
  return () => rmSync(claims, {recursive: true, force: true});
}
