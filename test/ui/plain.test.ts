// Plain mode from the same step data: scripted answers through a fake Prompter, plus @inquirer/testing
// for a real prompt showing the plan's message.

import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {input} from '@inquirer/prompts';
import {render} from '@inquirer/testing';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {basePlan} from '../../src/plan/defaults.js';
import {initialAnswers} from '../../src/ui/answers.js';
import {realDeps} from '../../src/ui/deps.js';
import {generateNative} from '../../src/generate/native.js';
import {poolKeys} from '../support/key-pool.js';
import type {TextField} from '../../src/ui/fields.js';
import type {Choice, Prompter} from '../../src/ui/plain/prompter.js';
import {runPlainWizard} from '../../src/ui/plain/run.js';
import {fieldValidator} from '../../src/ui/plain/validators.js';
import type {ProduceResult} from '../../src/ui/produce.js';
import {formFields, stepById} from '../../src/ui/steps.js';
import {tmpDir, type TmpDir} from '../support/openssl.js';
import {existsSync, statSync} from 'node:fs';
import {examplePlan} from '../../src/plan/defaults.js';
import type {Plan} from '../../src/plan/types.js';
import {generateTree} from '../support/generated-tree.js';
import {snapshot} from '../support/snapshot.js';

/** The real Generate work, with keys from the test pool. */
const deps = {...realDeps, generate: (o: Parameters<typeof generateNative>[0]) => generateNative({...o, keys: poolKeys})};

/** Accept the prompt's default. */
const DEFAULT: unique symbol = Symbol('default');
type Answer = string | boolean | typeof DEFAULT;

/** Answers prompts in order; an answer the prompt's validate refuses is recorded and the next one is tried. */
class ScriptedPrompter implements Prompter {
  readonly asked: string[] = [];
  readonly refused: string[] = [];
  constructor(private readonly script: Answer[]) {}
  private next(message: string): Answer {
    this.asked.push(message);
    if (this.script.length === 0) throw new Error(`no scripted answer for ${JSON.stringify(message)}`);
    return this.script.shift()!;
  }
  async input(o: {message: string; default?: string; validate?: (v: string) => true | string}): Promise<string> {
    for (;;) {
      const a = this.next(o.message);
      const value = a === DEFAULT ? o.default ?? '' : String(a);
      const verdict = o.validate ? o.validate(value) : true;
      if (verdict === true) return value;
      this.refused.push(verdict);
    }
  }
  async select<T extends string>(o: {message: string; choices: Choice<T>[]; default?: T}): Promise<T> {
    const a = this.next(o.message);
    const value = a === DEFAULT ? o.default ?? o.choices[0]!.value : (a as T);
    if (!o.choices.some((c) => c.value === value)) throw new Error(`${String(value)} is not a choice of ${o.message}: ${o.choices.map((c) => c.value).join(', ')}`);
    return value;
  }
  async confirm(o: {message: string; default?: boolean}): Promise<boolean> {
    const a = this.next(o.message);
    return a === DEFAULT ? o.default ?? false : Boolean(a);
  }
}

let tmp: TmpDir;
beforeEach(async () => {
  tmp = await tmpDir('kubepki-plain-');
});
afterEach(async () => {
  await tmp.cleanup();
});

const answers = () => initialAnswers(basePlan([{name: 'cp-1', address: '192.168.56.11', role: 'control-plane'}]), join(tmp.path, 'pki'));

