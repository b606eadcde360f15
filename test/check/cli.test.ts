// `kubepki check` as a user runs it: exit codes, the tables and findings at 80 columns, --json, --plan on a tree
// kubepki generated (no findings; a SAN added to the plan is named), and bad usage.

import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {examplePlan} from '../../src/plan/defaults.js';
import {planToYaml} from '../../src/plan/to-yaml.js';
import type {Plan} from '../../src/plan/types.js';
import {kubepki} from '../support/cli.js';
import {hasOpenssl, tmpDir, type TmpDir} from '../support/openssl.js';
import {faultyTree, FAULTS, healthyTree, removeTrees} from '../support/openssl-tree.js';

interface CheckJson {
  version: number;
  certificates: {name: string; path: string; expires: string; residualSeconds: number; authority: string; externallyManaged: boolean}[];
  authorities: {name: string; expires: string; externallyManaged: boolean}[];
  findings: {severity: string; code: string; path: string; message: string; hint: string}[];
  summary: {errors: number; warnings: number; infos: number};
}

let tmp: TmpDir;
beforeAll(async () => {
  tmp = await tmpDir('kubepki-check-cli-');
});
afterAll(async () => {
  await removeTrees();
  await tmp.cleanup();
});

const json = (stdout: string) => JSON.parse(stdout) as CheckJson;

describe.skipIf(!hasOpenssl())('kubepki check on an openssl-made node', () => {
  it('prints the expiration tables within 80 columns and exits 0 on the healthy tree', async () => {
    const r = await kubepki(['check', await healthyTree()]);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^CERTIFICATE\s+EXPIRES\s+RESIDUAL\s+CERTIFICATE\s+EXTERNALLY$/);
    expect(r.stdout).toMatch(/^apiserver-etcd-client\s+\w{3} \d\d, \d{4}\s+364d\s+etcd-ca\s+no$/m);
    expect(r.stdout).toMatch(/^front-proxy-ca\s+\w{3} \d\d, \d{4} \d\d:\d\d UTC\s+9y\s+no$/m);
    expect(lines.filter((l) => l.length > 80)).toEqual([]);
    expect(r.stdout).not.toMatch(/^ERROR/m);
  });

  it('exits 1 with the finding on the expired certificate, <invalid> in its row', async () => {
    const r = await kubepki(['check', await faultyTree('expired')]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^apiserver-kubelet-client\s+Jan 01, 2025\s+<invalid>\s+ca\s+no$/m);
    expect(r.stdout).toContain(`ERROR cert-expired ${FAULTS.expired.path}`);
    expect(r.stdout).toMatch(/^ {4}fix: run kubepki renew apiserver-kubelet-client/m);
    expect(r.stdout.split('\n').filter((l) => l.length > 80)).toEqual([]);
  });

  it('--json carries the same tables and findings', async () => {
    const dir = await faultyTree('wrong-ca');
    const r = await kubepki(['check', dir, '--json']);
    expect(r.exitCode).toBe(1);
    const doc = json(r.stdout);
    expect(doc.version).toBe(1);
    const row = doc.certificates.find((c) => c.name === 'apiserver-etcd-client')!;
    expect(row).toMatchObject({path: 'etc/kubernetes/pki/apiserver-etcd-client.crt', authority: 'etcd-ca', externallyManaged: false});
    expect(new Date(row.expires).toISOString()).toBe(row.expires);
    expect(row.residualSeconds).toBeGreaterThan(360 * 86400);
    expect(doc.authorities.map((a) => a.name)).toEqual(['ca', 'etcd-ca', 'front-proxy-ca']);
    expect(doc.findings).toContainEqual(expect.objectContaining({severity: 'error', code: 'chain-wrong-authority', path: FAULTS['wrong-ca'].path}));
    expect(doc.summary.errors).toBe(doc.findings.filter((f) => f.severity === 'error').length);
  });

  it('--warn-days widens the warning window without failing', async () => {
    const r = await kubepki(['check', await healthyTree(), '--warn-days', '400', '--json']);
    expect(r.exitCode).toBe(0);
    const codes = new Set(json(r.stdout).findings.map((f) => `${f.severity} ${f.code}`));
    expect([...codes]).toEqual(['warning cert-expiring']);
  });

  it('refuses bad usage with exit 2', async () => {
    const bad = await kubepki(['check', await healthyTree(), '--warn-days', 'soon']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe('kubepki: --warn-days must be a whole number of days, not "soon"');
    const missing = await kubepki(['check', join(tmp.path, 'nothing-here')]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/^kubepki: ".*nothing-here" does not exist\n/);
    expect(missing.stdout).toBe('');
  });
});

