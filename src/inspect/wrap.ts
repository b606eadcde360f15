// Text laid out for a terminal of a given width: words wrapped, long tokens (fingerprints, paths) broken at
// their separators or hard, never cut off. A labelled field may carry a short note in a right-hand column.

/** `text` in lines of at most `width` characters; nothing is ever dropped. */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(8, width);
  const lines: string[] = [];
  let line = '';
  const push = () => {
    if (line !== '') lines.push(line);
    line = '';
  };
  for (const word of text.split(' ')) {
    let rest = word;
    if (line !== '' && line.length + 1 + rest.length <= w) {
      line += ` ${rest}`;
      continue;
    }
    push();
    while (rest.length > w) {
      // Prefer a break after a separator inside the token (`:`, `,`, `/`, `-`), else break hard.
      const window = rest.slice(0, w);
      const at = Math.max(window.lastIndexOf(':'), window.lastIndexOf(','), window.lastIndexOf('/'), window.lastIndexOf('-'));
      const cut = at >= w / 2 ? at + 1 : w;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  push();
  return lines.length > 0 ? lines : [''];
}

/** The right-hand column's width: the longest openssl option kubepki shows beside a field fits. */
export const NOTE_WIDTH = 21;

export interface FieldLayout {
  indent: number;
  labelWidth: number;
  width: number;
}

/**
 * `  Label         value…                    note`: the value wraps in its column and the note (an openssl option)
 * starts the right-hand column on the first line; a note too long for that column goes on a line of its own.
 */
export function field(label: string, value: string, note: string | undefined, layout: FieldLayout): string[] {
  const head = `${' '.repeat(layout.indent)}${label.padEnd(layout.labelWidth)}`;
  const pad = ' '.repeat(head.length);
  const fullWidth = layout.width - head.length;
  if (!note) return wrap(value, fullWidth).map((l, i) => (i === 0 ? head : pad) + l);
  if (note.length > NOTE_WIDTH) {
    return [...wrap(value, fullWidth).map((l, i) => (i === 0 ? head : pad) + l), ...wrap(note, fullWidth).map((l) => pad + l)];
  }
  const valueWidth = fullWidth - NOTE_WIDTH - 2;
  return wrap(value, valueWidth).map((l, i) => (i === 0 ? `${head}${l.padEnd(valueWidth)}  ${note}` : pad + l));
}
