// How wide and how colourful text drawn for a terminal may be: the commands that draw (map, check --timeline)
// ask here, so NO_COLOR, --no-color, TERM=dumb and $COLUMNS mean the same everywhere.

import type {Io} from './command.js';

/** Columns to draw in: the terminal's, else $COLUMNS, else 80. */
export function outputWidth(io: Io): number {
  const fromEnv = Number.parseInt(io.env.COLUMNS ?? '', 10);
  const tty = io.isTTY ? process.stdout.columns : undefined;
  return tty && tty > 0 ? tty : fromEnv > 0 ? fromEnv : 80;
}

/** Colour only on a terminal, and never with NO_COLOR, --no-color (FORCE_COLOR=0) or TERM=dumb. */
export const colourWanted = (io: Io): boolean =>
  io.isTTY && !io.env.NO_COLOR && io.env.FORCE_COLOR !== '0' && io.env.TERM !== 'dumb';
