// A large staged tree is made durable by one syncfs through sync(1); where that cannot run, every file is synced.

import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {syncFile, syncFileSystem} from '../../src/output/durable.js';
import {SYNC_EACH, writeTree} from '../../src/output/write.js';

const dir = mkdtempSync(join(tmpdir(), 'kubepki-durable-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe.runIf(process.platform === 'linux')('syncFileSystem', () => {
  it('flushes the file system through sync -f by absolute path', async () => {
    expect(await syncFileSystem(dir)).toBe(true);
  });

  it('tries the next sync(1) when one is missing or fails, and says false when none works', async () => {
    expect(await syncFileSystem(dir, ['/nonexistent/sync', '/bin/false', '/usr/bin/sync'])).toBe(true);
    expect(await syncFileSystem(dir, ['/nonexistent/sync', '/bin/false'])).toBe(false);
  });
});

describe('syncFile', () => {
  it('opens and syncs the file it is given, and fails on one that is not there', async () => {
    writeFileSync(join(dir, 'a'), 'a');
    await expect(syncFile(join(dir, 'a'))).resolves.toBeUndefined();
    await expect(syncFile(join(dir, 'missing'))).rejects.toMatchObject({code: 'ENOENT'});
  });
});

describe('writeTree beyond SYNC_EACH files', () => {
  it('writes every file of a tree larger than the per-file sync limit, each with its mode under umask 077', async () => {
    const umask = process.umask(0o077);
    try {
      const out = mkdtempSync(join(dir, 'out-'));
      const total = SYNC_EACH + 40;
      const files = Array.from({length: total}, (_, i) => ({path: `n${i % 7}/f${i}`, content: `file ${i}\n`, mode: i % 2 ? 0o600 : 0o644}));
      expect(await writeTree(out, files)).toHaveLength(total);
      for (const f of files) {
        expect(readFileSync(join(out, f.path), 'utf8')).toBe(f.content);
        expect([f.path, statSync(join(out, f.path)).mode & 0o777]).toEqual([f.path, f.mode]);
      }
    } finally {
      process.umask(umask);
    }
  });
});
