// A small DER writer for the few structures kubepki lays out itself (the PKCS#10 request): each function returns
// one complete TLV, so a structure reads like its ASN.1 definition. Definite, minimal lengths only (X.690 DER).

import {TAG} from './der.js';

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

/** One TLV with `tag` around the concatenated contents. */
export function tlv(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(contents);
  return Buffer.concat([Uint8Array.from([tag, ...lengthBytes(body.length)]), body]);
}

export const sequence = (...items: Uint8Array[]): Uint8Array => tlv(TAG.SEQUENCE, ...items);
export const set = (...items: Uint8Array[]): Uint8Array => tlv(TAG.SET, ...items);
export const derNull = (): Uint8Array => tlv(TAG.NULL);
export const utf8String = (text: string): Uint8Array => tlv(TAG.UTF8_STRING, Buffer.from(text, 'utf8'));
/** A BIT STRING of whole bytes (signatures, keys): no unused bits. */
export const bitString = (bytes: Uint8Array): Uint8Array => tlv(TAG.BIT_STRING, Uint8Array.of(0), bytes);
/** A constructed context-specific tag `[n]` (IMPLICIT over a SET or SEQUENCE). */
export const contextConstructed = (n: number, ...items: Uint8Array[]): Uint8Array => tlv(0xa0 | n, ...items);

/** A small non-negative INTEGER (versions). */
export function smallInteger(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0x7f) throw new RangeError(`internal: ${n} is not a small INTEGER`);
  return tlv(TAG.INTEGER, Uint8Array.of(n));
}

/** An OBJECT IDENTIFIER from its dotted form. */
export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((a) => BigInt(a));
  if (arcs.length < 2 || arcs[0]! > 2n) throw new RangeError(`internal: ${dotted} is not an OID`);
  const bytes: number[] = [];
  for (const arc of [arcs[0]! * 40n + arcs[1]!, ...arcs.slice(2)]) {
    const group: number[] = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) group.unshift(Number(v & 0x7fn) | 0x80);
    bytes.push(...group);
  }
  return tlv(TAG.OID, Uint8Array.from(bytes));
}
