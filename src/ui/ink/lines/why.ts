// The short "why" beside every step, from src/learn, as rows.

import {wrapWords} from '../layout.js';
import type {Line} from './line.js';

export function whyLines(why: string, width: number): Line[] {
  return wrapWords(`Why: ${why}`, width).map((row, i) => (i === 0 ? [{text: 'Why:', bold: true}, {text: row.slice(4)}] : [{text: row}]));
}
