// renew on a node an openssl script made (a node root, one certificate expired in 2025): the command check prints,
// run as printed, leaves check without errors, keeps the profile openssl wrote, and restarts the API server.

import {cp, mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {profileDifferences, readProfile} from '../../src/x509/profile.js';
import {kubepki} from '../support/cli.js';
import {hasOpenssl} from '../support/openssl.js';
import {FAULTS, faultyTree, removeTrees} from '../support/openssl-tree.js';

afterAll(async () => {
  await removeTrees();
});

describe.skipIf(!hasOpenssl())('renew on an openssl-made node', () => {
  it('renews the expired certificate with the command check suggests', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'kubepki-renew-openssl-')), 'node');
    try {
      await cp(await faultyTree('expired'), dir, {recursive: true});
      const before = await readFile(join(dir, FAULTS.expired.path), 'utf8');
      const check = await kubepki(['check', dir, '--json']);
      expect(check.exitCode).toBe(1);
      const hint = (JSON.parse(check.stdout) as {findings: {code: string; hint: string}[]}).findings.find((f) => f.code === 'cert-expired')?.hint;
      const command = /^run (kubepki renew \S+ --dir \S+)/.exec(hint ?? '')?.[1];
      expect(command).toBe(`kubepki renew apiserver-kubelet-client --dir ${dir}`);
      const r = await kubepki(command!.split(' ').slice(1));
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toMatch(/^ {2}kube-apiserver \(etc\/kubernetes\/pki\/apiserver-kubelet-client\.crt\)$/m);
      const after = await readFile(join(dir, FAULTS.expired.path), 'utf8');
      expect(profileDifferences(readProfile(after), readProfile(before))).toEqual([]);
      const again = await kubepki(['check', dir]);
      expect(again.stdout).not.toMatch(/ERROR/);
      expect(again.exitCode).toBe(0);
    } finally {
      await rm(join(dir, '..'), {recursive: true, force: true});
    }
  });
});
