// A small, strict DER reader: enough of X.690 to walk a certificate we did not make without handing
// untrusted bytes to node-forge (asn1.fromDer had unbounded recursion and OID truncation advisories).
// Lazy, one level at a time; depth, size and child counts are bounded; anything non-DER throws.

export const MAX_INPUT_BYTES = 1 << 20;
export const MAX_DEPTH = 32;
const MAX_CHILDREN = 10_000;

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  TELETEX_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

export class DerError extends Error {
  override name = 'DerError';
}

export interface DerNode {
  /** The identifier octet (class, constructed bit and tag number). */
  tag: number;
  constructed: boolean;
  /** The whole TLV, header included: a view into the input, not a copy. */
  bytes: Uint8Array;
  content: Uint8Array;
  depth: number;
}

/** Exactly one TLV that spans all of `input` (trailing bytes are an error, as in Go). */
export function parseDer(input: Uint8Array, what = 'DER', depth = 0): DerNode {
  if (input.length > MAX_INPUT_BYTES) throw new DerError(`${what}: ${input.length} bytes is more than ${MAX_INPUT_BYTES}`);
  const node = readNode(input, 0, depth, what);
  if (node.bytes.length !== input.length) throw new DerError(`${what}: ${input.length - node.bytes.length} trailing bytes`);
  return node;
}

/** The TLVs inside a constructed node, in order. */
export function childrenOf(node: DerNode, what = 'DER'): DerNode[] {
  if (!node.constructed) throw new DerError(`${what}: expected a constructed value, found tag 0x${hex2(node.tag)}`);
  const out: DerNode[] = [];
  for (let offset = 0; offset < node.content.length; ) {
    if (out.length >= MAX_CHILDREN) throw new DerError(`${what}: more than ${MAX_CHILDREN} elements`);
    const child = readNode(node.content, offset, node.depth + 1, what);
    out.push(child);
    offset += child.bytes.length;
  }
  return out;
}

/** A DER value wrapped in another one's content (extension values, BIT STRING payloads). */
export function parseNested(content: Uint8Array, parent: DerNode, what: string): DerNode {
  return parseDer(content, what, parent.depth + 1);
}

function readNode(buf: Uint8Array, offset: number, depth: number, what: string): DerNode {
  if (depth > MAX_DEPTH) throw new DerError(`${what}: nested deeper than ${MAX_DEPTH} levels`);
  const tag = buf[offset];
  const first = buf[offset + 1];
  if (tag === undefined || first === undefined) throw new DerError(`${what}: truncated header at byte ${offset}`);
  if ((tag & 0x1f) === 0x1f) throw new DerError(`${what}: multi-byte tag numbers are not used in certificates`);
  let length = first;
  let header = 2;
  if (first === 0x80) throw new DerError(`${what}: indefinite length is not DER`);
  if (first > 0x80) {
    const n = first & 0x7f;
    if (n > 4) throw new DerError(`${what}: length of ${n} octets is too large`);
    if (offset + 2 + n > buf.length) throw new DerError(`${what}: truncated length at byte ${offset}`);
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[offset + 2 + i]!;
    if (buf[offset + 2] === 0 || length < 0x80) throw new DerError(`${what}: non-minimal length encoding`);
    header = 2 + n;
  }
  const end = offset + header + length;
  if (end > buf.length) throw new DerError(`${what}: value of ${length} bytes runs past the end (byte ${offset})`);
  return {
    tag,
    constructed: (tag & 0x20) !== 0,
    bytes: buf.subarray(offset, end),
    content: buf.subarray(offset + header, end),
    depth,
  };
}

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node) throw new DerError(`${what}: missing`);
  if (node.tag !== tag) throw new DerError(`${what}: expected tag 0x${hex2(tag)}, found 0x${hex2(node.tag)}`);
  return node;
}

