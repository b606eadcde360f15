// The etcd-client lab: etcdctl.sh holds the etcdctl command that reads etcd's health with this node's files.
// With etcd installed, `check` starts the node's etcd from its own etcd.yaml and certificates and runs the command
// against it; always, it says what each file named is, from the files' roles (which CA signed what).

import type {X509Certificate} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {readManifestFlags} from '../../kube/manifest-flags.js';
import {issuedBy} from '../../x509/profile.js';
import {cnOf} from '../lab.js';
import {ETCD_MANIFEST, etcdInstalled, runEtcdctl, startLabEtcd, type EtcdctlRun} from './etcd-live.js';
import {flagIn, readEtcdctlScript, withFlag, type EtcdctlCommand} from './etcdctl-script.js';
import {certOf, item, keyItem, labSigner, nodeFile, readCertFile} from './grade.js';
import type {CheckItem, LabDefinition} from './types.js';

const SCRIPT = 'etcdctl.sh';
const NODE_ENDPOINT = 'https://127.0.0.1:2379';
const LOOPBACK = new Set(['127.0.0.1', 'localhost']);
const node = (rel: string) => `/${rel}`;
const inTree = (dir: string, path: string) => join(dir, path.replace(/^\/+/, ''));

/** What etcd's log (or etcdctl) says went wrong, and what it means for the command: first match wins. */
const REJECTIONS: readonly {said: RegExp; means: string}[] = [
  {said: /private key does not match public key/, means: '--key is not the key of --cert'},
  {said: /first record does not look like a TLS handshake|malformed HTTP response/, means: 'etcdctl spoke plain http to etcd’s TLS port: the endpoint is https://'},
  {said: /client didn't provide a certificate/, means: 'etcd asks every client for a certificate (--client-cert-auth=true): give --cert and --key'},
  {said: /failed to verify client('s)? certificate: x509: certificate signed by unknown authority/, means: 'etcd refused the client certificate: it trusts only clients signed by its --trusted-ca-file'},
  {said: /incompatible key usage/, means: 'etcd refused the client certificate: it has no clientAuth usage'},
  {said: /remote error: tls: bad certificate|certificate signed by unknown authority/, means: 'etcdctl refused etcd’s server certificate: --cacert must be the CA that signed it'},
  {said: /connection refused/, means: 'nothing listens there: the endpoint is this node’s etcd, https://127.0.0.1:2379'},
];

/** The files etcd itself uses, as its manifest names them (kubeadm's paths when the manifest cannot be read). */
async function etcdFiles(dir: string): Promise<{server: string; trusted: string}> {
  const text = await readFile(join(dir, ETCD_MANIFEST), 'utf8').catch(() => '');
  const read = readManifestFlags(text);
  const flags = read.ok ? read.containers[0]!.flags : new Map<string, string>();
  return {server: flags.get('--cert-file') ?? node(nodeFile('etcd-server')), trusted: flags.get('--trusted-ca-file') ?? node(nodeFile('etcd-ca'))};
}

/** The lab CA, as a node path, that signed a certificate, if one did. */
const signerOf = async (dir: string, x509: X509Certificate): Promise<string | undefined> => {
  const ca = await labSigner(dir, x509);
  return ca === undefined ? undefined : node(ca);
};

/** Grades each file the command names by its role: the CA that signed etcd's server certificate, a client of etcd. */
async function gradeRoles(dir: string, cmd: EtcdctlCommand): Promise<CheckItem[]> {
  const items: CheckItem[] = [];
  const endpoints = cmd.flags.get('--endpoints') ?? '';
  items.push(item('endpoints', endpoints.split(',').some((e) => /^https:\/\/(127\.0\.0\.1|localhost):2379\/?$/.test(e)), endpoints
    ? `--endpoints ${endpoints}${/^http:/.test(endpoints) ? ': etcd serves TLS, use https://' : ''}` : `--endpoints must be ${NODE_ENDPOINT}`));
  const files = await etcdFiles(dir);
  const server = await readCertFile(dir, files.server.replace(/^\/+/, ''));
  const cacert = cmd.flags.get('--cacert');
  const serverSigner = typeof server === 'string' ? undefined : await signerOf(dir, server.x509);
  let caOk = false;
  let caMsg = `--cacert is missing: it must be ${serverSigner ?? files.trusted}, the CA that signed etcd’s server certificate`;
  if (cacert && typeof server !== 'string') {
    const pem = await readFile(inTree(dir, cacert), 'utf8').catch(() => undefined);
    const ca = pem === undefined ? undefined : certOf(pem);
    if (!ca) caMsg = `--cacert ${cacert} is not a readable certificate on this node`;
    else if (!ca.ca) caMsg = `--cacert ${cacert} is not a CA: it must be ${serverSigner ?? files.trusted}, the CA that signed etcd’s server certificate`;
    else {
      caOk = issuedBy(server.x509, ca);
      caMsg = caOk ? `--cacert ${cacert} signed etcd’s server certificate`
        : `--cacert ${cacert}: etcd’s server certificate ${files.server} is signed by ${serverSigner ?? 'another CA'}, not ${cacert}`;
    }
  }
  items.push(item('cacert', caOk, caMsg));
  const cert = cmd.flags.get('--cert');
  const key = cmd.flags.get('--key');
  if (!cert || !key) return [...items, item('client', false, `--cert and --key must name a client certificate of etcd and its key (etcd checks them against ${files.trusted})`)];
  const client = await readCertFile(dir, cert.replace(/^\/+/, ''));
  if (typeof client === 'string') return [...items, item('cert', false, client)];
  const trustedPem = await readFile(inTree(dir, files.trusted), 'utf8').catch(() => undefined);
  const trusted = trustedPem === undefined ? undefined : certOf(trustedPem);
  const signed = trusted !== undefined && issuedBy(client.x509, trusted);
  const clientAuth = client.profile.extKeyUsage?.usages.includes('clientAuth') ?? false;
  const isCa = client.profile.basicConstraints?.ca === true;
  const signer = signed ? files.trusted : await signerOf(dir, client.x509);
  items.push(item('cert', signed && clientAuth && !isCa,
    !signed ? `--cert ${cert} (CN=${cnOf(client.profile)}) is signed by ${signer ?? 'no CA of this node'}, not ${files.trusted}: etcd trusts only clients of its --trusted-ca-file`
      : isCa ? `--cert ${cert} is a CA certificate, not a client certificate`
        : !clientAuth ? `--cert ${cert} has no clientAuth usage` : `--cert ${cert} is a client of etcd`));
  items.push(await keyItem(dir, cert, key, client.x509));
  return items;
}

/** The command as written, with node paths read from the lab folder and the loopback endpoint moved to `port`. */
export function liveArgs(dir: string, cmd: EtcdctlCommand, port: number): string[] | string {
  const endpoints = cmd.flags.get('--endpoints');
  if (endpoints === undefined) return `no --endpoints: write ${NODE_ENDPOINT}, as on the node`;
  const moved: string[] = [];
  for (const e of endpoints.split(',')) {
    let url: URL;
    try {
      url = new URL(e);
    } catch {
      return `--endpoints ${e} is not a URL`;
    }
    if (!LOOPBACK.has(url.hostname) || url.port !== '2379') return `--endpoints ${e} is not this node’s etcd (${NODE_ENDPOINT}); only that one is run here`;
    moved.push(`${url.protocol}//${url.hostname}:${port}`);
  }
  let args = withFlag(cmd.args, '--endpoints', () => moved.join(','));
  for (const flag of ['--cacert', '--cert', '--key']) {
    const path = flagIn(args, flag);
    if (path === undefined) continue;
    if (path.split('/').includes('..')) return `${flag} ${path}: give the file's path on the node without ..`;
    args = withFlag(args, flag, (p) => inTree(dir, p));
  }
  return args;
}

/** What the run against the lab's etcd says, with etcd's own reason when it refused (etcd 3.4 logs text, 3.5+ JSON). */
function liveItem(run: EtcdctlRun, log: string, port: number): CheckItem {
  if (run.exitCode === 0 && /is healthy/.test(run.output)) return item('etcd', true, 'etcd answered: healthy (your command, run against this node’s etcd)');
  const said = `${run.output}\n${log}`;
  const reason = REJECTIONS.find((r) => r.said.test(said));
  const detail = (/rejected connection from [^(]*\(error "([^"]+)"/.exec(log) ?? /"msg":"rejected connection".*?"error":"([^"]+)"/.exec(log))?.[1] ?? run.output.trim().split('\n').filter((l) => !l.startsWith('{')).slice(-1)[0] ?? '';
  const why = run.timedOut ? 'etcdctl did not finish in time' : reason?.means ?? 'etcdctl endpoint health failed';
  return item('etcd', false, `etcd on 127.0.0.1:${port} (started from ${ETCD_MANIFEST}) did not answer healthy: ${why}${detail ? ` (${detail})` : ''}`);
}

/** Runs the command against a real etcd started from the lab; the items say which way it was graded. */
async function gradeLive(dir: string, cmd: EtcdctlCommand): Promise<CheckItem[]> {
  if (!(await etcdInstalled())) return [item('graded-by', true, 'etcd is not installed here: graded by the files’ roles only (install etcd and etcdctl to have your command run against a real etcd)')];
  const etcd = await startLabEtcd(dir);
  if (typeof etcd === 'string') return [item('etcd', false, etcd)];
  try {
    const args = liveArgs(dir, cmd, etcd.port);
    if (typeof args === 'string') return [item('etcd', false, `not run against etcd: ${args}`)];
    const run = await runEtcdctl(dir, args);
    return [item('graded-by', true, `graded by running your command against a real etcd started from ${ETCD_MANIFEST} on 127.0.0.1:${etcd.port} (in place of 2379), and by the files’ roles`),
      liveItem(run, etcd.log(), etcd.port)];
  } finally {
    await etcd.stop();
  }
}

export const etcdClient: LabDefinition = {
  id: 'etcd-client',
  title: 'Talk to etcd with etcdctl',
  summary: 'write the etcdctl command that checks etcd’s health with the right files',
  prepare: async () => ({}),
  task: () => [
    `Write \`${SCRIPT}\` here: one \`etcdctl\` command that checks the health of this node’s etcd at ${NODE_ENDPOINT}`,
    '(`endpoint health`), with `--cacert`, `--cert` and `--key` naming the right files of this node as node paths',
    '(/etc/kubernetes/...; read them from the etcd manifest or the pki folder).',
    '',
    'How it is checked: when etcd and etcdctl are installed on this machine, `check` starts this node’s etcd from its',
    `own \`${ETCD_MANIFEST}\` and certificates on 127.0.0.1, and runs your command as you wrote it. Two things are`,
    'changed, and only these: the port of the endpoint (2379 may be taken on this machine, so etcd gets a free port and',
    'your `127.0.0.1:2379` is pointed at it; write the endpoint as on the node), and node paths are read from this folder.',
    'It is run without a shell: one command, no pipes or variables (`ETCDCTL_API=3` in front is fine).',
    'Without etcd installed, `check` grades what each file you name is (which CA signed what) and says so.',
  ].join('\n'),
  check: async (dir) => {
    const script = await readFile(join(dir, SCRIPT), 'utf8').catch(() => undefined);
    if (script === undefined) return [item(SCRIPT, false, `${SCRIPT} is missing`)];
    const cmd = readEtcdctlScript(script);
    if (typeof cmd === 'string') return [item(SCRIPT, false, cmd)];
    return [...(await gradeLive(dir, cmd)), ...(await gradeRoles(dir, cmd))];
  },
};
