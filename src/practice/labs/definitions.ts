// The labs, each a task on a generated node tree and a check that grades it item by item. Expected values are
// read from the tree at check time (the lab CA, the old SANs) or were recorded when the lab was made.

import {createPrivateKey, createPublicKey} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {parse as parseYaml} from 'yaml';
import {manifestFlag} from '../../kube/manifest-flags.js';
import {FILE_FLAGS} from '../../pki/components.js';
import {MANIFESTS_PATH} from '../../pki/config-files.js';
import {APISERVER_CN, NODES_GROUP, nodeUser} from '../../plan/identities.js';
import {readCsr} from '../../x509/csr.js';
import {CLIENT_AUTH_USAGE, KUBE_APISERVER_CLIENT_SIGNER} from '../../people/csr-manifest.js';
import {issuerCnOf} from '../lab.js';
import {judgeDate, judgeExact, judgePath, judgeSet} from '../judge.js';
import {expireOne, type Expired} from './expire.js';
import {gradeCert, item, nodeFile, readCertFile} from './grade.js';
import {gradeKubeconfig} from './kubeconfig-check.js';
import {etcdClient} from './etcd-lab.js';
import {fixApiserverManifest} from './manifest-lab.js';
import type {CheckItem, LabDefinition, LabState} from './types.js';

const CA = nodeFile('ca');
const CA_KEY = nodeFile('ca', 'key');
const CLUSTER_CA_TRUST = 'the API server trusts ca.crt for clients, not the etcd CA';
const ON_NODE = (path: string) => `/${path}`;

const createUser: LabDefinition = {
  id: 'create-user',
  title: 'Create a user certificate and kubeconfig',
  summary: 'john in developers: key, CSR, certificate signed by the lab CA, kubeconfig (or a CertificateSigningRequest)',
  prepare: async () => ({user: 'john', group: 'developers'}),
  task: (s) => [
    `Create credentials for the user **john** in the group **developers**, signed by the lab's cluster CA`,
    `(\`${CA}\` and \`${CA_KEY}\`), in this folder:`,
    '',
    '- `john.key`: a new private key (RSA 2048 or ECDSA P-256)',
    '- `john.csr`: a certificate signing request with CN=john and O=developers',
    '- `john.crt`: the certificate, signed by the lab CA, valid for client authentication (extendedKeyUsage clientAuth)',
    `- \`john.kubeconfig\`: a kubeconfig whose current context uses john's certificate and key and a cluster at \`${s.server}\` that trusts the lab CA`,
    '',
    'The exam way is also accepted instead of `john.crt` and the kubeconfig: `john-csr.yaml`, a CertificateSigningRequest',
    '(certificates.k8s.io/v1, signerName kubernetes.io/kube-apiserver-client, usages [client auth]) whose request is `john.csr`.',
  ].join('\n'),
  check: async (dir, s, now) => {
    const user = String(s.facts.user);
    const group = String(s.facts.group);
    const items: CheckItem[] = [...(await gradeCsr(dir, `${user}.csr`, `${user}.key`, user, [group]))];
    const yaml = await readFile(join(dir, `${user}-csr.yaml`), 'utf8').catch(() => undefined);
    const crt = await readFile(join(dir, `${user}.crt`), 'utf8').catch(() => undefined);
    if (yaml !== undefined && crt === undefined) return [...items, ...(await gradeCsrObject(dir, `${user}-csr.yaml`, `${user}.csr`))];
    items.push(...(await gradeCert(dir, {file: `${user}.crt`, key: `${user}.key`, ca: CA, cn: user, groups: [group], eku: ['clientAuth'], trustNote: CLUSTER_CA_TRUST}, now)));
    items.push(...(await gradeKubeconfig(dir, `${user}.kubeconfig`, {server: s.server, caFile: CA, certFile: `${user}.crt`, keyFile: `${user}.key`, user})));
    return items;
  },
};

