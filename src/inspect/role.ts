// Which Kubernetes role a certificate looks like ("kubelet client for node01", "etcd peer for cp-2"), read off
// the catalog: each kind's subject is built once with placeholder names and becomes a pattern, so no identity
// string is typed here. The short role words are this module's own table.

import {ALL_KINDS, type CertKind, type KindContext, type KindId} from '../pki/catalog.js';
import type {Plan} from '../plan/types.js';
import type {Role} from './report.js';

/** What a role is guessed from: a certificate's (or a CSR's) subject, usages and, when known, issuer and path. */
export interface RoleInput {
  cn?: string;
  o: string[];
  isCA: boolean;
  /** Extended key usages (`serverAuth`, `clientAuth`); empty when the certificate has none. */
  usages: string[];
  issuerCn?: string;
  path?: string;
}

interface Found {
  node?: string;
  user?: string;
  groups?: string[];
}

/** The short words for each kind; per-node and per-user kinds name their owner. */
const ROLE_WORDS: Record<KindId, (f: Found) => string> = {
  'ca': () => 'cluster CA',
  'etcd-ca': () => 'etcd CA',
  'front-proxy-ca': () => 'front-proxy CA',
  'admin': () => 'cluster administrator (admin.conf)',
  'super-admin': () => 'break-glass superuser (super-admin.conf)',
  'controller-manager': () => 'kube-controller-manager client',
  'scheduler': () => 'kube-scheduler client',
  'kube-proxy': () => 'kube-proxy client',
  'kubelet-client': (f) => `kubelet client for ${f.node}`,
  'apiserver-kubelet-client': () => 'apiserver client to the kubelets',
  'apiserver-etcd-client': () => 'apiserver client to etcd',
  'etcd-healthcheck-client': () => 'etcd healthcheck client',
  'front-proxy-client': () => 'front-proxy client',
  'user': (f) => `user ${f.user}${f.groups?.length ? ` in ${f.groups.join(', ')}` : ''}`,
  'apiserver': () => 'apiserver serving',
  'etcd-server': (f) => `etcd server for ${f.node}`,
  'etcd-peer': (f) => `etcd peer for ${f.node}`,
  'kubelet-serving': (f) => `kubelet serving for ${f.node}`,
};

// Placeholders that no real name contains, so a kind's subject becomes a pattern with named holes.
const NODE = '\u0000node\u0000';
const USER = '\u0000user\u0000';
const GROUP = '\u0000group\u0000';
const PLACEHOLDER_CTX: KindContext = {plan: {} as Plan, node: {name: NODE} as KindContext['node'], user: {name: USER, groups: [GROUP]}};

interface Pattern {
  kind: CertKind;
  cn: RegExp;
  /** The CN is only the owner's name (etcd server/peer, users): it says nothing by itself. */
  freeCn: boolean;
  /** Groups the kind carries; undefined when they are the owner's (users). */
  o?: string[];
  issuerCn: string;
  /** File names (without extension) the layouts give it: `apiserver`, `server`, `kube-apiserver`. */
  stems: string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function patternOf(kind: CertKind): Pattern {
  const subject = kind.subject(PLACEHOLDER_CTX);
  const cnSource = escape(subject.cn).replace(escape(NODE), '(?<node>.+)').replace(escape(USER), '(?<user>.+)');
  const issuer = ALL_KINDS.find((k) => k.id === kind.issuer)!;
  const stems = [kind.flatName, kind.kubeadmPath?.split('/').pop(), kind.kubeconfig?.name.replace(/\.conf$/, '')];
  return {
    kind,
    cn: new RegExp(`^${cnSource}$`, 's'),
    freeCn: subject.cn === NODE || subject.cn === USER,
    o: subject.o.includes(GROUP) ? undefined : subject.o,
    issuerCn: issuer.subject(PLACEHOLDER_CTX).cn,
    stems: stems.filter((s): s is string => Boolean(s)),
  };
}

const PATTERNS: Pattern[] = ALL_KINDS.map(patternOf);

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** The file's stem: `server` for `…/pki/etcd/server.crt`, `admin` for `admin.conf`, `kubelet-client-node01` kept whole. */
function stemOf(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? '';
  return base.replace(/\.(crt|cert|cer|pem|key|der|conf|kubeconfig|csr)$/i, '');
}

/** Points for how well a certificate fits a kind; undefined when it cannot be one. */
function score(p: Pattern, r: RoleInput): {points: number; found: Found} | undefined {
  if (Boolean(p.kind.isCA) !== r.isCA) return undefined;
  const m = r.cn === undefined ? null : p.cn.exec(r.cn);
  if (!m) return undefined;
  const found: Found = {node: m.groups?.node, user: m.groups?.user, groups: p.o ? undefined : r.o};
  let points = p.freeCn ? 0 : 4;
  if (p.o && sameSet(p.o, r.o)) points += 2;
  if (r.usages.length === 0 || sameSet(p.kind.usages, r.usages)) points += 2;
  else if (!p.kind.usages.every((u) => r.usages.includes(u))) points -= 3;
  if (r.issuerCn !== undefined && r.issuerCn === p.issuerCn) points += 1;
  if (r.path) {
    const stem = stemOf(r.path);
    if (p.stems.includes(stem)) points += 3;
    else if (p.stems.some((s) => stem.startsWith(`${s}-`))) points += 2; // flat layout: kubelet-client-node01
  }
  // A free CN (a node's or a person's name) fits anything: it needs the usages and the issuer or the path to agree.
  if (p.freeCn && p.kind.id !== 'user' && points < 3) return undefined;
  if (p.kind.id === 'user' && r.usages.length > 0 && (!r.usages.includes('clientAuth') || r.usages.includes('serverAuth'))) return undefined;
  return {points, found};
}

/** The role a certificate looks like; `check` compares it with where the file sits or which flag names it. */
export function guessRole(r: RoleInput): Role {
  let best: {p: Pattern; points: number; found: Found} | undefined;
  let tie = false;
  for (const p of PATTERNS) {
    const s = score(p, r);
    if (!s) continue;
    if (!best || s.points > best.points) {
      best = {p, ...s};
      tie = false;
    } else if (s.points === best.points) tie = true;
  }
  if (!best) return unknownRole(r);
  const {p, found} = best;
  const role: Role = {kind: p.kind.id, text: ROLE_WORDS[p.kind.id](found), confidence: best.points >= 6 && !tie ? 'exact' : 'likely'};
  if (found.node !== undefined && p.kind.id !== 'user') role.node = found.node;
  if (p.kind.id === 'user') {
    role.user = found.user;
    role.groups = r.o;
  }
  if (tie && (p.kind.id === 'etcd-server' || p.kind.id === 'etcd-peer')) {
    role.text = `etcd server or peer for ${found.node}`;
    role.confidence = 'guess';
  }
  return role;
}

function unknownRole(r: RoleInput): Role {
  const name = r.cn ?? '(no CN)';
  if (r.isCA) return {text: `a CA named ${name}`, confidence: 'guess'};
  if (r.usages.includes('serverAuth')) return {text: `a server certificate for ${name}`, confidence: 'guess'};
  return {text: `a certificate for ${name}`, confidence: 'guess'};
}

/** The role words of a kind, for callers that know the kind already (a manifest flag expects one). */
export function roleWords(kind: KindId, owner: Found = {}): string {
  return ROLE_WORDS[kind](owner);
}
