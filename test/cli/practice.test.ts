// `kubepki practice` at the CLI edge: the bank listing (text and JSON) and one-line refusals for bad usage.

import {describe, expect, it} from 'vitest';
import {TOPICS} from '../../src/practice/types.js';
import {kubepki} from '../support/cli.js';

describe('kubepki practice', () => {
  it('--list --json prints the bank: id, topic, level, kind for at least 60 questions', async () => {
    const r = await kubepki(['practice', '--list', '--json']);
    expect(r.exitCode).toBe(0);
    const rows = JSON.parse(r.stdout) as {id: string; topic: string; level: number; kind: string}[];
    expect(rows.length).toBeGreaterThanOrEqual(60);
    expect(new Set(rows.map((x) => x.topic))).toEqual(new Set(TOPICS));
    expect(rows[0]).toMatchObject({id: expect.any(String), level: expect.any(Number), kind: expect.stringMatching(/choice|typed|command/)});
  });

  it('--list prints the bank by topic', async () => {
    const r = await kubepki(['practice', '--list']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Subject alternative names \(sans\)$/m);
    expect(r.stdout).toMatch(/^\d+ questions\.$/m);
  });

  it.each([
    [['--topic', 'nope'], /--topic must be one of tls-basics/],
    [['--level', '4'], /--level must be a whole number from 1 to 3/],
    [['--json'], /--json goes with --list/],
    [['--minutes', '5'], /--minutes goes with --exam/],
    [[], /needs a terminal; use --plain/],
  ])('refuses %j with one line and exit 2', async (args, message) => {
    const r = await kubepki(['practice', ...args]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
