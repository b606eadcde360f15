// Block-style YAML for the plain-data documents kubepki writes (static pods, kubelet configs, RBAC): the text the
// `yaml` package's stringify prints for them (lineWidth 0), at a fifth of its cold-start cost (~35 → ~7 ms for the
// example ha tree). A string is plain unless YAML 1.2 or 1.1 (which kubectl's decoder follows) would read it otherwise.

/** Scalars that YAML 1.2 core or YAML 1.1 resolves to null, a boolean, a number, a date or a merge key. */
const NOT_A_STRING = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Yy]|[Yy]es|YES|[Nn]|[Nn]o|NO|[Tt]rue|TRUE|[Ff]alse|FALSE|[Oo]n|ON|[Oo]ff|OFF)$/,
  /^[-+]?(?:0b[01_]+|0o[0-7]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\.[0-9_]*)?|\.[0-9_]*)$/,
  /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:$|[tT \t])/,
  /^<<$/,
];
/** What a plain scalar may not hold (the `yaml` package's rule): an indicator first, `: ` or ` #`, a space last. */
const PLAIN_UNSAFE = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** Line breaks (YAML 1.1's too), control characters but tab, lone surrogates and a document marker need quotes. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NEEDS_QUOTES = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u{D800}-\u{DFFF}]|^(?:---|\.\.\.)/u;
/** The escapes YAML has for control characters JSON writes as \u00XX. */
const SHORT_ESCAPES: Readonly<Record<string, string>> = {'0000': '\\0', '0007': '\\a', '000b': '\\v', '001b': '\\e'};

/** A string as one YAML scalar on one line: plain when that reads back as the same string, else quoted. */
function scalarString(s: string): string {
  if (!NEEDS_QUOTES.test(s) && !PLAIN_UNSAFE.test(s) && !NOT_A_STRING.some((re) => re.test(s))) return s;
  if (s.includes('"') && !s.includes("'") && !NEEDS_QUOTES.test(s)) return `'${s}'`;
  // JSON's escapes are YAML's, but YAML spells \u00XX as \xXX (and a few shorter) and has escapes for U+2028/9.
  return JSON.stringify(s)
    .replace(/\\(?:u(00[0-9a-f]{2})|.)/g, (escape, code?: string) => (code ? SHORT_ESCAPES[code] ?? `\\x${code.slice(2)}` : escape))
    .replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\L' : '\\P'));
}

type Collection = readonly unknown[] | Record<string, unknown>;

const isMap = (v: object): v is Record<string, unknown> => Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null;
/** A map's entries as the `yaml` package writes them: keys whose value is undefined are left out. */
const pairs = (map: Record<string, unknown>) => Object.entries(map).filter(([, v]) => v !== undefined);

/** A value that fits after `key: ` or `- ` (scalars, empty collections); undefined for a collection with items. */
function inline(v: unknown): string | undefined {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return scalarString(v);
    case 'boolean':
      return String(v);
    case 'number':
      if (!Number.isFinite(v)) break;
      return Object.is(v, -0) ? '-0' : JSON.stringify(v);
    case 'object':
      if (Array.isArray(v)) return v.length === 0 ? '[]' : undefined;
      if (isMap(v)) return pairs(v).length === 0 ? '{}' : undefined;
      break;
  }
  throw new Error(`internal: no YAML for ${typeof v === 'object' ? Object.prototype.toString.call(v) : String(v)}`);
}

/** Appends a map or sequence with items, one line per scalar; `first` stands in for `indent` on its first line
 *  (a sequence item's map starts after its `- `). Nested collections are indented two spaces, sequences too. */
function collection(v: Collection, indent: string, first: string, out: string[]): void {
  const inner = `${indent}  `;
  let prefix = first;
  if (Array.isArray(v)) {
    for (const item of v) {
      const text = inline(item);
      if (text === undefined) collection(item as Collection, inner, `${prefix}- `, out);
      else out.push(`${prefix}- ${text}`);
      prefix = indent;
    }
    return;
  }
  for (const [key, item] of pairs(v as Record<string, unknown>)) {
    const text = inline(item);
    if (text === undefined) {
      out.push(`${prefix}${scalarString(key)}:`);
      collection(item as Collection, inner, inner, out);
    } else {
      out.push(`${prefix}${scalarString(key)}: ${text}`);
    }
    prefix = indent;
  }
}

/** One YAML document (no `---`), ending in a newline; no line folding: a long flag stays on one line, as kubeadm writes it. */
export function blockYaml(doc: unknown): string {
  const text = inline(doc);
  if (text !== undefined) return `${text}\n`;
  const out: string[] = [];
  collection(doc as Collection, '', '', out);
  return `${out.join('\n')}\n`;
}
