// The writer as a user sees its result: every file and folder with the layout's mode whatever the umask, a folder
// the output lacks moved in whole (one rename, not a mkdir per folder and a rename per file), folders already there
// kept as they are, and nothing moved when a file or symlink stands where a folder must be.

import {existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, chmodSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {folderMode, PUBLIC_MODE, SECRET_MODE, STAGING_PREFIX} from '../../src/pki/layout.js';
import type {RenderedFile} from '../../src/output/render.js';
import {readUmask, umaskNarrows} from '../../src/output/umask.js';
import {OutputError, writeTree} from '../../src/output/write.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'kubepki-write-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, {recursive: true, force: true})));

const FILES: RenderedFile[] = [
  {path: 'cp-1/etc/kubernetes/pki/ca.crt', content: 'ca\n', mode: PUBLIC_MODE},
  {path: 'cp-1/etc/kubernetes/pki/ca.key', content: 'key\n', mode: SECRET_MODE},
  {path: 'cp-1/install.sh', content: '#!/bin/sh\n', mode: 0o755},
  {path: 'users/bob/bob.key', content: 'bob\n', mode: SECRET_MODE},
  {path: 'README.md', content: 'readme\n', mode: PUBLIC_MODE},
];
const FOLDERS = ['cp-1', 'cp-1/etc', 'cp-1/etc/kubernetes', 'cp-1/etc/kubernetes/pki', 'users', 'users/bob'];
const modeOf = (path: string) => lstatSync(path).mode & 0o7777;

describe('writeTree', () => {
  const umask = process.umask();
  afterEach(() => void process.umask(umask));

  for (const mask of [0o077, 0o000, 0o022]) {
    it(`gives every file and folder the layout's mode under umask ${mask.toString(8).padStart(3, '0')}`, async () => {
      process.umask(mask);
      const out = tmp();
      expect(await writeTree(out, FILES)).toHaveLength(FILES.length);
      for (const f of FILES) {
        expect(readFileSync(join(out, f.path), 'utf8')).toBe(f.content);
        expect([f.path, modeOf(join(out, f.path))]).toEqual([f.path, f.mode]);
      }
      for (const d of FOLDERS) expect([d, modeOf(join(out, d))]).toEqual([d, folderMode(d)]);
      expect(readdirSync(out).filter((n) => n.startsWith(STAGING_PREFIX))).toEqual([]);
    });
  }

  it('moves a folder the output lacks in whole: the folder in place is the one staged', async () => {
    const out = tmp();
    let stagedInode: number | undefined;
    async function* files(): AsyncGenerator<RenderedFile> {
      yield* FILES;
      // Asked for more once the last file is handed over: wait until the other lanes have staged theirs.
      const stage = join(out, readdirSync(out).find((n) => n.startsWith(STAGING_PREFIX))!);
      while (!FILES.every((f) => existsSync(join(stage, f.path)))) await new Promise((r) => setImmediate(r));
      stagedInode = statSync(join(stage, 'cp-1/etc/kubernetes')).ino;
    }
    await writeTree(out, files());
    expect(stagedInode).toBeDefined();
    expect(statSync(join(out, 'cp-1/etc/kubernetes')).ino).toBe(stagedInode);
  });

  it('keeps a folder the output already has, with its mode and its other files, and adds the new files to it', async () => {
    const out = tmp();
    mkdirSync(join(out, 'cp-1/etc/kubernetes'), {recursive: true});
    chmodSync(join(out, 'cp-1/etc'), 0o750);
    writeFileSync(join(out, 'cp-1/etc/kubernetes/admin.conf'), 'mine\n');
    const before = statSync(join(out, 'cp-1/etc/kubernetes')).ino;
    await writeTree(out, FILES);
    expect(modeOf(join(out, 'cp-1/etc'))).toBe(0o750);
    expect(statSync(join(out, 'cp-1/etc/kubernetes')).ino).toBe(before);
    expect(readFileSync(join(out, 'cp-1/etc/kubernetes/admin.conf'), 'utf8')).toBe('mine\n');
    expect(readdirSync(join(out, 'cp-1/etc/kubernetes/pki')).sort()).toEqual(['ca.crt', 'ca.key']);
    expect(modeOf(join(out, 'cp-1/etc/kubernetes/pki'))).toBe(folderMode('cp-1/etc/kubernetes/pki'));
  });

  for (const [what, plant] of [
    ['a file', (path: string) => writeFileSync(path, 'in the way\n')],
    ['a symlink', (path: string) => symlinkSync(tmp(), path)],
  ] as const) {
    it(`moves nothing when ${what} stands where a folder must be, and says which`, async () => {
      const out = tmp();
      mkdirSync(join(out, 'cp-1/etc'), {recursive: true});
      plant(join(out, 'cp-1/etc/kubernetes'));
      const error = await writeTree(out, FILES).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OutputError);
      expect((error as Error).message).toBe(`${join(out, 'cp-1/etc/kubernetes')} is not a folder (a file or symlink is in the way)`);
      expect(readdirSync(out).sort()).toEqual(['cp-1']);
      expect(readdirSync(join(out, 'cp-1'))).toEqual(['etc']);
    });
  }
});

describe('the umask', () => {
  it('is read from the process status without changing it', () => {
    const d = tmp();
    writeFileSync(join(d, 'status'), 'Name:\tnode\nUmask:\t0027\nState:\tR (running)\n');
    expect(readUmask(join(d, 'status'))).toBe(0o027);
    expect(readUmask(join(d, 'absent'))).toBeUndefined();
    writeFileSync(join(d, 'old'), 'Name:\tnode\nState:\tR (running)\n'); // a kernel before 4.7 has no Umask line
    expect(readUmask(join(d, 'old'))).toBeUndefined();
    if (process.platform === 'linux') expect(readUmask()).toBe(process.umask());
  });

  it('narrows a mode only where it has bits in common with it; unknown, every mode is set again', () => {
    expect(umaskNarrows(0o644, 0o022)).toBe(false);
    expect(umaskNarrows(0o755, 0o022)).toBe(false);
    expect(umaskNarrows(0o600, 0o077)).toBe(false);
    expect(umaskNarrows(0o644, 0o077)).toBe(true);
    expect(umaskNarrows(0o600, undefined)).toBe(true);
  });
});
