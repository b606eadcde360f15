// Writes a script folder of either style (generate-pki.sh with openssl/*.cnf or one openssl.cnf, and README.md). It
// refuses to touch an existing one unless asked, and even then replaces only script files: a `pki/` beside stays.

import {chmod, lstat, mkdir, readdir, rm} from 'node:fs/promises';
import {join} from 'node:path';
import {writeNewFile} from './new-file.js';
import {checkOutPath, makeFolder} from './out-path.js';
import {CNF_FOLDER} from '../openssl/commands.js';
import {SCRIPT_FILE, type EmittedScript} from '../openssl/emit.js';
import {EXAM_CNF, type ExamScript} from '../openssl/exam-script.js';

export const README_FILE = 'README.md';

/** The two script styles: `safe` for real machines (the default), `exam` the short form a course types. */
export const SCRIPT_STYLES = ['safe', 'exam'] as const;
export type ScriptStyle = (typeof SCRIPT_STYLES)[number];

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


/** One file of a script folder: a relative path (at most one folder deep), its text and mode. */
export interface FolderFile {
  path: string;
  content: string;
  mode: number;
}

/** The files of `kubepki script`'s folder: the script, one cnf per certificate under openssl/, the README. */
export function safeScriptFiles(emitted: EmittedScript): FolderFile[] {
  return [
    {path: SCRIPT_FILE, content: emitted.script, mode: 0o755},
    ...[...emitted.cnfs].map(([name, content]) => {
      if (name.includes('/') || !name.endsWith('.cnf')) throw new Error(`internal: cnf name ${JSON.stringify(name)}`);
      return {path: `${CNF_FOLDER}/${name}`, content, mode: 0o644};
    }),
    {path: README_FILE, content: emitted.readme, mode: 0o644},
  ];
}

/** The files of `kubepki script --style exam`: the script, its one openssl.cnf, the README. */
export function examScriptFiles(exam: ExamScript): FolderFile[] {
  return [
    {path: SCRIPT_FILE, content: exam.script, mode: 0o755},
    {path: EXAM_CNF, content: exam.cnf, mode: 0o644},
    {path: README_FILE, content: exam.readme, mode: 0o644},
  ];
}

/** What marks a folder as holding a script of either style. */
const SCRIPT_MARKS = [SCRIPT_FILE, README_FILE, `${CNF_FOLDER}/`, EXAM_CNF];

/** Throws ScriptFolderExistsError when `dir` already holds a script, so callers can check before long work. */
export async function assertScriptFolderFree(dir: string): Promise<void> {
  const present: string[] = [];
  for (const name of SCRIPT_MARKS) if (await exists(join(dir, name))) present.push(name);
  if (present.length > 0) throw new ScriptFolderExistsError(dir, present);
}

/** Writes the folder; returns the relative paths written. With `force`, replaces only script files: the other
 *  style's, and the .cnf files under openssl/ (a plan may have shrunk); anything else, such as pki/, stays. */
export async function writeFolderFiles(dirArg: string, files: FolderFile[], opts: {force?: boolean} = {}): Promise<string[]> {
  const dir = await checkOutPath(dirArg, process.cwd());
  const cnfDir = join(dir, CNF_FOLDER);
  if (!opts.force) await assertScriptFolderFree(dir);

  await makeFolder(dir, 0o755);
  if (opts.force) {
    for (const name of [SCRIPT_FILE, README_FILE, EXAM_CNF]) await rm(join(dir, name), {force: true});
    if (await exists(cnfDir)) {
      const st = await lstat(cnfDir);
      if (!st.isDirectory() || st.isSymbolicLink()) throw new ScriptFolderExistsError(dir, [`${CNF_FOLDER} (not a folder)`]);
      for (const name of await readdir(cnfDir)) if (name.endsWith('.cnf')) await rm(join(cnfDir, name), {force: true});
    }
  }
  const folders = [...new Set(files.filter((f) => f.path.includes('/')).map((f) => f.path.slice(0, f.path.indexOf('/'))))];
  for (const folder of folders) {
    await mkdir(join(dir, folder), {recursive: true, mode: 0o755});
    await chmod(join(dir, folder), 0o755);
  }
  for (const f of files) await writeNewFile(join(dir, f.path), f.content, f.mode);
  return files.map((f) => f.path);
}

/** Writes `kubepki script`'s (safe style) folder. */
export function writeScriptFolder(dir: string, emitted: EmittedScript, opts: {force?: boolean} = {}): Promise<string[]> {
  return writeFolderFiles(dir, safeScriptFiles(emitted), opts);
}
