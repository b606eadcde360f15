// The map in a terminal: authorities with the certificates they sign as a tree, then each program with the
// files its flags read. Every row fits the width (long values wrap, nothing is cut); colour only repeats what
// the words already say, so NO_COLOR loses nothing.

import {wrapWords} from '../ui/ink/layout.js';
import {allCerts, edgesTo, leavesOf, STATUS_TEXT, type MapComponent, type MapEdge, type PkiGraph} from './graph.js';
import {edgeText, identityLines, ROLE_TAG, validityText} from './describe.js';

export interface TerminalOptions {
  /** Columns available; rows never pass it. */
  width: number;
  color: boolean;
}

type RowStyle = 'title' | 'dim' | 'plain';
interface Row {
  text: string;
  style: RowStyle;
}

/** `text` wrapped after `first` on its first row and `rest` on the others. */
function wrapped(first: string, rest: string, text: string, width: number, style: RowStyle = 'plain'): Row[] {
  const room = Math.max(1, width - Math.max(first.length, rest.length));
  return wrapWords(text, room).map((t, i) => ({text: `${i === 0 ? first : rest}${t}`, style}));
}

const LEGEND = [
  `${ROLE_TAG.authority} authority  ${ROLE_TAG.client} CN = user, groups = O  ${ROLE_TAG.server} SANs = names it answers to  ${ROLE_TAG.peer} server and client`,
  `FLAG → FILE ← the authority that signed it; status words: ${Object.values(STATUS_TEXT).join(' ')}`,
];

function header(g: PkiGraph, width: number): Row[] {
  const source = g.source === 'plan'
    ? `from the plan (nothing written yet; dates as if generated on ${g.now.toISOString().slice(0, 10)})`
    : `from the files (read on ${g.now.toISOString().slice(0, 10)})`;
  return [
    ...wrapped('', '', `PKI map of cluster ${g.title}, ${source}`, width, 'title'),
    ...LEGEND.flatMap((l) => wrapped('Legend: ', '        ', l, width, 'dim')),
  ];
}

/** ` on cp-1, cp-2` / ` for john`: where instances of one program run. */
function placeText(members: Pick<MapComponent, 'node' | 'user'>[]): string {
  const nodes = members.flatMap((m) => (m.node ? [m.node] : []));
  const users = members.flatMap((m) => (m.user ? [m.user] : []));
  return `${nodes.length > 0 ? ` on ${nodes.join(', ')}` : ''}${users.length > 0 ? ` for ${users.join(', ')}` : ''}`;
}

/** `← kube-proxy on cp-1, node01 --kubeconfig`: who reads a leaf, one line per program and set of flags. */
function readers(g: PkiGraph, edges: MapEdge[]): string[] {
  const flags = new Map<string, string[]>();
  for (const e of edges) flags.set(e.component, [...(flags.get(e.component) ?? []), e.flag]);
  const lines = new Map<string, MapComponent[]>();
  for (const [id, list] of flags) {
    const c = g.components.find((x) => x.id === id);
    if (!c) continue;
    const key = `${c.program}\n${list.join(' ')}`;
    lines.set(key, [...(lines.get(key) ?? []), c]);
  }
  return [...lines].map(([key, members]) => {
    const [program, list] = key.split('\n');
    return `← ${program}${placeText(members)} ${list}`;
  });
}

