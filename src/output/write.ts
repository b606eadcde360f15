// The only code that writes a PKI to disk: a lock, a staging folder inside the target, fsync'd files with
// explicit modes, then renames into place. A signal before the renames leaves nothing; during them, the
// renames finish first (they take milliseconds), so no file is ever half-written.

import {constants} from 'node:fs';
import {lstat, mkdir, mkdtemp, open, readdir, readFile, rename, rm, unlink} from 'node:fs/promises';
import {dirname, join, relative, resolve, sep} from 'node:path';
import {DIR_MODE, LOCK_FILE, STAGING_PREFIX} from '../pki/layout.js';
import type {RenderedFile} from './render.js';

export class OutputError extends Error {
  override name = 'OutputError';
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

/** Creates the output folder if needed and proves it is writable, before any expensive work. */
export async function prepareOutputDir(out: string): Promise<void> {
  try {
    const st = await lstat(out).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
    if (st && !st.isDirectory()) throw new OutputError(`${out} exists and is not a folder`, 'choose another --out');
    if (!st) await mkdir(out, {recursive: true, mode: DIR_MODE});
    const probe = join(out, `.kubepki-probe-${process.pid}`);
    await (await open(probe, 'wx', 0o600)).close();
    await unlink(probe);
  } catch (error) {
    if (error instanceof OutputError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new OutputError(`cannot write to ${out} (${code})`, 'check the folder exists and is writable, or choose another --out');
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the folder's lock (a `wx` file holding our PID); clears a dead run's lock and staging folders. */
export async function acquireLock(out: string): Promise<() => Promise<void>> {
  const path = join(out, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      for (const name of await readdir(out)) {
        if (name.startsWith(STAGING_PREFIX)) await rm(join(out, name), {recursive: true, force: true});
      }
      return async () => {
        await rm(path, {force: true});
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new OutputError(`another kubepki run (pid ${pid}) holds the lock on ${out}`, `wait for it, or remove ${path} if it is stale`);
      }
      await rm(path, {force: true});
    }
  }
  throw new OutputError(`cannot take the lock ${path}`);
}

async function writeFileSynced(path: string, content: string, mode: number): Promise<void> {
  const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
  try {
    await handle.writeFile(content);
    await handle.chmod(mode); // the umask may have narrowed or (for 0644) changed the mode
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Every existing part of `path` below `out` must be a real folder, so a planted symlink cannot redirect writes. */
async function ensureRealDirs(out: string, dir: string): Promise<void> {
  const parts = relative(out, dir).split(sep).filter(Boolean);
  let current = out;
  for (const part of parts) {
    current = join(current, part);
    const st = await lstat(current).catch(() => undefined);
    if (!st) await mkdir(current, {mode: DIR_MODE});
    else if (!st.isDirectory() || st.isSymbolicLink()) throw new OutputError(`${current} is not a folder (a file or symlink is in the way)`, 'move it away and run again');
  }
}

/** Folders on the way to `paths` that exist but are not real folders (a file or a planted symlink). */
export async function blockedFolders(out: string, paths: string[]): Promise<string[]> {
  const root = resolve(out);
  const dirs = new Set<string>();
  for (const p of paths) {
    const parts = dirname(p).split('/').filter((x) => x !== '.' && x !== '');
    for (let i = 1; i <= parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  const blocked: string[] = [];
  for (const d of [...dirs].sort()) {
    const st = await lstat(join(root, d)).catch(() => undefined);
    if (st && (!st.isDirectory() || st.isSymbolicLink())) blocked.push(d);
  }
  return blocked;
}

export interface CommitOptions {
  signal?: AbortSignal;
}

/** Writes `files` under `out` atomically per file. Throws OutputError; cleans its staging folder always. */
export async function writeTree(out: string, files: RenderedFile[], opts: CommitOptions = {}): Promise<string[]> {
  const root = resolve(out);
  for (const f of files) {
    const target = resolve(root, f.path);
    if (!target.startsWith(root + sep)) throw new OutputError(`refusing to write outside ${root}: ${f.path}`);
  }
  const stage = await mkdtemp(join(root, STAGING_PREFIX));
  try {
    for (const f of files) {
      opts.signal?.throwIfAborted();
      const staged = join(stage, f.path);
      await mkdir(dirname(staged), {recursive: true, mode: DIR_MODE});
      await writeFileSynced(staged, f.content, f.mode);
    }
    opts.signal?.throwIfAborted();
    // Every folder first, so a file or symlink in the way stops the run before any file moves.
    for (const dir of new Set(files.map((f) => dirname(join(root, f.path))))) await ensureRealDirs(root, dir);
    // From here on the signal is not checked: the renames run to the end, so each file is old or new, never half.
    const written: string[] = [];
    for (const f of files) {
      const target = join(root, f.path);
      await rename(join(stage, f.path), target);
      written.push(f.path);
    }
    return written;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC' || (error as NodeJS.ErrnoException).code === 'EDQUOT') {
      throw new OutputError(`the disk is full while writing to ${root}; nothing was moved into place`, 'free some space and run again');
    }
    throw error;
  } finally {
    await rm(stage, {recursive: true, force: true});
  }
}