export function readOid(node: DerNode | undefined, what: string): string {
  const {content} = expectTag(node, TAG.OID, what);
  if (content.length === 0 || content.length > 64) throw new DerError(`${what}: OID of ${content.length} bytes`);
  // BigInt arcs: forge once truncated arcs to 32 bits, letting two OIDs alias.
  const arcs: bigint[] = [];
  let value = 0n;
  let fresh = true;
  for (const byte of content) {
    if (fresh && byte === 0x80) throw new DerError(`${what}: non-minimal OID arc`);
    value = (value << 7n) | BigInt(byte & 0x7f);
    fresh = (byte & 0x80) === 0;
    if (fresh) {
      arcs.push(value);
      value = 0n;
    }
  }
  if (!fresh) throw new DerError(`${what}: truncated OID`);
  const head = arcs[0]!;
  const [a, b] = head < 40n ? [0n, head] : head < 80n ? [1n, head - 40n] : [2n, head - 80n];
  return [a, b, ...arcs.slice(1)].join('.');
}

/** INTEGER content bytes, two's complement, checked for DER minimality. */
export function readInteger(node: DerNode | undefined, what: string): Uint8Array {
  const {content} = expectTag(node, TAG.INTEGER, what);
  const [b0, b1] = content;
  if (b0 === undefined) throw new DerError(`${what}: empty INTEGER`);
  if (b1 !== undefined && ((b0 === 0 && b1 < 0x80) || (b0 === 0xff && b1 >= 0x80))) {
    throw new DerError(`${what}: non-minimal INTEGER`);
  }
  return content;
}

/** A small non-negative INTEGER (version, pathLenConstraint). */
export function readSmallInt(node: DerNode | undefined, what: string): number {
  const bytes = readInteger(node, what);
  if (bytes.length > 4 || (bytes[0]! & 0x80) !== 0) throw new DerError(`${what}: out of range`);
  return bytes.reduce((n, b) => n * 256 + b, 0);
}

export function readBoolean(node: DerNode | undefined, what: string): boolean {
  const {content} = expectTag(node, TAG.BOOLEAN, what);
  if (content.length !== 1 || (content[0] !== 0 && content[0] !== 0xff)) throw new DerError(`${what}: BOOLEAN is not DER`);
  return content[0] === 0xff;
}

export function readBitString(node: DerNode | undefined, what: string): {unused: number; bytes: Uint8Array} {
  const {content} = expectTag(node, TAG.BIT_STRING, what);
  const unused = content[0];
  if (unused === undefined || unused > 7 || (content.length === 1 && unused !== 0)) {
    throw new DerError(`${what}: malformed BIT STRING`);
  }
  const bytes = content.subarray(1);
  const last = bytes[bytes.length - 1];
  if (last !== undefined && (last & ((1 << unused) - 1)) !== 0) throw new DerError(`${what}: BIT STRING padding bits set`);
  return {unused, bytes};
}

export function readOctetString(node: DerNode | undefined, what: string): Uint8Array {
  return expectTag(node, TAG.OCTET_STRING, what).content;
}

/** UTCTime (YYMMDDHHMMSSZ, 1950–2049) or GeneralizedTime (YYYYMMDDHHMMSSZ), as RFC 5280 (section 4.1.2.5) allows. */
export function readTime(node: DerNode | undefined, what: string): Date {
  if (!node || (node.tag !== TAG.UTC_TIME && node.tag !== TAG.GENERALIZED_TIME)) {
    throw new DerError(`${what}: expected UTCTime or GeneralizedTime`);
  }
  const text = String.fromCharCode(...node.content);
  const utc = node.tag === TAG.UTC_TIME;
  const match = (utc ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/ : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/).exec(text);
  if (!match) throw new DerError(`${what}: malformed time ${JSON.stringify(text)}`);
  const [y, mo, d, h, mi, s] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const year = utc ? (y >= 50 ? 1900 + y : 2000 + y) : y;
  // setUTCFullYear, unlike Date.UTC, keeps years 0–99; the round trip catches 31 February.
  const date = new Date(0);
  date.setUTCFullYear(year, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    throw new DerError(`${what}: impossible time ${JSON.stringify(text)}`);
  }
  return date;
}

export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
const hex2 = (n: number): string => n.toString(16).padStart(2, '0');
