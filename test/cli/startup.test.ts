// --version and --help load no dependency and none of the generator: each command's code is imported only when
// it runs; generate loads none of the interactive or teaching code. The built CLI runs under a loader hook that logs every module it loads.

import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {execa} from 'execa';
import {afterAll, describe, expect, it} from 'vitest';
import {examplePlan} from '../../src/plan/defaults.js';
import {planToYaml} from '../../src/plan/to-yaml.js';
import {BIN} from '../support/cli.js';

const PRELOAD = fileURLToPath(new URL('./module-log.mjs', import.meta.url));
const DIST = new URL('../../dist/', import.meta.url).href;
const dir = mkdtempSync(join(tmpdir(), 'kubepki-startup-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

let runs = 0;
/** The packages (`yaml`, `@inquirer/core`) and the dist/ modules (`cli/run.js`) one command line loads. */
async function loaded(args: string[]): Promise<{exitCode: number | undefined; packages: string[]; own: string[]}> {
  const log = join(dir, `modules-${++runs}.log`);
  const r = await execa('node', ['--import', PRELOAD, BIN, ...args], {
    reject: false,
    stdin: 'ignore',
    extendEnv: false,
    env: {PATH: process.env.PATH ?? '', NO_COLOR: '1', KUBEPKI_MODULE_LOG: log},
  });
  const urls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  const packages = urls.map((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter((p): p is string => p !== undefined);
  const own = urls.filter((u) => u.startsWith(DIST)).map((u) => u.slice(DIST.length));
  return {exitCode: r.exitCode, packages: [...new Set(packages)], own};
}

describe('startup', () => {
  it.each([[['--version']], [['--help']], [['generate', '--help']], [['script', '--help']], [['example', '--help']], [['--plain', '--help']]])(
    'kubepki %j loads only the CLI shell',
    async (args) => {
      const r = await loaded(args);
      expect(r.exitCode).toBe(0);
      expect(r.packages).toEqual([]);
      expect(r.own.every((m) => m.startsWith('cli/')), r.own.join(' ')).toBe(true);
      expect(r.own).not.toContainEqual(expect.stringMatching(/^cli\/commands\//));
    },
  );

  it('kubepki generate loads yaml (for the plan) and none of the screens, lessons, practice, map or inspect code', async () => {
    const plan = join(dir, 'plan.yaml');
    const example = examplePlan('single');
    writeFileSync(plan, planToYaml({...example, certificates: {...example.certificates, encryptionAlgorithm: 'ECDSA-P256'}}));
    const r = await loaded(['generate', '--plan', plan, '--out', join(dir, 'pki')]);
    expect(r.exitCode).toBe(0);
    expect(readdirSync(join(dir, 'pki'))).toContain('README.md');
    expect(r.packages).toEqual(['yaml']);
    expect(r.own).toContain('generate/native.js');
    expect(r.own.filter((m) => /^(ui\/ink|practice|learn|map|inspect|renew|people)\//.test(m))).toEqual([]);
  });

  it('sees the packages a command does load (the log works)', async () => {
    const r = await loaded(['example', 'single']);
    expect(r.exitCode).toBe(0);
    expect(r.packages).toContain('yaml');
    expect(r.own).toContain('cli/commands/example.js');
    expect(r.packages).not.toContain('node-forge');
  });
});
