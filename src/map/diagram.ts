// The map as an SVG diagram, laid out by hand in layers: the authorities in a row at the top, each one's
// certificates in a grid below it, the programs in a column on the right and one curve per flag from a program
// to the certificate whose file it reads. Cards with every field appear on hover and keyboard focus.

import {allCerts, STATUS_TEXT, type MapCert, type MapComponent, type MapEdge, type PkiGraph} from './graph.js';
import {certFields, ROLE_TAG, validityText} from './describe.js';
import {el, esc, textWidth} from './markup.js';
import {wrapWords} from '../ui/ink/layout.js';

const BOX_W = 200;
const BOX_H = 44;
const GAP = 12;
const PAD = 16;
const TOP = 64;
const AUTH_H = 48;
const COMP_W = 250;
const COMP_H = 28;
const COMP_GAP = 6;
const EDGE_ROOM = 150;
const CARD_W = 440;
const CARD_LINE = 16;
const CARD_CHARS = 62;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface DiagramLayout {
  width: number;
  height: number;
  /** Each authority's block: its box on top, its certificates below. */
  blocks: {authority: string; frame: Box}[];
  boxes: Map<string, Box>;
}

/** Rows of certificates under each authority: enough that the grid is about as tall as the programs' column. */
export function layoutDiagram(g: PkiGraph): DiagramLayout {
  const compHeight = g.components.length * (COMP_H + COMP_GAP);
  const rows = Math.max(4, Math.ceil(compHeight / (BOX_H + GAP)));
  const boxes = new Map<string, Box>();
  const blocks: DiagramLayout['blocks'] = [];
  let x = PAD;
  let bottom = TOP + AUTH_H;
  for (const ca of g.authorities) {
    const leaves = g.leaves.filter((c) => c.issuer === ca.id);
    const cols = Math.max(1, Math.ceil(leaves.length / rows));
    const used = Math.max(1, Math.ceil(leaves.length / cols));
    const blockW = cols * BOX_W + (cols + 1) * GAP;
    boxes.set(ca.id, {x: x + GAP, y: TOP, w: blockW - 2 * GAP, h: AUTH_H});
    leaves.forEach((leaf, i) => {
      const col = Math.floor(i / used);
      const row = i % used;
      const box = {x: x + GAP + col * (BOX_W + GAP), y: TOP + AUTH_H + GAP * 2 + row * (BOX_H + GAP), w: BOX_W, h: BOX_H};
      boxes.set(leaf.id, box);
      bottom = Math.max(bottom, box.y + box.h);
    });
    const frameBottom = TOP + AUTH_H + GAP * 2 + used * (BOX_H + GAP);
    blocks.push({authority: ca.id, frame: {x, y: TOP - GAP, w: blockW, h: frameBottom - TOP + GAP}});
    x += blockW + GAP;
  }
  const compX = x + EDGE_ROOM;
  g.components.forEach((c, i) => {
    const box = {x: compX, y: TOP + i * (COMP_H + COMP_GAP), w: COMP_W, h: COMP_H};
    boxes.set(c.id, box);
    bottom = Math.max(bottom, box.y + box.h);
  });
  return {width: compX + COMP_W + PAD, height: bottom + PAD + GAP, blocks, boxes};
}

/** Element ids: indexes, since certificate ids carry user names; the real id goes in data-id. */
function domIds(g: PkiGraph): Map<string, string> {
  return new Map([...allCerts(g).map((c) => c.id), ...g.components.map((c) => c.id)].map((id, i) => [id, `n${i}`]));
}

const PART_CLASS: Record<MapEdge['part'], string> = {cert: 'part-cert', key: 'part-key', kubeconfig: 'part-kubeconfig', pub: 'part-key', cn: 'part-cert'};

