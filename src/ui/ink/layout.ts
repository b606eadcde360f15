// Line budgeting for a fixed-height terminal: wraps text the way Ink does (words, hard-breaking long
// ones), so each screen knows its height and the openssl panel can take exactly the rows that are left.

/** Greedy word wrap at `width`; words longer than a line are broken (Ink's wrap-ansi with hard: true). */
export function wrapWords(text: string, width: number): string[] {
  if (width <= 0) return [text];
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      let w = word;
      if (line === '' ) {
        while (w.length > width) {
          out.push(w.slice(0, width));
          w = w.slice(width);
        }
        line = w;
      } else if (line.length + 1 + w.length <= width) {
        line += ` ${w}`;
      } else {
        out.push(line);
        while (w.length > width) {
          out.push(w.slice(0, width));
          w = w.slice(width);
        }
        line = w;
      }
    }
    out.push(line);
  }
  return out;
}

/** Rows `text` takes when Ink wraps it at `width`. */
export function rowsFor(text: string, width: number): number {
  return wrapWords(text, width).length;
}

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
