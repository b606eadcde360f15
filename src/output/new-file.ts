// The one way kubepki creates a file: never over an existing one, never through a link (O_EXCL|O_NOFOLLOW),
// with its mode exactly as asked whatever the umask, synced to disk, and gone again if writing fails.

import {closeSync, constants, fchmodSync, openSync, unlinkSync, writeSync} from 'node:fs';
import {open, unlink} from 'node:fs/promises';
import {readUmask, umaskNarrows} from './umask.js';

const CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

export interface NewFileOptions {
  /** The run's umask (readUmask()): a caller writing many files reads it once. */
  umask?: number | undefined;
}

export async function writeNewFile(path: string, content: string, mode: number, opts: NewFileOptions = {}): Promise<void> {
  const umask = 'umask' in opts ? opts.umask : readUmask();
  const handle = await open(path, CREATE, mode);
  try {
    await handle.writeFile(content);
    if (umaskNarrows(mode, umask)) await handle.chmod(mode);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(path).catch(() => undefined); // a full disk must not leave a half file behind
    throw error;
  }
  await handle.close();
}

/** The same, in this thread and not synced: for the tree writer's files beyond its fsync'd first ones, which the
 *  file system's sync covers. Three system calls in a row cost less than three trips through libuv's pool. */
export function writeUnsyncedFileSync(path: string, content: string, mode: number, umask: number | undefined): void {
  const fd = openSync(path, CREATE, mode);
  try {
    const bytes = Buffer.from(content);
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
    if (umaskNarrows(mode, umask)) fchmodSync(fd, mode);
  } catch (error) {
    closeSync(fd);
    try {
      unlinkSync(path);
    } catch {
      // gone already
    }
    throw error;
  }
  closeSync(fd);
}
