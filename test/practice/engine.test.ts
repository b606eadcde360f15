// The practice engine without a terminal: judges, the sandbox that runs learners' commands, progress storage
// with spaced repetition, and sessions (order, score, the exam clock) on a real lab.

import {mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {judgeDate, judgeDuration, judgePath, judgeSet, parseDate} from '../../src/practice/judge.js';
import {createLab, type LabCluster} from '../../src/practice/lab.js';
import {runPlainPractice} from '../../src/practice/plain.js';
import {emptyProgress, loadProgress, orderByDue, progressFile, record, saveProgress} from '../../src/practice/progress.js';
import {mapPaths, refusal, runInLab, splitCommand} from '../../src/practice/sandbox.js';
import {Session} from '../../src/practice/session.js';
import type {Prompter} from '../../src/ui/plain/prompter.js';
import {hasBinary} from '../support/binaries.js';
import {poolKeys} from '../support/key-pool.js';

let root: string;
let lab: LabCluster;
const T0 = new Date('2026-12-02T10:00:00Z');

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'kubepki-practice-'));
  lab = await createLab(join(root, 'lab'), {seed: 3, keys: poolKeys});
});
afterAll(() => rmSync(root, {recursive: true, force: true}));

describe('judges', () => {
  it('compare SAN lists as sets, with openssl prefixes, and name what is missing and extra', () => {
    const judge = judgeSet(['kubernetes', '10.96.0.1'], 'SANs');
    expect(judge('IP Address:10.96.0.1, DNS:kubernetes').right).toBe(true);
    expect(judge('kubernetes')).toEqual({right: false, feedback: 'missing SANs: 10.96.0.1'});
    expect(judge('kubernetes 10.96.0.1 localhost').feedback).toBe('not SANs: localhost');
  });

  it('read dates as openssl prints them and as ISO 8601', () => {
    const when = new Date('2027-11-09T05:56:40Z');
    expect(parseDate('notAfter=Nov  9 05:56:40 2027 GMT')?.date).toEqual(when);
    const judge = judgeDate(when);
    expect(judge('Nov 9 05:56:40 2027 GMT').right).toBe(true);
    expect(judge('2027-11-09').right).toBe(true);
    expect(judge('2027-11-09T05:57:20Z').right).toBe(true);
    expect(judge('2027-11-10').right).toBe(false);
    expect(judge('next year').feedback).toMatch(/openssl prints it/);
  });

  it('accept a duration in any unit, and absolute node paths only', () => {
    expect(judgeDuration(87600)('10y').right).toBe(true);
    expect(judgeDuration(87600)('3650d').right).toBe(true);
    expect(judgeDuration(8760)('30d').right).toBe(false);
    const path = judgePath('/etc/kubernetes/pki/etcd/ca.crt');
    expect(path('/etc/kubernetes/pki//etcd/./ca.crt').right).toBe(true);
    expect(path('/etc/kubernetes/pki/ca.crt').feedback).toMatch(/right file name, wrong folder/);
    expect(path('etc/kubernetes/pki/etcd/ca.crt').feedback).toMatch(/absolute path/);
  });
});

describe('sandbox', () => {
  it('splits like a shell but refuses what needs one', () => {
    expect(splitCommand(`openssl x509 -in "a b.crt" -noout -subject -nameopt 'RFC2253'`)).toEqual({ok: true, argv: ['openssl', 'x509', '-in', 'a b.crt', '-noout', '-subject', '-nameopt', 'RFC2253']});
    for (const bad of ['openssl x509 -in a | grep CN', 'cat a > b', 'openssl x509 -in $F', 'openssl x509 -in "a']) expect(splitCommand(bad).ok, bad).toBe(false);
  });

  it('runs only reading openssl and kubectl config subcommands', () => {
    expect(refusal(['openssl', 'x509', '-in', 'a', '-noout'])).toBeUndefined();
    expect(refusal(['kubectl', 'config', 'view'])).toBeUndefined();
    expect(refusal(['rm', '-rf', '/'])).toMatch(/only openssl and kubectl/);
    expect(refusal(['openssl', 'genrsa'])).toMatch(/not one of the subcommands/);
    expect(refusal(['kubectl', 'config', 'set-credentials', 'x'])).toMatch(/only kubectl config view/);
    expect(refusal(['openssl', 'x509', '-in', 'a', '-out', 'b'])).toMatch(/writes a file/);
  });

  it('maps node paths into the lab and leaves other paths alone', () => {
    const [, , mapped, other] = mapPaths(['openssl', 'x509', '/etc/kubernetes/pki/ca.crt', '/etc/passwd'], lab.nodeRoot);
    expect(mapped).toBe(join(lab.nodeRoot, 'etc/kubernetes/pki/ca.crt'));
    expect(other).toBe('/etc/passwd');
  });

  it.runIf(hasBinary('openssl'))('runs the command in the lab with node paths, and says why one did not run', async () => {
    const ok = await runInLab('openssl x509 -in /etc/kubernetes/pki/ca.crt -noout -subject', lab.nodeRoot);
    expect(ok).toMatchObject({ran: true, exitCode: 0});
    expect(ok.output).toMatch(/CN ?= ?kubernetes/);
    expect(await runInLab('openssl x509 -in a.crt | grep CN', lab.nodeRoot)).toMatchObject({ran: false, refused: expect.stringMatching(/without a shell/)});
  });
});

