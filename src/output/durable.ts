// Making a large staged tree durable at once: Linux's syncfs, through sync(1) -f as Node has no binding for it,
// instead of an fsync per file (36,000 of them for 5,000 nodes, each a journal commit). Elsewhere, or if sync(1)
// fails, each file is synced after all.

import {execFile} from 'node:child_process';
import {open} from 'node:fs/promises';

/** sync(1) by absolute path: a `sync` earlier on PATH must not be able to skip the flush. */
export const SYNC_COMMANDS: readonly string[] = ['/usr/bin/sync', '/bin/sync'];

/** Flushes the whole file system holding `path` (absolute) and waits until it is on disk; false where that cannot be done. */
export async function syncFileSystem(path: string, commands: readonly string[] = SYNC_COMMANDS): Promise<boolean> {
  if (process.platform !== 'linux') return false;
  for (const command of commands) {
    const ok = await new Promise<boolean>((resolve) => {
      execFile(command, ['-f', path], {timeout: 600_000}, (error) => resolve(!error));
    });
    if (ok) return true;
  }
  return false;
}

/** Syncs one file already written: the way, file by file, when the file system cannot be synced whole. */
export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
