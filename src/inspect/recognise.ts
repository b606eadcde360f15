// What a file holds, by content: PEM blocks by label, DER by structure, YAML by its `kind`. The file name only
// says what the file claims to be, so a `.crt` holding a key is caught. Nothing here prints key material.

import {createPrivateKey, createPublicKey, X509Certificate, type KeyObject} from 'node:crypto';
import {parseAllDocuments} from 'yaml';
import {pemToDer} from '../x509/pem.js';
import {decodePrivateKey, PRIVATE_KEY_FORMATS} from '../x509/private-key.js';
import {childrenOf, parseDer, TAG} from '../x509/der.js';
import {looksLikeCsr} from './csr.js';
import type {FileKind, KeySummary} from './report.js';

export interface PemBlock {
  label: string;
  /** The block's own text, BEGIN to END line. */
  text: string;
}

const BEGIN = '-----BEGIN ';
const DASHES = '-----';

/** Every PEM block in order, found by linear scans (no backtracking regex over untrusted text). */
export function pemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (let at = text.indexOf(BEGIN); at >= 0; at = text.indexOf(BEGIN, at + 1)) {
    const labelEnd = text.indexOf(DASHES, at + BEGIN.length);
    if (labelEnd < 0) break;
    const label = text.slice(at + BEGIN.length, labelEnd);
    if (!/^[A-Z0-9 ]{1,40}$/.test(label)) continue;
    const end = `-----END ${label}-----`;
    const stop = text.indexOf(end, labelEnd);
    if (stop < 0) break;
    out.push({label, text: text.slice(at, stop + end.length)});
    at = stop;
  }
  return out;
}

export interface ParsedKey {
  kind: 'private-key' | 'public-key';
  format: KeySummary['format'];
  encrypted: boolean;
  /** What the label says when the key cannot be read (encrypted): `RSA`, `EC`, `unknown`. */
  labelAlgorithm: string;
  key?: KeyObject;
}

/** PEM labels of keys: what each holds and in which format. */
const KEY_LABELS: Readonly<Record<string, Omit<ParsedKey, 'encrypted' | 'key'>>> = {
  'RSA PRIVATE KEY': {kind: 'private-key', format: PRIVATE_KEY_FORMATS['RSA PRIVATE KEY'], labelAlgorithm: 'RSA'},
  'EC PRIVATE KEY': {kind: 'private-key', format: PRIVATE_KEY_FORMATS['EC PRIVATE KEY'], labelAlgorithm: 'EC'},
  'PRIVATE KEY': {kind: 'private-key', format: PRIVATE_KEY_FORMATS['PRIVATE KEY'], labelAlgorithm: 'unknown'},
  'ENCRYPTED PRIVATE KEY': {kind: 'private-key', format: 'pkcs8', labelAlgorithm: 'unknown'},
  'PUBLIC KEY': {kind: 'public-key', format: 'spki', labelAlgorithm: 'unknown'},
  'RSA PUBLIC KEY': {kind: 'public-key', format: 'pkcs1', labelAlgorithm: 'RSA'},
};
const CERT_LABELS = new Set(['CERTIFICATE', 'TRUSTED CERTIFICATE', 'X509 CERTIFICATE']);
const CSR_LABELS = new Set(['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST']);
/** `openssl ecparam -genkey` writes the curve's parameters before the key: not a thing of its own. */
const IGNORED_LABELS = new Set(['EC PARAMETERS']);

function pemKey(block: PemBlock): ParsedKey {
  const shape = KEY_LABELS[block.label]!;
  // An encrypted key is never opened: components cannot read one, and inspecting must not prompt.
  const encrypted = block.label === 'ENCRYPTED PRIVATE KEY' || /^Proc-Type: 4,ENCRYPTED/m.test(block.text);
  if (encrypted) return {...shape, encrypted};
  const key = shape.kind === 'private-key' ? decodePrivateKey(block.text, block.label) : createPublicKey(block.text);
  return {...shape, encrypted, key};
}

export type Content =
  | {kind: 'certificate'; format: 'pem' | 'der'; certificates: (string | Uint8Array)[]; otherBlocks: string[]; key?: ParsedKey}
  | {kind: 'csr'; format: 'pem' | 'der'; der: Uint8Array}
  | {kind: 'private-key' | 'public-key'; format: 'pem' | 'der'; key: ParsedKey}
  | {kind: 'kubeconfig' | 'manifest' | 'kubelet-config'; doc: Record<string, unknown>}
  | {kind: 'unknown'; note: string};

