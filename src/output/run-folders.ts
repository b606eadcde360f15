// The folders a run is about to create, so a cancelled or failed run can take back exactly those (and only
// while they are still empty): a Ctrl+C during Generate leaves no empty ./pki behind.

import {lstat, rmdir} from 'node:fs/promises';
import {resolve} from 'node:path';

/** `path` and its parents that do not exist yet, outermost first. */
export async function missingFolders(path: string): Promise<string[]> {
  const missing: string[] = [];
  for (let current = resolve(path); ; current = resolve(current, '..')) {
    const exists = await lstat(current).then(() => true, () => false);
    if (exists) break;
    missing.unshift(current);
    if (current === resolve(current, '..')) break;
  }
  return missing;
}

/** Removes each folder that is empty, innermost first; a folder something was written into stays. */
export async function removeEmptyFolders(folders: string[]): Promise<void> {
  for (const folder of [...folders].reverse()) await rmdir(folder).catch(() => undefined);
}
