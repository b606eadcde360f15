// The two tables of `kubeadm certs check-expiration` (certificates, then authorities) as rows: name, expiry, residual
// time in kubeadm's short form, the signing authority and whether it is externally managed (its key is absent).

import {basename} from 'node:path/posix';
import {kindById} from '../pki/catalog.js';
import {expectedAuthority, isAuthority, type CheckContext} from './context.js';
import type {TreeCert} from './model.js';

export interface ExpirationRow {
  name: string;
  path: string;
  expires: Date;
  residualSeconds: number;
  /** Certificates only: the authority that signs it (`ca`, `etcd-ca`, `front-proxy-ca`, or its issuer's CN). */
  authority?: string;
  externallyManaged: boolean;
}

export interface ExpirationRows {
  certificates: ExpirationRow[];
  authorities: ExpirationRow[];
}

/** Go's duration.ShortHumanDuration, as kubeadm prints RESIDUAL TIME. */
export function shortHumanDuration(seconds: number): string {
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${Math.floor(seconds)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  const hours = Math.floor(seconds / 3600);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.floor(hours / 24)}d`;
  return `${Math.floor(hours / 24 / 365)}y`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');
/** Go's `Jan 02, 2006 15:04 MST` in UTC. */
export const expiresText = (d: Date): string =>
  `${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())}, ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} UTC`;

const cnOf = (c: TreeCert) => c.profile.subject.find((e) => e.type === 'CN')?.value ?? c.path;

/** kubeadm's row names (`admin.conf`, `apiserver`, `etcd-peer`), prefixed by the node folder when there are several. */
export function rowName(ctx: CheckContext, c: TreeCert): string {
  const spec = ctx.exp.specOf.get(c);
  const kind = spec?.kind ?? c.kind;
  const placement = kind && c.kubeconfig ? kindById(kind).kubeconfig?.name : undefined;
  const own = spec?.user !== undefined ? spec.id : (placement ?? (c.kubeconfig ? basename(c.path) : undefined) ?? kind
    ?? (c.node?.dir ? c.path.slice(c.node.dir.length + 1) : c.path));
  return c.node?.dir && ctx.tree.nodes.length > 1 ? `${c.node.dir}/${own}` : own;
}

export function expirationRows(ctx: CheckContext): ExpirationRows {
  const now = ctx.now.getTime();
  const base = (c: TreeCert, name: string) => ({name, path: c.path, expires: c.profile.notAfter,
    residualSeconds: Math.floor((c.profile.notAfter.getTime() - now) / 1000)});
  // Every node folder holds copies of the same authorities, and a person's certificate is also in their kubeconfig: one row each.
  const seen = new Set<string>();
  const once = (c: TreeCert) => !seen.has(`${c.node?.dir}:${c.x509.fingerprint256}`) && Boolean(seen.add(`${c.node?.dir}:${c.x509.fingerprint256}`));
  const certificates = ctx.tree.certs.filter((c) => !isAuthority(c) && once(c)).map((c): ExpirationRow => {
    const {ca, spec} = expectedAuthority(ctx, c);
    const authority = spec?.kind ?? (ca ? (ctx.exp.specOf.get(ca)?.kind ?? ca.kind ?? cnOf(ca)) : c.x509.issuer.replace(/^.*CN=/s, ''));
    return {...base(c, rowName(ctx, c)), authority, externallyManaged: ca ? !ca.key : true};
  });
  const seenCa = new Set<string>();
  const authorities = ctx.tree.certs.filter((c) => isAuthority(c) && !seenCa.has(c.x509.fingerprint256) && seenCa.add(c.x509.fingerprint256))
    .map((c): ExpirationRow => ({...base(c, ctx.exp.specOf.get(c)?.kind ?? c.kind ?? cnOf(c)), externallyManaged: !ctx.tree.certs.some(
      (o) => o.x509.fingerprint256 === c.x509.fingerprint256 && o.key)}));
  const byName = (a: ExpirationRow, b: ExpirationRow) => a.name.localeCompare(b.name);
  return {certificates: certificates.sort(byName), authorities: authorities.sort(byName)};
}
