// A screen of logical lines (each already wrapped into rows) scrolled by line: the rows from `start` that fit in
// `room`, and how many rows are left below. The last start is the first line from which the rest fits.

import {text, type Line} from './line.js';

export function scrolled(lines: Line[][], start: number, room: number): Line[] {
  let last = lines.length;
  for (let used = 0; last > 0 && used + lines[last - 1]!.length <= room; last--) used += lines[last - 1]!.length;
  const first = Math.min(start, last);
  const shown: Line[] = [];
  let end = first;
  for (; end < lines.length && shown.length + lines[end]!.length <= room; end++) shown.push(...lines[end]!);
  const below = lines.slice(end).reduce((n, l) => n + l.length, 0);
  return [...shown, ...(below > 0 ? [text(`↓ ${below} more rows`, {dim: true})] : [])];
}
