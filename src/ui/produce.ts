// What the Generate step does, outside any front end: write the certificates (native backend), the
// openssl script folder, or both, then save kubepki.yaml beside the output. Progress goes out as events.

import type {GenerateResult, ProgressEvent, WrittenFile} from '../generate/events.js';
import {generateNative} from '../generate/native.js';
import {missingFolders, removeEmptyFolders} from '../output/run-folders.js';
import {savePlan, type SavedPlan} from '../output/save-plan.js';
import {mapFileStatus} from '../output/map-file.js';
import {mapNote, writeTreeMap, type MapWritten} from '../map/write-map.js';
import type {ScriptStyle} from '../output/script-folder.js';
import {layoutFiles} from '../pki/layout.js';
import type {PkiModel} from '../pki/model.js';
import type {Plan} from '../plan/types.js';
import type {KeySource} from '../x509/keys.js';
import type {Answers, Produce} from './answers.js';
import {modelOf} from './model.js';

export interface ScriptWritten {
  dir: string;
  /** The script to run, relative to `dir`. */
  entry: string;
  files: string[];
}

export interface ProduceResult {
  out: string;
  produce: Produce;
  plan: Plan;
  model: PkiModel;
  /** Files of the PKI as laid out (written when produce is native or both). */
  files: WrittenFile[];
  native?: GenerateResult;
  script?: ScriptWritten;
  /** map.html, when asked for: in the output folder, or in the script folder when only the script is written. */
  map?: MapWritten;
  planFile: SavedPlan;
}

export interface ProduceOptions {
  signal?: AbortSignal;
  onProgress?: (e: ProgressEvent) => void;
  onNote?: (line: string) => void;
  /** Re-issue what contradicts the plan, as `generate --force` (the user chose it after the preview). */
  force?: boolean;
}

export interface ProduceDeps {
  generate: typeof generateNative;
  /** Throws when the script folder is taken; called before any key is made. */
  checkScript: (dir: string) => Promise<void>;
  writeScript: (opts: {plan: Plan; model: PkiModel; dir: string; style?: ScriptStyle; signal?: AbortSignal}) => Promise<ScriptWritten>;
  savePlan: typeof savePlan;
  /** Where keys come from (tests hand in pre-made ones); node:crypto when absent. */
  keys?: KeySource;
  /** Which of the output folders do not exist yet, and how to remove them again when still empty. */
  folders?: {missing: typeof missingFolders; removeEmpty: typeof removeEmptyFolders};
}

/** The script folder for an output folder: beside it, `./pki` → `./pki-script` (as `kubepki script`). */
export function scriptDirFor(out: string): string {
  return `${out.replace(/\/+$/, '') || '.'}-script`;
}

/** Where map.html goes: beside the certificates, or beside the script when no certificate is written now. */
export const mapDirFor = (answers: Pick<Answers, 'out' | 'produce'>): string => (answers.produce === 'script' ? scriptDirFor(answers.out) : answers.out);

export async function produceOutput(
  answers: Answers,
  opts: ProduceOptions,
  deps: ProduceDeps,
): Promise<ProduceResult> {
  const model = modelOf(answers);
  if (!model) throw new Error('the plan has problems; go back and fix them');
  const {out, produce} = answers;
  // A taken script folder is refused before any key is made; the script itself is written after the
  // certificates, so cancelling during generation leaves nothing at all behind.
  if (produce !== 'native') await deps.checkScript(scriptDirFor(out));
  // So is a map.html kubepki did not draw.
  if (answers.map) await mapFileStatus(mapDirFor(answers));
  // A cancelled or failed run takes back the folders it created, while they are still empty.
  const folders = deps.folders ?? {missing: missingFolders, removeEmpty: removeEmptyFolders};
  const created = [...await folders.missing(out), ...(produce !== 'native' ? await folders.missing(scriptDirFor(out)) : [])];
  try {
    return await produceInto(answers, model, opts, deps);
  } catch (error) {
    await folders.removeEmpty(created);
    throw error;
  }
}

async function produceInto(
  answers: Answers, model: PkiModel,
  opts: ProduceOptions,
  deps: ProduceDeps,
): Promise<ProduceResult> {
  const {plan} = model;
  const {out, produce} = answers;
  let native: GenerateResult | undefined;
  if (produce !== 'script') {
    native = await deps.generate({plan, out, force: opts.force === true, ...(opts.signal ? {signal: opts.signal} : {}), ...(opts.onProgress ? {onProgress: opts.onProgress} : {})});
  }
  let script: ScriptWritten | undefined;
  if (produce !== 'native') {
    // After the certificates are in place the script follows regardless of a late cancel: it takes milliseconds.
    const signal = produce === 'script' ? opts.signal : undefined;
    script = await deps.writeScript({plan, model, dir: scriptDirFor(out), style: answers.scriptStyle, ...(signal ? {signal} : {})});
    opts.onNote?.(`✔ wrote the openssl script: ${script.dir}/${script.entry}`);
  }
  const map = answers.map ? await writeTreeMap(mapDirFor(answers), plan, native ? 'files' : 'plan') : undefined;
  if (map) opts.onNote?.(mapNote(map));
  const planFile = await deps.savePlan(plan, out);
  const files = native?.files ?? layoutFiles(model).map((e) => ({path: e.path, mode: e.mode, kind: e.source.type}));
  return {out, produce, plan, model, files, ...(native ? {native} : {}), ...(script ? {script} : {}), ...(map ? {map} : {}), planFile};
}
