// The process's umask, read without changing it: process.umask() with no argument sets it twice, a race with the
// threads creating files. Linux tells it in /proc/self/status; elsewhere it stays unknown and every mode is set.

import {readFileSync} from 'node:fs';

/** The umask now, or undefined where the system does not say. Read once per run: a CLI never changes it. */
export function readUmask(statusPath = '/proc/self/status'): number | undefined {
  try {
    const line = /^Umask:\s*([0-7]{1,4})$/m.exec(readFileSync(statusPath, 'latin1'));
    return line ? parseInt(line[1]!, 8) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a mode given at creation would come out narrower, so it must be set again afterwards (a umask never
 *  widens a mode: 0644 under 022 is exact, under 077 it becomes 0600). */
export function umaskNarrows(mode: number, umask: number | undefined): boolean {
  return umask === undefined || (mode & umask) !== 0;
}
