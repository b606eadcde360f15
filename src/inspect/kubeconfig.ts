// A kubeconfig read for people: per context, the server, the CA it trusts and the client certificate's user and
// groups, each embedded (…-data) or in a referenced file. The client key is described, never shown.

import {certMatchesKey} from '../x509/profile.js';
import {summariseCertificate} from './certificate.js';
import type {InspectContext} from './context.js';
import {summariseKey} from './key.js';
import {pemBlocks, recognise} from './recognise.js';
import type {CertificateSummary, KubeconfigContext, KubeconfigSummary, Material} from './report.js';
import {shellWord} from './certificate.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);

interface Field {
  /** `users[0].user` */
  at: string;
  data: string;
  file: string;
}

/** Decodes `…-data` (base64 of a PEM file) without trusting it. */
function decode(b64: string): {bytes: Buffer; text: string} | undefined {
  const clean = b64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return undefined;
  const bytes = Buffer.from(clean, 'base64');
  return {bytes, text: bytes.toString('utf8')};
}

async function material(entry: Obj, f: Field, path: string, ctx: InspectContext, want: 'certificate' | 'private-key'): Promise<Material | undefined> {
  const data = str(entry[f.data]);
  const file = str(entry[f.file]);
  if (data !== undefined) {
    const decoded = decode(data);
    const out: Material = {source: 'embedded', field: `${f.at}.${f.data}`};
    const content = decoded && recognise(decoded.bytes, decoded.text);
    if (!content || content.kind !== want) {
      out.problem = `${f.data} does not hold ${want === 'certificate' ? 'a certificate' : 'a private key'}`;
      return out;
    }
    if (content.kind === 'certificate') {
      // The command a learner types to see the same certificate: pull the field out, decode it, read it.
      const pipe = `kubectl config view --raw --kubeconfig ${shellWord(path)} -o jsonpath='{.${f.at}.${f.data}}' | base64 -d`;
      out.certificates = content.certificates.map((c, index) => summariseCertificate(c, {now: ctx.now, source: index === 0 ? {pipe} : {}, path}));
    } else if (content.kind === 'private-key') out.key = summariseKey(content.key);
    return out;
  }
  if (file !== undefined) {
    const ref = await ctx.ref(file, path, want);
    const out: Material = {source: 'file', ref};
    if (ref.file?.kind === 'certificate') out.certificates = ref.file.certificates;
    if (ref.file?.kind === 'private-key' || (want === 'private-key' && ref.file?.kind === 'certificate')) out.key = ref.file.key;
    if (want === 'private-key') delete out.certificates;
    return out;
  }
  return undefined;
}

const pemsOf = (certs: CertificateSummary[] | undefined) => certs?.[0]?.pem;

/** The embedded or referenced key's PEM, only to test it against the certificate; it is never returned. */
function keyPem(user: Obj): string | undefined {
  const data = str(user['client-key-data']);
  const decoded = data === undefined ? undefined : decode(data);
  return decoded && pemBlocks(decoded.text)[0]?.text;
}

export async function summariseKubeconfig(doc: Obj, path: string, ctx: InspectContext): Promise<KubeconfigSummary> {
  const clusters = list(doc.clusters);
  const users = list(doc.users);
  const current = str(doc['current-context']);
  let contexts = list(doc.contexts).map((c) => ({name: str(c.name) ?? '', cluster: str(obj(c.context).cluster), user: str(obj(c.context).user)}));
  // A kubeconfig without contexts still pairs its users with its (first) cluster for kubectl --user.
  if (contexts.length === 0) contexts = users.map((u) => ({name: '', cluster: str(clusters[0]?.name), user: str(u.name)}));
  const out: KubeconfigSummary = {contexts: []};
  if (current !== undefined) out.currentContext = current;
  for (const c of contexts) {
    const ci = clusters.findIndex((x) => str(x.name) === c.cluster);
    const ui = users.findIndex((x) => str(x.name) === c.user);
    const cluster = obj(clusters[ci]?.cluster);
    const user = obj(users[ui]?.user);
    const entry: KubeconfigContext = {
      name: c.name,
      current: c.name !== '' && c.name === current,
      cluster: {name: c.cluster ?? ''},
      user: {name: c.user ?? ''},
    };
    const server = str(cluster.server);
    if (server !== undefined) entry.cluster.server = server;
    if (cluster['insecure-skip-tls-verify'] === true) entry.cluster.insecure = true;
    if (ci >= 0) {
      const ca = await material(cluster, {at: `clusters[${ci}].cluster`, data: 'certificate-authority-data', file: 'certificate-authority'}, path, ctx, 'certificate');
      if (ca) entry.cluster.ca = ca;
    }
    if (ui >= 0) {
      const at = `users[${ui}].user`;
      const cert = await material(user, {at, data: 'client-certificate-data', file: 'client-certificate'}, path, ctx, 'certificate');
      const key = await material(user, {at, data: 'client-key-data', file: 'client-key'}, path, ctx, 'private-key');
      if (cert) entry.user.cert = cert;
      if (key) entry.user.key = key;
      const certPem = pemsOf(cert?.certificates);
      const embeddedKey = keyPem(user);
      if (certPem && embeddedKey) entry.user.keyMatchesCert = safeMatch(certPem, embeddedKey);
      else if (cert?.certificates?.[0] && key?.key?.publicKeySha256) entry.user.keyMatchesCert = cert.certificates[0].key.publicKeySha256 === key.key.publicKeySha256;
      const other = ['token', 'tokenFile', 'exec', 'auth-provider', 'username'].filter((k) => user[k] !== undefined);
      if (other.length > 0) entry.user.other = other.join(', ');
    }
    out.contexts.push(entry);
  }
  return out;
}

function safeMatch(certPem: string, keyPemText: string): boolean {
  try {
    return certMatchesKey(certPem, keyPemText);
  } catch {
    return false;
  }
}
