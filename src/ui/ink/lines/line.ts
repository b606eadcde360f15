// Screens as arrays of rows. Why not Ink's measureElement: it reports 0 until a layout has run, so the
// preview's share would be known only one render late, and Ink 6 clears and redraws the whole terminal
// whenever a frame is as tall as the screen, so every stale measure would flicker. Instead each part
// of a step is built here as Line[] (wrapped or cut to its width) and drawn by <Lines> one row per Line:
// the rows a part takes are the length of the very array that is rendered.

import {cut, wrapWords} from '../layout.js';

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

/** A line of `t` cut to `width`. */
export const cutText = (t: string, width: number, style: Style = {}): Line => text(cut(t, width), style);

/** `t` word-wrapped at `width`, one Line per row, after `indent` spaces. */
export function wrapped(t: string, width: number, style: Style = {}, indent = 0): Line[] {
  const pad = indent > 0 ? [{text: ' '.repeat(indent)}] : [];
  return wrapWords(t, Math.max(1, width - indent)).map((row) => [...pad, {text: row, ...style}]);
}

/** Lines moved right by `indent` spaces. */
export const indented = (lines: Line[], indent: number): Line[] =>
  indent > 0 ? lines.map((l) => [{text: ' '.repeat(indent)}, ...l]) : lines;

export const widthOf = (line: Line): number => line.reduce((n, s) => n + s.text.length, 0);

/** The line cut to `width` columns, ending in an ellipsis when something was cut. */
export function fit(line: Line, width: number): Line {
  if (widthOf(line) <= width) return line;
  const out: Span[] = [];
  let left = Math.max(0, width - 1);
  for (const span of line) {
    if (left <= 0) break;
    out.push({...span, text: span.text.slice(0, left)});
    left -= Math.min(left, span.text.length);
  }
  const last = out.at(-1) ?? {text: ''};
  if (width > 0) out[Math.max(0, out.length - 1)] = {...last, text: `${last.text}…`};
  return out;
}
