// The emitted script is valid bash and clean under ShellCheck at warning level, for every test plan; and it
// follows the project's emission rules (safety header, no -subj, no eval, every value a quoted literal).

import {mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {execa} from 'execa';
import {afterAll, describe, expect, it} from 'vitest';
import {emitScript} from '../../src/openssl/emit.js';
import {resolve} from '../../src/pki/resolve.js';
import {hasBinary} from '../support/binaries.js';
import {awkwardPlan} from './awkward.js';
import {PLANS, tinyPlan} from './helpers.js';

const bash = hasBinary('bash');
const shellcheck = hasBinary('shellcheck');
const dir = mkdtempSync(join(tmpdir(), 'kubepki-lint-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const plans = {...PLANS, tiny: tinyPlan, 'awkward but valid': awkwardPlan};

describe('emitted script', () => {
  for (const [name, makePlan] of Object.entries(plans)) {
    const script = emitScript(resolve(makePlan())).script;
    const file = join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.sh`);
    writeFileSync(file, script);

    it.skipIf(!bash)(`passes bash -n: ${name}`, async () => {
      const r = await execa('bash', ['-n', file], {reject: false});
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
    });

    it.skipIf(!hasBinary('dash'))(`refuses to run under sh (dash) before doing anything: ${name}`, async () => {
      const cwd = mkdtempSync(join(dir, 'sh-'));
      const r = await execa('dash', [file, 'out'], {reject: false, cwd});
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain('run it with bash');
      expect(readdirSync(cwd)).toEqual([]);
    });

    it.skipIf(!shellcheck)(`passes shellcheck -S warning: ${name}`, async () => {
      const r = await execa('shellcheck', ['-s', 'bash', '-S', 'warning', file], {reject: false});
      expect(r.stdout).toBe('');
      expect(r.exitCode).toBe(0);
    });
  }

  it('starts with the safety header and never builds -subj, evals or double-quotes a plan value', () => {
    const {script} = emitScript(resolve(PLANS['example ha']!()));
    const lines = script.split('\n');
    expect(lines[0]).toBe('#!/usr/bin/env bash');
    const code = lines.filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
    expect(code[0]).toMatch(/^if \[ -z "\$\{BASH_VERSION:-\}" \]; then .* exit 2; fi$/);
    expect(code.slice(1, 4).map((l) => l.split(/\s+#/)[0]!.trim())).toEqual(['set -Eeuo pipefail', 'umask 077', 'set -o noclobber']);
    expect(code.join('\n')).not.toMatch(/-subj\b/);
    expect(code.join('\n')).not.toMatch(/\beval\b/);
    expect(code.join('\n')).toContain('OPENSSL_VERSION=$(openssl version)');
    expect(code.join('\n')).toContain("trap 'exit 130' INT");
    // Outside heredocs (the README is quoted; kubeconfigs are allow-listed YAML), plan values appear only in single quotes.
    let heredoc: string | undefined;
    const shell: string[] = [];
    for (const l of lines) {
      if (heredoc) {
        if (l === heredoc) heredoc = undefined;
        continue;
      }
      heredoc = /<<'?([A-Z_]+)'?$/.exec(l)?.[1];
      if (!l.trimStart().startsWith('#')) shell.push(l.replace(/'[^']*'/g, "''"));
    }
    for (const value of ['cp-2', 'node03', 'jane', 'developers', 'k8s-api.example.internal', '192.168.56.12']) {
      expect(shell.filter((l) => l.includes(value)), value).toEqual([]);
    }
  });
});
