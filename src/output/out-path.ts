// The output folder a user names (--out, the script folder): never the file-system root, never reached through
// a symbolic link someone could have planted, and created one folder at a time so errors say what they are.

import {lstat, mkdir, chmod} from 'node:fs/promises';
import {isAbsolute, join, parse, resolve, sep} from 'node:path';
import {escapeText} from '../plan/escape.js';
import {OutputError, errnoOf, ioFailure} from './errors.js';

/** The folder named is not one kubepki may write to (the root, a planted link): bad input, nothing was written. */
export class OutPathError extends OutputError {
  override name = 'OutPathError';
}

/**
 * The absolute folder to write to. Every existing folder on the way that the user named is checked: a symbolic
 * link is refused (it may have been planted to send keys elsewhere), except one directly under the root of the
 * file system, which only an administrator can make (macOS's /tmp and /var, merged-/usr links on Linux).
 * A relative path is checked from the current folder down.
 */
export async function checkOutPath(out: string, cwd: string, flag = '--out'): Promise<string> {
  if (out.trim() === '') throw new OutPathError(`${flag} is empty`, 'name a folder such as ./pki');
  const target = resolve(cwd, out);
  const {root} = parse(target);
  if (target === root) {
    throw new OutPathError(`${flag} ${escapeText(out, 200)} is the root of the file system`, 'kubepki writes a tree of its own: name a folder for it, such as ./pki');
  }
  const start = isAbsolute(out) ? root : resolve(cwd);
  const parts = target.slice(start.length).split(sep).filter(Boolean);
  let current = start;
  for (const part of parts) {
    current = join(current, part);
    const st = await lstat(current).catch((error: unknown) => {
      if (errnoOf(error) === 'ENOENT') return undefined;
      throw ioFailure(error, current, 'look at');
    });
    if (!st) break;
    if (st.isSymbolicLink() && !(isAbsolute(out) && resolve(current, '..') === root)) {
      throw new OutPathError(`${flag}: ${escapeText(current, 200)} is a symbolic link`, 'kubepki never writes through a link someone could have planted: name the real folder');
    }
    if (!st.isSymbolicLink() && !st.isDirectory()) {
      throw new OutPathError(`${flag}: ${escapeText(current, 200)} is not a folder`, 'choose another folder');
    }
  }
  return target;
}

/**
 * Creates `dir` and any missing parents one at a time (Node's recursive mkdir reports a read-only file system as
 * ENOENT); the last one gets `mode` exactly, whatever the umask. Existing folders are never changed.
 */
export async function makeFolder(dir: string, mode: number): Promise<boolean> {
  const missing: string[] = [];
  for (let current = dir; ; current = resolve(current, '..')) {
    const st = await lstat(current).catch((error: unknown) => (errnoOf(error) === 'ENOENT' ? undefined : Promise.reject(ioFailure(error, current, 'look at'))));
    if (st) break;
    missing.unshift(current);
    if (current === resolve(current, '..')) break;
  }
  for (const folder of missing) {
    try {
      await mkdir(folder);
    } catch (error) {
      if (errnoOf(error) !== 'EEXIST') throw ioFailure(error, folder, 'create');
    }
  }
  if (missing.includes(dir)) await chmod(dir, mode).catch((error: unknown) => Promise.reject(ioFailure(error, dir, 'set the mode of')));
  return missing.includes(dir);
}
