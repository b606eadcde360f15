// Adapter from the Generate step to the openssl script-folder writer that `kubepki script` uses.
// A folder this process wrote itself (an earlier attempt in the same session) may be replaced on retry.

import {emitScript, SCRIPT_FILE} from '../openssl/emit.js';
import {emitExamScriptFor, examModel} from '../openssl/exam-script.js';
import {assertScriptFolderFree, examScriptFiles, safeScriptFiles, writeFolderFiles, type ScriptStyle} from '../output/script-folder.js';
import type {PkiModel} from '../pki/model.js';
import type {Plan} from '../plan/types.js';
import type {ScriptWritten} from './produce.js';

const writtenHere = new Set<string>();

export async function writeScriptForWizard(opts: {plan: Plan; model: PkiModel; dir: string; style?: ScriptStyle; signal?: AbortSignal}): Promise<ScriptWritten> {
  opts.signal?.throwIfAborted();
  const folder = opts.style === 'exam' ? examScriptFiles(emitExamScriptFor(examModel(opts.plan))) : safeScriptFiles(emitScript(opts.model));
  const files = await writeFolderFiles(opts.dir, folder, {force: writtenHere.has(opts.dir)});
  writtenHere.add(opts.dir);
  return {dir: opts.dir, entry: SCRIPT_FILE, files};
}

/** Fails early when the script folder is taken (and was not written by this session). */
export async function checkScriptFolder(dir: string): Promise<void> {
  if (!writtenHere.has(dir)) await assertScriptFolderFree(dir);
}
