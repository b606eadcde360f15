// What each list editor shows around its items, as rows: the nodes' column titles; the components' fixed
// client identities above the people; the API server's computed SANs above the extra ones.

import type {Answers} from '../../answers.js';
import type {ListSpec} from '../../fields.js';
import {modelOf} from '../../model.js';
import {effectiveAnswers, type WizardState} from '../../wizard-state.js';
import {LEAF_KINDS} from '../../../pki/catalog.js';
import {theme} from '../theme.js';
import {cutText, fit, type Line} from '../lines/line.js';
import {subjectText} from '../../../pki/model.js';
import {controlPlanes} from '../../../plan/types.js';

export interface ListView {
  /** Rows above the items: what the list adds to, and its title. */
  above: (s: WizardState, width: number) => Line[];
  /** Rows below the items and the item being edited. */
  below?: (s: WizardState, width: number) => Line[];
  /** Column titles above the items. */
  heading?: string;
  /** Shown when there are no items: what `a` would add. */
  empty: string;
  /** Item rows shown (a window around the cursor), fewer while an item's fields are open. */
  maxRows: (editing: boolean) => number;
}

const title = (t: string, aside: string, width: number): Line => fit([{text: `${t} `, bold: true}, {text: aside, dim: true}], width);

/** The components that log in to the API server, with the identity the catalog gives each (one row per kind). */
function componentRows(answers: Answers): [string, string, string][] {
  const model = modelOf(answers);
  if (!model) return [];
  return LEAF_KINDS.filter((k) => k.identity).map((kind) => {
    const specs = model.certs.filter((c) => c.kind === kind.id);
    const first = specs[0]!;
    // Per-node names read better as NODE than as the first node's name.
    const cn = kind.scope === 'every-node' ? first.subject.cn.replace(`:${first.node}`, ':NODE') : first.subject.cn;
    const subject = subjectText({...first.subject, cn});
    return [`${kind.id}${specs.length > 1 ? ` ×${specs.length}` : ''}`, subject, kind.identity!];
  });
}

const nodes: ListView = {
  above: () => [],
  heading: `${'Name'.padEnd(16)} ${'Address'.padEnd(16)} Role`,
  empty: 'no nodes yet: a adds one',
  maxRows: (editing) => (editing ? 3 : 6),
};

const users: ListView = {
  // While a person is edited the components step aside, so the form fits 24 rows.
  above: (s, width) => [
    ...(s.edit ? [] : [cutText('Components', width, {bold: true}),
      ...componentRows(s.answers).map(([who, subject, why]) => cutText(`  ${who.padEnd(20)} ${subject}${width >= 90 ? `  ${why}` : ''}`, width))]),
    title('People', '(CN = user, each O = a group)', width),
  ],
  below: (s, width) => {
    const masters = s.answers.plan.users.filter((u) => u.groups.includes('system:masters')).map((u) => u.name);
    return masters.length ? [cutText(`! ${masters.join(', ')} in system:masters: bypasses RBAC, cannot be revoked`, width, {color: theme.warning})] : [];
  },
  empty: 'nobody yet: a adds a person, e.g. john in developers',
  maxRows: (editing) => (editing ? 2 : 4),
};

const sans: ListView = {
  above: (s, width) => {
    const model = modelOf(effectiveAnswers(s)) ?? modelOf(s.answers);
    const cps = model ? controlPlanes(model.plan) : [];
    const api = model?.certs.find((c) => c.kind === 'apiserver');
    const extras = new Set(model?.plan.apiServer.certSANs ?? []);
    // The SANs the answers give, each with its reason; extra ones are listed below as items instead.
    const computed = api
      ? [...api.sans.dns.map((v) => ['DNS', v] as const), ...api.sans.ips.map((v) => ['IP', v] as const)]
        .filter(([, v]) => !extras.has(v) || api.sanReasons[v] !== 'listed in apiServer.certSANs')
      : [];
    const sanWidth = Math.max(0, ...computed.map(([, v]) => v.length)) + 5;
    // While an extra SAN is edited the computed list steps aside, so the form fits 24 rows.
    const shown = s.edit ? [] : [
      ...(cps.length > 1 ? [cutText(`kube-apiserver on ${cps[0]!.name} (the others: their own name and address)`, width, {bold: true})] : []),
      ...computed.map(([kind, v]) => cutText(`  ${`${kind} ${v}`.padEnd(sanWidth)} ${api!.sanReasons[v] ?? ''}`, width)),
    ];
    return [...shown, title('Extra SANs', '(apiServer.certSANs)', width)];
  },
  below: (s, width) => {
    const plan = (modelOf(effectiveAnswers(s)) ?? modelOf(s.answers))?.plan;
    const cps = plan ? controlPlanes(plan).length : 0;
    return [cutText(`Also: etcd server+peer ×${cps} (name, localhost, IPs, ::1) · kubelet serving ×${plan?.nodes.length ?? 0} (name, IP)`, width)];
  },
  empty: 'none: a adds one (a load balancer name, a VIP)',
  maxRows: () => 3,
};

/** Per list (its ListSpec id), what surrounds its items. */
export const LIST_VIEWS: Record<ListSpec['id'], ListView> = {nodes, users, sans};
