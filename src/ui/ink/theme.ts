// Colours by meaning. Ink's chalk drops them under FORCE_COLOR=0, which main.ts sets for NO_COLOR,
// --no-color and TERM=dumb; symbols (✔ ✖ ! ›) carry the meaning on their own.

export const theme = {
  title: 'cyan',
  focus: 'cyan',
  error: 'red',
  warning: 'yellow',
  ok: 'green',
  command: 'green',
} as const;

/** Side by side from this width, stacked below it. */
export const WIDE = 100;
/** Below this the wizard only says the terminal is too narrow. */
export const MIN_COLUMNS = 40;
