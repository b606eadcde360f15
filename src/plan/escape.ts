// Untrusted values made safe for one line of terminal output: control, format and bidi characters become
// visible escapes, so a hostile value can neither break the line nor repaint the message around it.

/** Characters never printed raw: controls, format/bidi, surrogates, private use, line/paragraph separators. */
export const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}]/u;
/** Spaces other than U+0020 look like a space but are not one: shown escaped too. */
const ODD_SPACE = /[^\S ]|\p{Zs}/u;

const SHORT_ESCAPES: Record<string, string> = {'\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\\0', '\b': '\\b', '\f': '\\f', '\v': '\\v'};

export const DISPLAY_LIMIT = 60;

/** `\u202e`, `\u{1f600}`: the JSON-ish escape for one code point. */
export function codePointEscape(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

function escapeChar(ch: string, quoted: boolean): string {
  const short = SHORT_ESCAPES[ch];
  if (short) return short;
  if (quoted && (ch === '"' || ch === '\\')) return `\\${ch}`;
  if (ch !== ' ' && (INVISIBLE.test(ch) || ODD_SPACE.test(ch))) return codePointEscape(ch);
  return ch;
}

/** Escapes `text` (no quotes added), stopping with `…` once the result would pass `limit` characters. */
export function escapeText(text: string, limit = Infinity, quoted = false): string {
  let out = '';
  let length = 0;
  for (const ch of text) {
    const piece = escapeChar(ch, quoted);
    const pieceLength = Array.from(piece).length;
    if (length + pieceLength > limit) return `${out}…`;
    out += piece;
    length += pieceLength;
  }
  return out;
}

/** A value as it appears in messages: strings quoted and escaped, everything truncated to ~60 characters. */
export function displayValue(v: unknown): string {
  const text = render(v, 2);
  if (typeof v === 'string') return text; // already cut inside the quotes
  const chars = Array.from(text);
  return chars.length > DISPLAY_LIMIT ? `${chars.slice(0, DISPLAY_LIMIT).join('')}…` : text;
}

function render(v: unknown, depth: number): string {
  if (typeof v === 'string') return `"${escapeText(v, DISPLAY_LIMIT, true)}"`;
  if (v === undefined) return '(missing)';
  if (v === null || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (typeof v === 'symbol') return '(symbol)';
  if (typeof v === 'function') return '(function)';
  if (v instanceof Uint8Array) return `(binary data, ${v.length} bytes)`;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '(invalid date)' : v.toISOString();
  if (depth <= 0) return Array.isArray(v) ? '[…]' : '{…}';
  // Only the first few entries: enough to recognise the value, never a wall of text.
  if (Array.isArray(v)) {
    const items = v.slice(0, 4).map((x) => render(x, depth - 1));
    return `[${items.join(', ')}${v.length > 4 ? ', …' : ''}]`;
  }
  if (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null) {
    const keys = Object.keys(v);
    const items = keys.slice(0, 4).map((k) => `${escapeText(k, 20)}: ${render((v as Record<string, unknown>)[k], depth - 1)}`);
    return `{${items.join(', ')}${keys.length > 4 ? ', …' : ''}}`;
  }
  return `(${escapeText(v.constructor?.name ?? 'object', 20)})`;
}
