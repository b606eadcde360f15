// The built binary as a user runs it: help, version, exit codes, plan errors, --json, and signals.

import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {execa} from 'execa';
import {afterAll, describe, expect, it} from 'vitest';
import {examplePlan} from '../../src/plan/defaults.js';
import {resolve} from '../../src/pki/resolve.js';
import {BIN, kubepki, poolEnv} from '../support/cli.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'kubepki-cli-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, {recursive: true, force: true})));

describe('help and usage', () => {
  it('prints help, version and per-command help with exit 0', async () => {
    const help = await kubepki(['--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('generate');
    expect(help.stdout).toContain('Exit codes');
    const version = await kubepki(['--version']);
    expect(version.stdout).toBe(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
    const gen = await kubepki(['generate', '--help']);
    expect(gen.exitCode).toBe(0);
    expect(gen.stdout).toContain('--force');
  });

  it('exits 2 with a one-line reason on bad usage', async () => {
    for (const args of [['frobnicate'], ['generate', '--nope'], ['example'], ['example', 'huge'], ['generate', '--out']]) {
      const r = await kubepki(args);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n')[0], args.join(' ')).toMatch(/^kubepki: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('plans', () => {
  it('prints example plans that generate accepts', async () => {
    for (const name of ['single', 'ha']) {
      const r = await kubepki(['example', name]);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toMatch(/^apiVersion: kubepki\/v1/);
    }
  });

  const bad: [string, string, RegExp][] = [
    ['node name with an underscore', 'nodes: [{name: node_1, address: 10.0.0.1, role: control-plane}]', /^kubepki: nodes\[0\]\.name: /],
    ['CIDR as an address', 'nodes: [{name: cp, address: 10.96.0.0/12, role: control-plane}]', /^kubepki: nodes\[0\]\.address: /],
    ['subject injection in a user', 'nodes: [{name: cp, address: 10.0.0.1, role: control-plane}]\nusers: [{name: "alice/O=system:masters", groups: []}]', /^kubepki: users\[0\]\.name: /],
    ['shell injection in a SAN', 'nodes: [{name: cp, address: 10.0.0.1, role: control-plane}]\napiServer: {certSANs: ["$(touch pwned)"]}', /^kubepki: apiServer\.certSANs\[0\]: /],
    ['no control plane', 'nodes: [{name: w, address: 10.0.0.1, role: worker}]', /^kubepki: nodes: /],
    ['ECDSA without a curve', 'nodes: [{name: cp, address: 10.0.0.1, role: control-plane}]\ncertificates: {encryptionAlgorithm: ECDSA}', /^kubepki: certificates\.encryptionAlgorithm: .*names no curve/],
    ['YAML syntax', 'nodes: [', /^kubepki: \(plan\)/],
    ['two YAML documents', 'nodes: []\n---\nnodes: []\n', /^kubepki: \(plan\): "[^"]*" has a YAML error at line 2, column 1: a second YAML document starts here — /],
    ['a reserved user name', 'nodes: [{name: cp, address: 10.0.0.1, role: control-plane}]\nusers: [{name: front-proxy-client}]',
      /^kubepki: users\[0\]\.name: "front-proxy-client" is the identity of front-proxy-client — /],
    ['colliding flat paths', 'nodes: [{name: cp, address: 10.0.0.1, role: control-plane}, {name: x, address: 10.0.0.2, role: worker},'
      + ' {name: client-x, address: 10.0.0.3, role: worker}]\ncertificates: {layout: flat}',
    /^kubepki: nodes\[2\]\.name: "client-x" writes kubelet-client-x\.crt, as nodes\[1\]\.name "x" does — /],
    ['a node folder over the people’s folders', 'nodes: [{name: cp, address: 10.0.0.1, role: control-plane}, {name: users, address: 10.0.0.2, role: worker}]\n'
      + 'users: [{name: john}]', /^kubepki: nodes\[1\]\.name: "users" puts users\/etc\/kubernetes\/pki\/ca\.crt in users\/, beside users\/john\/john\.crt/],
  ];
  it.each(bad)('rejects a plan with %s: exit 2, one line per problem, nothing written', async (_, yaml, first) => {
    const dir = tmp();
    writeFileSync(join(dir, 'plan.yaml'), yaml);
    const r = await kubepki(['generate', '--plan', join(dir, 'plan.yaml'), '--out', join(dir, 'out')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(first);
    expect(r.stderr).toContain('nothing was written');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });

  it('prints warnings for an HA plan without an endpoint and for one CA, and goes on', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'plan.yaml'), 'nodes: [{name: cp-1, address: 10.0.0.1, role: control-plane}, {name: cp-2, address: 10.0.0.2, role: control-plane}]\n'
      + 'certificates: {authorities: single}\n');
    const r = await kubepki(['script', '--plan', join(dir, 'plan.yaml'), '--stdout']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('kubepki: warning: ')).map((l) => l.split(' — ')[0])).toEqual([
      'kubepki: warning: controlPlaneEndpoint: is empty, with 2 control-plane nodes',
      'kubepki: warning: certificates.authorities: "single" uses one CA for everything',
    ]);
  });

  it.each([
    [['user', 'bob', '--groups', 'dev'], 'unknown option \'--groups\'', 'did you mean --group? see kubepki user --help'],
    [['generate', '--pln', 'x'], 'unknown option \'--pln\'', 'did you mean --plan? see kubepki generate --help'],
    [['check', '--zzzzzz'], 'unknown option \'--zzzzzz\'', 'see kubepki check --help'],
    [['check', 'a', 'b'], 'unexpected argument "b"', 'see kubepki check --help'],
    [['--outt', 'x'], 'unknown option \'--outt\'', 'did you mean --out? see kubepki --help'],
    [['check', '.', '--warn-days', 'abc'], '--warn-days must be a whole number of days, not "abc"', 'see kubepki check --help'],
    [['inpsect', 'x'], 'unknown command "inpsect" (commands: wizard, generate, script, inspect, check, renew, map, practice, user, example)',
      'did you mean kubepki inspect? see kubepki --help'],
  ])('a bad option or argument (%j): exit 2, the nearest option and the command\'s help', async (args, message, hint) => {
    const r = await kubepki(args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`kubepki: ${message}\nkubepki: hint: ${hint}`);
  });

  it('reports an unreadable plan file', async () => {
    const r = await kubepki(['generate', '--plan', '/nonexistent/plan.yaml', '--out', join(tmp(), 'o')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^kubepki: \(plan\)/);
  });
});

describe('generate', () => {
  it('reads a plan from a process substitution and prints --json', async () => {
    const out = join(tmp(), 'x');
    const r = await execa('bash', ['-c', `node "${BIN}" generate --plan <(node "${BIN}" example ha) --out "${out}" --json`], {reject: false, env: {NO_COLOR: '1', ...poolEnv()}});
    expect(r.exitCode, r.stderr).toBe(0);
    const manifest = JSON.parse(r.stdout);
    expect(manifest.mode).toBe('native');
    expect(manifest.files).toContainEqual({path: 'cp-1/etc/kubernetes/pki/ca.key', mode: '0600', kind: 'key'});
    expect(r.stderr.split('\n').filter((l) => l.startsWith('✔ created'))).toHaveLength(resolve(examplePlan('ha')).certs.length);
    expect(r.stderr).toContain('✔ created cp-1/etc/kubernetes/pki/apiserver.crt  (CN=kube-apiserver; signed by ca)');
  });

  it('keeps what matches on a second run (exit 0); exits 1 naming a file that contradicts the plan, 0 with --force', async () => {
    const out = join(tmp(), 'pki');
    const plan = join(tmp(), 'plan.yaml');
    writeFileSync(plan, (await kubepki(['example', 'single'])).stdout);
    expect((await kubepki(['generate', '--plan', plan, '--out', out])).exitCode).toBe(0);
    expect((await kubepki(['generate', '--plan', plan, '--out', out])).exitCode).toBe(0);
    const pki = join(out, 'controlplane/etc/kubernetes/pki');
    writeFileSync(join(pki, 'apiserver.key'), readFileSync(join(pki, 'front-proxy-client.key')));
    const again = await kubepki(['generate', '--plan', plan, '--out', out]);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('controlplane/etc/kubernetes/pki/apiserver.crt: key does not match the certificate');
    expect(again.stderr).toContain('--force');
    expect((await kubepki(['generate', '--plan', plan, '--out', out, '--force'])).exitCode).toBe(0);
  });

  it('leaves nothing behind when interrupted with SIGINT', async () => {
    const dir = tmp();
    const nodes = Array.from({length: 60}, (_, i) => `  - {name: w${i}, address: 10.0.${Math.floor(i / 200)}.${(i % 200) + 10}, role: worker}`);
    writeFileSync(join(dir, 'plan.yaml'), ['nodes:', '  - {name: cp, address: 10.0.9.1, role: control-plane}', ...nodes, 'certificates: {encryptionAlgorithm: RSA-4096}'].join('\n'));
    const out = join(dir, 'out');
    const child = execa('node', [BIN, 'generate', '--plan', join(dir, 'plan.yaml'), '--out', out], {reject: false, stdin: 'ignore'});
    let stderr = '';
    await new Promise<void>((resolve) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('generating')) resolve();
      });
    });
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toContain('Cancelled');
    expect(readdirSync(out)).toEqual([]);
  });
});
