// The layout rules of the Ink wizard: how wide the columns of a build step are, how a step's rows are
// shared between its parts, and the text helpers (wrap, cut, windows) that keep each line one row.

/** Side by side from this width, stacked below it. */
export const WIDE = 100;
/** Below this the wizard only says the terminal is too narrow. */
export const MIN_COLUMNS = 40;

export interface StepColumns {
  /** The why panel sits beside the question and body (else below them). */
  wide: boolean;
  /** Columns of the question and the step's body. */
  main: number;
  /** Columns of the why panel. */
  why: number;
  /** Columns between the two when side by side. */
  gap: number;
}

/** The one rule for the columns of a build step: from WIDE on, the why panel takes 38% of the width (at
 *  most 44 columns) two columns right of the question and body; below it, both span the terminal. */
export function stepColumns(columns: number): StepColumns {
  if (columns < WIDE) return {wide: false, main: columns, why: columns, gap: 0};
  const why = Math.min(44, Math.floor(columns * 0.38));
  const gap = 2;
  return {wide: true, main: columns - why - gap, why, gap};
}

/** How a build step's rows are shared: what the frame shows and the rows the openssl preview gets. */
export interface FrameRows {
  showWhy: boolean;
  /** Rows for the question and body (fewer than they have only on a terminal too short for them). */
  main: number;
  /** Rows of the why panel shown. */
  why: number;
  /** Preview rows below its title; 0 leaves the preview out (the help overlay still shows it). */
  preview: number;
}

/** The header above everything; the blank row and the title line above the preview's commands. */
const HEADER = 1;
const PREVIEW_CHROME = 2;
/** Stacked, the why panel gives way to the preview when both cannot have a row. */
const MIN_PREVIEW = 1;

/** Shares `rows` between the header, the question and body (`main` rows), the why panel (`why` rows)
 *  and the preview, which gets whatever is left. The inputs are the lengths of the very line arrays the
 *  frame renders, so the sum is exact. */
export function frameRows({rows, main, why, wide}: {rows: number; main: number; why: number; wide: boolean}): FrameRows {
  const budget = Math.max(1, rows - HEADER);
  // Stacked on a short terminal a long body wins over the why panel (it stays one `?` away).
  const showWhy = wide || main + 1 + why + PREVIEW_CHROME + MIN_PREVIEW <= budget;
  const top = wide ? Math.max(main, why) : showWhy ? main + 1 + why : main;
  const room = budget - top - PREVIEW_CHROME;
  if (room >= MIN_PREVIEW) return {showWhy, main, why: showWhy ? why : 0, preview: room};
  // No row left for the preview: it steps aside, and a body still taller than the terminal is cut.
  // (Stacked, the why panel is already gone here: it is shown only when the preview has a row.)
  return {showWhy, main: Math.min(main, budget), why: showWhy ? Math.min(why, budget) : 0, preview: 0};
}

export {wrapWords} from '../wrap.js';

/** Cuts `text` to `width` characters with an ellipsis. */
export function cut(text: string, width: number): string {
  if (width <= 1) return text.slice(0, Math.max(0, width));
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/** The window of `count` rows around `cursor` in a list of `total`. */
export function windowAround(cursor: number, total: number, count: number): {start: number; end: number} {
  if (total <= count) return {start: 0, end: total};
  const start = Math.max(0, Math.min(total - count, cursor - Math.floor(count / 2)));
  return {start, end: start + count};
}
