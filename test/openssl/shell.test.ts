// shq(): for any NUL-free string s, bash reading X=<shq(s)> holds exactly s — a property test over random
// strings full of quotes, $, backticks, backslashes, newlines and Unicode, checked by real bash in one run.

import {randomInt} from 'node:crypto';
import {mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {execa} from 'execa';
import {describe, expect, it} from 'vitest';
import {shq} from '../../src/openssl/shell.js';
import {hasBinary} from '../support/binaries.js';

const bash = hasBinary('bash');

const NASTY = ["'", '"', '$', '`', '\\', '\n', '\r', '\t', ' ', ';', '&', '|', '(', ')', '{', '}', '<', '>', '*', '?', '[', ']', '#', '!', '~', '%', '=', '-'];
const UNICODE = ['é', 'ü', '→', '😀', '\u202e', '\u200b', 'ß', '中'];
const COMBOS = ["'\\''", '$(touch C1)', '`touch C2`', "'; touch C3; '", '"; touch C4; "', '${HOME}', '$HOME', '\\', "x'", "'x", "''", 'EOF', '-out', '--help'];

function randomString(): string {
  const length = randomInt(0, 24);
  let s = '';
  for (let i = 0; i < length; i++) {
    const pick = randomInt(0, 10);
    if (pick < 4) s += NASTY[randomInt(0, NASTY.length)];
    else if (pick < 5) s += UNICODE[randomInt(0, UNICODE.length)];
    else if (pick < 6) s += COMBOS[randomInt(0, COMBOS.length)];
    else if (pick < 7) s += String.fromCharCode(randomInt(1, 32)); // control characters (never NUL)
    else s += String.fromCharCode(randomInt(0x21, 0x7f));
  }
  return s;
}

describe('shq', () => {
  it('wraps in single quotes and escapes only the quote', () => {
    expect(shq('ca.key')).toBe("'ca.key'");
    expect(shq("it's")).toBe("'it'\\''s'");
    expect(shq('')).toBe("''");
    expect(shq('$(x) `y` \\z')).toBe("'$(x) `y` \\z'");
  });

  it('refuses NUL, which no shell word can hold', () => {
    expect(() => shq('a\0b')).toThrow(/NUL/);
  });

  it.skipIf(!bash)('round-trips 600 random hostile strings through bash byte for byte, running nothing', async () => {
    const values = [...COMBOS, ...NASTY, ...UNICODE, ...Array.from({length: 600}, randomString)];
    // One bash process: assign each value, then print them NUL-separated (bash variables cannot hold NUL, so it is a safe separator).
    const script = [
      ...values.map((v, i) => `X${i}=${shq(v)}`),
      `printf '%s\\0' ${values.map((_, i) => `"$X${i}"`).join(' ')}`,
    ].join('\n');
    const cwd = mkdtempSync(join(tmpdir(), 'kubepki-shq-'));
    const r = await execa('bash', ['--norc', '--noprofile', '-c', script], {cwd, stripFinalNewline: false, encoding: 'utf8', reject: false});
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const printed = r.stdout.split('\0').slice(0, -1);
    expect(printed).toHaveLength(values.length);
    for (let i = 0; i < values.length; i++) expect(printed[i], JSON.stringify(values[i])).toBe(values[i]);
    expect(readdirSync(cwd), 'no canary file was created').toEqual([]);
    rmSync(cwd, {recursive: true});
  });
});
