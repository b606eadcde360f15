// The question bank against real labs: every question asks, its own answer grades right, a wrong one grades
// wrong, cluster answers come from the lab's files (a different lab gives different answers), and the command
// questions run real openssl and kubectl in the lab folder.

import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {BANK} from '../../src/practice/bank/index.js';
import {createLab, readLab, type LabCluster} from '../../src/practice/lab.js';
import {makeRng} from '../../src/practice/random.js';
import {LEVELS, TOPICS} from '../../src/practice/types.js';
import {hasBinary} from '../support/binaries.js';
import {poolKeys} from '../support/key-pool.js';

let root: string;
let labs: LabCluster[];

const tools = hasBinary('openssl') && hasBinary('kubectl');

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'kubepki-bank-'));
  labs = [await createLab(join(root, 'a'), {seed: 1, keys: poolKeys}), await createLab(join(root, 'b'), {seed: 2, keys: poolKeys})];
});
afterAll(() => rmSync(root, {recursive: true, force: true}));

describe.runIf(tools)('the bank', () => {
  it('has at least 60 questions with unique ids, in every topic and level, of every kind', () => {
    expect(BANK.length).toBeGreaterThanOrEqual(60);
    expect(new Set(BANK.map((q) => q.id)).size).toBe(BANK.length);
    for (const t of TOPICS) expect(BANK.filter((q) => q.topic === t).length, t).toBeGreaterThanOrEqual(5);
    for (const l of LEVELS) expect(BANK.some((q) => q.level === l), `level ${l}`).toBe(true);
    for (const k of ['choice', 'typed', 'command'] as const) expect(BANK.filter((q) => q.kind === k).length).toBeGreaterThanOrEqual(5);
  });

  it.each(BANK.map((q) => [q.id, q] as const))('%s: its answer is right, a wrong one is not, and it says where the truth lives', async (_id, q) => {
    const lab = labs[0]!;
    const asked = q.ask({...lab, rng: makeRng(7)});
    expect(asked.prompt.length).toBeGreaterThan(10);
    expect(asked.explanation.length).toBeGreaterThan(10);
    expect(asked.truth.length).toBeGreaterThan(3);
    if (q.kind === 'choice') {
      expect(asked.choices!.length).toBeGreaterThanOrEqual(3);
      expect(new Set(asked.choices).size).toBe(asked.choices!.length);
      const n = asked.choices!.indexOf(asked.answer) + 1;
      expect(n).toBeGreaterThan(0);
      expect(await asked.grade(String(n))).toEqual({right: true});
      expect((await asked.grade(String(n === 1 ? 2 : 1))).right).toBe(false);
    } else {
      expect((await asked.grade(asked.answer)).right, `${asked.answer}`).toBe(true);
      expect((await asked.grade('nonsense-42')).right).toBe(false);
    }
  });

  it('asks about each lab: names, addresses, networks and people differ between two labs', () => {
    const answers = (id: string) => labs.map((lab) => BANK.find((q) => q.id === id)!.ask({...lab, rng: makeRng(7)}).answer);
    for (const id of ['id-kubelet-cn', 'id-user-groups', 'san-dns-list', 'san-etcd-ips', 'san-service-ip', 'kc-user-server']) {
      const [a, b] = answers(id);
      expect(a, id).not.toBe(b);
    }
  });

  it('reads the answers from the files on disk, not from the plan', async () => {
    const lab = labs[1]!;
    const ask = (l: LabCluster, id: string) => BANK.find((q) => q.id === id)!.ask({...l, rng: makeRng(7)}).answer;
    const before = ask(lab, 'san-dns-list');
    // Put another certificate where apiserver.crt was: the plan is unchanged, the file is not.
    const {copyFileSync} = await import('node:fs');
    copyFileSync(lab.certs.get('etcd-server')!.file, lab.certs.get('apiserver')!.file);
    const reread = await readLab(lab.dir, lab.plan);
    expect(ask(reread, 'san-dns-list')).not.toBe(before);
    expect(ask(reread, 'san-dns-list')).toContain('localhost');
  });
});