describe('kubepki check --plan on a tree kubepki generated', () => {
  const planFile = (name: string, plan: Plan) => {
    const path = join(tmp.path, name);
    return writeFile(path, planToYaml(plan)).then(() => path);
  };

  it('finds nothing; a SAN added to the plan is named on every apiserver certificate', async () => {
    const plan = examplePlan('single');
    const file = await planFile('single.yaml', plan);
    const out = join(tmp.path, 'single');
    expect((await kubepki(['generate', '--plan', file, '--out', out])).exitCode).toBe(0);
    const clean = await kubepki(['check', out, '--plan', file, '--json']);
    expect(json(clean.stdout).findings).toEqual([]);
    expect(clean.exitCode).toBe(0);

    const grown = await planFile('grown.yaml', {...plan, apiServer: {certSANs: ['api.example.com', '10.0.0.100']}});
    const r = await kubepki(['check', out, '--plan', grown, '--json']);
    expect(r.exitCode).toBe(1);
    const messages = json(r.stdout).findings.map((f) => `${f.code} ${f.path}: ${f.message}`);
    expect(messages).toEqual([
      'plan-mismatch controlplane/etc/kubernetes/pki/apiserver.crt: apiserver@controlplane: SAN DNS:api.example.com missing',
      'plan-mismatch controlplane/etc/kubernetes/pki/apiserver.crt: apiserver@controlplane: SAN IP:10.0.0.100 missing',
    ]);
  });

  it('says when one authority stands in for three, as a warning, or a note when the plan asks for it', async () => {
    const plan: Plan = {...examplePlan('single'), users: []};
    plan.certificates = {...plan.certificates, authorities: 'single'};
    const file = await planFile('one-ca.yaml', plan);
    const out = join(tmp.path, 'one-ca');
    expect((await kubepki(['generate', '--plan', file, '--out', out])).exitCode).toBe(0);
    const guessed = json((await kubepki(['check', out, '--json'])).stdout).findings;
    expect(guessed.filter((f) => f.code === 'authority-shared').map((f) => `${f.severity} ${f.path}`)).toEqual([
      'warning controlplane/etc/kubernetes/pki/etcd/ca.crt',
      'warning controlplane/etc/kubernetes/pki/front-proxy-ca.crt',
    ]);
    const planned = await kubepki(['check', out, '--plan', file, '--json']);
    expect(planned.exitCode).toBe(0);
    expect(json(planned.stdout).findings.map((f) => `${f.severity} ${f.code}`)).toEqual(['info authority-shared', 'info authority-shared']);
  });

  it('names what the plan implies and the folder lacks', async () => {
    const plan = examplePlan('single');
    const file = await planFile('lacking.yaml', plan);
    const out = join(tmp.path, 'lacking');
    expect((await kubepki(['generate', '--plan', file, '--out', out])).exitCode).toBe(0);
    const more = await planFile('more.yaml', {...plan, users: [...plan.users, {name: 'bob', groups: ['qa']}]});
    const r = await kubepki(['check', out, '--plan', more, '--json']);
    expect(r.exitCode).toBe(1);
    expect(json(r.stdout).findings.filter((f) => f.code === 'plan-missing').map((f) => f.path)).toEqual([
      'rbac/users/bob.yaml', 'users/bob/bob.crt', 'users/bob/bob.key', 'users/bob/bob.kubeconfig',
    ]);
  });
});
