// Which certificates `renew` re-issues: the names `kubeadm certs renew` and check's expiration table use
// (`apiserver`, `admin.conf`, `cp-1/etcd-peer`), or `all`. Every copy of one certificate (a .crt and the kubeconfig
// that embeds it) is one target, so the copies are renewed together and stay equal.

import {isAuthority, type CheckContext} from '../check/context.js';
import {rowName} from '../check/expiration.js';
import type {TreeCert} from '../check/model.js';
import {displayValue} from '../plan/escape.js';
import {flatAliases} from './kinds.js';
import type {RenewProblem} from './problem.js';

export const ALL = 'all';

export interface Target {
  /** The name it is shown by (check's row name of its first copy). */
  id: string;
  /** The copy whose file and key renewal reads: a certificate file before a kubeconfig. */
  cert: TreeCert;
  /** Every place the same certificate (same fingerprint) sits in the tree. */
  copies: TreeCert[];
}

/** `cp-1/apiserver` and `apiserver` both name the apiserver certificate of node folder cp-1. */
function namesOf(ctx: CheckContext, c: TreeCert): string[] {
  const full = rowName(ctx, c);
  const prefix = c.node?.dir ? `${c.node.dir}/` : '';
  return [...(prefix && full.startsWith(prefix) ? [full, full.slice(prefix.length)] : [full]), ...flatAliases(ctx, c)];
}

function groups(ctx: CheckContext): {target: Target; names: Set<string>}[] {
  const byPrint = new Map<string, TreeCert[]>();
  for (const c of ctx.tree.certs) byPrint.set(c.x509.fingerprint256, [...(byPrint.get(c.x509.fingerprint256) ?? []), c]);
  return [...byPrint.values()].map((copies) => {
    const cert = copies.find((c) => !c.kubeconfig) ?? copies[0]!;
    return {target: {id: rowName(ctx, cert), cert, copies}, names: new Set(copies.flatMap((c) => namesOf(ctx, c)))};
  });
}

/** The names a user can give, short: each name once without its node folder, then how to pick one node's copy
 *  (a 3-node tree would otherwise list every name four times). */
function namesHint(ctx: CheckContext, leaves: readonly {names: Set<string>}[]): string {
  const dirs = new Set(ctx.tree.certs.flatMap((c) => (c.node?.dir ? [`${c.node.dir}/`] : [])));
  const all = [...new Set(leaves.flatMap((g) => [...g.names]))].sort();
  if (all.length === 0) return 'the folder holds no leaf certificate';
  const perNode = all.filter((n) => [...dirs].some((d) => n.startsWith(d)));
  const bare = all.filter((n) => !perNode.includes(n));
  const example = perNode[0] ? `; put a node folder first for one node's copy, e.g. ${perNode[0]}` : '';
  return `names found: ${bare.join(', ')} (or all)${example}`;
}

/** The targets `ids` name, each once, in the order given; an unknown name or a CA is a problem, nothing is renewed. */
export function selectTargets(ctx: CheckContext, ids: readonly string[]): {targets: Target[]; problems: RenewProblem[]} {
  const all = groups(ctx);
  const leaves = all.filter((g) => !isAuthority(g.target.cert));
  const chosen = new Set<Target>();
  const problems: RenewProblem[] = [];
  ids.forEach((id, i) => {
    if (id === ALL) {
      leaves.forEach((g) => chosen.add(g.target));
      return;
    }
    const found = all.filter((g) => g.names.has(id));
    if (found.length === 0) {
      problems.push({field: `ids[${i}]`, message: `no certificate named ${displayValue(id)} in the folder`, hint: namesHint(ctx, leaves)});
      return;
    }
    const ca = found.find((g) => isAuthority(g.target.cert));
    if (ca) {
      problems.push({field: `ids[${i}]`, message: `${displayValue(id)} is a certificate authority: kubepki renew re-issues leaf certificates only, never a CA`,
        hint: 'a new CA means new trust on every node and client: plan a CA rotation instead'});
      return;
    }
    found.forEach((g) => chosen.add(g.target));
  });
  return {targets: [...chosen], problems};
}
