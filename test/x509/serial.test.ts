// Serials: positive (Go rejects negative ones), minimal, 16 bytes, random.

import {describe, expect, it} from 'vitest';
import {SERIAL_BYTES, randomSerial} from '../../src/x509/serial.js';

describe('randomSerial', () => {
  it('always has the top bit clear and the next bit set, so DER needs no padding byte', () => {
    for (let i = 0; i < 2000; i++) {
      const s = randomSerial();
      expect(s.length).toBe(SERIAL_BYTES);
      expect(s[0]! & 0xc0).toBe(0x40);
    }
  });

  it('is random', () => {
    const seen = new Set(Array.from({length: 1000}, () => randomSerial().toString('hex')));
    expect(seen.size).toBe(1000);
    expect([...seen].every((h) => /^[4-7][0-9a-f]{31}$/.test(h))).toBe(true);
  });
});
