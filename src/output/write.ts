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


/** Creates the folders below `root` that `dir` needs, each with the layout's mode; existing ones must be real folders.
 *  `seen` holds the folders already made or checked in this run, so a 5,000-node tree checks each folder once. */
async function ensureRealDirs(root: string, dir: string, seen: Set<string>): Promise<void> {
  const parts = dir.split('/').filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const rel = parts.slice(0, i).join('/');
    if (seen.has(rel)) continue;
    const current = join(root, rel);
    const st = await lstat(current).catch((error: unknown) => (errnoOf(error) === 'ENOENT' ? undefined : Promise.reject(error)));
    if (!st) {
      await mkdir(current);
      await chmod(current, folderMode(rel)); // mkdir's mode would be narrowed by the umask
    } else if (!st.isDirectory() || st.isSymbolicLink()) {
      throw new OutputError(`${current} is not a folder (a file or symlink is in the way)`, 'move it away and run again');
    }
    seen.add(rel);
  }
}

/** Folders on the way to `paths` that exist but are not real folders (a file or a planted symlink). Level by level,
 *  each level's checks at once, and never below a folder that is absent: a fresh 5,000-node run checks one level. */
export async function blockedFolders(out: string, paths: string[]): Promise<string[]> {
  const root = resolve(out);
  const levels: Set<string>[] = [];
  for (const p of paths) {
    const parts = p.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) (levels[i - 1] ??= new Set()).add(parts.slice(0, i).join('/'));
  }
  const blocked: string[] = [];
  let present = new Set<string>(['']); // real folders found on the level above ('' is `out` itself)
  for (const level of levels) {
    const here = [...level].filter((d) => present.has(d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : ''));
    const stats = await Promise.all(here.map((d) => lstat(join(root, d)).catch(() => undefined)));
    present = new Set();
    here.forEach((d, i) => {
      const st = stats[i];
      if (st && (!st.isDirectory() || st.isSymbolicLink())) blocked.push(d);
      else if (st) present.add(d);
    });
  }
  return blocked.sort();
}

export interface CommitOptions {
  signal?: AbortSignal;
  /** Paths that already hold exactly this content: not written again (their mtime stays). */
  unchanged?: ReadonlySet<string>;
}

/** Files in flight at once: enough to keep libuv's pool (4 threads by default) busy through each fsync, and the
 *  most rendered files held in memory at any moment. */
const WRITE_LANES = 16;

/** Files one after another, from a list or from a renderer that makes each only when asked (sync or async). */
export type FileStream = Iterable<RenderedFile> | AsyncIterable<RenderedFile>;

/** Runs `work` over `items` with at most WRITE_LANES at once; the first failure stops new work and is thrown.
 *  Items are pulled as lanes free up, so a stream is consumed as it is written, never collected first. */
async function inParallel<T>(items: Iterable<T> | AsyncIterable<T>, work: (item: T) => Promise<void>): Promise<void> {
  const source = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
  let failed = false;
  let ended = false;
  const lane = async (): Promise<void> => {
    while (!failed && !ended) {
      let item: T;
      try {
        const next = await source.next();
        if (next.done) {
          ended = true;
          return;
        }
        item = next.value;
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({length: WRITE_LANES}, lane));
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
}

/**
 * Writes `files` under `out`: each into a staging folder as it arrives (at most WRITE_LANES in memory), then, once
 * all are staged, renamed into place. Throws OutputError; cleans its staging folder always.
 *
 * Durability: every staged file is fsync'd before any rename, because a rename can reach the disk before the
 * data it names (ext4, XFS), and a crash would then leave empty certificates and keys in place. The fsyncs run
 * WRITE_LANES at once on libuv's pool while the next files are rendered, so they overlap the CPU work instead of
 * adding to it; syncing once at the end would need syncfs, which Node does not offer.
 */
export async function writeTree(out: string, files: FileStream, opts: CommitOptions = {}): Promise<string[]> {
  const root = resolve(out);
  const prefix = root.endsWith(sep) ? root : root + sep;
  const staged: string[] = [];
  let stage: string | undefined;
  const written: string[] = [];
  try {
    const staging = await mkdtemp(join(root, STAGING_PREFIX));
    stage = staging;
    // Each staged folder made once; concurrent lanes share the promise.
    const made = new Map<string, Promise<unknown>>();
    const stagedDir = (dir: string) => {
      let p = made.get(dir);
      if (!p) made.set(dir, (p = mkdir(dir, {recursive: true, mode: PRIVATE_DIR_MODE})));
      return p;
    };
    await inParallel(files, async (f) => {
      if (!resolve(root, f.path).startsWith(prefix)) throw new OutputError(`refusing to write outside ${root}: ${f.path}`);
      if (opts.unchanged?.has(f.path)) return;
      opts.signal?.throwIfAborted();
      const target = join(staging, f.path);
      await stagedDir(dirname(target));
      await writeNewFile(target, f.content, f.mode);
      staged.push(f.path);
    });
    opts.signal?.throwIfAborted();
    // Every folder first, so a file or symlink in the way stops the run before any file moves.
    const seen = new Set<string>();
    for (const dir of new Set(staged.map((p) => dirname(p)).filter((d) => d !== '.'))) await ensureRealDirs(root, dir, seen);
    // From here on the signal is not checked: the renames run to the end, so each file is old or new, never half.
    await inParallel(staged, async (path) => {
      await rename(join(staging, path), join(root, path));
      written.push(path);
    });
    return written;
  } catch (error) {
    if (error instanceof OutputError || (error as Error).name === 'AbortError' || opts.signal?.aborted) throw error;
    const failure = ioFailure(error, root);
    if (failure instanceof OutputError) {
      failure.message += written.length === 0 ? '; nothing was moved into place' : `; ${written.length} of ${staged.length} files were moved into place`;
    }
    throw failure;
  } finally {
    if (stage) await rm(stage, {recursive: true, force: true});
  }
}