function edgeSvg(e: MapEdge, g: PkiGraph, layout: DiagramLayout, ids: Map<string, string>): string {
  const from = layout.boxes.get(e.component)!;
  // The service-account key pair has no box: its edges end at the programs' side, labelled on the card.
  const to = layout.boxes.get(e.cert);
  const x1 = from.x;
  const y1 = from.y + from.h / 2;
  const x2 = to ? to.x + to.w : x1 - EDGE_ROOM / 3;
  const y2 = to ? to.y + to.h / 2 : y1;
  const bend = Math.max(40, (x1 - x2) / 2);
  const d = `M${x1},${y1} C${x1 - bend},${y1} ${x2 + bend},${y2} ${x2},${y2}`;
  const ends = [ids.get(e.component), to ? ids.get(e.cert) : undefined].filter(Boolean).join(' ');
  const title = `${e.component} ${e.flag} → ${e.file}${e.status === 'planned' || e.status === 'ok' ? '' : ` ${STATUS_TEXT[e.status]}`}`;
  return el('path', {class: `edge ${PART_CLASS[e.part]} status-${e.status}`, d, 'data-component': e.component, 'data-flag': e.flag,
    'data-cert': e.cert, 'data-file': e.file, 'data-ends': ends}, el('title', {}, esc(title)));
}

function fitText(text: string, x: number, y: number, size: number, room: number, cls: string): string {
  const squeeze = textWidth(text, size) > room ? {textLength: room, lengthAdjust: 'spacingAndGlyphs'} : {};
  return el('text', {x, y, class: cls, ...squeeze}, esc(text));
}

function certSvg(c: MapCert, g: PkiGraph, box: Box, id: string): string {
  const readers = g.edges.filter((e) => e.cert === c.id).length;
  const label = `${c.id}, ${c.role === 'authority' ? 'authority' : `${c.role} certificate signed by ${c.issuer}`}, ${validityText(c)}, read by ${readers} flags`;
  return el('g', {id, class: `node cert role-${c.role} status-${c.status}`, tabindex: 0, role: 'button', 'data-id': c.id, 'data-kind': c.kind,
    'data-issuer': c.issuer, 'data-status': c.status, 'aria-label': label, 'aria-describedby': `card-${id}`},
    el('rect', {class: 'box', x: box.x, y: box.y, width: box.w, height: box.h, rx: 6}),
    fitText(c.id, box.x + 8, box.y + 18, 13, box.w - 16, 'name'),
    fitText(`${ROLE_TAG[c.role]} ${validityText(c)}`, box.x + 8, box.y + 35, 11, box.w - 16, 'meta'));
}

function componentSvg(c: MapComponent, g: PkiGraph, box: Box, id: string): string {
  const flags = g.edges.filter((e) => e.component === c.id).length;
  const bad = g.edges.some((e) => e.component === c.id && e.status === 'missing');
  return el('g', {id, class: `node component${bad ? ' status-missing' : ''}`, tabindex: 0, role: 'button', 'data-id': c.id, 'data-program': c.program,
    'aria-label': `${c.id}: program, ${flags} flags read PKI files${bad ? ', some files MISSING' : ''}`, 'aria-describedby': `card-${id}`},
    el('rect', {class: 'box', x: box.x, y: box.y, width: box.w, height: box.h, rx: 14}),
    fitText(`${c.id}${bad ? ' MISSING FILE' : ''}`, box.x + 12, box.y + 18, 12, box.w - 24, 'name'));
}

/** The card of a node: its fields as wrapped lines, placed beside it and kept inside the drawing. */
function cardSvg(lines: [string, string][], box: Box, layout: DiagramLayout, id: string): string {
  const rows = lines.flatMap(([k, v]) => wrapWords(`${k}: ${v}`, CARD_CHARS).map((t, i) => ({t, key: i === 0 ? k : ''})));
  const h = rows.length * CARD_LINE + 16;
  const right = box.x + box.w + 8;
  const x = right + CARD_W <= layout.width ? right : Math.max(4, box.x - CARD_W - 8);
  const y = Math.max(4, Math.min(box.y, layout.height - h - 4));
  return el('g', {id: `card-${id}`, class: 'card', 'aria-hidden': 'true'},
    el('rect', {x, y, width: CARD_W, height: h, rx: 6}),
    ...rows.map((r, i) => el('text', {x: x + 10, y: y + 20 + i * CARD_LINE}, r.key ? `${el('tspan', {class: 'k'}, esc(r.key))}${esc(r.t.slice(r.key.length))}` : esc(r.t))));
}

