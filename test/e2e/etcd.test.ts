// Go's crypto/x509 as the judge: a real three-member etcd cluster on loopback addresses, each member started with
// the flags READ from the etcd.yaml kubepki wrote for it (node paths mapped into the temp folder, ports made
// unique), and etcdctl logging in with the flags the API server's manifest and the etcdctl table name. Both
// backends: the native one and the openssl script.

import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {execa, execaSync, type ResultPromise} from 'execa';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {flagValue} from '../../src/kube/node-paths.js';
import {flagsOf} from '../../src/pki/components.js';
import {layoutFiles} from '../../src/pki/layout.js';
import {resolve} from '../../src/pki/resolve.js';
import {basePlan} from '../../src/plan/defaults.js';
import {hasBinary} from '../support/binaries.js';
import {BACKEND_NAMES, GENERATE_TIMEOUT_MS, generateTree, otherPlanTree} from '../support/generated-tree.js';

const haveEtcd = hasBinary('etcd') && hasBinary('etcdctl');
/** A loopback network of its own per run, so parallel runs of this file on one machine do not meet. */
const NET = `127.${20 + Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 250)}`;
const members = ['etcd-a', 'etcd-b', 'etcd-c'].map((name, i) => ({name, ip: `${NET}.${i + 1}`}));
/** Below Linux's ephemeral range (32768 up), where the OS picks ports for other tests' connections and servers. */
const BASE = 24000 + Math.floor(Math.random() * 870) * 10;
const PORTS = {2379: BASE, 2380: BASE + 1};
/** On a real node 127.0.0.1 is the member's own; here the members share it, so each gets its own ports there. */
const loopbackPort = (port: number, member: number) => BASE + 4 + member * 2 + (port === 2381 ? 1 : 0);

/** The etcd on this machine may be older than the one kubeadm's image runs: flags it names otherwise. */
const OLDER_ETCD: Record<string, string> = {
  '--feature-gates=InitialCorruptCheck=true': '--experimental-initial-corrupt-check=true',
  '--watch-progress-notify-interval=5s': '--experimental-watch-progress-notify-interval=5s',
};
const etcdMinor = haveEtcd ? Number(/etcd Version: 3\.(\d+)/.exec(String(execaSync('etcd', ['--version']).stdout))?.[1] ?? 6) : 6;

/** A node's path under its folder of the tree; a URL's port and loopback made this test's own. */
function mapValue(value: string, tree: string, node: string, member: number): string {
  if (value.startsWith('/etc/kubernetes/')) return join(tree, node, value);
  return value.replace(/(https?):\/\/([^,/]+):(2379|2380|2381)/g, (_, scheme: string, host: string, port: string) => {
    const p = Number(port);
    if (host === '127.0.0.1') return `${scheme}://127.0.0.1:${loopbackPort(p, member)}`;
    return `${scheme}://${host}:${PORTS[p as 2379 | 2380]}`;
  });
}

const argsOf = (manifest: string): string[] => (parse(manifest) as {spec: {containers: {command: string[]}[]}}).spec.containers[0]!.command.slice(1);
const flag = (args: string[], name: string) => args.find((a) => a.startsWith(`${name}=`))!.slice(name.length + 1);

/** Both backends with kubeadm's default RSA-2048, and ECDSA-P256: Go must accept EC keys, ecdsa-with-SHA256 and
 *  digitalSignature-only leaves. */
const RUNS = [...BACKEND_NAMES.map((b) => [b, 'RSA-2048'] as const), ['native', 'ECDSA-P256'] as const];

