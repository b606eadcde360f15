// What the list steps teach around their items, as plain data for both front ends: the components' fixed
// client identities, the API server's SANs with the reason for each, what else gets SANs, and the
// system:masters warning. Ink lays these out in columns; plain mode prints them as lines.

import {LEAF_KINDS} from '../pki/catalog.js';
import {subjectText} from '../pki/model.js';
import {controlPlanes} from '../plan/types.js';
import type {Answers} from './answers.js';
import {modelOf} from './model.js';

export interface ComponentIdentity {
  /** The catalog kind, `×N` when there is one per node. */
  who: string;
  subject: string;
  /** Why that identity: what RBAC makes of it. */
  why: string;
}

/** The components that log in to the API server, with the identity the catalog gives each (one row per kind). */
export function componentIdentities(answers: Answers): ComponentIdentity[] {
  const model = modelOf(answers);
  if (!model) return [];
  return LEAF_KINDS.filter((k) => k.identity).map((kind) => {
    const specs = model.certs.filter((c) => c.kind === kind.id);
    const first = specs[0]!;
    // Per-node names read better as NODE than as the first node's name.
    const cn = kind.scope === 'every-node' ? first.subject.cn.replace(`:${first.node}`, ':NODE') : first.subject.cn;
    return {who: `${kind.id}${specs.length > 1 ? ` ×${specs.length}` : ''}`, subject: subjectText({...first.subject, cn}), why: kind.identity!};
  });
}

export interface SanRow {
  kind: 'DNS' | 'IP';
  value: string;
  reason: string;
}

export interface ApiserverSans {
  /** Whose certificate the rows are (the first control-plane node) and what the others differ in; empty with one. */
  title: string;
  rows: SanRow[];
  /** The other server certificates and what their SANs hold. */
  also: string;
}

/** The API server's SANs the answers give, each with its reason; SANs listed as extras are left to the list's items. */
export function apiserverSans(answers: Answers, fallback?: Answers): ApiserverSans | undefined {
  const model = modelOf(answers) ?? (fallback ? modelOf(fallback) : undefined);
  const api = model?.certs.find((c) => c.kind === 'apiserver');
  if (!model || !api) return undefined;
  const cps = controlPlanes(model.plan);
  const extras = new Set(model.plan.apiServer.certSANs);
  const rows = [...api.sans.dns.map((value) => ({kind: 'DNS' as const, value})), ...api.sans.ips.map((value) => ({kind: 'IP' as const, value}))]
    .filter(({value}) => !extras.has(value) || api.sanReasons[value] !== 'listed in apiServer.certSANs')
    .map((r) => ({...r, reason: api.sanReasons[r.value] ?? ''}));
  return {
    title: cps.length > 1 ? `kube-apiserver on ${cps[0]!.name} (the others: their own name and address)` : '',
    rows,
    also: `Also: etcd server+peer ×${cps.length} (name, localhost, IPs, ::1) · kubelet serving ×${model.plan.nodes.length} (name, IP)`,
  };
}

/** The people in system:masters, said once: the group bypasses RBAC and no certificate can be revoked. */
export function mastersWarning(answers: Answers): string | undefined {
  const masters = answers.plan.users.filter((u) => u.groups.includes('system:masters')).map((u) => u.name);
  return masters.length ? `! ${masters.join(', ')} in system:masters: bypasses RBAC, cannot be revoked` : undefined;
}
