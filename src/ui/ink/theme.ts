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
