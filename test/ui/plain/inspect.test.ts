// Home → Inspect in plain mode: the output folder offered as the path, its entries with marks, every field of one
// with the openssl options, the findings, the map and the timeline on request; a bad path says the rule and asks again.

import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {basePlan} from '../../../src/plan/defaults.js';
import {initialAnswers} from '../../../src/ui/answers.js';
import {realDeps} from '../../../src/ui/deps.js';
import type {Choice, Prompter} from '../../../src/ui/plain/prompter.js';
import {runPlainWizard} from '../../../src/ui/plain/run.js';
import {generateTree} from '../../support/generated-tree.js';
import {hasOpenssl, tmpDir, type TmpDir} from '../../support/openssl.js';
import {faultyTree, FAULTS, removeTrees} from '../../support/openssl-tree.js';

const plan = () => basePlan([{name: 'cp-1', address: '192.168.56.11', role: 'control-plane'}]);

/** Answers each prompt with the next scripted answer: a value, a choice picked by its name, or the default. */
class Script implements Prompter {
  readonly asked: string[] = [];
  constructor(private readonly answers: (string | {name: RegExp} | 'DEFAULT')[]) {}
  private next(message: string) {
    this.asked.push(message);
    const a = this.answers.shift();
    if (a === undefined) throw new Error(`no answer for ${message}`);
    return a;
  }
  async input(o: {message: string; default?: string; validate?: (v: string) => true | string}): Promise<string> {
    const a = this.next(o.message);
    const value = a === 'DEFAULT' ? o.default ?? '' : String(a);
    const verdict = o.validate?.(value) ?? true;
    if (verdict !== true) throw new Error(verdict);
    return value;
  }
  async select<T extends string>(o: {message: string; choices: Choice<T>[]; default?: T}): Promise<T> {
    const a = this.next(o.message);
    const found = typeof a === 'object' ? o.choices.find((c) => a.name.test(c.name)) : o.choices.find((c) => c.value === a);
    if (!found) throw new Error(`${String(a)} is not a choice of ${o.message}: ${o.choices.map((c) => c.name).join(' | ')}`);
    return found.value;
  }
  async confirm(): Promise<boolean> {
    throw new Error('no confirm expected');
  }
}

let tmp: TmpDir;
let out: string;
beforeAll(async () => {
  tmp = await tmpDir('kubepki-plain-inspect-');
  out = join(tmp.path, 'pki');
  await generateTree('native', plan(), out);
}, 120_000);
afterAll(async () => {
  await tmp.cleanup();
  await removeTrees();
});

async function run(script: Script, outDir = out) {
  const written: string[] = [];
  const outcome = await runPlainWizard({answers: initialAnswers(plan(), outDir), prompter: script, deps: realDeps, write: (t) => written.push(t), columns: 80, home: true});
  return {outcome, text: written.join('')};
}

describe('plain mode: Home → Inspect', () => {
  it('the output folder: entries with marks, one entry’s fields, findings, map and timeline, then Home and quit', async () => {
    const script = new Script(['inspect', 'DEFAULT', 'file', {name: /^✔ cp-1\/etc\/kubernetes\/pki\/apiserver\.crt$/}, 'findings', 'map', 'timeline', 'home', 'quit']);
    const {outcome, text} = await run(script);
    expect(outcome).toEqual({type: 'quit'});
    expect(script.asked[1]).toMatch(/^Path or HOST:PORT to inspect/);
    expect(text).toMatch(/^\d+ entries: \d+ ✔ ok$/m);
    expect(text).toMatch(/^✔ cp-1\/etc\/kubernetes\/pki\/apiserver\.crt {2}ok · apiserver serving · 36\dd left$/m);
    expect(text).toMatch(/^ {2}Subject +CN=kube-apiserver +-subject$/m);
    expect(text).toMatch(/-fingerprint -sha256$/m);
    expect(text).toContain('✔ No findings');
    expect(text).toContain('PKI map of cluster');
    expect(text).toContain('▼ today');
    expect(text.split('\n').filter((l) => l.length > 80)).toEqual([]);
  }, 60_000);

  it('Home offers what plain mode can run, with the Ink Home\'s labels; Practice hands over to the practice runner', async () => {
    let offered: string[] = [];
    const script = new Script(['practice']);
    const select = script.select.bind(script);
    script.select = async (o) => {
      offered = o.choices.map((c) => c.name);
      return select(o);
    };
    const {outcome, text} = await run(script);
    expect(offered).toEqual(['Build a cluster PKI', 'Inspect a PKI or endpoint', 'Practice for the CKA/CKS', 'Quit']);
    expect(outcome).toEqual({type: 'practice'});
    expect(text).toBe('');
  });

  it('a path that is not there: the rule in one line, then back to Home', async () => {
    const script = new Script(['inspect', './no/such/file.crt', 'home', 'quit']);
    const {outcome, text} = await run(script, join(tmp.path, 'absent'));
    expect(outcome).toEqual({type: 'quit'});
    expect(text.replace(/\s+/g, ' ')).toContain('✖ ./no/such/file.crt: no such file or folder — give a certificate, key or kubeconfig file, a folder of them, or HOST:PORT of a TLS server');
  });

  it.skipIf(!hasOpenssl())('an expired certificate: ✖ EXPIRED in the list, the error in the findings and EXPIRED on the timeline', async () => {
    const dir = await faultyTree('expired');
    const {text} = await run(new Script(['inspect', dir, 'timeline', 'home', 'quit']), join(tmp.path, 'absent'));
    expect(text).toMatch(/^✖ etc\/kubernetes\/pki\/apiserver-kubelet-client\.crt {2}EXPIRED · /m);
    expect(text).toContain(`✖ ERROR cert-expired ${FAULTS.expired.path}`);
    expect(text).toMatch(/apiserver-kubelet-client@cp-1\n +█+ +┆ +EXPIRED 2025-01-01/);
  }, 180_000);
});