describe.skipIf(!haveEtcd).each(RUNS)('etcd started from the generated etcd.yaml (%s backend, %s)', (backend, alg) => {
  let dir: string;
  let tree: string;
  const procs: ResultPromise[] = [];
  const plan = basePlan(members.map((m) => ({name: m.name, address: m.ip, role: 'control-plane' as const})));
  plan.certificates.encryptionAlgorithm = alg;
  const model = resolve(plan);
  const entries = layoutFiles(model);
  const manifest = (node: string, component: string) => readFileSync(join(tree, node, `etc/kubernetes/manifests/${component}.yaml`), 'utf8');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubepki-etcd-'));
    tree = join(dir, 'pki');
    await generateTree(backend, plan, tree);
    members.forEach((m, i) => {
      const args = argsOf(manifest(m.name, 'etcd')).map((a) => {
        const [name, ...rest] = a.split('=');
        if (name === '--data-dir') return `${name}=${join(dir, `data-${m.name}`)}`;
        const mapped = `${name}=${mapValue(rest.join('='), tree, m.name, i)}`;
        return etcdMinor < 6 ? OLDER_ETCD[a] ?? mapped : mapped;
      });
      procs.push(execa('etcd', args, {reject: false, stdin: 'ignore', all: true}));
    });
  }, GENERATE_TIMEOUT_MS);

  afterAll(async () => {
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(procs);
    rmSync(dir, {recursive: true, force: true});
  });

  /** The API server's own etcd flags on `node`, read from its kube-apiserver.yaml. */
  const apiserverClient = (node: string) => {
    const args = argsOf(manifest(node, 'kube-apiserver'));
    const i = members.findIndex((m) => m.name === node);
    return {
      endpoints: mapValue(flag(args, '--etcd-servers'), tree, node, i),
      tls: ['--cacert', mapValue(flag(args, '--etcd-cafile'), tree, node, i), '--cert', mapValue(flag(args, '--etcd-certfile'), tree, node, i),
        '--key', mapValue(flag(args, '--etcd-keyfile'), tree, node, i)],
    };
  };
  /** etcdctl's flags for the healthcheck client, from the table, as flags.md and the README list them. */
  const healthcheck = (node: string) => flagsOf('etcdctl').flatMap((u) => [u.flag, join(tree, node, flagValue(model, entries, node, u))]);
  const etcdctl = (endpoints: string, tls: string[], args: string[]) =>
    execa('etcdctl', ['--endpoints', endpoints, ...tls, '--dial-timeout', '3s', '--command-timeout', '5s', ...args],
      {reject: false, env: {ETCDCTL_API: '3'}, timeout: 30_000});
  const first = () => `https://${members[0]!.ip}:${PORTS[2379]}`;

  it('forms a cluster over TLS peer links and answers the healthcheck client', async () => {
    // A member lists its client URL only once it has joined, so `--cluster` may see two healthy members first.
    const healthy = (r: {stdout: string; stderr: string}) => (r.stdout + r.stderr).match(/is healthy/g)?.length ?? 0;
    let health = await etcdctl(first(), healthcheck('etcd-a'), ['endpoint', 'health', '--cluster']);
    for (let i = 0; i < 60 && (health.exitCode !== 0 || healthy(health) < 3); i++) {
      await new Promise((r) => setTimeout(r, 500));
      health = await etcdctl(first(), healthcheck('etcd-a'), ['endpoint', 'health', '--cluster']);
    }
    expect(health.exitCode, `${health.stdout}${health.stderr}`).toBe(0);
    expect((health.stdout + health.stderr).match(/is healthy/g)).toHaveLength(3);
  });

  it('answers the API server’s etcd client at every --etcd-servers member, writing through one and reading through another', async () => {
    const b = apiserverClient('etcd-b');
    expect(b.endpoints.split(',')).toHaveLength(3);
    const health = await etcdctl(b.endpoints, b.tls, ['endpoint', 'health']);
    expect(health.exitCode, health.stderr).toBe(0);
    expect((health.stdout + health.stderr).match(/is healthy/g)).toHaveLength(3);
    expect((await etcdctl(b.endpoints.split(',')[0]!, b.tls, ['put', '/registry/kubepki', backend])).exitCode).toBe(0);
    const c = apiserverClient('etcd-c');
    const get = await etcdctl(c.endpoints.split(',')[0]!, c.tls, ['get', '/registry/kubepki', '--print-value-only']);
    expect(get.stdout.trim()).toBe(backend);
  });

  it('dials etcd by name: localhost is a SAN of the server certificate', async () => {
    const r = await etcdctl(`https://localhost:${loopbackPort(2379, 0)}`, healthcheck('etcd-a'), ['endpoint', 'health']);
    expect(r.exitCode, r.stderr).toBe(0);
  });

  describe('refuses', () => {
    let other: string;
    beforeAll(async () => {
      other = mkdtempSync(join(tmpdir(), 'kubepki-etcd-other-'));
      await otherPlanTree(basePlan([{name: 'etcd-a', address: members[0]!.ip, role: 'control-plane'}]), other);
      // admin.conf's client certificate, as files etcdctl can read.
      const admin = parse(readFileSync(join(tree, 'etcd-a/etc/kubernetes/admin.conf'), 'utf8')) as {users: {user: Record<string, string>}[]};
      writeFileSync(join(other, 'admin.crt'), Buffer.from(admin.users[0]!.user['client-certificate-data']!, 'base64'));
      writeFileSync(join(other, 'admin.key'), Buffer.from(admin.users[0]!.user['client-key-data']!, 'base64'), {mode: 0o600});
    });
    afterAll(() => rmSync(other, {recursive: true, force: true}));

    const ca = () => ['--cacert', join(tree, 'etcd-a/etc/kubernetes/pki/etcd/ca.crt')];
    const refused = async (tls: string[]) => {
      const r = await etcdctl(first(), tls, ['get', 'x']);
      expect(r.exitCode, r.stdout).not.toBe(0);
      return r.stderr;
    };

    it('the admin’s certificate: the cluster CA signed it, and etcd trusts only its own CA', async () => {
      await refused([...ca(), '--cert', join(other, 'admin.crt'), '--key', join(other, 'admin.key')]);
    });
    it('another plan’s healthcheck client, signed by another etcd CA', async () => {
      const pki = join(other, 'etcd-a/etc/kubernetes/pki/etcd');
      await refused([...ca(), '--cert', join(pki, 'healthcheck-client.crt'), '--key', join(pki, 'healthcheck-client.key')]);
    });
    it('no client certificate at all', async () => {
      await refused(ca());
    });
  });
});
