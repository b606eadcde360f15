// A kubeadm-style control-plane node tree (DIR/etc/kubernetes/...) built with the openssl binary alone, as a person or
// kubeadm would have left it, and broken copies of it, one fault each. Written from kubeadm's own rules (not kubepki's
// catalog), so the readers and `check` are tested against an independent truth. One healthy build per test file.

import {chmod, cp, mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {claimKeys} from './key-pool-core.mjs';
import {openssl} from './openssl.js';

/** The node the tree belongs to, and the cluster facts its certificates and manifests carry. */
export const NODE = {name: 'cp-1', address: '10.0.0.11'} as const;
export const CLUSTER = {serviceSubnet: '10.96.0.0/12', serviceIp: '10.96.0.1', dnsDomain: 'cluster.local', port: 6443} as const;
export const PKI_DIR = 'etc/kubernetes/pki';
/** Where each file sits on the node (absolute) is `/` + these paths. */
export const K8S_DIR = 'etc/kubernetes';

interface Leaf {
  /** Path of .crt/.key under the pki folder, or of the kubeconfig under etc/kubernetes. */
  name: string;
  ca: 'ca' | 'etcd/ca' | 'front-proxy-ca';
  subject: string;
  eku: string;
  san?: string;
  kubeconfig?: boolean;
}

const nodeSans = `DNS:${NODE.name}, DNS:localhost, IP:${NODE.address}, IP:127.0.0.1, IP:::1`;
const apiserverSans = (drop: string[] = []) =>
  [
    `DNS:${NODE.name}`, 'DNS:kubernetes', 'DNS:kubernetes.default', 'DNS:kubernetes.default.svc',
    `DNS:kubernetes.default.svc.${CLUSTER.dnsDomain}`, `IP:${CLUSTER.serviceIp}`, `IP:${NODE.address}`,
  ].filter((s) => !drop.includes(s)).join(', ');

/** kubeadm's certificates (certlist.go) and kubeconfig identities (v1.29+). */
const LEAVES: Leaf[] = [
  {name: 'apiserver', ca: 'ca', subject: '/CN=kube-apiserver', eku: 'serverAuth', san: apiserverSans()},
  {name: 'apiserver-kubelet-client', ca: 'ca', subject: '/O=kubeadm:cluster-admins/CN=kube-apiserver-kubelet-client', eku: 'clientAuth'},
  {name: 'front-proxy-client', ca: 'front-proxy-ca', subject: '/CN=front-proxy-client', eku: 'clientAuth'},
  {name: 'apiserver-etcd-client', ca: 'etcd/ca', subject: '/CN=kube-apiserver-etcd-client', eku: 'clientAuth'},
  {name: 'etcd/server', ca: 'etcd/ca', subject: `/CN=${NODE.name}`, eku: 'serverAuth, clientAuth', san: nodeSans},
  {name: 'etcd/peer', ca: 'etcd/ca', subject: `/CN=${NODE.name}`, eku: 'serverAuth, clientAuth', san: nodeSans},
  {name: 'etcd/healthcheck-client', ca: 'etcd/ca', subject: '/CN=kube-etcd-healthcheck-client', eku: 'clientAuth'},
  {name: 'admin.conf', ca: 'ca', subject: '/O=kubeadm:cluster-admins/CN=kubernetes-admin', eku: 'clientAuth', kubeconfig: true},
  {name: 'super-admin.conf', ca: 'ca', subject: '/O=system:masters/CN=kubernetes-super-admin', eku: 'clientAuth', kubeconfig: true},
  {name: 'controller-manager.conf', ca: 'ca', subject: '/CN=system:kube-controller-manager', eku: 'clientAuth', kubeconfig: true},
  {name: 'scheduler.conf', ca: 'ca', subject: '/CN=system:kube-scheduler', eku: 'clientAuth', kubeconfig: true},
  {name: 'kubelet.conf', ca: 'ca', subject: `/O=system:nodes/CN=system:node:${NODE.name}`, eku: 'clientAuth', kubeconfig: true},
];

const CAS = [
  {name: 'ca', cn: 'kubernetes'},
  {name: 'etcd/ca', cn: 'etcd-ca'},
  {name: 'front-proxy-ca', cn: 'front-proxy-ca'},
] as const;

/** The extension sections kubeadm's templates amount to (NewSelfSignedCACert, NewSignedCert). */
function extensionsCnf(opts: {ca?: string; eku?: string; san?: string}): string {
  const lines = ['[req]', 'distinguished_name = dn', '[dn]', '[ext]'];
  if (opts.ca) {
    lines.push('basicConstraints = critical, CA:TRUE', 'keyUsage = critical, digitalSignature, keyEncipherment, keyCertSign',
      'subjectKeyIdentifier = hash', `subjectAltName = DNS:${opts.ca}`);
  } else {
    lines.push('basicConstraints = critical, CA:FALSE', 'keyUsage = critical, digitalSignature, keyEncipherment',
      `extendedKeyUsage = ${opts.eku}`, 'authorityKeyIdentifier = keyid', 'subjectKeyIdentifier = none');
    if (opts.san) lines.push(`subjectAltName = ${opts.san}`);
  }
  return `${lines.join('\n')}\n`;
}

interface Builder {
  root: string;
  work: string;
  /** The first SPARE_KEYS are held by no file of the healthy tree: faults use them as "another key". */
  keys: string[];
}

const SPARE_KEYS = 1;

const pki = (b: Builder, name: string) => join(b.root, PKI_DIR, name);
let counter = 0;
const workFile = (b: Builder, ext: string) => join(b.work, `${++counter}.${ext}`);

async function writeMode(path: string, text: string, mode: number): Promise<void> {
  await mkdir(dirname(path), {recursive: true});
  await writeFile(path, text, {mode});
  await chmod(path, mode);
}

/** A certificate signed by `ca` (a path stem under pki, without extension) with `req -x509 -CA`; returns its PEM. */
async function issue(b: Builder, leaf: Pick<Leaf, 'subject' | 'eku' | 'san'>, keyPem: string, ca: {crt: string; key: string},
  extra: {digest?: string; noExtensions?: boolean} = {}): Promise<string> {
  const keyFile = workFile(b, 'key');
  const out = workFile(b, 'crt');
  await writeFile(keyFile, keyPem, {mode: 0o600});
  if (extra.noExtensions) {
    // The course's classic slip: `x509 -req` without -extfile makes a v1 certificate with no extensions.
    const csr = workFile(b, 'csr');
    const cnf = workFile(b, 'cnf');
    await writeFile(cnf, extensionsCnf({eku: leaf.eku}));
    await openssl(['req', '-new', '-key', keyFile, '-subj', leaf.subject, '-config', cnf, '-out', csr]);
    await openssl(['x509', '-req', '-in', csr, '-CA', ca.crt, '-CAkey', ca.key, '-set_serial', '0x1234', '-days', '365', '-out', out]);
  } else {
    const cnf = workFile(b, 'cnf');
    await writeFile(cnf, extensionsCnf({eku: leaf.eku, ...(leaf.san ? {san: leaf.san} : {})}));
    await openssl(['req', '-new', '-x509', '-key', keyFile, '-subj', leaf.subject, '-CA', ca.crt, '-CAkey', ca.key,
      '-days', '365', `-${extra.digest ?? 'sha256'}`, '-config', cnf, '-extensions', 'ext', '-out', out]);
  }
  return readFile(out, 'utf8');
}

/** A certificate with chosen dates, made with `openssl ca -startdate -enddate` (openssl 3.0's x509 cannot set them). */
async function issueDated(b: Builder, leaf: Leaf, keyPem: string, ca: {crt: string; key: string}, dates: Dates): Promise<string> {
  const dir = await mkdtemp(join(b.work, 'ca-'));
  const keyFile = join(dir, 'leaf.key');
  await writeFile(keyFile, keyPem, {mode: 0o600});
  await writeFile(join(dir, 'index.txt'), '');
  await writeFile(join(dir, 'ext.cnf'), extensionsCnf({eku: leaf.eku, ...(leaf.san ? {san: leaf.san} : {})}));
  await writeFile(join(dir, 'ca.cnf'), [
    '[ca]', 'default_ca = own', '[own]', `database = ${join(dir, 'index.txt')}`, `new_certs_dir = ${dir}`,
    'rand_serial = yes', 'default_md = sha256', 'policy = any', 'unique_subject = no', 'email_in_dn = no',
    '[any]', 'commonName = supplied', 'organizationName = optional', '[req]', 'distinguished_name = dn', '[dn]', '',
  ].join('\n'));
  await openssl(['req', '-new', '-key', keyFile, '-subj', leaf.subject, '-config', join(dir, 'ext.cnf'), '-out', join(dir, 'leaf.csr')]);
  await openssl(['ca', '-batch', '-notext', '-preserveDN', '-config', join(dir, 'ca.cnf'), '-cert', ca.crt, '-keyfile', ca.key,
    '-startdate', dates.start, '-enddate', dates.end, '-extfile', join(dir, 'ext.cnf'), '-extensions', 'ext',
    '-in', join(dir, 'leaf.csr'), '-out', join(dir, 'leaf.crt')]);
  return readFile(join(dir, 'leaf.crt'), 'utf8');
}

interface Dates {
  start: string;
  end: string;
}
const EXPIRED: Dates = {start: '20240101000000Z', end: '20250101000000Z'};

const caFiles = (b: Builder, ca: Leaf['ca']) => ({crt: pki(b, `${ca}.crt`), key: pki(b, `${ca}.key`)});
const b64 = (text: string) => Buffer.from(text).toString('base64');

function kubeconfigText(user: string, caPem: string, certPem: string, keyPem: string): string {
  return [
    'apiVersion: v1', 'kind: Config', 'clusters:', '- cluster:', `    certificate-authority-data: ${b64(caPem)}`,
    `    server: https://${NODE.address}:${CLUSTER.port}`, '  name: kubernetes', 'contexts:', '- context:', '    cluster: kubernetes',
    `    user: ${user}`, `  name: ${user}@kubernetes`, `current-context: ${user}@kubernetes`, 'preferences: {}', 'users:',
    `- name: ${user}`, '  user:', `    client-certificate-data: ${b64(certPem)}`, `    client-key-data: ${b64(keyPem)}`, '',
  ].join('\n');
}

const cnOf = (subject: string) => subject.slice(subject.lastIndexOf('/CN=') + 4);

/** Writes one leaf: .crt/.key under pki, or a kubeconfig embedding both. */
async function placeLeaf(b: Builder, leaf: Leaf, certPem: string, keyPem: string): Promise<void> {
  if (leaf.kubeconfig) {
    const caPem = await readFile(caFiles(b, leaf.ca).crt, 'utf8');
    await writeMode(join(b.root, K8S_DIR, leaf.name), kubeconfigText(cnOf(leaf.subject), caPem, certPem, keyPem), 0o600);
  } else {
    await writeMode(pki(b, `${leaf.name}.crt`), certPem, 0o644);
    await writeMode(pki(b, `${leaf.name}.key`), keyPem, 0o600);
  }
}

const P = `/${PKI_DIR}`;
/** The static pod manifests' commands, flag for flag as kubeadm writes them (phases/controlplane, phases/etcd). */
export const MANIFEST_COMMANDS: Record<string, string[]> = {
  'kube-apiserver': [
    'kube-apiserver', `--advertise-address=${NODE.address}`, '--allow-privileged=true', '--authorization-mode=Node,RBAC',
    `--client-ca-file=${P}/ca.crt`, '--enable-admission-plugins=NodeRestriction', '--enable-bootstrap-token-auth=true',
    `--etcd-cafile=${P}/etcd/ca.crt`, `--etcd-certfile=${P}/apiserver-etcd-client.crt`, `--etcd-keyfile=${P}/apiserver-etcd-client.key`,
    '--etcd-servers=https://127.0.0.1:2379', `--kubelet-client-certificate=${P}/apiserver-kubelet-client.crt`,
    `--kubelet-client-key=${P}/apiserver-kubelet-client.key`, '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
    `--proxy-client-cert-file=${P}/front-proxy-client.crt`, `--proxy-client-key-file=${P}/front-proxy-client.key`,
    '--requestheader-allowed-names=front-proxy-client', `--requestheader-client-ca-file=${P}/front-proxy-ca.crt`,
    '--requestheader-extra-headers-prefix=X-Remote-Extra-', '--requestheader-group-headers=X-Remote-Group',
    '--requestheader-username-headers=X-Remote-User', `--secure-port=${CLUSTER.port}`,
    `--service-account-issuer=https://kubernetes.default.svc.${CLUSTER.dnsDomain}`, `--service-account-key-file=${P}/sa.pub`,
    `--service-account-signing-key-file=${P}/sa.key`, `--service-cluster-ip-range=${CLUSTER.serviceSubnet}`,
    `--tls-cert-file=${P}/apiserver.crt`, `--tls-private-key-file=${P}/apiserver.key`,
  ],
  'kube-controller-manager': [
    'kube-controller-manager', '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
    '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf', '--bind-address=127.0.0.1', `--client-ca-file=${P}/ca.crt`,
    '--cluster-name=kubernetes', `--cluster-signing-cert-file=${P}/ca.crt`, `--cluster-signing-key-file=${P}/ca.key`,
    '--controllers=*,bootstrapsigner,tokencleaner', '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--leader-elect=true',
    `--requestheader-client-ca-file=${P}/front-proxy-ca.crt`, `--root-ca-file=${P}/ca.crt`,
    `--service-account-private-key-file=${P}/sa.key`, `--service-cluster-ip-range=${CLUSTER.serviceSubnet}`,
    '--use-service-account-credentials=true',
  ],
  'kube-scheduler': [
    'kube-scheduler', '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf', '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
    '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true',
  ],
  etcd: [
    'etcd', `--advertise-client-urls=https://${NODE.address}:2379`, `--cert-file=${P}/etcd/server.crt`, '--client-cert-auth=true',
    '--data-dir=/var/lib/etcd', '--experimental-initial-corrupt-check=true', '--experimental-watch-progress-notify-interval=5s',
    `--initial-advertise-peer-urls=https://${NODE.address}:2380`, `--initial-cluster=${NODE.name}=https://${NODE.address}:2380`,
    `--key-file=${P}/etcd/server.key`, `--listen-client-urls=https://127.0.0.1:2379,https://${NODE.address}:2379`,
    '--listen-metrics-urls=http://127.0.0.1:2381', `--listen-peer-urls=https://${NODE.address}:2380`, `--name=${NODE.name}`,
    `--peer-cert-file=${P}/etcd/peer.crt`, '--peer-client-cert-auth=true', `--peer-key-file=${P}/etcd/peer.key`,
    `--peer-trusted-ca-file=${P}/etcd/ca.crt`, '--snapshot-count=10000', `--trusted-ca-file=${P}/etcd/ca.crt`,
  ],
};

function manifestText(name: string, command: string[]): string {
  return [
    'apiVersion: v1', 'kind: Pod', 'metadata:', '  labels:', `    component: ${name}`, '    tier: control-plane', `  name: ${name}`,
    '  namespace: kube-system', 'spec:', '  containers:', '  - command:', ...command.map((c) => `    - ${c}`),
    `    image: registry.k8s.io/${name === 'etcd' ? 'etcd:3.5.16-0' : `${name}:v1.32.0`}`, `    name: ${name}`,
    '    volumeMounts:', `    - mountPath: ${P}`, `      name: ${name === 'etcd' ? 'etcd-certs' : 'k8s-certs'}`, '      readOnly: true',
    '  hostNetwork: true', '  volumes:', '  - hostPath:', `      path: ${P}`, '      type: DirectoryOrCreate',
    `    name: ${name === 'etcd' ? 'etcd-certs' : 'k8s-certs'}`, 'status: {}', '',
  ].join('\n');
}

const writeManifest = (root: string, name: string, command: string[]) =>
  writeMode(join(root, K8S_DIR, 'manifests', `${name}.yaml`), manifestText(name, command), 0o600);

/** Builds the tree; returns the spare keys. */
async function buildHealthy(root: string, work: string): Promise<string[]> {
  const b: Builder = {root, work, keys: claimKeys(2048, CAS.length + LEAVES.length + 1 + SPARE_KEYS)};
  let nextKey = SPARE_KEYS;
  const takeKey = () => b.keys[nextKey++]!;
  await Promise.all(CAS.map(async (ca) => {
    const key = takeKey();
    const keyFile = pki(b, `${ca.name}.key`);
    await writeMode(keyFile, key, 0o600);
    const cnf = workFile(b, 'cnf');
    await writeFile(cnf, extensionsCnf({ca: ca.cn}));
    await mkdir(dirname(pki(b, ca.name)), {recursive: true});
    await openssl(['req', '-new', '-x509', '-key', keyFile, '-subj', `/CN=${ca.cn}`, '-days', '3650', '-sha256', '-config', cnf,
      '-extensions', 'ext', '-out', pki(b, `${ca.name}.crt`)]);
    await chmod(pki(b, `${ca.name}.crt`), 0o644);
  }));
  const saKey = takeKey();
  await writeMode(pki(b, 'sa.key'), saKey, 0o600);
  const {stdout: saPub} = await openssl(['pkey', '-pubout'], {input: saKey});
  await writeMode(pki(b, 'sa.pub'), `${String(saPub).trim()}\n`, 0o600);
  await Promise.all(LEAVES.map(async (leaf) => {
    const key = takeKey();
    await placeLeaf(b, leaf, await issue(b, leaf, key, caFiles(b, leaf.ca)), key);
  }));
  await Promise.all(Object.entries(MANIFEST_COMMANDS).map(([name, command]) => writeManifest(root, name, command)));
  await rm(work, {recursive: true, force: true});
  return b.keys.slice(0, SPARE_KEYS);
}

const leaf = (name: string): Leaf => LEAVES.find((l) => l.name === name)!;

/** A fault and what it breaks: `path` is the file (relative to the tree) a finding must name. */
export interface Fault {
  path: string;
  about: string;
  apply: (b: Builder) => Promise<void>;
}

/** Re-issues one leaf with a change, with a spare key (written beside it) unless given another. */
async function reissue(b: Builder, name: string, change: {leaf?: Partial<Leaf>; ca?: Leaf['ca']; digest?: string; noExtensions?: boolean;
  dates?: Dates; key?: string}): Promise<void> {
  const l = {...leaf(name), ...change.leaf};
  const key = change.key ?? b.keys[0]!;
  const ca = caFiles(b, change.ca ?? l.ca);
  const pem = change.dates ? await issueDated(b, l, key, ca, change.dates)
    : await issue(b, l, key, ca, {...(change.digest ? {digest: change.digest} : {}), ...(change.noExtensions ? {noExtensions: true} : {})});
  await placeLeaf(b, l, pem, key);
}

async function editManifest(b: Builder, name: string, from: string, to: string): Promise<void> {
  const path = join(b.root, K8S_DIR, 'manifests', `${name}.yaml`);
  const text = await readFile(path, 'utf8');
  if (!text.includes(from)) throw new Error(`fixture: ${from} not in ${name}.yaml`);
  await writeFile(path, text.replace(from, to));
}

export const FAULTS = {
  'missing-san': {path: `${PKI_DIR}/apiserver.crt`, about: `apiserver.crt without IP:${CLUSTER.serviceIp}`,
    apply: (b) => reissue(b, 'apiserver', {leaf: {san: apiserverSans([`IP:${CLUSTER.serviceIp}`])}})},
  expired: {path: `${PKI_DIR}/apiserver-kubelet-client.crt`, about: 'apiserver-kubelet-client.crt expired on 2025-01-01',
    apply: (b) => reissue(b, 'apiserver-kubelet-client', {dates: EXPIRED})},
  'not-yet-valid': {path: `${PKI_DIR}/front-proxy-client.crt`, about: 'front-proxy-client.crt valid from 2099 on',
    apply: (b) => reissue(b, 'front-proxy-client', {dates: {start: '20990101000000Z', end: '20991231000000Z'}})},
  'outlives-ca': {path: `${PKI_DIR}/etcd/peer.crt`, about: 'etcd/peer.crt valid until 2090, long after the 10-year etcd CA',
    apply: (b) => reissue(b, 'etcd/peer', {dates: {start: '20240101000000Z', end: '20900101000000Z'}})},
  'wrong-ca': {path: `${PKI_DIR}/apiserver-etcd-client.crt`, about: 'apiserver-etcd-client.crt signed by the cluster CA instead of the etcd CA',
    apply: (b) => reissue(b, 'apiserver-etcd-client', {ca: 'ca'})},
  'key-mismatch': {path: `${PKI_DIR}/apiserver.key`, about: 'apiserver.key replaced by another key',
    apply: async (b) => writeMode(pki(b, 'apiserver.key'), b.keys[0]!, 0o600)},
  v1: {path: `${PKI_DIR}/front-proxy-client.crt`, about: 'front-proxy-client.crt made by `x509 -req` without extensions (v1)',
    apply: (b) => reissue(b, 'front-proxy-client', {noExtensions: true})},
  sha1: {path: `${PKI_DIR}/etcd/healthcheck-client.crt`, about: 'etcd/healthcheck-client.crt signed with SHA-1',
    apply: (b) => reissue(b, 'etcd/healthcheck-client', {digest: 'sha1'})},
  'manifest-typo': {path: `${K8S_DIR}/manifests/kube-apiserver.yaml`, about: '--tls-cert-file names apiserve.crt',
    apply: (b) => editManifest(b, 'kube-apiserver', `--tls-cert-file=${P}/apiserver.crt`, `--tls-cert-file=${P}/apiserve.crt`)},
  'kubelet-group': {path: `${K8S_DIR}/kubelet.conf`, about: 'kubelet.conf client certificate in O=system:node instead of system:nodes',
    apply: (b) => reissue(b, 'kubelet.conf', {leaf: {subject: `/O=system:node/CN=system:node:${NODE.name}`}})},
  'etcd-cafile': {path: `${K8S_DIR}/manifests/kube-apiserver.yaml`, about: '--etcd-cafile names the cluster CA',
    apply: (b) => editManifest(b, 'kube-apiserver', `--etcd-cafile=${P}/etcd/ca.crt`, `--etcd-cafile=${P}/ca.crt`)},
  'key-mode': {path: `${PKI_DIR}/sa.key`, about: 'sa.key readable by everyone (0644)',
    apply: (b) => chmod(pki(b, 'sa.key'), 0o644)},
  'weak-key': {path: `${PKI_DIR}/front-proxy-client.crt`, about: 'front-proxy-client with a 1024-bit RSA key',
    apply: async (b) => {
      const {stdout} = await openssl(['genrsa', '1024']);
      await reissue(b, 'front-proxy-client', {key: `${String(stdout).trim()}\n`});
    }},
  'masters-admin': {path: `${K8S_DIR}/admin.conf`, about: 'admin.conf in system:masters (kubeadm before 1.29)',
    apply: (b) => reissue(b, 'admin.conf', {leaf: {subject: '/O=system:masters/CN=kubernetes-admin'}})},
} satisfies Record<string, Fault>;

export type FaultName = keyof typeof FAULTS;

let base: Promise<{dir: string; spare: string[]}> | undefined;
const made: string[] = [];

/** The healthy tree's root folder (holds etc/kubernetes); built once per test file, treat it as read-only. */
export function healthyTree(): Promise<string> {
  base ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kubepki-openssl-tree-'));
    made.push(dir);
    await mkdir(join(dir, 'work'));
    const spare = await buildHealthy(join(dir, 'node'), join(dir, 'work'));
    return {dir, spare};
  })();
  return base.then(({dir}) => join(dir, 'node'));
}

/** A fresh copy of the healthy tree with one fault applied; its root folder (holds etc/kubernetes). */
export async function faultyTree(fault: FaultName): Promise<string> {
  const healthy = await healthyTree();
  const {spare} = await base!;
  const dir = await mkdtemp(join(tmpdir(), `kubepki-openssl-${fault}-`));
  made.push(dir);
  const root = join(dir, 'node');
  await cp(healthy, root, {recursive: true, preserveTimestamps: true});
  await mkdir(join(dir, 'work'));
  const b: Builder = {root, work: join(dir, 'work'), keys: spare};
  await FAULTS[fault].apply(b);
  await rm(b.work, {recursive: true, force: true});
  return root;
}

/** Removes every tree this test file made (call in afterAll). */
export async function removeTrees(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, {recursive: true, force: true})));
  base = undefined;
}
