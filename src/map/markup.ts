// Text made safe for HTML and SVG (element content and quoted attributes), and the small element builders the
// diagram and the page share. Every value from a plan or a certificate passes through `esc`.

const ENTITIES: Record<string, string> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'};

/** Escapes markup characters and drops what XML cannot carry (controls other than tab and newline, lone surrogates). */
export function esc(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ud800-\udfff\ufffe\uffff]/gu, '\ufffd').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

export type Attrs = Record<string, string | number | undefined>;

export const attrs = (a: Attrs): string =>
  Object.entries(a).filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${esc(String(v))}"`).join('');

export const el = (name: string, a: Attrs, ...children: string[]): string => `<${name}${attrs(a)}>${children.join('')}</${name}>`;

/** Rough width of `text` at `size` px in the page's sans-serif font: enough to decide where labels go. */
export const textWidth = (text: string, size: number): number => [...text].length * size * 0.64;
