// The one way kubepki creates a file: never over an existing one, never through a link (O_EXCL|O_NOFOLLOW),
// with its mode exactly as asked whatever the umask, synced to disk, and gone again if writing fails.

import {constants} from 'node:fs';
import {open, unlink} from 'node:fs/promises';
import {readUmask, umaskNarrows} from './umask.js';

export interface NewFileOptions {
  /** The run's umask (readUmask()): a caller writing many files reads it once. */
  umask?: number | undefined;
  /** False only where the caller makes the file durable itself before anyone can see it (the tree writer's
   *  staging folder, synced as a whole). */
  sync?: boolean;
}

export async function writeNewFile(path: string, content: string, mode: number, opts: NewFileOptions = {}): Promise<void> {
  const umask = 'umask' in opts ? opts.umask : readUmask();
  const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
  try {
    await handle.writeFile(content);
    if (umaskNarrows(mode, umask)) await handle.chmod(mode);
    if (opts.sync !== false) await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(path).catch(() => undefined); // a full disk must not leave a half file behind
    throw error;
  }
  await handle.close();
}
