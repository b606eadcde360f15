// What both timelines (terminal and page) draw: one row per certificate, each authority above the leaves it
// signs, on one time axis that covers every validity period and today.

import {leavesOf, type MapCert, type PkiGraph} from './graph.js';

export interface TimelineRow {
  cert: MapCert;
  /** 0 for an authority, 1 for the leaves under it. */
  depth: number;
}

export interface TimeAxis {
  start: number;
  end: number;
  now: number;
  /** Where each year begins inside the axis, for tick labels. */
  years: {year: number; at: number}[];
}

export function timelineRows(g: PkiGraph): TimelineRow[] {
  const rows: TimelineRow[] = [];
  for (const ca of g.authorities) {
    rows.push({cert: ca, depth: 0});
    for (const leaf of leavesOf(g, ca.id)) rows.push({cert: leaf, depth: 1});
  }
  // Leaves whose issuer was not found (a tree without its CA) still get a bar.
  const shown = new Set(rows.map((r) => r.cert.id));
  for (const leaf of g.leaves) if (!shown.has(leaf.id)) rows.push({cert: leaf, depth: 0});
  return rows;
}

const valid = (t: number) => Number.isFinite(t);

export function timeAxis(g: PkiGraph, rows: TimelineRow[]): TimeAxis {
  const now = g.now.getTime();
  const times = rows.flatMap((r) => [r.cert.notBefore.getTime(), r.cert.notAfter.getTime()]).filter(valid);
  let start = Math.min(now, ...times);
  let end = Math.max(now, ...times);
  if (end - start < 86_400_000) end = start + 86_400_000;
  // A little room either side, so today and the first bar do not sit on the edge.
  const margin = (end - start) * 0.02;
  start -= margin;
  end += margin;
  const years: TimeAxis['years'] = [];
  for (let y = new Date(start).getUTCFullYear() + 1; Date.UTC(y, 0, 1) <= end; y++) years.push({year: y, at: Date.UTC(y, 0, 1)});
  return {start, end, now, years};
}

/** 0..1 along the axis. */
export const position = (axis: TimeAxis, t: number): number => (t - axis.start) / (axis.end - axis.start);
