// PEM <-> DER for one labelled block. Linear scans only (no backtracking regexes on untrusted text)
// and LF line endings on output, so files compare byte for byte with the openssl path.

import {DerError, MAX_INPUT_BYTES} from './der.js';

/** The DER inside the first `-----BEGIN <label>-----` block of `text`. */
export function pemToDer(text: string, label = 'CERTIFICATE'): Buffer {
  if (text.length > MAX_INPUT_BYTES * 2) throw new DerError(`PEM text of ${text.length} characters is too large`);
  const begin = `-----BEGIN ${label}-----`;
  const end = `-----END ${label}-----`;
  const start = text.indexOf(begin);
  if (start < 0) throw new DerError(`no "${begin}" line`);
  const stop = text.indexOf(end, start + begin.length);
  if (stop < 0) throw new DerError(`no "${end}" line`);
  const body = text.slice(start + begin.length, stop).replace(/[\r\n\t ]/g, '');
  if (body.length === 0 || body.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
    throw new DerError(`${label} PEM body is not valid base64`);
  }
  return Buffer.from(body, 'base64');
}

export function derToPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Node emits LF or CRLF depending on the call; we always write LF. */
export const toLf = (pem: string): string => pem.replace(/\r\n/g, '\n');
