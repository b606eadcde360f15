// The expiry timeline in a terminal (for `check --timeline` and the wizard): one bar per certificate, authorities
// above their leaves, today marked on the axis; expired and expiring rows say so in words as well as colour.

import {wrapWords} from '../ui/ink/layout.js';
import {ALARMING, type PkiGraph} from './graph.js';
import {day, validityText} from './describe.js';
import {position, timeAxis, timelineRows, type TimeAxis} from './timeline-scale.js';

export interface TimelineOptions {
  width: number;
  color: boolean;
}

const MIN_BAR = 12;
const RED = (s: string) => `\u001b[1;31m${s}\u001b[0m`;
const YELLOW = (s: string) => `\u001b[1;33m${s}\u001b[0m`;

function barCells(axis: TimeAxis, from: number, to: number, cells: number): string {
  const today = Math.min(cells - 1, Math.max(0, Math.floor(position(axis, axis.now) * cells)));
  let first = Math.floor(position(axis, from) * cells);
  let last = Math.ceil(position(axis, to) * cells) - 1;
  if (!Number.isFinite(first) || !Number.isFinite(last)) return ' '.repeat(cells);
  first = Math.max(0, Math.min(cells - 1, first));
  last = Math.max(first, Math.min(cells - 1, last));
  let out = '';
  for (let i = 0; i < cells; i++) out += i >= first && i <= last ? '█' : i === today ? '┆' : ' ';
  return out;
}

/** The axis: years where they fit, and `▼ today` above today's column. */
function axisRows(axis: TimeAxis, cells: number, indent: number): string[] {
  const col = (t: number) => Math.min(cells - 1, Math.max(0, Math.floor(position(axis, t) * cells)));
  const years = Array.from(' '.repeat(cells));
  // Every year, or every second, fifth… so the labels are evenly spaced and do not touch.
  const perYear = cells / Math.max(1, (axis.end - axis.start) / (365.25 * 86_400_000));
  const step = [1, 2, 5, 10, 20, 50, 100].find((s) => s * perYear >= 6) ?? 100;
  let free = 0;
  for (const {year, at} of axis.years) {
    const c = col(at);
    const label = String(year);
    if (year % step !== 0 || c < free || c + label.length > cells) continue;
    for (let i = 0; i < label.length; i++) years[c + i] = label[i]!;
    free = c + label.length + 1;
  }
  const today = col(axis.now);
  const mark = `▼ today ${day(new Date(axis.now))}`;
  const markRow = today + mark.length <= cells ? ' '.repeat(today) + mark : `${' '.repeat(Math.max(0, today - mark.length + 1))}${mark.replace('▼ ', '')} ▼`;
  const pad = ' '.repeat(indent);
  return [`${pad}${markRow}`.trimEnd(), `${pad}${years.join('')}`.trimEnd()];
}

/** The terminal timeline, one string per row, never wider than `width`. */
export function timelineLines(g: PkiGraph, opts: TimelineOptions): string[] {
  const width = Math.max(24, opts.width);
  const rows = timelineRows(g);
  const axis = timeAxis(g, rows);
  const labels = rows.map((r) => `${'  '.repeat(r.depth)}${r.cert.id}`);
  const states = rows.map((r) => validityText(r.cert));
  const stateW = Math.max(...states.map((s) => s.length), 0);
  const labelW = Math.min(Math.max(...labels.map((l) => l.length), 0), Math.floor(width * 0.36));
  // Beside the label when there is room, else the bar gets a row of its own under the label and the state.
  const inline = width - labelW - stateW - 2 >= MIN_BAR;
  const cells = inline ? width - labelW - stateW - 2 : width - 2;
  const indent = inline ? labelW + 1 : 2;
  const paint = (s: string, i: number) => {
    const status = rows[i]!.cert.status;
    if (!opts.color || !ALARMING.has(status)) return s;
    return status === 'expiring' ? YELLOW(s) : RED(s);
  };
  const out = [`Expiry timeline of ${g.title}: one bar per certificate, authorities above their leaves`, ''].flatMap((l) => wrapWords(l, width));
  out.push(...axisRows(axis, cells, indent));
  rows.forEach((r, i) => {
    const bar = barCells(axis, r.cert.notBefore.getTime(), r.cert.notAfter.getTime(), cells);
    const label = labels[i]!;
    const state = states[i]!;
    if (inline && label.length <= labelW) {
      out.push(`${label.padEnd(labelW)} ${paint(bar, i)} ${paint(state, i)}`.trimEnd());
    } else if (inline) {
      out.push(...wrapWords(label, width));
      out.push(`${' '.repeat(labelW)} ${paint(bar, i)} ${paint(state, i)}`.trimEnd());
    } else {
      out.push(...wrapWords(`${label}  ${state}`, width).map((l) => paint(l, i)));
      out.push(`  ${paint(bar, i)}`.trimEnd());
    }
  });
  return out;
}
