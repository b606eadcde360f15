// Reads a file that is already in the output folder without trusting it: a symbolic link, a FIFO or a device
// is reported, never opened for reading (a FIFO would block forever, /dev/zero never ends), and reads are capped.

import {constants} from 'node:fs';
import {open} from 'node:fs/promises';
import {MAX_EXISTING_BYTES} from '../pki/reuse-rules.js';

export type Existing =
  | {kind: 'absent'}
  /** `bytes` as read, for binary (DER) content; `text` is them decoded as UTF-8. */
  | {kind: 'file'; text: string; bytes: Buffer}
  | {kind: 'special'; what: string}
  | {kind: 'too-large'; bytes: number}
  | {kind: 'unreadable'; code: string};

const SPECIAL: [test: (st: import('node:fs').Stats) => boolean, what: string][] = [
  [(st) => st.isDirectory(), 'a folder'],
  [(st) => st.isFIFO(), 'a FIFO'],
  [(st) => st.isSocket(), 'a socket'],
  [(st) => st.isCharacterDevice() || st.isBlockDevice(), 'a device'],
];

export async function readExisting(path: string): Promise<Existing> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; O_NOFOLLOW: a link is refused, not followed.
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    if (code === 'ENOENT') return {kind: 'absent'};
    if (code === 'ELOOP') return {kind: 'special', what: 'a symbolic link'};
    if (code === 'EISDIR') return {kind: 'special', what: 'a folder'};
    return {kind: 'unreadable', code};
  }
  try {
    const st = await handle.stat();
    const special = SPECIAL.find(([test]) => test(st));
    if (special) return {kind: 'special', what: special[1]};
    if (st.size > MAX_EXISTING_BYTES) return {kind: 'too-large', bytes: st.size};
    // Sized from the stat, one byte over so a file that grew since is seen, and grown as it keeps growing: a
    // re-run reads every file of the tree, and a zeroed 1 MiB buffer each was most of a 700-node re-run's time.
    let buffer = Buffer.allocUnsafe(st.size + 1);
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, MAX_EXISTING_BYTES + 1));
        buffer.copy(bigger, 0, 0, total);
        buffer = bigger;
      }
      const {bytesRead} = await handle.read(buffer, total, buffer.length - total, total);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > MAX_EXISTING_BYTES) return {kind: 'too-large', bytes: total};
    }
    const bytes = total === buffer.length ? buffer : Buffer.from(buffer.subarray(0, total));
    return {kind: 'file', text: bytes.toString('utf8'), bytes};
  } catch (error) {
    return {kind: 'unreadable', code: (error as NodeJS.ErrnoException).code ?? 'EIO'};
  } finally {
    await handle.close();
  }
}

/** What the file is, for EXISTING_MESSAGES.special: "a FIFO", "larger than 1 MiB". */
export function describeExisting(e: Exclude<Existing, {kind: 'absent'} | {kind: 'file'}>): string {
  switch (e.kind) {
    case 'special':
      return e.what;
    case 'too-large':
      return `larger than ${MAX_EXISTING_BYTES / 1024 / 1024} MiB`;
    case 'unreadable':
      return `unreadable (${e.code})`;
  }
}
