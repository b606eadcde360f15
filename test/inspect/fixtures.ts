// Files for the inspect tests, made with openssl alone (pool RSA keys, EC keys from openssl ecparam): two CAs,
// leaves of several roles, an EC certificate, DER, a bundle, a CSR, keys in every format, kubeconfigs and manifests.

import {mkdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {poolKeys} from '../support/key-pool.js';
import {openssl} from '../support/openssl.js';

export interface LeafOptions {
  subj: string;
  eku?: string;
  sans?: string;
  issuer?: 'ca' | 'etcd-ca';
}

export interface Fixture {
  dir: string;
  /** Writes `text` to `rel` inside the fixture folder (folders made as needed); returns the path. */
  write: (rel: string, text: string | Uint8Array, mode?: number) => Promise<string>;
  /** A pool key in PKCS#1 PEM, written at `rel`. */
  key: (rel: string) => Promise<string>;
  /** A certificate for `keyRel`'s key signed by the cluster CA (or the etcd CA), at `rel`. */
  leaf: (rel: string, keyRel: string, opts: LeafOptions) => Promise<string>;
}

const EXT_HEAD = ['basicConstraints = critical, CA:FALSE', 'keyUsage = critical, digitalSignature, keyEncipherment', 'authorityKeyIdentifier = keyid'];

/** A folder with ca.crt/ca.key and etcd/ca.crt/etcd/ca.key (kubeadm's CNs) and helpers to add more. */
export async function opensslFixture(dir: string): Promise<Fixture> {
  const keys = [...(await poolKeys(Array.from({length: 16}, (_, i) => ({id: `k${i}`, alg: 'RSA-2048' as const})))).values()];
  let next = 0;
  const write = async (rel: string, text: string | Uint8Array, mode = 0o644) => {
    const path = join(dir, rel);
    await mkdir(join(path, '..'), {recursive: true});
    await writeFile(path, text, {mode});
    return path;
  };
  const key = (rel: string) => write(rel, keys[next++ % keys.length]!.privateKeyPem, 0o600);
  const ca = async (stem: string, cn: string) => {
    const keyPath = await key(`${stem}.key`);
    await openssl(['req', '-x509', '-new', '-key', keyPath, '-subj', `/CN=${cn}`, '-days', '3650', '-out', join(dir, `${stem}.crt`),
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign',
      '-addext', `subjectAltName=DNS:${cn}`]);
  };
  await ca('ca', 'kubernetes');
  await ca('etcd/ca', 'etcd-ca');
  const leaf = async (rel: string, keyRel: string, opts: LeafOptions) => {
    const issuer = opts.issuer === 'etcd-ca' ? 'etcd/ca' : 'ca';
    const ext = [...EXT_HEAD, ...(opts.eku ? [`extendedKeyUsage = ${opts.eku}`] : []), ...(opts.sans ? [`subjectAltName = ${opts.sans}`] : [])];
    const extFile = await write(`${rel}.ext`, `${ext.join('\n')}\n`);
    const csr = join(dir, `${rel}.csr`);
    await openssl(['req', '-new', '-key', join(dir, keyRel), '-subj', opts.subj, '-out', csr]);
    await openssl(['x509', '-req', '-in', csr, '-CA', join(dir, `${issuer}.crt`), '-CAkey', join(dir, `${issuer}.key`), '-set_serial', `0x${Date.now().toString(16)}${next}`,
      '-days', '365', '-sha256', '-extfile', extFile, '-out', join(dir, rel)]);
    return join(dir, rel);
  };
  return {dir, write, key, leaf};
}

/** A kubeconfig as kubeadm writes it, its CA and client certificate embedded or named by path. */
export function kubeconfigText(opts: {server: string; user: string; ca: {data?: string; file?: string}; cert: {data?: string; file?: string}; key: {data?: string; file?: string}}): string {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const field = (name: string, m: {data?: string; file?: string}) =>
    m.data !== undefined ? `${name}-data: ${b64(m.data)}` : `${name}: ${m.file}`;
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- cluster:',
    `    ${opts.ca.data !== undefined ? `certificate-authority-data: ${b64(opts.ca.data)}` : `certificate-authority: ${opts.ca.file}`}`,
    `    server: ${opts.server}`,
    '  name: kubernetes',
    'contexts:',
    '- context:',
    '    cluster: kubernetes',
    `    user: ${opts.user}`,
    `  name: ${opts.user}@kubernetes`,
    `current-context: ${opts.user}@kubernetes`,
    'users:',
    `- name: ${opts.user}`,
    '  user:',
    `    ${field('client-certificate', opts.cert)}`,
    `    ${field('client-key', opts.key)}`,
    '',
  ].join('\n');
}

/** A static pod manifest running `component` with `flags` (`--name=value` each), as kubeadm writes them. */
export function manifestText(component: string, flags: Record<string, string>): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${component}`,
    '  namespace: kube-system',
    'spec:',
    '  containers:',
    '  - command:',
    `    - ${component}`,
    ...Object.entries(flags).map(([k, v]) => `    - ${k}=${v}`),
    `    image: registry.k8s.io/${component}:v1.32.0`,
    `    name: ${component}`,
    '',
  ].join('\n');
}
