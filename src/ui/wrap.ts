// Word wrap for both front ends: Ink lays rows out with it, plain mode wraps its lines to the terminal.

/** Greedy word wrap at `width`; words longer than a row are broken (after a `/` or `,` when that costs no extra
 *  row). A paragraph's leading spaces (a bullet's indent) stay on its first row, runs of spaces inside a row stay
 *  (aligned columns), spaces at a row break are dropped, and rows after the first start with `hang` spaces. */
export function wrapWords(text: string, width: number, hang = 0): string[] {
  if (width <= 0) return [text];
  const indent = ' '.repeat(hang < width ? hang : 0);
  const out: string[] = [];
  for (const para of text.split('\n')) {
    const body = para.trimStart();
    let line = para.slice(0, para.length - body.length);
    let fresh = true; // nothing but the indent on this row yet
    const newRow = () => {
      out.push(line);
      line = indent;
      fresh = true;
    };
    for (const [, sep = '', word = ''] of body.matchAll(/( *)([^ ]+)/g)) {
      const gap = fresh ? '' : sep;
      if (line.length + gap.length + word.length <= width) {
        line += gap + word;
      } else {
        if (!fresh || line.trim() !== '') newRow();
        let w = word;
        while (line.length + w.length > width) {
          const room = width - line.length;
          // Joined flags and paths read best broken after a separator (`--a-cert/` then `--a-key`), unless that
          // costs a row more than breaking where the row ends.
          const sep = Math.max(w.lastIndexOf('/', room - 1), w.lastIndexOf(',', room - 1)) + 1;
          const rows = (rest: number) => Math.ceil(rest / Math.max(1, width - indent.length));
          const cut = sep > 0 && rows(w.length - sep) <= rows(w.length - room) ? sep : room;
          line += w.slice(0, cut);
          w = w.slice(cut);
          newRow();
        }
        line += w;
      }
      fresh = false;
    }
    out.push(line);
  }
  return out;
}