function authorityRows(g: PkiGraph, width: number): Row[] {
  const rows: Row[] = [{text: 'Authorities and the certificates they sign', style: 'title'}];
  for (const ca of g.authorities) {
    rows.push({text: '', style: 'plain'});
    rows.push(...wrapped('■ ', '  ', `${ca.id} ${ROLE_TAG.authority} ${validityText(ca)}`, width, 'title'));
    for (const l of identityLines(ca)) rows.push(...wrapped('  ', '    ', l, width));
    for (const n of ca.notes) rows.push(...wrapped('  ! ', '    ', n, width));
    const programs = [...new Set(edgesTo(g, ca.id).map((e) => e.component.split('@')[0]!))];
    const flags = edgesTo(g, ca.id).length;
    if (flags > 0) rows.push(...wrapped('  ', '    ', `read by ${flags} flags of ${programs.join(', ')} (see Programs)`, width, 'dim'));
    const leaves = leavesOf(g, ca.id);
    leaves.forEach((leaf, i) => {
      const last = i === leaves.length - 1;
      const [first, rest] = last ? ['  └─ ', '       '] : ['  ├─ ', '  │    '];
      rows.push(...wrapped(first, rest.slice(0, 5), `${leaf.id} ${ROLE_TAG[leaf.role]} ${validityText(leaf)}`, width));
      for (const l of identityLines(leaf)) rows.push(...wrapped(rest, `${rest}  `, l, width));
      for (const n of leaf.notes) rows.push(...wrapped(`${rest}! `, `${rest}  `, n, width));
      for (const r of readers(g, edgesTo(g, leaf.id))) rows.push(...wrapped(rest, `${rest}  `, r, width, 'dim'));
    });
  }
  return rows;
}

/** Instances of one program that read the same files the same way (node names aside) are shown once. */
function signature(g: PkiGraph, c: MapComponent): string {
  const own = (id: string) => (c.node && id.endsWith(`@${c.node}`) ? id.slice(0, -c.node.length) : id);
  return [c.program, ...g.edges.filter((e) => e.component === c.id).map((e) => `${e.flag}|${e.file}|${own(e.cert)}|${e.status}|${e.notes.join(';')}`)].join('\n');
}

function componentRows(g: PkiGraph, width: number): Row[] {
  const rows: Row[] = [{text: '', style: 'plain'}, {text: 'Programs and the files their flags read', style: 'title'}];
  const groups = new Map<string, MapComponent[]>();
  for (const c of g.components) {
    const key = signature(g, c);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const members of groups.values()) {
    const first = members[0]!;
    const on = placeText(members);
    rows.push(...wrapped('▸ ', '    ', `${first.program}${on}`, width, 'title'));
    for (const e of g.edges.filter((x) => x.component === first.id)) rows.push(...wrapped('    ', '        ', edgeText(e, g), width));
  }
  return rows;
}

function findingRows(g: PkiGraph, width: number): Row[] {
  if (g.findings.length === 0) return [];
  return [
    {text: '', style: 'plain'},
    {text: 'Other findings', style: 'title'},
    ...g.findings.flatMap((f) => wrapped('  ! ', '    ', `${f.severity.toUpperCase()} ${f.code} ${f.path}: ${f.message}`, width)),
  ];
}

const SGR = (codes: string) => (s: string) => `\u001b[${codes}m${s}\u001b[0m`;
/** Words coloured after wrapping, so colour never changes where a row breaks. */
const TOKEN_COLOURS: [RegExp, (s: string) => string][] = [
  [/\[CA\]/g, SGR('1;36')],
  [/\[client\]/g, SGR('34')],
  [/\[server\]/g, SGR('32')],
  [/\[peer\]/g, SGR('35')],
  [/\b(EXPIRED|MISSING|FAULTY|ERROR)\b/g, SGR('1;31')],
  [/\b(EXPIRING|WARNING)\b/g, SGR('1;33')],
];
const ROW_COLOURS: Record<RowStyle, (s: string) => string> = {title: SGR('1'), dim: SGR('2'), plain: (s) => s};

function paint(row: Row): string {
  let text = row.text;
  for (const [pattern, colour] of TOKEN_COLOURS) text = text.replace(pattern, (m) => colour(m));
  return row.text === '' ? '' : row.style === 'plain' ? text : ROW_COLOURS[row.style](text);
}

/** The terminal map, one string per row. */
export function mapLines(g: PkiGraph, opts: TerminalOptions): string[] {
  const width = Math.max(20, opts.width);
  const rows = [...header(g, width), {text: '', style: 'plain' as const}, ...authorityRows(g, width), ...componentRows(g, width), ...findingRows(g, width)];
  return rows.map((r) => (opts.color ? paint(r) : r.text));
}

/** Every id the map must show: the test's and the wizard's check that nothing was left out. */
export const mapIds = (g: PkiGraph): string[] => [...allCerts(g).map((c) => c.id), ...g.components.map((c) => c.id)];
