// map.html in an output folder: created 0644 through writeNewFile, left alone when the same, replaced whole when
// kubepki drew it, and refused (nothing written) when another file or a link holds the name.

import {lstatSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {graphFromPlan} from '../../src/map/from-plan.js';
import {mapHtml} from '../../src/map/page.js';
import {OutputError} from '../../src/output/errors.js';
import {mapFileStatus, writeMapFile} from '../../src/output/map-file.js';
import {examplePlan} from '../../src/plan/defaults.js';
import {tmpDirs} from '../openssl/helpers.js';

const tmp = tmpDirs('kubepki-map-file-');
afterAll(tmp.cleanup);

const page = (now: string) => mapHtml(graphFromPlan(examplePlan('single'), new Date(now)));

describe('writeMapFile', () => {
  it('creates map.html 0644, keeps the same bytes, and replaces a map it drew before', async () => {
    const dir = tmp.make();
    const first = page('2026-12-01T00:00:00Z');
    expect(await writeMapFile(dir, first)).toEqual({path: join(dir, 'map.html'), status: 'created'});
    expect(lstatSync(join(dir, 'map.html')).mode & 0o777).toBe(0o644);
    expect(readFileSync(join(dir, 'map.html'), 'utf8')).toBe(first);
    const ino = lstatSync(join(dir, 'map.html')).ino;
    expect((await writeMapFile(dir, first)).status).toBe('unchanged');
    expect(lstatSync(join(dir, 'map.html')).ino).toBe(ino);
    const second = page('2027-01-01T00:00:00Z');
    expect(second).not.toBe(first);
    expect((await writeMapFile(dir, second)).status).toBe('replaced');
    expect(readFileSync(join(dir, 'map.html'), 'utf8')).toBe(second);
    expect(lstatSync(join(dir, 'map.html')).mode & 0o777).toBe(0o644);
  });

  it('never replaces a map.html kubepki did not draw, nor writes through a link', async () => {
    const dir = tmp.make();
    writeFileSync(join(dir, 'map.html'), '<!DOCTYPE html><p>my own notes</p>');
    await expect(mapFileStatus(dir)).rejects.toThrow(OutputError);
    await expect(writeMapFile(dir, page('2026-12-01T00:00:00Z'))).rejects.toThrow(/kubepki did not draw it/);
    expect(readFileSync(join(dir, 'map.html'), 'utf8')).toBe('<!DOCTYPE html><p>my own notes</p>');

    const linked = tmp.make();
    const target = join(tmp.make(), 'elsewhere.html');
    writeFileSync(target, 'untouched');
    symlinkSync(target, join(linked, 'map.html'));
    await expect(writeMapFile(linked, page('2026-12-01T00:00:00Z'))).rejects.toThrow(/a symbolic link/);
    expect(readFileSync(target, 'utf8')).toBe('untouched');
  });
});
