// The only code that writes a PKI to disk: a staging folder inside the target, fsync'd files with explicit
// modes, then renames into place. A signal before the renames leaves nothing; during them, the renames finish
// first (they take milliseconds), so no file is ever half-written. Existing folders are never changed.

import {chmodSync, mkdirSync} from 'node:fs';
import {lstat, mkdtemp, open, readdir, rename, rm, unlink} from 'node:fs/promises';
import {dirname, join, relative, resolve, sep} from 'node:path';
import {folderMode, PRIVATE_DIR_MODE, STAGING_PREFIX} from '../pki/layout.js';
import {errnoOf, ioFailure, OutputError} from './errors.js';
import {syncFile, syncFileSystem} from './durable.js';
import {writeNewFile, writeUnsyncedFileSync} from './new-file.js';
import {readUmask, umaskNarrows} from './umask.js';
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


/** What stands at a folder's place in `out`: a real folder, nothing, or something else (a file, a planted symlink). */
type FolderState = 'present' | 'absent' | 'blocked';

/** The state of each folder in `dirs` (relative to `root`; parents are implied) whose parents are all real folders:
 *  level by level, each level's lstats at once, never below a folder that is absent or blocked. */
async function folderStates(root: string, dirs: Iterable<string>): Promise<Map<string, FolderState>> {
  const levels: Set<string>[] = [];
  for (const dir of dirs) {
    const parts = dir.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) (levels[i - 1] ??= new Set()).add(parts.slice(0, i).join('/'));
  }
  const states = new Map<string, FolderState>();
  const parentPresent = (d: string) => !d.includes('/') || states.get(d.slice(0, d.lastIndexOf('/'))) === 'present';
  for (const level of levels) {
    const here = [...level].filter(parentPresent);
    const stats = await Promise.all(here.map((d) => lstat(join(root, d)).catch((error: unknown) => (errnoOf(error) === 'ENOENT' ? undefined : Promise.reject(error)))));
    here.forEach((d, i) => {
      const st = stats[i];
      states.set(d, !st ? 'absent' : st.isDirectory() && !st.isSymbolicLink() ? 'present' : 'blocked');
    });
  }
  return states;
}

const blockedIn = (states: Map<string, FolderState>): string[] => [...states].filter(([, s]) => s === 'blocked').map(([d]) => d).sort();

/** Folders on the way to `paths` that exist but are not real folders (a file or a planted symlink). A fresh
 *  5,000-node run checks one level. */
export async function blockedFolders(out: string, paths: string[]): Promise<string[]> {
  return blockedIn(await folderStates(resolve(out), paths.map((p) => p.split('/').slice(0, -1).join('/'))));
}

/** One rename that puts staged files in place: a whole folder where `out` has none yet, else a single file. */
interface Move {
  path: string;
  files: number;
}

/** The fewest renames that place `files`: each staged folder whose place is free moves whole (a fresh 5,000-node tree
 *  is one rename per node, not one per file and a mkdir per folder); files in folders `out` already has move alone.
 *  Throws OutputError before anything moves when a file or symlink stands where a folder must be. */
async function moves(root: string, folders: Iterable<string>, files: readonly string[]): Promise<Move[]> {
  const states = await folderStates(root, folders);
  const blocked = blockedIn(states);
  if (blocked.length > 0) {
    throw new OutputError(`${join(root, blocked[0]!)} is not a folder (a file or symlink is in the way)`, 'move it away and run again');
  }
  const whole = new Map<string, Move>();
  const single: Move[] = [];
  for (const file of files) {
    // The top-most folder on the file's way that `out` lacks, if any.
    const parts = file.split('/');
    let top: string | undefined;
    for (let i = 1; i < parts.length && top === undefined; i++) {
      const dir = parts.slice(0, i).join('/');
      if (states.get(dir) === 'absent') top = dir;
    }
    if (top === undefined) single.push({path: file, files: 1});
    else {
      const move = whole.get(top) ?? {path: top, files: 0};
      move.files++;
      whole.set(top, move);
    }
  }
  return [...whole.values(), ...single];
}

