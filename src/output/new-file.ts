// The one way kubepki creates a file: never over an existing one, never through a link (O_EXCL|O_NOFOLLOW),
// with its mode exactly as asked whatever the umask, synced to disk, and gone again if writing fails.

import {constants} from 'node:fs';
import {open, unlink} from 'node:fs/promises';
import {readUmask, umaskNarrows} from './umask.js';

/** `umask` is the run's (readUmask()); a caller writing many files reads it once and passes it in. */
export async function writeNewFile(path: string, content: string, mode: number, umask: number | undefined = readUmask()): Promise<void> {
  const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
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
