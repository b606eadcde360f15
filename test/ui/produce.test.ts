// The Generate step's order of work: a taken script folder is refused before any key, and a cancel during
// certificate generation leaves no script folder behind either.

import {describe, expect, it} from 'vitest';
import {CancelledError} from '../../src/cli/command.js';
import {basePlan} from '../../src/plan/defaults.js';
import {initialAnswers} from '../../src/ui/answers.js';
import {produceOutput, type ProduceDeps} from '../../src/ui/produce.js';

const plan = basePlan([{name: 'cp', address: '10.0.0.1', role: 'control-plane'}]);

function fakeDeps(overrides: Partial<ProduceDeps>, calls: string[]): ProduceDeps {
  return {
    checkScript: async (dir) => void calls.push(`check ${dir}`),
    generate: async () => {
      calls.push('generate');
      return {out: './pki', mode: 'native', files: [], reused: [], certificates: []};
    },
    writeScript: async ({dir}) => {
      calls.push(`script ${dir}`);
      return {dir, entry: 'generate-pki.sh', files: []};
    },
    savePlan: async () => {
      calls.push('save');
      return {path: 'kubepki.yaml', status: 'created'};
    },
    ...overrides,
  };
}

describe('produceOutput', () => {
  it('checks the script folder, makes the certificates, then writes the script and saves the plan', async () => {
    const calls: string[] = [];
    await produceOutput({...initialAnswers(plan, './pki'), produce: 'both'}, {}, fakeDeps({}, calls));
    expect(calls).toEqual(['check ./pki-script', 'generate', 'script ./pki-script', 'save']);
  });

  it('makes no key when the script folder is taken', async () => {
    const calls: string[] = [];
    const taken = fakeDeps({checkScript: async () => Promise.reject(new Error('./pki-script already holds generate-pki.sh'))}, calls);
    await expect(produceOutput({...initialAnswers(plan, './pki'), produce: 'both'}, {}, taken)).rejects.toThrow('already holds');
    expect(calls).toEqual([]);
  });

  it('writes no script when generation is cancelled', async () => {
    const calls: string[] = [];
    const cancelled = fakeDeps({generate: async () => Promise.reject(new CancelledError())}, calls);
    await expect(produceOutput({...initialAnswers(plan, './pki'), produce: 'both'}, {}, cancelled)).rejects.toBeInstanceOf(CancelledError);
    expect(calls).toEqual(['check ./pki-script']);
  });
});

describe('a cancelled Generate', () => {
  it('removes the output folder it created (and its new parents), but never one that existed', async () => {
    const {mkdtemp, mkdir, rm} = await import('node:fs/promises');
    const {existsSync} = await import('node:fs');
    const {tmpdir} = await import('node:os');
    const {join} = await import('node:path');
    const root = await mkdtemp(join(tmpdir(), 'kubepki-cancel-'));
    try {
      for (const [out, existed] of [[join(root, 'new', 'pki'), false], [join(root, 'old'), true]] as const) {
        if (existed) await mkdir(out);
        const ac = new AbortController();
        const generate: ProduceDeps['generate'] = async (o) => {
          await mkdir(o.out, {recursive: true, mode: 0o700}); // what the native backend does first
          ac.abort();
          throw new CancelledError();
        };
        const calls: string[] = [];
        await expect(produceOutput(initialAnswers(plan, out, 'native'), {signal: ac.signal}, fakeDeps({generate}, calls))).rejects.toThrow();
        expect(existsSync(out), out).toBe(existed);
        if (!existed) expect(existsSync(join(root, 'new'))).toBe(false);
      }
    } finally {
      await rm(root, {recursive: true, force: true});
    }
  });
});

describe('the script style chosen on the Output step', () => {
  it('writes the exam-style folder (one openssl.cnf, x509 -req) or the safe one', async () => {
    const {mkdtemp, readFile, rm} = await import('node:fs/promises');
    const {tmpdir} = await import('node:os');
    const {join} = await import('node:path');
    const {realDeps} = await import('../../src/ui/deps.js');
    const {formFields, stepById} = await import('../../src/ui/steps.js');
    const root = await mkdtemp(join(tmpdir(), 'kubepki-style-'));
    try {
      const field = formFields(stepById('output')).find((f) => f.id === 'scriptStyle');
      expect(field?.kind === 'select' && field.options.map((o) => o.value)).toEqual(['safe', 'exam']);
      for (const style of ['exam', 'safe'] as const) {
        const answers = {...initialAnswers(plan, join(root, style, 'pki'), 'script'), scriptStyle: style};
        const result = await produceOutput(answers, {}, realDeps);
        const script = await readFile(join(result.script!.dir, result.script!.entry), 'utf8');
        if (style === 'exam') {
          expect(result.script!.files).toContain('openssl.cnf');
          expect(script).toContain('openssl x509 -req -in');
        } else {
          expect(result.script!.files.some((f) => f.startsWith('openssl/'))).toBe(true);
          expect(script).toContain('openssl ca -batch');
        }
      }
    } finally {
      await rm(root, {recursive: true, force: true});
    }
  });
});
