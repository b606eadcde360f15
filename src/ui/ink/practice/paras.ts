// Practice paragraphs (practice/text.ts and friends) as terminal rows: each tone a style, continuation rows of
// a hanging paragraph indented, every row wrapped to the width so nothing is cut.

import type {Para} from '../../../practice/text.js';
import {wrapped, type Line, type Style} from '../lines/line.js';
import {theme} from '../theme.js';

const TONES: Readonly<Record<NonNullable<Para['tone']>, Style>> = {
  title: {bold: true},
  good: {color: theme.ok},
  bad: {color: theme.error},
  dim: {dim: true},
  code: {color: theme.command},
};

export function paraLines(paras: readonly Para[], width: number): Line[] {
  return paras.flatMap((p) => {
    const rows = wrapped(p.text, width - (p.hang ?? 0), p.tone ? TONES[p.tone] : {});
    return rows.map((row, i) => (i > 0 && p.hang ? [{text: ' '.repeat(p.hang)}, ...row] : row));
  });
}