describe('plain mode', () => {
  it('defaults all the way: the same PKI, script and plan as the Ink wizard', async () => {
    const out: string[] = [];
    const prompter = new ScriptedPrompter(Array(30).fill(DEFAULT));
    const outcome = await runPlainWizard({answers: answers(), prompter, deps, write: (t) => out.push(t), columns: 10_000});
    expect(outcome.type).toBe('done');
    const text = out.join('');
    expect(text).toContain('Step 2 of 10: Cluster');
    expect(text).toContain('openssl genrsa'); // the live preview, printed after each step
    expect(text).toContain('Why: ');
    expect(text).toContain('Step 10 of 10: Done');
    // The Done text installs with each node's installer, never by copying a folder onto /.
    expect(text).toMatch(/scp -r \S+\/cp-1 root@cp-1: then on cp-1: sudo bash cp-1\/install\.sh/);
    expect(text).toContain('--kubeadm-init on cp-1');
    expect(text).not.toMatch(/sudo cp -a/);
    const result = (outcome as {result: ProduceResult}).result;
    expect(result.native!.files.length).toBeGreaterThan(20);
    expect(await readFile(join(tmp.path, 'kubepki.yaml'), 'utf8')).toContain('cp-1');
  });

  it('scripted custom answers: a refused value shows the plan message, then a user with two groups', async () => {
    const out: string[] = [];
    const prompter = new ScriptedPrompter([
      'skip',                                        // basics
      'lab', '10.96.0.0/12x', '10.100.0.0/16', DEFAULT, DEFAULT, // cluster (the bad subnet is refused)
      'add', 'node01', '192.168.56.21', 'worker', 'next', // nodes
      'single', DEFAULT, DEFAULT, DEFAULT,           // authorities
      'add', 'john', 'developers, qa', 'next',       // clients
      'add', 'api.example.com', 'next',              // servers
      'next',                                        // review
      DEFAULT, DEFAULT, 'native', DEFAULT, DEFAULT,  // output (no map)
    ]);
    const outcome = await runPlainWizard({answers: answers(), prompter, deps, write: (t) => out.push(t), columns: 10_000});
    expect(prompter.refused).toEqual([expect.stringContaining('networking.serviceSubnet: "10.96.0.0/12x"')]);
    expect(outcome.type).toBe('done');
    const {plan, model} = (outcome as {result: ProduceResult}).result;
    expect(plan.clusterName).toBe('lab');
    expect(plan.networking.serviceSubnet).toBe('10.100.0.0/16');
    expect(plan.nodes.map((n) => n.name)).toEqual(['cp-1', 'node01']);
    expect(plan.users).toEqual([{name: 'john', groups: ['developers', 'qa']}]);
    expect(model.certs.filter((c) => c.isCA).map((c) => c.id)).toEqual(['ca']);
    expect(model.certs.find((c) => c.id === 'apiserver@cp-1')!.sans.ips).toContain('10.100.0.1');
    expect(model.certs.find((c) => c.id === 'apiserver@cp-1')!.sans.dns).toContain('api.example.com');
  });

  it('Ctrl+C in a prompt (ExitPromptError) ends as cancelled', async () => {
    const prompter: Prompter = {
      input: async () => { throw Object.assign(new Error('User force closed the prompt'), {name: 'ExitPromptError'}); },
      select: async () => 'skip' as never,
      confirm: async () => true,
    };
    const outcome = await runPlainWizard({answers: answers(), prompter, deps, write: () => {}});
    expect(outcome).toEqual({type: 'cancelled'});
  });
});

describe('plain prompts with @inquirer/testing', () => {
  it('the service subnet prompt refuses a bad value with the plan message', async () => {
    const field = formFields(stepById('cluster')).find((f) => f.id === 'serviceSubnet') as TextField;
    const a = answers();
    const {answer, events, getScreen} = await render(input, {message: field.label, default: field.get(a), validate: fieldValidator(field, () => a)});
    events.type('x');
    events.keypress('enter');
    await new Promise((r) => setImmediate(r));
    expect(getScreen()).toContain('networking.serviceSubnet');
    events.keypress('backspace');
    events.keypress('enter');
    await expect(answer).resolves.toBe('10.96.0.0/12');
  });

  it('the output folder prompt refuses an empty folder', async () => {
    const field = formFields(stepById('output')).find((f) => f.id === 'out') as TextField;
    const a = answers();
    const {answer, events, getScreen} = await render(input, {message: field.label, validate: fieldValidator(field, () => a)});
    events.keypress('enter'); // empty
    await new Promise((r) => setImmediate(r));
    expect(getScreen()).toContain('the output folder is empty');
    events.type('./x');
    events.keypress('enter');
    await expect(answer).resolves.toBe('./x');
  });
});

describe('plain mode teaches what the Ink wizard teaches', () => {
  it('components, SANs with reasons, the system: opt-in and the only control plane kept; nothing cut, nothing wider than 80', async () => {
    const longSan = `${'api-'.repeat(13)}lab.example`;
    const plan = basePlan([
      {name: 'controlplane', address: '192.168.56.11', role: 'control-plane'},
      {name: `worker-${'x'.repeat(33)}`, address: '192.168.56.21', role: 'worker'},
    ], [{name: 'john', groups: ['developers', 'qa', 'operators', 'auditors', 'release-managers']}]);
    plan.apiServer.certSANs = [longSan];
    const choices = new Map<string, string[]>();
    class Recording extends ScriptedPrompter {
      override async select<T extends string>(o: {message: string; choices: Choice<T>[]; default?: T}): Promise<T> {
        choices.set(o.message, o.choices.map((c) => `${c.value}=${c.name}`));
        return super.select(o);
      }
    }
    const prompter = new Recording([
      'read', // TLS basics
      DEFAULT, DEFAULT, DEFAULT, DEFAULT, // Cluster
      'next', // Nodes
      DEFAULT, DEFAULT, DEFAULT, DEFAULT, // Authorities
      'add', 'ops', 'system:masters', 'yes', 'next', // Clients: the opt-in is asked once system: is typed
      'next', // Servers
      'next', // Review
      DEFAULT, DEFAULT, 'script', 'exam', DEFAULT, // Output (no map)
    ]);
    const out: string[] = [];
    const outcome = await runPlainWizard({answers: initialAnswers(plan, join(tmp.path, 'pki')), prompter, deps, write: (t) => out.push(t), columns: 80});
    expect(outcome.type).toBe('done');
    const text = out.join('');
    expect(prompter.asked, prompter.asked.join('\n')).toContain('Allow system: groups');
    expect(text).toContain('Components log in with these fixed identities');
    expect(text).toMatch(/super-admin: O=system:masters, CN=kubernetes-super-admin — bypasses RBAC/);
    expect(text).toMatch(/DNS kubernetes\.default: /);
    expect(text).toContain('ops in system:masters');
    expect(choices.get('Server certificates and SANs: what next?')).toContain('add=Add an extra SAN');
    expect(choices.get('Nodes: what next?')!.some((c) => c.startsWith('remove:0'))).toBe(false);
    expect(choices.get('Nodes: what next?')!.some((c) => c.startsWith('remove:1'))).toBe(true);
    expect(text).toContain('controlplane is the only control-plane node');
    const lines = text.split('\n');
    expect(lines.filter((l) => l.includes('…'))).toEqual([]);
    expect(lines.filter((l) => l.length > 80)).toEqual([]);
    expect(text).toContain('openssl x509 -req'); // the exam form in the preview
  }, 60_000);
});

