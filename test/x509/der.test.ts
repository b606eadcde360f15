// The hand-written DER reader on well-formed and hostile bytes: every malformation throws a DerError
// (never a RangeError, a hang or a silently wrong value).

import {describe, expect, it} from 'vitest';
import {
  DerError,
  MAX_DEPTH,
  childrenOf,
  parseDer,
  readBitString,
  readBoolean,
  readInteger,
  readOid,
  readSmallInt,
  readTime,
  type DerNode,
} from '../../src/x509/der.js';
import {derToPem, pemToDer} from '../../src/x509/pem.js';

const hex = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s/g, ''), 'hex'));
const node = (h: string): DerNode => parseDer(hex(h));

describe('parseDer', () => {
  it('reads short and long lengths and walks children', () => {
    const seq = node('3006 0201 05 0401 ff');
    expect(childrenOf(seq).map((c) => c.tag)).toEqual([0x02, 0x04]);
    const long = parseDer(Uint8Array.from([0x04, 0x81, 0x80, ...new Uint8Array(0x80)]));
    expect(long.content.length).toBe(0x80);
  });

  it.each([
    ['empty input', ''],
    ['a lone tag', '30'],
    ['a value past the end', '3005 0201 05'],
    ['trailing bytes', '0500 00'],
    ['indefinite length', '3080 0000'],
    ['a non-minimal long length', '0481 05 0000000000'],
    ['a length with a leading zero', '048200 05 0000000000'],
    ['a five-octet length', '0485 0000000001 00'],
    ['a multi-byte tag number', '1f81 00'],
  ])('throws on %s', (_, h) => {
    expect(() => parseDer(hex(h))).toThrow(DerError);
  });

  it('throws on a child running past its parent', () => {
    // The outer SEQUENCE is well-formed; its only child claims 3 bytes but has 1.
    expect(() => childrenOf(node('3003 0403 00'))).toThrow(DerError);
  });

  it(`stops at ${MAX_DEPTH} levels of nesting instead of recursing without bound`, () => {
    let nested: number[] = [0x05, 0x00];
    for (let i = 0; i < MAX_DEPTH + 5; i++) nested = [0x30, ...lengthBytes(nested.length), ...nested];
    let current = parseDer(Uint8Array.from(nested));
    const walk = () => {
      for (;;) current = childrenOf(current)[0]!;
    };
    expect(walk).toThrow(/nested deeper than/);
  });

  it('refuses inputs over the size limit before reading them', () => {
    expect(() => parseDer(new Uint8Array((1 << 20) + 1))).toThrow(/more than/);
  });
});

describe('value readers', () => {
  it('decodes OIDs, including arcs beyond 32 bits that forge once truncated', () => {
    expect(readOid(node('0609 2a864886f70d01010b'), 'oid')).toBe('1.2.840.113549.1.1.11');
    expect(readOid(node('0603 551d13'), 'oid')).toBe('2.5.29.19');
    expect(readOid(node('0607 2a 90808080 8000'), 'oid')).toBe(`1.2.${2 ** 39}`);
    expect(() => readOid(node('0602 2a81'), 'oid')).toThrow(/truncated OID/);
    expect(() => readOid(node('0603 2a8001'), 'oid')).toThrow(/non-minimal/);
    expect(() => readOid(node('0600'), 'oid')).toThrow(DerError);
  });

  it('checks INTEGER minimality and small-integer range', () => {
    expect(readInteger(node('0202 0080'), 'n')).toEqual(hex('0080'));
    expect(() => readInteger(node('0202 0001'), 'n')).toThrow(/non-minimal/);
    expect(() => readInteger(node('0202 ff80'), 'n')).toThrow(/non-minimal/);
    expect(() => readInteger(node('0200'), 'n')).toThrow(/empty/);
    expect(readSmallInt(node('0201 02'), 'v')).toBe(2);
    expect(() => readSmallInt(node('0201 ff'), 'v')).toThrow(/out of range/);
  });

  it('reads DER booleans and BIT STRINGs strictly', () => {
    expect(readBoolean(node('0101 ff'), 'b')).toBe(true);
    expect(() => readBoolean(node('0101 01'), 'b')).toThrow(/not DER/);
    expect(readBitString(node('0302 05a0'), 'ku')).toEqual({unused: 5, bytes: hex('a0')});
    expect(() => readBitString(node('0302 05a1'), 'ku')).toThrow(/padding bits/);
    expect(() => readBitString(node('0302 08a0'), 'ku')).toThrow(/malformed/);
    expect(() => readBitString(node('0301 01'), 'ku')).toThrow(/malformed/);
  });

  it('reads UTCTime with the 1950/2049 pivot and GeneralizedTime', () => {
    const utc = (s: string) => readTime(parseDer(Uint8Array.from([0x17, s.length, ...Buffer.from(s)])), 't');
    const gen = (s: string) => readTime(parseDer(Uint8Array.from([0x18, s.length, ...Buffer.from(s)])), 't');
    expect(utc('491231235959Z').toISOString()).toBe('2049-12-31T23:59:59.000Z');
    expect(utc('500101000000Z').toISOString()).toBe('1950-01-01T00:00:00.000Z');
    expect(gen('99991231235959Z').toISOString()).toBe('9999-12-31T23:59:59.000Z');
    expect(gen('00500101000000Z').getUTCFullYear()).toBe(50);
    for (const bad of ['2402301200Z', '240230120000Z', '241301000000Z', '240101240000Z', '240101000000+0100', 'NaNNaNNaNNaNZ']) {
      expect(() => utc(bad), bad).toThrow(DerError);
    }
    expect(() => gen('20240101000000.5Z')).toThrow(DerError);
  });
});

describe('PEM', () => {
  it('round-trips DER with 64-character LF lines', () => {
    const der = new Uint8Array(100).map((_, i) => i);
    const pem = derToPem(der);
    expect(pem.split('\n').map((l) => l.length)).toEqual([27, 64, 64, 8, 25, 0]);
    expect(pemToDer(pem)).toEqual(Buffer.from(der));
  });
});

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}
