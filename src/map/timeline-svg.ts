// The expiry timeline as SVG for the page: the same rows and axis as the terminal one, today as a red line,
// expired and expiring bars coloured and followed by the words that say so.

import {ALARMING, type PkiGraph} from './graph.js';
import {day, validityText} from './describe.js';
import {el, esc, textWidth} from './markup.js';
import {position, timeAxis, timelineRows} from './timeline-scale.js';

const ROW = 18;
const TOP = 40;
const BAR_W = 640;
const STATE_W = 210;

export function timelineSvg(g: PkiGraph): string {
  const rows = timelineRows(g);
  const axis = timeAxis(g, rows);
  const labelW = Math.ceil(Math.max(...rows.map((r) => textWidth(`${r.cert.id}`, 11) + r.depth * 14), 80)) + 16;
  const x0 = labelW;
  const xAt = (t: number) => x0 + Math.max(0, Math.min(1, position(axis, t))) * BAR_W;
  const height = TOP + rows.length * ROW + 12;
  const width = x0 + BAR_W + STATE_W;
  const ticks = axis.years.map(({year, at}) => el('g', {}, el('line', {x1: xAt(at), x2: xAt(at), y1: TOP - 8, y2: height - 8}), el('text', {x: xAt(at) + 2, y: TOP - 12}, String(year))));
  const todayX = xAt(axis.now);
  const today = el('g', {class: 'today'}, el('line', {x1: todayX, x2: todayX, y1: 14, y2: height - 4}), el('text', {x: todayX + 4, y: 12}, esc(`today ${day(new Date(axis.now))}`)));
  const bars = rows.map((r, i) => {
    const y = TOP + i * ROW;
    const c = r.cert;
    const from = xAt(c.notBefore.getTime());
    const to = Math.max(from + 2, xAt(c.notAfter.getTime()));
    const ca = r.depth === 0 && c.role === 'authority' ? ' ca' : '';
    return el('g', {class: 'row', 'data-id': c.id, 'data-status': c.status},
      el('text', {class: `label${ca}`, x: 6 + r.depth * 14, y: y + 12}, esc(c.id)),
      el('rect', {class: `bar${ca} status-${c.status}`, x: from, y: y + 3, width: to - from, height: ROW - 6, rx: 2}, el('title', {}, esc(`${c.id}: ${day(c.notBefore)} to ${day(c.notAfter)}, ${validityText(c)}`))),
      el('text', {class: `state${ALARMING.has(c.status) ? ' alarm' : ''}`, x: x0 + BAR_W + 8, y: y + 12}, esc(validityText(c))));
  });
  return el('svg', {class: 'timeline', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': `Expiry timeline of ${g.title}: ${rows.length} certificates`},
    el('g', {class: 'axis'}, ...ticks), today, ...bars);
}
