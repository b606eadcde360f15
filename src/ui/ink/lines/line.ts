// Screens as arrays of rows. Why not Ink's measureElement: it reports 0 until a layout has run, so the
// preview's share would be known only one render late, and Ink 6 clears and redraws the whole terminal
// whenever a frame is as tall as the screen, so every stale measure would flicker. Instead each part
// of a step is built here as Line[] (wrapped or cut to its width) and drawn by <Lines> one row per Line:
// the rows a part takes are the length of the very array that is rendered.

import {wrapWords} from '../layout.js';

export interface Style {
  color?: string;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
}

export interface Span extends Style {
  text: string;
}

/** One terminal row: styled runs of text, never a newline. */
export type Line = readonly Span[];

export const BLANK: Line = [];

/** A one-span line. */
export const text = (t: string, style: Style = {}): Line => [{text: t, ...style}];

/** `t` word-wrapped at `width`, one Line per row, after `indent` spaces; rows after the first `hang` more. */
export function wrapped(t: string, width: number, style: Style = {}, indent = 0, hang = 0): Line[] {
  const pad = indent > 0 ? [{text: ' '.repeat(indent)}] : [];
  return wrapWords(t, Math.max(1, width - indent), hang).map((row) => [...pad, {text: row, ...style}]);
}

/** `prefix` then `t` wrapped in the columns right of it; the rows after the first start under `t` (a hanging
 *  indent), so a label, a bullet or a SAN keeps its column and nothing is cut. */
export function hanging(prefix: readonly Span[], t: string, width: number, style: Style = {}): Line[] {
  const pw = widthOf(prefix);
  const room = width - pw >= 12 ? width - pw : width;
  const rows = wrapWords(t, Math.max(1, room));
  if (room === width) return [[...prefix], ...rows.map((r) => [{text: r, ...style}])];
  return rows.map((r, i) => [i === 0 ? [...prefix] : [{text: ' '.repeat(pw)}], [{text: r, ...style}]].flat());
}

/** Lines moved right by `indent` spaces. */
export const indented = (lines: Line[], indent: number): Line[] =>
  indent > 0 ? lines.map((l) => [{text: ' '.repeat(indent)}, ...l]) : lines;

export const widthOf = (line: Line): number => line.reduce((n, s) => n + s.text.length, 0);
