// Certificate serial numbers: 16 random bytes with the top bit cleared (positive, Go ≥ 1.23 rejects
// negative ones) and the next bit set (so the first byte is never 0x00 and DER needs no padding: minimal).

import {randomBytes} from 'node:crypto';

export const SERIAL_BYTES = 16;

export function randomSerial(): Buffer {
  const bytes = randomBytes(SERIAL_BYTES);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40;
  return bytes;
}