describe('progress', () => {
  it('brings a missed question back at once and a known one later', () => {
    const p = emptyProgress();
    record(p, 'a', true, T0);
    record(p, 'b', false, T0);
    expect(p.questions.a).toMatchObject({box: 1, right: 1, due: '2026-12-03T10:00:00.000Z'});
    expect(p.questions.b).toMatchObject({box: 0, wrong: 1, due: T0.toISOString()});
    const order = orderByDue([{id: 'a'}, {id: 'new'}, {id: 'b'}], p, T0).map((x) => x.id);
    expect(order).toEqual(['b', 'new', 'a']);
  });

  it('is saved under XDG_CONFIG_HOME/kubepki, the folder 0700 and the file 0600', async () => {
    const env = {XDG_CONFIG_HOME: join(root, 'config')};
    const p = emptyProgress();
    record(p, 'x', true, T0);
    await saveProgress(p, env);
    expect(statSync(join(root, 'config/kubepki')).mode & 0o777).toBe(0o700);
    expect(statSync(progressFile(env)).mode & 0o777).toBe(0o600);
    expect((await loadProgress(env)).questions.x?.box).toBe(1);
  });
});

describe('session', () => {
  it('scores answers, records them, and puts missed questions first next time', async () => {
    const progress = emptyProgress();
    const s = new Session(lab, progress, {topic: 'identities', count: 3}, T0);
    const first = s.ask()!;
    await s.answer(first.asked.answer, T0);
    await s.answer('certainly-wrong', T0);
    await s.skip(T0);
    expect(s.done).toBe(true);
    expect(s.score()).toEqual({right: 1, scored: 3, total: 3});
    const missed = s.answers.filter((a) => !a.verdict.right).map((a) => a.question.id);
    const again = new Session(lab, progress, {topic: 'identities', count: 2}, T0);
    expect(again.questions.map((q) => q.id).sort()).toEqual(missed.sort());
  });

  it('in exam mode counts down and does not score answers after the time is up', async () => {
    const s = new Session(lab, emptyProgress(), {count: 2, examMinutes: 1}, T0);
    expect(s.timeLeft(new Date(T0.getTime() + 15_000))).toBe(45_000);
    await s.answer(s.ask()!.asked.answer, new Date(T0.getTime() + 30_000));
    const late = await s.answer(s.ask()!.asked.answer, new Date(T0.getTime() + 61_000));
    expect(late.late).toBe(true);
    expect(s.timeLeft(new Date(T0.getTime() + 90_000))).toBe(0);
    expect(s.score()).toEqual({right: 1, scored: 1, total: 2});
  });
});

describe('plain runner', () => {
  const answering = (answers: string[]): Prompter => ({
    input: async () => answers.shift() ?? '',
    select: async <T extends string>() => (answers.shift() ?? '1') as T,
    confirm: async () => true,
  });

  it('asks, explains, and ends with the score; every line fits 80 columns', async () => {
    const s = new Session(lab, emptyProgress(), {topic: 'sans', count: 3}, T0);
    const rights = s.questions.map((q) => {
      const asked = q.ask(lab);
      return asked.choices ? String(asked.choices.indexOf(asked.answer) + 1) : asked.answer;
    });
    let out = '';
    // The session asks each question once; the prompter answers with a wrong value for the first.
    await runPlainPractice({session: s, prompter: answering(['zzz-wrong', ...rights.slice(1)]), write: (t) => (out += t), now: () => T0});
    expect(out).toContain('Practice lab');
    expect(out).toContain('Where the truth lives:');
    expect(out).toMatch(/Score: \d of 3 answered right/);
    expect(out.split('\n').filter((l) => l.length > 80)).toEqual([]);
    expect(out).not.toContain('…');
  });
});
