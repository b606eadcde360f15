// Writes an emitted script folder (generate-pki.sh, openssl/*.cnf, README.md). It refuses to touch an existing
// one unless asked, and even then replaces only its own files: a generated `pki/` beside the script is left alone.

import {chmod, lstat, mkdir, readdir, rm} from 'node:fs/promises';
import {join} from 'node:path';
import {writeNewFile} from './new-file.js';
import {checkOutPath, makeFolder} from './out-path.js';
import {CNF_FOLDER} from '../openssl/commands.js';
import {SCRIPT_FILE, type EmittedScript} from '../openssl/emit.js';

export const README_FILE = 'README.md';

/** The folder already holds a script and `force` was not given; lists what is in the way. */
export class ScriptFolderExistsError extends Error {
  override name = 'ScriptFolderExistsError';
  constructor(readonly dir: string, readonly existing: string[]) {
    super(`${dir} already holds ${existing.join(', ')}`);
  }
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(() => true, (e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? false : Promise.reject(e)));
}


/** Throws ScriptFolderExistsError when `dir` already holds a script, so callers can check before long work. */
export async function assertScriptFolderFree(dir: string): Promise<void> {
  const present: string[] = [];
  for (const name of [SCRIPT_FILE, README_FILE, `${CNF_FOLDER}/`]) if (await exists(join(dir, name))) present.push(name);
  if (present.length > 0) throw new ScriptFolderExistsError(dir, present);
}

/** Writes the folder; returns the relative paths written. */
export async function writeScriptFolder(dirArg: string, emitted: EmittedScript, opts: {force?: boolean} = {}): Promise<string[]> {
  const dir = await checkOutPath(dirArg, process.cwd());
  const cnfDir = join(dir, CNF_FOLDER);
  if (!opts.force) await assertScriptFolderFree(dir);

  await makeFolder(dir, 0o755);
  if (opts.force) {
    await rm(join(dir, SCRIPT_FILE), {force: true});
    await rm(join(dir, README_FILE), {force: true});
    if (await exists(cnfDir)) {
      const st = await lstat(cnfDir);
      if (!st.isDirectory() || st.isSymbolicLink()) throw new ScriptFolderExistsError(dir, [`${CNF_FOLDER} (not a folder)`]);
      // Only the .cnf files a previous run wrote; anything else there stays, so nothing unexpected is deleted.
      for (const name of await readdir(cnfDir)) if (name.endsWith('.cnf')) await rm(join(cnfDir, name), {force: true});
    }
  }
  await mkdir(cnfDir, {recursive: true, mode: 0o755});
  await chmod(cnfDir, 0o755);
  const written: string[] = [];
  await writeNewFile(join(dir, SCRIPT_FILE), emitted.script, 0o755);
  written.push(SCRIPT_FILE);
  for (const [name, text] of emitted.cnfs) {
    if (name.includes('/') || !name.endsWith('.cnf')) throw new Error(`internal: cnf name ${JSON.stringify(name)}`);
    await writeNewFile(join(cnfDir, name), text, 0o644);
    written.push(`${CNF_FOLDER}/${name}`);
  }
  await writeNewFile(join(dir, README_FILE), emitted.readme, 0o644);
  written.push(README_FILE);
  return written;
}
