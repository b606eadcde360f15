// Hostile and awkward input through the real CLI. Values that would inject into the script or a cnf are refused
// with exit 2 before anything is written (and a canary proves nothing ran); valid but awkward values (IPv6,
// 52-character dotted names, '@' and ':' in identities) give a script that runs and a tree that verifies.

import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {execa} from 'execa';
import {parse} from 'yaml';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {layoutFiles, certFiles} from '../../src/pki/layout.js';
import {resolve} from '../../src/pki/resolve.js';
import {hasBinary} from '../support/binaries.js';
import {kubepki} from '../support/cli.js';
import {awkwardPlan, LONG_NODE} from './awkward.js';
import {runScript, tmpDirs, writeScript} from './helpers.js';

const tools = hasBinary('openssl') && hasBinary('bash');
const tmp = tmpDirs('kubepki-hostile-');
afterAll(tmp.cleanup);

const CP = 'nodes: [{name: cp, address: 10.0.0.1, role: control-plane}]';
const HOSTILE: [string, string, RegExp][] = [
  ['$(…) in a user name', `${CP}\nusers: [{name: "a$(touch CANARY)", groups: []}]`, /users\[0\]\.name/],
  ['backticks in a group', `${CP}\nusers: [{name: alice, groups: ["\`touch CANARY\`"]}]`, /users\[0\]\.groups\[0\]/],
  ['a single quote in a user name', `${CP}\nusers: [{name: "o'brien'; touch CANARY; '", groups: []}]`, /users\[0\]\.name/],
  ['a double quote in a group', `${CP}\nusers: [{name: alice, groups: ['dev"; touch CANARY; "']}]`, /users\[0\]\.groups\[0\]/],
  ['/O=system:masters inside a user name', `${CP}\nusers: [{name: "alice/O=system:masters", groups: []}]`, /users\[0\]\.name/],
  ['a newline in a node name', 'nodes: [{name: "cp\\ntouch CANARY", address: 10.0.0.1, role: control-plane}]', /nodes\[0\]\.name/],
  ['a newline smuggling a cnf line into a group', `${CP}\nusers: [{name: alice, groups: ["dev\\nO = system:masters"]}]`, /users\[0\]\.groups\[0\]/],
  ["'#' in a group (cnf comment)", `${CP}\nusers: [{name: alice, groups: ["dev#ops"]}]`, /users\[0\]\.groups\[0\]/],
  ["'#' in a SAN", `${CP}\napiServer: {certSANs: ["api#x.example"]}`, /apiServer\.certSANs\[0\]/],
  ['$VAR in the cluster name', `clusterName: "$HOME"\n${CP}`, /clusterName/],
  ['a shell operator in the endpoint', `controlPlaneEndpoint: "lb;touch CANARY:6443"\n${CP}`, /controlPlaneEndpoint/],
  ['a backslash in the DNS domain', `networking: {dnsDomain: "cluster\\\\local"}\n${CP}`, /networking\.dnsDomain/],
  ['a leading dash in a node name', 'nodes: [{name: "-out", address: 10.0.0.1, role: control-plane}]', /nodes\[0\]\.name/],
  ['path traversal in a user name', `${CP}\nusers: [{name: "../../etc/x", groups: []}]`, /users\[0\]\.name/],
];

describe('hostile values are refused before anything is emitted', () => {
  for (const [name, yaml, field] of HOSTILE) {
    it(name, async () => {
      const cwd = tmp.make();
      writeFileSync(join(cwd, 'plan.yaml'), `${yaml}\n`);
      const r = await kubepki(['script', '--plan', 'plan.yaml', '--out', 'out'], {cwd});
      expect(r.exitCode, String(r.stderr)).toBe(2);
      expect(String(r.stderr)).toMatch(field);
      expect(String(r.stderr)).toContain('nothing was written');
      for (const style of ['safe', 'exam']) {
        const stdout = await kubepki(['script', '--plan', 'plan.yaml', '--style', style, '--stdout'], {cwd});
        expect(stdout.exitCode, style).toBe(2);
        expect(stdout.stdout, style).toBe('');
        expect(String(stdout.stderr), style).toMatch(field);
      }
      expect(readdirSync(cwd).sort(), 'no script folder, no canary').toEqual(['plan.yaml']);
    });
  }
});

describe.skipIf(!tools)('awkward but valid values', () => {
  const plan = awkwardPlan();
  const model = resolve(plan);
  const entries = layoutFiles(model);
  let target: string;
  let run: Awaited<ReturnType<typeof runScript>>;

  beforeAll(async () => {
    const dir = tmp.make();
    const scriptDir = await writeScript(plan, join(dir, 'script'));
    target = join(dir, 'pki');
    run = await runScript(scriptDir, target, {cwd: dir});
  }, 120_000);

  it('produce a script that runs to the end', () => {
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    for (const e of entries) expect(existsSync(join(target, e.path)), e.path).toBe(true);
  });

  it('keep IPv6 SANs, the 52-character node name and the odd identities intact', async () => {
    const apiserver = await execa('openssl', ['x509', '-noout', '-ext', 'subjectAltName', '-in', join(target, 'cp-1.example.internal/etc/kubernetes/pki/apiserver.crt')]);
    for (const san of ['DNS:*.apps.example.internal', 'DNS:k-8.s', 'DNS:kubernetes.default.svc.cluster.example-corp.internal', 'IP Address:FD00:10:96:0:0:0:0:1', 'IP Address:FD00:0:0:0:0:0:0:11', 'IP Address:FD00:0:0:0:0:0:0:10', 'IP Address:2001:DB8:0:0:0:0:0:7']) {
      expect(apiserver.stdout).toContain(san);
    }
    const kubelet = await execa('openssl', ['x509', '-noout', '-subject', '-in', join(target, `${LONG_NODE}/var/lib/kubelet/pki/kubelet.crt`)]);
    expect(kubelet.stdout).toBe(`subject=O = system:nodes, CN = system:node:${LONG_NODE}`);
    const user = await execa('openssl', ['x509', '-noout', '-subject', '-in', join(target, 'users/jane.doe@example.com/jane.doe@example.com.crt')]);
    expect(user.stdout).toBe('subject=O = team-a:ops.read, O = x, O = a.b-c_d, CN = jane.doe@example.com');
    const kc = parse(readFileSync(join(target, `${LONG_NODE}/etc/kubernetes/kubelet.conf`), 'utf8'));
    expect(kc.clusters[0].cluster.server).toBe('https://[fd00::10]:6443');
    expect(kc['current-context']).toBe(`system:node:${LONG_NODE}@prod-eu.west-1`);
  });

  it('verify with openssl verify -x509_strict', async () => {
    const primary = certFiles(entries);
    for (const e of entries.filter((x) => x.source.type === 'cert')) {
      const spec = model.certs.find((c) => c.id === (e.source as {spec: string}).spec)!;
      const purpose = spec.isCA ? [] : ['-purpose', spec.usages.includes('serverAuth') ? 'sslserver' : 'sslclient'];
      const r = await execa('openssl', ['verify', '-x509_strict', ...purpose, '-CAfile', join(target, primary.get(spec.signer)!), join(target, e.path)], {reject: false});
      expect(r.exitCode, `${e.path}: ${r.stderr}`).toBe(0);
    }
  });
});
