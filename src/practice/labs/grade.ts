// Grading a learner's certificate against what the task asked, one item per field, each failure saying what
// went wrong and how it happens (a v1 certificate from `x509 -req` without -extfile, O=system:node, the etcd CA).

import {X509Certificate} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {basename, join, relative} from 'node:path';
import {AUTHORITY_KINDS, kindById, type KindId} from '../../pki/catalog.js';
import {certMatchesKey, issuedBy, readProfile, type ReadProfile} from '../../x509/profile.js';
import {cnOf, issuerCnOf, orgsOf} from '../lab.js';
import type {CheckItem} from './types.js';

export const item = (id: string, pass: boolean, message: string): CheckItem => ({id, pass, message});

/** A kind's certificate or key file in a node tree, relative to the node's root (`etc/kubernetes/pki/ca.crt`). */
export const nodeFile = (kind: KindId, ext: 'crt' | 'key' = 'crt'): string => `${kindById(kind).kubeadmPath!}.${ext}`;

/** The lab's authorities by file, to name the wrong one when a learner signs with it. */
export const LAB_CAS = AUTHORITY_KINDS.map((k) => nodeFile(k.id));

/** Typical wrong groups and what to say about them. */
const GROUP_HINTS: Readonly<Record<string, string>> = {
  'system:node': 'the group is system:nodes (plural)',
  'system:masters': 'system:masters bypasses RBAC and cannot be revoked; use the group the task names',
};

export interface CertExpectation {
  /** Path relative to DIR. */
  file: string;
  key?: string;
  /** The CA that must have signed it, relative to DIR. */
  ca: string;
  cn?: string;
  groups?: string[];
  eku?: ('serverAuth' | 'clientAuth')[];
  /** SANs that must be present (DNS names and IPs). */
  sans?: string[];
  /** Sentence naming who trusts `ca` for this certificate, used when another lab CA signed it. */
  trustNote?: string;
  minValidDays?: number;
}

async function text(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch(() => undefined);
}

export async function readCertFile(dir: string, file: string): Promise<{profile: ReadProfile; x509: X509Certificate} | string> {
  const pem = await text(join(dir, file));
  if (pem === undefined) return `${file} is missing`;
  try {
    return {profile: readProfile(pem), x509: new X509Certificate(pem)};
  } catch (error) {
    return `${file} is not a PEM certificate openssl can read (${(error as Error).message})`;
  }
}