export interface CommitOptions {
  signal?: AbortSignal;
  /** Paths that already hold exactly this content: not written again (their mtime stays). */
  unchanged?: ReadonlySet<string>;
}

/** Files in flight at once: enough to keep libuv's pool (4 threads by default) busy through each fsync, and the
 *  most rendered files held in memory at any moment. */
const WRITE_LANES = 16;

/** Files fsync'd one by one as they are written; beyond this many, the tree is synced whole at the end. */
export const SYNC_EACH = 256;

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
 * all are staged, renamed into place — a folder `out` does not have yet moves whole, with the mode the layout gives
 * it. Throws OutputError; cleans its staging folder always.
 *
 * Durability: every staged file is on disk before any rename, because a rename can reach the disk before the
 * data it names (ext4, XFS), and a crash would then leave empty certificates and keys in place. The first
 * SYNC_EACH files are fsync'd as they are written, WRITE_LANES at once on libuv's pool while the next ones are
 * rendered; the files beyond are written in this thread unsynced, and the tree is synced once, whole, by syncfs
 * (durable.ts), as 36,000 fsyncs were a third of a 5,000-node run. A small run never waits on other programs' writes, which syncfs flushes too.
 */
export async function writeTree(out: string, files: FileStream, opts: CommitOptions = {}): Promise<string[]> {
  const root = resolve(out);
  const prefix = root.endsWith(sep) ? root : root + sep;
  const umask = readUmask();
  const syncEach = process.platform === 'linux' ? SYNC_EACH : Infinity; // syncfs is Linux's
  const staged: string[] = [];
  const unsynced: string[] = [];
  let started = 0;
  let stage: string | undefined;
  let moved = 0;
  try {
    const staging = await mkdtemp(join(root, STAGING_PREFIX));
    stage = staging;
    // Each staged folder made once, parents first, with the mode it will have in place, in this thread: two system
    // calls cost less than two trips through libuv's pool. The staging folder itself is private, so nothing below
    // it is reachable before it moves.
    const folders = new Set<string>();
    const stagedFolder = (dir: string): void => {
      if (dir === '.' || folders.has(dir)) return;
      stagedFolder(dirname(dir));
      const mode = folderMode(dir);
      mkdirSync(join(staging, dir), mode);
      if (umaskNarrows(mode, umask)) chmodSync(join(staging, dir), mode);
      folders.add(dir);
    };
    await inParallel(files, async (f) => {
      const target = resolve(root, f.path);
      if (!target.startsWith(prefix)) throw new OutputError(`refusing to write outside ${root}: ${f.path}`);
      if (opts.unchanged?.has(f.path)) return;
      opts.signal?.throwIfAborted();
      const path = relative(root, target).split(sep).join('/');
      stagedFolder(dirname(path));
      if (started++ < syncEach) {
        await writeNewFile(join(staging, path), f.content, f.mode, {umask});
      } else {
        writeUnsyncedFileSync(join(staging, path), f.content, f.mode, umask);
        unsynced.push(path);
      }
      staged.push(path);
    });
    if (unsynced.length > 0 && !(await syncFileSystem(staging))) await inParallel(unsynced, (p) => syncFile(join(staging, p)));
    opts.signal?.throwIfAborted();
    // Every folder is checked first, so a file or symlink in the way stops the run before anything moves.
    const renames = await moves(root, folders.keys(), staged);
    // From here on the signal is not checked: the renames run to the end, so each file is old or new, never half.
    await inParallel(renames, async (m) => {
      await rename(join(staging, m.path), join(root, m.path));
      moved += m.files;
    });
    return staged;
  } catch (error) {
    if (error instanceof OutputError || (error as Error).name === 'AbortError' || opts.signal?.aborted) throw error;
    const failure = ioFailure(error, root);
    if (failure instanceof OutputError) {
      failure.message += moved === 0 ? '; nothing was moved into place' : `; ${moved} of ${staged.length} files were moved into place`;
    }
    throw failure;
  } finally {
    if (stage) await rm(stage, {recursive: true, force: true});
  }
}