async function gradeCsr(dir: string, file: string, keyFile: string, cn: string, groups: string[]): Promise<CheckItem[]> {
  const pem = await readFile(join(dir, file), 'utf8').catch(() => undefined);
  if (pem === undefined) return [item(`${file}:exists`, false, `${file} is missing: openssl req -new -key ${keyFile} -subj "/CN=${cn}${groups.map((g) => `/O=${g}`).join('')}" -out ${file}`)];
  let csr;
  try {
    csr = readCsr(pem);
  } catch (error) {
    return [item(`${file}:exists`, false, `${file} is not a PEM certificate request (${(error as Error).message})`)];
  }
  const gotCn = csr.subject.find((a) => a.type === 'CN')?.value ?? '';
  const gotO = csr.subject.filter((a) => a.type === 'O').map((a) => a.value);
  const items = [
    item(`${file}:signature`, csr.signatureValid, csr.signatureValid ? 'the request is signed by its key' : 'the request’s signature does not verify'),
    subjectItem(file, {cn, groups}, {cn: gotCn, groups: gotO}),
  ];
  const keyPem = await readFile(join(dir, keyFile), 'utf8').catch(() => undefined);
  let matches = false;
  try {
    matches = keyPem !== undefined && createPublicKey(createPrivateKey(keyPem)).export({type: 'spki', format: 'der'}).equals(csr.publicKey.export({type: 'spki', format: 'der'}));
  } catch {
    matches = false;
  }
  items.push(item(`${file}:key`, matches, matches ? `made from ${keyFile}` : `${file} was not made from ${keyFile}`));
  return items;
}

function subjectItem(file: string, want: {cn: string; groups: string[]}, got: {cn: string; groups: string[]}): CheckItem {
  const text = (x: {cn: string; groups: string[]}) => `CN=${x.cn}${x.groups.map((g) => `, O=${g}`).join('')}`;
  const ok = got.cn === want.cn && judgeSet(want.groups, 'groups')(got.groups.join(',')).right;
  return item(`${file}:subject`, ok, ok ? `subject ${text(got)}` : `subject must be ${text(want)}, found ${text(got)}`);
}

async function gradeCsrObject(dir: string, file: string, csrFile: string): Promise<CheckItem[]> {
  let doc: {apiVersion?: string; kind?: string; spec?: {request?: string; signerName?: string; usages?: string[]}};
  try {
    doc = parseYaml(await readFile(join(dir, file), 'utf8')) ?? {};
  } catch (error) {
    return [item(`${file}:yaml`, false, `${file} is not YAML: ${(error as Error).message.split('\n')[0]}`)];
  }
  const csrPem = await readFile(join(dir, csrFile), 'utf8').catch(() => '');
  const request = doc.spec?.request ?? '';
  const decoded = Buffer.from(request, 'base64').toString('utf8');
  return [
    item(`${file}:kind`, doc.apiVersion === 'certificates.k8s.io/v1' && doc.kind === 'CertificateSigningRequest', 'apiVersion certificates.k8s.io/v1, kind CertificateSigningRequest'),
    item(`${file}:signer`, doc.spec?.signerName === KUBE_APISERVER_CLIENT_SIGNER, `signerName must be ${KUBE_APISERVER_CLIENT_SIGNER}, found ${doc.spec?.signerName ?? 'none'}`),
    item(`${file}:usages`, Boolean(doc.spec?.usages?.includes(CLIENT_AUTH_USAGE)), `usages must include "${CLIENT_AUTH_USAGE}"`),
    item(`${file}:request`, /\n/.test(request.trim()) ? false : decoded.trim() === csrPem.trim() && csrPem !== '',
      /\n/.test(request.trim()) ? 'spec.request must be one line: base64 < john.csr | tr -d "\\n"' : `spec.request must be the base64 of ${csrFile}`),
  ];
}