function fromPem(blocks: PemBlock[]): Content {
  const labels = blocks.map((b) => b.label).filter((l) => !IGNORED_LABELS.has(l));
  const certs = blocks.filter((b) => CERT_LABELS.has(b.label));
  if (certs.length > 0) {
    // The kubelet's rotated kubelet-client-current.pem holds its certificate and its key in one file.
    const keyBlock = blocks.find((b) => KEY_LABELS[b.label]?.kind === 'private-key');
    return {kind: 'certificate', format: 'pem', certificates: certs.map((b) => b.text), otherBlocks: labels.filter((l) => !CERT_LABELS.has(l)),
      ...(keyBlock ? {key: pemKey(keyBlock)} : {})};
  }
  const csr = blocks.find((b) => CSR_LABELS.has(b.label));
  if (csr) return {kind: 'csr', format: 'pem', der: pemToDer(csr.text, csr.label)};
  const key = blocks.find((b) => KEY_LABELS[b.label]);
  if (key) {
    const parsed = pemKey(key);
    return {kind: parsed.kind, format: 'pem', key: parsed};
  }
  return {kind: 'unknown', note: `PEM block(s) ${labels.join(', ')} that inspect does not read`};
}

const DER_PRIVATE: ('pkcs8' | 'pkcs1' | 'sec1')[] = ['pkcs8', 'pkcs1', 'sec1'];
const DER_PUBLIC: ('spki' | 'pkcs1')[] = ['spki', 'pkcs1'];

function fromDer(bytes: Buffer): Content | undefined {
  let top;
  try {
    top = parseDer(bytes, 'file');
  } catch {
    return undefined;
  }
  if (top.tag !== TAG.SEQUENCE) return undefined;
  try {
    new X509Certificate(bytes);
    return {kind: 'certificate', format: 'der', certificates: [bytes], otherBlocks: []};
  } catch {
    // not a certificate: try the other shapes
  }
  if (looksLikeCsr(bytes)) return {kind: 'csr', format: 'der', der: bytes};
  for (const type of DER_PRIVATE) {
    try {
      const key = createPrivateKey({key: bytes, format: 'der', type});
      return {kind: 'private-key', format: 'der', key: {kind: 'private-key', format: type, encrypted: false, labelAlgorithm: 'unknown', key}};
    } catch {
      // next format
    }
  }
  for (const type of DER_PUBLIC) {
    try {
      const key = createPublicKey({key: bytes, format: 'der', type});
      return {kind: 'public-key', format: 'der', key: {kind: 'public-key', format: type, encrypted: false, labelAlgorithm: 'unknown', key}};
    } catch {
      // next format
    }
  }
  // EncryptedPrivateKeyInfo: an algorithm and an OCTET STRING.
  const parts = childrenOf(top);
  if (parts.length === 2 && parts[0]!.tag === TAG.SEQUENCE && parts[1]!.tag === TAG.OCTET_STRING) {
    return {kind: 'private-key', format: 'der', key: {kind: 'private-key', format: 'pkcs8', encrypted: true, labelAlgorithm: 'unknown'}};
  }
  return undefined;
}

/** YAML kinds by their `kind:` field; a kubeconfig written without one still has clusters and users. */
function fromYaml(text: string): Content | undefined {
  let docs;
  try {
    // Aliases are capped: a "billion laughs" file must not expand while we look at it.
    docs = parseAllDocuments(text, {prettyErrors: false});
  } catch {
    return undefined;
  }
  for (const d of Array.isArray(docs) ? docs : [docs]) {
    if (d.errors.length > 0) return undefined;
    const doc = d.toJS({maxAliasCount: 100}) as unknown;
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) continue;
    const obj = doc as Record<string, unknown>;
    if (obj.kind === 'Config' || (obj.kind === undefined && Array.isArray(obj.clusters) && Array.isArray(obj.users))) return {kind: 'kubeconfig', doc: obj};
    if (obj.kind === 'Pod') return {kind: 'manifest', doc: obj};
    if (obj.kind === 'KubeletConfiguration') return {kind: 'kubelet-config', doc: obj};
  }
  return undefined;
}

/** What `bytes` hold. Throws only for a key or certificate block whose body is broken. */
export function recognise(bytes: Buffer, text: string): Content {
  const blocks = pemBlocks(text);
  if (blocks.length > 0) return fromPem(blocks);
  const der = fromDer(bytes);
  if (der) return der;
  if (bytes.includes(0)) return {kind: 'unknown', note: 'binary data that is no certificate, key or CSR'};
  return fromYaml(text) ?? {kind: 'unknown', note: 'no PEM block, DER structure or Kubernetes YAML'};
}

/** What a file's name says it holds (by extension or kubeadm's names); undefined when it says nothing. */
export function kindByName(path: string): FileKind | undefined {
  const base = (path.split(/[\\/]/).pop() ?? '').toLowerCase();
  if (base === 'kubeconfig') return 'kubeconfig';
  const ext = base.includes('.') ? base.slice(base.lastIndexOf('.')) : '';
  return NAME_KINDS[ext];
}

const NAME_KINDS: Readonly<Record<string, FileKind>> = {
  '.crt': 'certificate',
  '.cer': 'certificate',
  '.cert': 'certificate',
  '.key': 'private-key',
  '.csr': 'csr',
  '.pub': 'public-key',
  '.conf': 'kubeconfig',
  '.kubeconfig': 'kubeconfig',
};