describe('plain mode on an output folder that holds a PKI', () => {
  const PKI = 'controlplane/etc/kubernetes/pki';
  const withSan = (): Plan => {
    const p = examplePlan('single');
    p.apiServer.certSANs = ['10.0.0.5'];
    return p;
  };
  /** Straight to the review: lesson skipped, every form and list left as it is. */
  const toReview: Answer[] = ['skip', DEFAULT, DEFAULT, DEFAULT, DEFAULT, 'next', DEFAULT, DEFAULT, DEFAULT, DEFAULT, 'next', 'next', 'next'];
  const output: Answer[] = [DEFAULT, DEFAULT, 'native', DEFAULT, DEFAULT];

  async function tree(): Promise<{out: string; before: Record<string, string>}> {
    const out = join(tmp.path, 'pki');
    await generateTree('native', examplePlan('single'), out);
    await new Promise((r) => setTimeout(r, 20));
    return {out, before: snapshot(out)};
  }

  it('shows the refusal with its field before writing; quitting there writes nothing', async () => {
    const {out, before} = await tree();
    const text: string[] = [];
    const prompter = new ScriptedPrompter([...toReview, ...output, 'quit']);
    const outcome = await runPlainWizard({answers: initialAnswers(withSan(), out), prompter, deps, write: (t) => text.push(t), columns: 10_000});
    expect(outcome).toEqual({type: 'cancelled'});
    const said = text.join('');
    expect(said).toContain('already holds a PKI. Nothing is written until you choose');
    expect(said).toContain(`${PKI}/apiserver.crt: SAN IP:10.0.0.5 missing`);
    expect(prompter.asked.at(-1)).toBe(`${out} already holds a PKI: what now?`);
    expect(snapshot(out)).toEqual(before);
    expect(existsSync(join(tmp.path, 'kubepki.yaml'))).toBe(false);
  });

  it('re-issue only these: the apiserver pair changes, every other file keeps its bytes and mtime', async () => {
    const {out, before} = await tree();
    const mtime = statSync(join(out, PKI, 'ca.crt')).mtimeMs;
    const text: string[] = [];
    const prompter = new ScriptedPrompter([...toReview, ...output, 'reissue']);
    const outcome = await runPlainWizard({answers: initialAnswers(withSan(), out), prompter, deps, write: (t) => text.push(t), columns: 10_000});
    expect(outcome.type).toBe('done');
    expect(text.join('')).toContain(`↻ re-issued ${PKI}/apiserver.crt`);
    const after = snapshot(out);
    // Folders holding a replaced file change their mtime; files are compared by kind, mode, owner, mtime and digest.
    expect(Object.keys(after).filter((p) => after[p] !== before[p] && !after[p]!.startsWith('dir')).sort()).toEqual([`${PKI}/apiserver.crt`, `${PKI}/apiserver.key`]);
    expect(statSync(join(out, PKI, 'ca.crt')).mtimeMs).toBe(mtime);
  });

  it('back to the output step: another folder is written without a question', async () => {
    const {out, before} = await tree();
    const other = join(tmp.path, 'other');
    const prompter = new ScriptedPrompter([...toReview, ...output, 'out', other, DEFAULT, 'native', DEFAULT, DEFAULT]);
    const outcome = await runPlainWizard({answers: initialAnswers(withSan(), out), prompter, deps, write: () => {}, columns: 10_000});
    expect(outcome.type).toBe('done');
    expect((outcome as {result: ProduceResult}).result.out).toBe(other);
    expect(snapshot(out)).toEqual(before);
    expect(existsSync(join(other, PKI, 'apiserver.crt'))).toBe(true);
  });
});