const kubeletClient: LabDefinition = {
  id: 'kubelet-client-cert',
  title: 'A kubelet client certificate',
  summary: 'node01’s kubelet client identity, signed by the lab CA',
  prepare: async () => ({node: 'node01'}),
  task: (s) => [
    `A new worker **${String(s.facts.node)}** joins. Create its kubelet's client certificate, signed by the lab's cluster CA`,
    `(\`${CA}\`, \`${CA_KEY}\`), so that the Node authorizer accepts it:`,
    '',
    `- \`${String(s.facts.node)}.key\`: its private key`,
    `- \`${String(s.facts.node)}.crt\`: the certificate, valid for client authentication`,
  ].join('\n'),
  check: async (dir, s, now) => {
    const node = String(s.facts.node);
    return gradeCert(dir, {file: `${node}.crt`, key: `${node}.key`, ca: CA, cn: nodeUser(node), groups: [NODES_GROUP], eku: ['clientAuth'], trustNote: CLUSTER_CA_TRUST}, now);
  },
};

const apiserverSans: LabDefinition = {
  id: 'apiserver-sans',
  title: 'Add a load balancer to the API server certificate',
  summary: 'a new DNS name and IP added to apiserver.crt, re-issued by the lab CA, every old SAN kept',
  prepare: async (ctx) => {
    const old = await readCertFile(ctx.dir, nodeFile('apiserver'));
    if (typeof old === 'string') throw new Error(old);
    const dns = `${ctx.rng.pick(['api', 'k8s', 'kube-lb', 'cp-vip'])}.${ctx.rng.pick(['lab.internal', 'example.org', 'corp.local'])}`;
    const ip = `10.${10 + ctx.rng.int(200)}.${ctx.rng.int(250)}.${10 + ctx.rng.int(200)}`;
    return {dns, ip, oldSans: [...(old.profile.san?.dns ?? []), ...(old.profile.san?.ips ?? [])]};
  },
  task: (s) => [
    `A load balancer now fronts the API servers as **${String(s.facts.dns)}** (**${String(s.facts.ip)}**).`,
    `Re-issue \`${nodeFile('apiserver')}\` with the lab CA (\`${CA}\`, \`${CA_KEY}\`) so it is also valid for both,`,
    `keeping every name it has now and its key \`${nodeFile('apiserver', 'key')}\`.`,
  ].join('\n'),
  check: async (dir, s, now) => gradeCert(dir, {
    file: nodeFile('apiserver'), key: nodeFile('apiserver', 'key'), ca: CA, cn: APISERVER_CN, eku: ['serverAuth'],
    sans: [...(s.facts.oldSans as string[]), String(s.facts.dns), String(s.facts.ip)], trustNote: 'clients trust ca.crt for the API server',
  }, now),
};

const expiredCertificate: LabDefinition = {
  id: 'expired-certificate',
  title: 'Renew an expired certificate',
  summary: 'one certificate under etc/kubernetes/pki has expired: find it and renew it in place',
  prepare: async (ctx) => ({...(await expireOne(ctx.dir, ctx.rng, ctx.now))}),
  task: () => [
    `One certificate in \`etc/kubernetes/pki\` has expired and the control plane is failing.`,
    'Find it and renew it **in place** with the CA that signed it (same subject, same SANs, same usages, same key),',
    'valid for at least 30 days.',
  ].join('\n'),
  check: async (dir, s, now) => {
    const e = s.facts as unknown as Expired;
    const items = await gradeCert(dir, {
      file: e.file, key: e.file.replace(/\.crt$/, '.key'), ca: e.ca, cn: e.cn, groups: e.groups,
      eku: e.eku as ('serverAuth' | 'clientAuth')[], sans: e.sans, minValidDays: 30,
      trustNote: `${e.file} must be signed by ${e.ca}, the CA its peers trust for it`,
    }, now);
    const read = await readCertFile(dir, e.file);
    if (typeof read !== 'string' && e.sans.length) {
      const have = [...(read.profile.san?.dns ?? []), ...(read.profile.san?.ips ?? [])];
      const extra = have.filter((x) => !e.sans.includes(x));
      if (extra.length) items.push(item(`${e.file}:same-sans`, false, `renew keeps the SANs as they were; these are new: ${extra.join(', ')}`));
    }
    return items;
  },
};