function componentFields(c: MapComponent, g: PkiGraph): [string, string][] {
  return [
    ['program', c.id],
    ...g.edges.filter((e) => e.component === c.id).map((e) => [e.flag, `${e.file}${e.status === 'missing' ? ` (MISSING${e.notes.length ? `: ${e.notes.join('; ')}` : ''})` : ''}`] as [string, string]),
  ];
}

/** The legend drawn inside the SVG, so the standalone file explains itself. */
function legendSvg(y: number, x: number): string {
  const items: [string, string][] = [
    ['role-authority', 'authority (CA)'], ['role-client', 'client: CN = user, O = groups'], ['role-server', 'server: SANs'], ['role-peer', 'server and client'],
  ];
  const swatches = items.map(([cls, text], i) => el('g', {class: `legend-item ${cls}`}, el('rect', {class: 'box', x: x + i * 250, y, width: 18, height: 14, rx: 3}), el('text', {x: x + i * 250 + 24, y: y + 12}, esc(text))));
  const lines: [string, string][] = [['part-cert', 'flag → certificate'], ['part-key', 'flag → private key'], ['part-kubeconfig', 'flag → kubeconfig']];
  const strokes = lines.map(([cls, text], i) => el('g', {class: 'legend-item'}, el('path', {class: `edge lit ${cls}`, d: `M${x + i * 250},${y + 30} h28`}), el('text', {x: x + i * 250 + 34, y: y + 34}, esc(text))));
  const words = el('text', {x: x + 750, y: y + 34}, esc(`status in words: ${Object.values(STATUS_TEXT).join(' · ')}`));
  return el('g', {class: 'legend', 'aria-label': 'legend'}, ...swatches, ...strokes, words);
}

export interface DiagramOptions {
  /** A file of its own: namespace, CSS and script inside the SVG. */
  standalone: boolean;
  css: string;
  script: string;
}

/** The diagram as one <svg> element. */
export function diagramSvg(g: PkiGraph, opts: DiagramOptions): string {
  const layout = layoutDiagram(g);
  const ids = domIds(g);
  const legendH = 48;
  const height = layout.height + legendH;
  const frames = layout.blocks.map((b) => el('rect', {class: 'block', x: b.frame.x, y: b.frame.y, width: b.frame.w, height: b.frame.h, rx: 10, 'data-authority': b.authority}));
  const edges = g.edges.map((e) => edgeSvg(e, g, layout, ids));
  const certs = allCerts(g).map((c) => certSvg(c, g, layout.boxes.get(c.id)!, ids.get(c.id)!));
  const comps = g.components.map((c) => componentSvg(c, g, layout.boxes.get(c.id)!, ids.get(c.id)!));
  const cards = [
    ...allCerts(g).map((c) => cardSvg(certFields(c, g), layout.boxes.get(c.id)!, {...layout, height}, ids.get(c.id)!)),
    ...g.components.map((c) => cardSvg(componentFields(c, g), layout.boxes.get(c.id)!, {...layout, height}, ids.get(c.id)!)),
  ];
  const compX = layout.boxes.get(g.components[0]?.id ?? '')?.x ?? layout.width - COMP_W - PAD;
  const headings = [
    el('text', {class: 'heading', x: PAD, y: TOP - 26}, 'Authorities, and the certificates each one signs'),
    el('text', {class: 'heading', x: compX, y: TOP - 26}, 'Programs'),
  ];
  const ns = opts.standalone ? {xmlns: 'http://www.w3.org/2000/svg'} : {};
  const title = `PKI map of cluster ${g.title}`;
  return el('svg', {...ns, class: 'pki-map', viewBox: `0 0 ${layout.width} ${height}`, width: layout.width, height, role: 'group', 'aria-label': title, 'font-family': 'sans-serif'},
    el('title', {}, esc(title)),
    opts.standalone ? el('style', {}, opts.css) : '',
    ...frames, ...headings,
    el('g', {class: 'edges'}, ...edges),
    ...certs, ...comps,
    legendSvg(layout.height + 4, PAD),
    el('g', {class: 'cards'}, ...cards),
    opts.standalone ? el('script', {}, `<![CDATA[${opts.script}]]>`) : '');
}
