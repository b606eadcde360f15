// Failures of the output folder as one message and a hint: every errno kubepki can meet while writing a PKI
// says what happened in words (never a bare ENOSPC), with the path escaped so it prints on one safe line.

import {escapeText} from '../plan/escape.js';

export class OutputError extends Error {
  override name = 'OutputError';
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

/** What an errno means while kubepki works in a folder: [what happened, what to do]. */
const ERRNO: Record<string, [string, string]> = {
  ENOSPC: ['the disk is full', 'free some space and run again'],
  EDQUOT: ['the disk quota is used up', 'free some space and run again'],
  EFBIG: ['a file would exceed the size limit (ulimit -f)', 'raise the limit and run again'],
  EROFS: ['the file system is read-only', 'choose a folder on a writable file system'],
  EACCES: ['permission denied', 'check the folder’s owner and permissions, or choose another folder'],
  EPERM: ['the operation is not permitted', 'check the folder’s owner and permissions, or choose another folder'],
  ENOENT: ['a folder on the way does not exist', 'check the path'],
  ENOTDIR: ['a part of the path is a file, not a folder', 'check the path'],
  ELOOP: ['the path has a symbolic link loop', 'give the real folder'],
  ENAMETOOLONG: ['the path is too long', 'choose a shorter path'],
  EMFILE: ['too many files are open', 'raise the open-file limit (ulimit -n) and run again'],
  EIO: ['the disk reported an input/output error', 'check the disk'],
};

export const errnoOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

/** An I/O error as an OutputError: `cannot write to ./pki: the disk is full`. Other errors pass through. */
export function ioFailure(error: unknown, path: string, verb = 'write to'): Error {
  if (error instanceof OutputError) return error;
  const code = errnoOf(error);
  if (!code) return error instanceof Error ? error : new Error(String(error));
  const [what, hint] = ERRNO[code] ?? [`the system said ${code}`, 'check the folder and run again'];
  return new OutputError(`cannot ${verb} ${escapeText(path, 200)}: ${what}`, hint);
}
