// The words every view of the PKI graph uses for a certificate, a component and an edge: the terminal map, the
// diagram's cards and aria labels, and the timeline say the same thing the same way.

import {subjectText} from '../pki/model.js';
import {STATUS_TEXT, type CertRole, type MapCert, type MapEdge, type PkiGraph} from './graph.js';

export const ROLE_TAG: Record<CertRole, string> = {
  authority: '[CA]',
  client: '[client]',
  server: '[server]',
  peer: '[peer]',
};

export const ROLE_TEXT: Record<CertRole, string> = {
  authority: 'authority: signs the certificates below it',
  client: 'client: logs in as its CN, in the groups of its O values',
  server: 'server: answers to the names in its SANs',
  peer: 'server and client (etcd): SANs and CN both matter',
};

/** `2027-12-02`: dates in the map are days, in UTC. */
export const day = (d: Date): string => (Number.isNaN(d.getTime()) ? 'invalid date' : d.toISOString().slice(0, 10));

/** `planned, until 2027-12-02` or `EXPIRED 2026-01-01`. */
export function validityText(c: MapCert): string {
  const word = STATUS_TEXT[c.status];
  if (c.status === 'expired') return `${word} ${day(c.notAfter)}`;
  if (c.status === 'missing') return word;
  return `${word}, until ${day(c.notAfter)}`;
}

/** What identifies the certificate to whoever checks it: CN and groups for a client, SANs for a server. */
export function identityLines(c: MapCert): string[] {
  const subject = `${subjectText({cn: c.cn, o: []})}${c.groups.length > 0 ? `  groups: ${c.groups.join(', ')}` : ''}`;
  const sans = c.sans.length > 0 ? [`SANs: ${c.sans.join(', ')}`] : [];
  if (c.role === 'client') return [subject];
  if (c.role === 'authority') return [subject];
  return [subject, ...sans];
}

/** Every field of a certificate, as `label: value` pairs: the diagram's card and the page's text. */
export function certFields(c: MapCert, g: PkiGraph): [string, string][] {
  const readers = g.edges.filter((e) => e.cert === c.id).map((e) => `${e.component} ${e.flag}`);
  return [
    ['certificate', c.id],
    ['role', ROLE_TEXT[c.role]],
    ['subject', subjectText({cn: c.cn, o: c.groups})],
    ...(c.role !== 'authority' ? [['signed by', c.issuer] as [string, string]] : []),
    ...(c.sans.length > 0 ? [['SANs', c.sans.join(', ')] as [string, string]] : []),
    ...(c.usages.length > 0 ? [['usages', c.usages.join(', ')] as [string, string]] : []),
    ['valid', `${day(c.notBefore)} to ${day(c.notAfter)}`],
    ['status', STATUS_TEXT[c.status]],
    ...(c.file ? [['file', c.file] as [string, string]] : []),
    ...c.notes.map((n) => ['problem', n] as [string, string]),
    ['read by', readers.length > 0 ? readers.join('; ') : 'no flag'],
    ['about', c.about],
  ];
}

/** Where a flag's file comes from: the signer of a leaf, the authority itself, or the service-account pair. */
export function edgeTarget(e: MapEdge, g: PkiGraph): string {
  if (e.cert === 'sa') return '(service-account key pair)';
  if (e.cert === '') return '(no such file)';
  const cert = [...g.authorities, ...g.leaves].find((c) => c.id === e.cert);
  if (!cert) return `(${e.cert})`;
  return cert.role === 'authority' ? `(authority ${cert.id})` : `← ${cert.issuer}`;
}

/** `--etcd-certfile → /etc/kubernetes/pki/apiserver-etcd-client.crt ← etcd-ca`, with its status when not fine. */
export function edgeText(e: MapEdge, g: PkiGraph): string {
  const status = e.status === 'planned' || e.status === 'ok' ? '' : `  ${STATUS_TEXT[e.status]}${e.notes.length > 0 ? `: ${e.notes.join('; ')}` : ''}`;
  return `${e.flag} → ${e.file} ${edgeTarget(e, g)}${status}`;
}
