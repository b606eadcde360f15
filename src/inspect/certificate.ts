// One certificate as people learn to read it (subject, issuer, dates and time left, SANs, then the rest), each
// field beside the openssl command that prints it. Read with node:crypto and our DER reader, never node-forge.

import {X509Certificate} from 'node:crypto';
import {shq} from '../openssl/shell.js';
import {readProfile, type NameEntry} from '../x509/profile.js';
import {derToPem} from '../x509/pem.js';
import {keyInfo} from './key-info.js';
import type {CertificateField, CertificateSummary, NameSummary, OpensslCommands} from './report.js';
import {guessRole} from './role.js';

/** How openssl gets at the certificate: a file (PEM or DER, n-th in a bundle), or a pipe that prints its PEM. */
export interface OpensslSource {
  file?: string;
  der?: boolean;
  index?: number;
  /** `kubectl config view --raw … | base64 -d`: for certificates embedded in a kubeconfig. */
  pipe?: string;
  /** Without a file or pipe: the one command that prints it among others (a chain's later certificates). */
  all?: string;
}

const FIELD_ARGS: Record<CertificateField, string> = {
  subject: '-subject',
  issuer: '-issuer',
  dates: '-dates',
  sans: '-ext subjectAltName',
  serial: '-serial',
  key: '-text',
  keyUsage: '-ext keyUsage',
  extKeyUsage: '-ext extendedKeyUsage',
  basicConstraints: '-ext basicConstraints',
  subjectKeyId: '-ext subjectKeyIdentifier',
  authorityKeyId: '-ext authorityKeyIdentifier',
  signatureAlgorithm: '-text',
  fingerprint: '-fingerprint -sha256',
  all: '-text',
};

/** A path as one shell word, quoted only when it needs it. */
export const shellWord = (s: string): string => (/^[\w./@%+:,=-]+$/.test(s) ? s : shq(s));

export function opensslCommands(src: OpensslSource): OpensslCommands {
  if (src.file === undefined && src.pipe === undefined) return src.all ? {all: src.all} : {};
  // `openssl x509` reads the first certificate of a file only; storeutl prints every one of a bundle.
  if (src.file !== undefined && (src.index ?? 0) > 0) return {all: `openssl storeutl -certs -noout -text ${shellWord(src.file)}`};
  const input = src.pipe !== undefined ? '' : ` -in ${shellWord(src.file ?? '-')}${src.der ? ' -inform DER' : ''}`;
  const prefix = src.pipe !== undefined ? `${src.pipe} | ` : '';
  const out: OpensslCommands = {};
  for (const [field, args] of Object.entries(FIELD_ARGS) as [CertificateField, string][]) {
    out[field] = `${prefix}openssl x509${input} -noout ${args}`;
  }
  return out;
}

/** `O=developers, O=qa, CN=john` for any name, every attribute in DER order. */
export function nameSummary(entries: readonly NameEntry[]): NameSummary {
  const cn = entries.find((e) => e.type === 'CN')?.value;
  return {
    ...(cn !== undefined ? {cn} : {}),
    o: entries.filter((e) => e.type === 'O').map((e) => e.value),
    text: entries.map((e) => `${e.type}=${e.value}`).join(', '),
  };
}

const DAY = 86_400;

/** Time left the way kubeadm's check-expiration prints it: `45m`, `30h`, `364d`, `9y`. */
export function shortDuration(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  if (s < 120) return `${s}s`;
  if (s < 2 * 3600) return `${Math.floor(s / 60)}m`;
  if (s < 2 * DAY) return `${Math.floor(s / 3600)}h`;
  if (s < 2 * 365 * DAY) return `${Math.floor(s / DAY)}d`;
  return `${Math.floor(s / (365 * DAY))}y`;
}

export interface SummaryOptions {
  now: Date;
  source: OpensslSource;
  /** The path, for the role guess (`server.crt` tells an etcd server from a peer). */
  path?: string;
}

/** Everything a person reads in one certificate. Throws DerError for bytes that are not one. */
export function summariseCertificate(pemOrDer: string | Uint8Array, opts: SummaryOptions): CertificateSummary {
  const pem = typeof pemOrDer === 'string' ? pemOrDer : derToPem(pemOrDer);
  const profile = readProfile(pem);
  const x509 = new X509Certificate(pem);
  const subject = nameSummary(profile.subject);
  const issuer = nameSummary(profile.issuer);
  const secondsLeft = Math.round((profile.notAfter.getTime() - opts.now.getTime()) / 1000);
  const state = profile.notBefore > opts.now ? 'not-yet-valid' : secondsLeft <= 0 ? 'expired' : 'valid';
  const isCA = profile.basicConstraints?.ca === true;
  const usages = profile.extKeyUsage?.usages ?? [];
  const summary: CertificateSummary = {
    version: profile.version,
    subject,
    issuer,
    selfIssued: profile.subjectDerHex === profile.issuerDerHex,
    notBefore: profile.notBefore.toISOString(),
    notAfter: profile.notAfter.toISOString(),
    validity: {
      state,
      secondsLeft,
      text: state === 'expired' ? `expired ${shortDuration(secondsLeft)} ago`
        : state === 'not-yet-valid' ? `not valid for another ${shortDuration((profile.notBefore.getTime() - opts.now.getTime()) / 1000)}`
        : shortDuration(secondsLeft),
    },
    sans: {dns: profile.san?.dns ?? [], ips: profile.san?.ips ?? [], other: profile.san?.other ?? []},
    serialHex: profile.serialHex,
    key: keyInfo(x509.publicKey),
    isCA,
    signatureAlgorithm: profile.signatureAlgorithm,
    fingerprintSha256: x509.fingerprint256,
    role: guessRole({cn: subject.cn, o: subject.o, isCA, usages, issuerCn: issuer.cn, path: opts.path}),
    openssl: opensslCommands(opts.source),
    pem,
  };
  if (profile.keyUsage) summary.keyUsage = profile.keyUsage;
  if (profile.extKeyUsage) summary.extKeyUsage = profile.extKeyUsage;
  if (profile.basicConstraints) summary.basicConstraints = profile.basicConstraints;
  if (profile.skiHex) summary.skiHex = profile.skiHex;
  if (profile.akiKeyIdHex) summary.akiKeyIdHex = profile.akiKeyIdHex;
  return summary;
}