/** Every check of one certificate; stops after "missing" since nothing else can be said. */
export async function gradeCert(dir: string, want: CertExpectation, now: Date): Promise<CheckItem[]> {
  const id = basename(want.file);
  const read = await readCertFile(dir, want.file);
  if (typeof read === 'string') return [item(`${id}:exists`, false, read)];
  const {profile, x509} = read;
  const items: CheckItem[] = [item(`${id}:exists`, true, `${want.file} is a certificate`)];

  items.push(profile.version === 3 && profile.extensions.length > 0
    ? item(`${id}:v3`, true, 'v3 with extensions')
    : item(`${id}:v3`, false, `the certificate is v${profile.version} and has no extensions: openssl x509 -req copies nothing from the CSR, so the SANs and usages in your CSR were not copied; sign again with -extfile FILE -extensions SECTION`));

  items.push(await issuerItem(dir, want, x509));

  if (want.cn !== undefined) {
    const cn = cnOf(profile);
    items.push(cn === want.cn ? item(`${id}:cn`, true, `CN is ${cn}`)
      : item(`${id}:cn`, false, `CN must be ${want.cn}, found ${cn || 'none'}${cn.toLowerCase() === want.cn.toLowerCase() ? ' (names are case-sensitive)' : ''}`));
  }
  if (want.groups !== undefined) {
    const groups = orgsOf(profile);
    const missing = want.groups.filter((g) => !groups.includes(g));
    const extra = groups.filter((g) => !want.groups!.includes(g));
    const hint = extra.map((g) => GROUP_HINTS[g]).find(Boolean);
    items.push(!missing.length && !extra.length ? item(`${id}:groups`, true, `O is ${groups.join(', ') || 'none'}`)
      : item(`${id}:groups`, false, `O must be ${want.groups.join(', ') || 'absent'}, found ${groups.join(', ') || 'none'}${hint ? `: ${hint}` : ''}`));
  }
  if (want.eku) {
    const have = profile.extKeyUsage?.usages ?? [];
    const missing = want.eku.filter((u) => !have.includes(u));
    items.push(!missing.length ? item(`${id}:eku`, true, `extended key usage ${have.join(', ')}`)
      : item(`${id}:eku`, false, `extendedKeyUsage must include ${missing.join(', ')}${have.length ? `, found ${have.join(', ')}` : ' (there is none)'}: put extendedKeyUsage = ${want.eku.join(', ')} in the extensions section you sign with`));
  }
  if (want.sans) {
    const have = new Set([...(profile.san?.dns ?? []), ...(profile.san?.ips ?? [])]);
    const missing = want.sans.filter((s) => !have.has(s));
    items.push(!missing.length ? item(`${id}:sans`, true, `SANs include ${want.sans.join(', ')}`)
      : item(`${id}:sans`, false, `SANs missing: ${missing.join(', ')}${profile.san ? '' : ' (the certificate has no SAN extension at all)'}`));
  }
  const daysLeft = (profile.notAfter.getTime() - now.getTime()) / 86_400_000;
  const minDays = want.minValidDays ?? 1;
  items.push(profile.notBefore <= now && daysLeft >= minDays ? item(`${id}:validity`, true, `valid until ${profile.notAfter.toISOString()}`)
    : item(`${id}:validity`, false, profile.notBefore > now ? `not valid before ${profile.notBefore.toISOString()}`
      : daysLeft < 0 ? `expired on ${profile.notAfter.toISOString()}` : `valid for only ${daysLeft.toFixed(1)} more days: give -days (openssl x509 -req defaults to 30)`));

  if (want.key) items.push(await keyItem(dir, want.file, want.key, x509));
  return items;
}

/** A certificate read from PEM, or undefined when it does not parse. */
export function certOf(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

/** The lab CA file (relative to DIR) that signed a certificate, if one did. */
export async function labSigner(dir: string, x509: X509Certificate): Promise<string | undefined> {
  for (const ca of LAB_CAS) {
    const pem = await text(join(dir, ca));
    const parsed = pem === undefined ? undefined : certOf(pem);
    if (parsed && issuedBy(x509, parsed)) return ca;
  }
  return undefined;
}

async function issuerItem(dir: string, want: CertExpectation, x509: X509Certificate): Promise<CheckItem> {
  const id = `${basename(want.file)}:issuer`;
  const caPem = await text(join(dir, want.ca));
  if (caPem === undefined) return item(id, false, `${want.ca} is missing, so the certificate cannot be checked against it`);
  const ca = certOf(caPem);
  if (ca && issuedBy(x509, ca)) return item(id, true, `signed by ${want.ca}`);
  const other = await labSigner(dir, x509);
  if (other) return item(id, false, `signed by ${other}, not ${want.ca}${want.trustNote ? `: ${want.trustNote}` : ''}`);
  if (issuedBy(x509, x509)) return item(id, false, `self-signed: sign it with ${want.ca} and its key (openssl x509 -req -CA ... -CAkey ...)`);
  return item(id, false, `not signed by ${want.ca} (its issuer is CN=${issuerCnOf(readProfile(x509.toString()))})`);
}

export async function keyItem(dir: string, certFile: string, keyFile: string, x509: X509Certificate): Promise<CheckItem> {
  const id = `${basename(certFile)}:key`;
  const pem = await text(join(dir, keyFile));
  if (pem === undefined) return item(id, false, `${keyFile} is missing`);
  try {
    return certMatchesKey(x509, pem) ? item(id, true, `${keyFile} matches the certificate`)
      : item(id, false, `${keyFile} does not match ${certFile}: the certificate was made for another key (compare openssl x509 -noout -pubkey with openssl pkey -pubout)`);
  } catch {
    return item(id, false, `${keyFile} is not a private key openssl can read (or it is encrypted)`);
  }
}

/** A path relative to DIR for messages. */
export const rel = (dir: string, path: string): string => relative(dir, path) || '.';
