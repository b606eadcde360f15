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

describe('kubepki practice lab / check', () => {
  it('makes a lab with TASK.md, checks it (exit 1 with items as JSON), refuses a busy folder and an unknown lab', async () => {
    const {mkdtempSync, readFileSync, rmSync} = await import('node:fs');
    const {tmpdir} = await import('node:os');
    const {join} = await import('node:path');
    const root = mkdtempSync(join(tmpdir(), 'kubepki-lab-cli-'));
    try {
      const dir = join(root, 'lab');
      const made = await kubepki(['practice', 'lab', 'kubelet-client-cert', '--dir', dir]);
      expect(made.exitCode, made.stderr).toBe(0);
      expect(readFileSync(join(dir, 'TASK.md'), 'utf8')).toContain('node01.crt');
      const checked = await kubepki(['practice', 'check', 'kubelet-client-cert', '--dir', dir, '--json']);
      expect(checked.exitCode).toBe(1);
      const report = JSON.parse(checked.stdout) as {pass: boolean; items: {id: string; pass: boolean; message: string}[]};
      expect(report.pass).toBe(false);
      expect(report.items[0]).toMatchObject({id: 'node01.crt:exists', pass: false, message: 'node01.crt is missing'});
      // The text form says what the lab screen says: a mark per item and "n of m right".
      const text = await kubepki(['practice', 'check', 'kubelet-client-cert', '--dir', dir]);
      expect([text.exitCode, text.stdout]).toEqual([1, expect.stringMatching(/^✘ node01.crt is missing\n0 of \d+ right\.$/)]);
      const busy = await kubepki(['practice', 'lab', 'kubelet-client-cert', '--dir', dir]);
      expect([busy.exitCode, busy.stderr]).toEqual([2, expect.stringMatching(/is not empty/)]);
      const unknown = await kubepki(['practice', 'lab', 'nope', '--dir', join(root, 'x')]);
      expect([unknown.exitCode, unknown.stderr]).toEqual([2, expect.stringMatching(/unknown lab "nope" \(labs: view-certificate-details/)]);
      const list = await kubepki(['practice', 'lab', '--list', '--json']);
      expect(JSON.parse(list.stdout).length).toBeGreaterThanOrEqual(6);
    } finally {
      rmSync(root, {recursive: true, force: true});
    }
  });
});
