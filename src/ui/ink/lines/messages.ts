// Validation messages as rows: errors with ✖, warnings with !, so meaning never rests on colour.

import {wrapWords} from '../layout.js';
import {theme} from '../theme.js';
import type {Line} from './line.js';

function marked(mark: string, message: string, width: number, indent: number, color: string): Line[] {
  const pad = ' '.repeat(indent);
  return wrapWords(message, Math.max(10, width - indent - 2))
    .map((row, i) => [{text: pad}, {text: `${i === 0 ? mark : ' '} ${row}`, color}]);
}

/** The messages wrapped at `width`, `indent` columns in. */
export function messageLines({errors = [], warnings = [], width, indent = 2}: {errors?: string[]; warnings?: string[]; width: number; indent?: number}): Line[] {
  return [
    ...errors.flatMap((m) => marked('✖', m, width, indent, theme.error)),
    ...warnings.flatMap((m) => marked('!', m, width, indent, theme.warning)),
  ];
}
