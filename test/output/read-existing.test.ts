// Reading what is already in the output folder: exact bytes up to the cap, and never more than the cap, whatever
// the file's stat says; links, FIFOs and folders reported, not read.

import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {readExisting} from '../../src/output/read-existing.js';
import {MAX_EXISTING_BYTES} from '../../src/pki/reuse-rules.js';

const dir = mkdtempSync(join(tmpdir(), 'kubepki-read-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));
const file = (name: string, content: string | Buffer) => {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
};

describe('readExisting', () => {
  it('reads a file byte for byte, empty, small or exactly at the cap', async () => {
    for (const [name, content] of [['empty', ''], ['small', 'ca\n'], ['cap', Buffer.alloc(MAX_EXISTING_BYTES, 0x41)]] as const) {
      const got = await readExisting(file(name, content));
      expect(got.kind).toBe('file');
      if (got.kind === 'file') expect(got.bytes.equals(Buffer.from(content))).toBe(true);
    }
  });

  it('refuses a file one byte over the cap', async () => {
    expect(await readExisting(file('over', Buffer.alloc(MAX_EXISTING_BYTES + 1)))).toEqual({kind: 'too-large', bytes: MAX_EXISTING_BYTES + 1});
  });

  it.runIf(process.platform === 'linux')('reads a file whose size the stat does not tell (it grows as it is read)', async () => {
    const got = await readExisting('/proc/self/status');
    expect(got.kind).toBe('file');
    if (got.kind === 'file') expect(got.text).toMatch(/^Name:/);
    expect(readFileSync('/proc/self/status', 'utf8').length).toBeGreaterThan(0);
  });

  it('reports links, FIFOs and folders without reading them, and a missing file as absent', async () => {
    symlinkSync(file('target', 'x'), join(dir, 'link'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect(await readExisting(join(dir, 'link'))).toEqual({kind: 'special', what: 'a symbolic link'});
    expect(await readExisting(join(dir, 'fifo'))).toEqual({kind: 'special', what: 'a FIFO'});
    expect(await readExisting(dir)).toEqual({kind: 'special', what: 'a folder'});
    expect(await readExisting(join(dir, 'none'))).toEqual({kind: 'absent'});
  });
});