/** The file kube-apiserver trusts for etcd, as the tree's manifest says it (or kubeadm's path when there is none). */
async function apiserverEtcdCa(dir: string): Promise<string> {
  const manifest = await readFile(join(dir, MANIFESTS_PATH, 'kube-apiserver.yaml'), 'utf8').catch(() => undefined);
  const flag = FILE_FLAGS.find((f) => f.component === 'kube-apiserver' && f.flag === '--etcd-cafile')!;
  const fromManifest = manifest ? manifestFlag(manifest, flag.flag) : undefined;
  return fromManifest ?? ON_NODE(nodeFile(flag.source as 'etcd-ca'));
}

const viewDetails: LabDefinition = {
  id: 'view-certificate-details',
  title: 'View certificate details',
  summary: 'read the lab’s certificates and write what you find to answers.yaml',
  prepare: async (ctx) => ({expired: (await expireOne(ctx.dir, ctx.rng, ctx.now)).file}),
  task: () => [
    'Read the certificates of this control-plane node (the folder is its `/`) and write `answers.yaml` here with these keys:',
    '',
    '```yaml',
    `apiserver_issuer_cn: ""        # the CN of the issuer of /${nodeFile('apiserver')}`,
    `apiserver_sans: []             # every DNS name and IP in its subjectAltName`,
    `etcd_server_not_after: ""      # when /${nodeFile('etcd-server')} expires (as openssl prints it, or ISO 8601)`,
    'apiserver_etcd_ca: ""          # the file kube-apiserver trusts for etcd (its --etcd-cafile), as a node path',
    'expired_certificate: ""        # the node path of the certificate under /etc/kubernetes/pki that has expired',
    '```',
  ].join('\n'),
  check: async (dir, s) => {
    const raw = await readFile(join(dir, 'answers.yaml'), 'utf8').catch(() => undefined);
    if (raw === undefined) return [item('answers.yaml', false, 'answers.yaml is missing')];
    let answers: Record<string, unknown>;
    try {
      answers = (parseYaml(raw) ?? {}) as Record<string, unknown>;
    } catch (error) {
      return [item('answers.yaml', false, `answers.yaml is not YAML: ${(error as Error).message.split('\n')[0]}`)];
    }
    const api = await readCertFile(dir, nodeFile('apiserver'));
    const etcd = await readCertFile(dir, nodeFile('etcd-server'));
    if (typeof api === 'string' || typeof etcd === 'string') return [item('tree', false, 'the lab’s certificates were changed or removed; make the lab again')];
    const text = (k: string) => (Array.isArray(answers[k]) ? (answers[k] as unknown[]).join(',') : String(answers[k] ?? ''));
    const judged = (key: string, verdict: {right: boolean; feedback?: string}, right: string): CheckItem =>
      item(key, verdict.right, verdict.right ? `${key}: right` : `${key}: ${verdict.feedback ?? 'not right'} (it is ${right})`);
    const sans = [...(api.profile.san?.dns ?? []), ...(api.profile.san?.ips ?? [])];
    const etcdCa = await apiserverEtcdCa(dir);
    const expired = ON_NODE(String(s.facts.expired));
    return [
      judged('apiserver_issuer_cn', judgeExact(issuerCnOf(api.profile))(text('apiserver_issuer_cn')), issuerCnOf(api.profile)),
      judged('apiserver_sans', judgeSet(sans, 'SANs', true)(text('apiserver_sans')), sans.join(', ')),
      judged('etcd_server_not_after', judgeDate(etcd.profile.notAfter)(text('etcd_server_not_after')), etcd.profile.notAfter.toISOString()),
      judged('apiserver_etcd_ca', judgePath(etcdCa)(text('apiserver_etcd_ca')), etcdCa),
      judged('expired_certificate', judgePath(expired)(text('expired_certificate')), expired),
    ];
  },
};

export const LABS: readonly LabDefinition[] = [viewDetails, createUser, kubeletClient, apiserverSans, fixApiserverManifest, expiredCertificate, etcdClient];

export function labById(id: string): LabDefinition | undefined {
  return LABS.find((l) => l.id === id);
}

export type {LabState};
