// The writing half of der.ts: DER (X.690) for the few types a certificate is made of. Values in, bytes out;
// every length is definite and minimal, every INTEGER minimal, so what der.ts reads back is what was meant.

import {DerError, TAG} from './der.js';

export type Der = Uint8Array;

/** One TLV with a single-byte identifier (all a certificate needs) and the shortest length form. */
export function tlv(tag: number, content: Uint8Array): Der {
  const n = content.length;
  const length = n < 0x80 ? [n] : lengthOctets(n);
  const out = new Uint8Array(1 + length.length + n);
  out[0] = tag;
  out.set(length, 1);
  out.set(content, 1 + length.length);
  return out;
}

function lengthOctets(n: number): number[] {
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

export const concat = (parts: readonly Uint8Array[]): Uint8Array => Buffer.concat(parts);
export const sequence = (...items: Der[]): Der => tlv(TAG.SEQUENCE, concat(items));
export const set = (...items: Der[]): Der => tlv(TAG.SET, concat(items));
/** `[n] EXPLICIT`: a constructed context-specific wrapper. */
export const explicit = (n: number, inner: Der): Der => tlv(0xa0 | n, inner);
/** `[n] IMPLICIT` over a primitive value's content (GeneralName dNSName [2], iPAddress [7], keyIdentifier [0]). */
export const implicit = (n: number, content: Uint8Array): Der => tlv(0x80 | n, content);
export const octetString = (content: Uint8Array): Der => tlv(TAG.OCTET_STRING, content);
export const nullValue = (): Der => tlv(TAG.NULL, new Uint8Array(0));
export const boolean = (value: boolean): Der => tlv(TAG.BOOLEAN, Uint8Array.of(value ? 0xff : 0x00));

/** A BIT STRING of whole bytes, or with `unused` trailing bits (which must be zero). */
export function bitString(bytes: Uint8Array, unused = 0): Der {
  if (unused < 0 || unused > 7 || (bytes.length === 0 && unused !== 0)) throw new DerError(`BIT STRING with ${unused} unused bits`);
  return tlv(TAG.BIT_STRING, concat([Uint8Array.of(unused), bytes]));
}

/** A non-negative INTEGER from its big-endian magnitude: leading zeros dropped, one 0x00 added when the top bit is set. */
export function unsignedInteger(magnitude: Uint8Array): Der {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  const trimmed = magnitude.length === 0 ? Uint8Array.of(0) : magnitude.subarray(i);
  return tlv(TAG.INTEGER, trimmed[0]! & 0x80 ? concat([Uint8Array.of(0), trimmed]) : trimmed);
}

export const smallInteger = (n: number): Der => {
  if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) throw new DerError(`INTEGER ${n} is out of range`);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return unsignedInteger(Uint8Array.from(bytes));
};

/** Encoded OIDs by their text: a certificate names a dozen, the same ones for every certificate of a run. */
const oidCache = new Map<string, Der>();
const OID_CACHE_SIZE = 256;

/** An OBJECT IDENTIFIER from dotted text; arcs as BigInt so none is ever truncated. Callers only read the bytes. */
export function oid(dotted: string): Der {
  const known = oidCache.get(dotted);
  if (known) return known;
  const encoded = encodeOid(dotted);
  if (oidCache.size >= OID_CACHE_SIZE) oidCache.clear();
  oidCache.set(dotted, encoded);
  return encoded;
}

function encodeOid(dotted: string): Der {
  if (!/^[0-2](\.(0|[1-9]\d*))+$/.test(dotted)) throw new DerError(`${JSON.stringify(dotted)} is not an OID`);
  const arcs = dotted.split('.').map(BigInt);
  const [a, b] = arcs as [bigint, bigint];
  if (a < 2n && b > 39n) throw new DerError(`${dotted}: second arc above 39`);
  const out: number[] = [];
  for (const arc of [a * 40n + b, ...arcs.slice(2)]) {
    const group = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) group.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...group);
  }
  return tlv(TAG.OID, Uint8Array.from(out));
}

/** A directory string with its string type's tag; UTF8String content is the UTF-8 of `value`. */
export function directoryString(tag: number, value: string): Der {
  if (tag === TAG.UTF8_STRING) return tlv(tag, Buffer.from(value, 'utf8'));
  if (tag === TAG.PRINTABLE_STRING && /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(value)) return tlv(tag, Buffer.from(value, 'latin1'));
  throw new DerError(`cannot write ${JSON.stringify(value)} with string tag 0x${tag.toString(16)}`);
}

/** RFC 5280 section 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; whole seconds, always Z. */
export function time(date: Date): Der {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const year = date.getUTCFullYear();
  if (year < 1950 || year > 9999) throw new DerError(`${iso} is outside 1950–9999`);
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
  const utc = year < 2050;
  return tlv(utc ? TAG.UTC_TIME : TAG.GENERALIZED_TIME, Buffer.from(`${utc ? digits.slice(2) : digits}Z`, 'latin1'));
}
