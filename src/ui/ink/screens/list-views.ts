// What each list editor shows around its items, as rows: the nodes' column titles; the components' fixed
// client identities above the people; the API server's computed SANs above the extra ones.

import type {ListSpec} from '../../fields.js';
import {apiserverSans, componentIdentities, mastersWarning} from '../../list-text.js';
import {stepList} from '../../steps.js';
import {currentStep, effectiveAnswers, type WizardState} from '../../wizard-state.js';
import {WIDE} from '../layout.js';
import {theme} from '../theme.js';
import {hanging, text, wrapped, type Line} from '../lines/line.js';

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

const title = (t: string, aside: string, width: number): Line[] => hanging([{text: `${t} `, bold: true}], aside, width, {dim: true});

/** Rows of a two-column table: the first column as wide as its widest value, the second wrapped beside it
 *  (or, when that leaves it too narrow, on the rows below, indented). */
function twoColumns(rows: [string, string][], width: number, indent = 2): Line[] {
  const first = Math.max(0, ...rows.map(([a]) => a.length));
  const side = indent + first + 2;
  return rows.flatMap(([a, b]) => (width - side >= 24
    ? hanging([{text: `${' '.repeat(indent)}${a.padEnd(first)}  `}], b, width)
    : [...wrapped(a, width, {}, indent), ...(b ? wrapped(b, width, {dim: true}, indent + 4) : [])]));
}

const nodes: ListView = {
  above: () => [],
  // Why `d` is missing from the footer on the only control-plane node.
  below: (s, width) => {
    const why = s.edit ? undefined : stepList(currentStep(s))?.keep?.(s.answers, s.cursor);
    return why ? wrapped(why, width, {dim: true}) : [];
  },
  heading: `${'Name'.padEnd(16)} ${'Address'.padEnd(16)} Role`,
  empty: 'no nodes yet: a adds one',
  maxRows: (editing) => (editing ? 3 : 6),
};

const users: ListView = {
  // While a person is edited the components step aside, so the form fits 24 rows.
  above: (s, width) => [
    ...(s.edit ? [] : [text('Components', {bold: true}),
      // The reason beside the identity only when there is room for it on the same row (F1 lists them all).
      ...twoColumns(componentIdentities(s.answers).map((c) => [c.who, width >= WIDE ? `${c.subject} · ${c.why}` : c.subject]), width)]),
    ...title('People', '(CN = user, each O = a group)', width),
  ],
  below: (s, width) => {
    const warning = mastersWarning(s.answers);
    return warning ? wrapped(warning, width, {color: theme.warning}, 0, 2) : [];
  },
  empty: 'nobody yet: a adds a person, e.g. john in developers',
  maxRows: (editing) => (editing ? 2 : 4),
};

const sans: ListView = {
  above: (s, width) => {
    const api = apiserverSans(effectiveAnswers(s), s.answers);
    // While an extra SAN is edited the computed list steps aside, so the form fits 24 rows.
    const shown = s.edit || !api ? [] : [
      ...(api.title ? wrapped(api.title, width, {bold: true}) : []),
      ...twoColumns(api.rows.map((r) => [`${r.kind} ${r.value}`, r.reason]), width),
    ];
    return [...shown, ...title('Extra SANs', '(apiServer.certSANs)', width)];
  },
  below: (s, width) => {
    const api = apiserverSans(effectiveAnswers(s), s.answers);
    return api ? wrapped(api.also, width, {}, 0, 6) : [];
  },
  empty: 'none: a adds one (a load balancer name, a VIP)',
  maxRows: () => 3,
};

/** Per list (its ListSpec id), what surrounds its items. */
export const LIST_VIEWS: Record<ListSpec['id'], ListView> = {nodes, users, sans};
