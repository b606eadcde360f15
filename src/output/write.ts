// The only code that writes a PKI to disk: a staging folder inside the target, fsync'd files with explicit
// modes, then renames into place. A signal before the renames leaves nothing; during them, the renames finish
// first (they take milliseconds), so no file is ever half-written. Existing folders are never changed.

import {chmod, lstat, mkdir, mkdtemp, open, readdir, rename, rm, unlink} from 'node:fs/promises';
import {dirname, join, resolve, sep} from 'node:path';
import {folderMode, PRIVATE_DIR_MODE, STAGING_PREFIX} from '../pki/layout.js';
import {errnoOf, ioFailure, OutputError} from './errors.js';
import {writeNewFile} from './new-file.js';
import {checkOutPath, makeFolder} from './out-path.js';
import type {RenderedFile} from './render.js';

export {OutputError} from './errors.js';

/** Checks `out`, creates it (0700) if needed and proves it is writable, before any expensive work. */
export async function prepareOutputDir(out: string, cwd = process.cwd()): Promise<string> {
  const target = await checkOutPath(out, cwd);
  await makeFolder(target, PRIVATE_DIR_MODE);
  const st = await lstat(target);
  if (!st.isDirectory()) throw new OutputError(`${target} is not a folder`, 'choose another --out');
  const probe = join(target, `.kubepki-probe-${process.pid}`);
  try {
    await (await open(probe, 'wx', 0o600)).close();
    await unlink(probe);
  } catch (error) {
    throw ioFailure(error, target);
  }
  return target;
}

/** Staging folders of runs that died: removed once we hold the lock. */
export async function removeDeadStaging(out: string): Promise<void> {
  for (const name of await readdir(out)) {
    if (name.startsWith(STAGING_PREFIX)) await rm(join(out, name), {recursive: true, force: true});
  }
}


/** Creates the folders below `root` that `dir` needs, each with the layout's mode; existing ones must be real folders. */
async function ensureRealDirs(root: string, dir: string): Promise<void> {
  const parts = dir.split('/').filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const rel = parts.slice(0, i).join('/');
    const current = join(root, rel);
    const st = await lstat(current).catch((error: unknown) => (errnoOf(error) === 'ENOENT' ? undefined : Promise.reject(error)));
    if (!st) {
      await mkdir(current);
      await chmod(current, folderMode(rel)); // mkdir's mode would be narrowed by the umask
    } else if (!st.isDirectory() || st.isSymbolicLink()) {
      throw new OutputError(`${current} is not a folder (a file or symlink is in the way)`, 'move it away and run again');
    }
  }
}

/** Folders on the way to `paths` that exist but are not real folders (a file or a planted symlink). */
export async function blockedFolders(out: string, paths: string[]): Promise<string[]> {
  const root = resolve(out);
  const dirs = new Set<string>();
  for (const p of paths) {
    const parts = p.split('/').slice(0, -1);
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
  /** Paths that already hold exactly this content: not written again (their mtime stays). */
  unchanged?: ReadonlySet<string>;
}

/** Files in flight at once: enough to keep libuv's pool (4 threads by default) busy through each fsync. */
const WRITE_LANES = 16;

/** Runs `work` over `items` with at most WRITE_LANES at once; the first failure stops new work and is thrown. */
async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({length: Math.min(WRITE_LANES, items.length)}, lane));
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
}

/** Writes `files` under `out` atomically per file. Throws OutputError; cleans its staging folder always. */
export async function writeTree(out: string, files: RenderedFile[], opts: CommitOptions = {}): Promise<string[]> {
  const root = resolve(out);
  const prefix = root.endsWith(sep) ? root : root + sep;
  for (const f of files) {
    if (!resolve(root, f.path).startsWith(prefix)) throw new OutputError(`refusing to write outside ${root}: ${f.path}`);
  }
  const todo = files.filter((f) => !opts.unchanged?.has(f.path));
  let stage: string | undefined;
  const written: string[] = [];
  try {
    const staging = await mkdtemp(join(root, STAGING_PREFIX));
    stage = staging;
    // Staged folders made once each; files written several at a time, so their fsyncs overlap on libuv's pool
    // (one after another, a 5,000-node tree spent most of its time waiting on 30,000 fsyncs).
    const made = new Set<string>();
    for (const dir of new Set(todo.map((f) => dirname(join(staging, f.path))))) {
      if (made.has(dir)) continue;
      await mkdir(dir, {recursive: true, mode: PRIVATE_DIR_MODE});
      made.add(dir);
    }
    await inParallel(todo, async (f) => {
      opts.signal?.throwIfAborted();
      await writeNewFile(join(staging, f.path), f.content, f.mode);
    });
    opts.signal?.throwIfAborted();
    // Every folder first, so a file or symlink in the way stops the run before any file moves.
    for (const dir of new Set(todo.map((f) => dirname(f.path)).filter((d) => d !== '.'))) await ensureRealDirs(root, dir);
    // From here on the signal is not checked: the renames run to the end, so each file is old or new, never half.
    await inParallel(todo, async (f) => {
      await rename(join(staging, f.path), join(root, f.path));
      written.push(f.path);
    });
    return written;
  } catch (error) {
    if (error instanceof OutputError || (error as Error).name === 'AbortError' || opts.signal?.aborted) throw error;
    const failure = ioFailure(error, root);
    if (failure instanceof OutputError) {
      failure.message += written.length === 0 ? '; nothing was moved into place' : `; ${written.length} of ${todo.length} files were moved into place`;
    }
    throw failure;
  } finally {
    if (stage) await rm(stage, {recursive: true, force: true});
  }
}
