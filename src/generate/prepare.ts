// The steps both backends share before any key exists: resolve, lay out, lock the folder, and decide what
// already on disk is reused, refused or replaced (kubeadm's rules: CAs and sa.key reused, never overwritten).

import {layoutFiles, type FileEntry} from '../pki/layout.js';
import type {PkiModel} from '../pki/model.js';
import {resolve} from '../pki/resolve.js';
import type {Plan} from '../plan/types.js';
import {examineExisting, type ExistingState} from '../output/existing.js';
import {acquireLock} from '../output/lock.js';
import {fixedContent} from '../output/render.js';
import {blockedFolders, prepareOutputDir, removeDeadStaging} from '../output/write.js';
import {GenerateError, type GenerateResult} from './events.js';

export interface Prepared {
  model: PkiModel;
  entries: FileEntry[];
  existing: ExistingState;
  /** The output folder as an absolute path (after its checks). */
  out: string;
  /** The token in the folder's lock, which the openssl script accepts as held for it. */
  lockToken: string;
  release: () => Promise<void>;
}

export async function prepareRun(plan: Plan, outArg: string, force: boolean, now: Date): Promise<Prepared> {
  const model = resolve(plan);
  const entries = layoutFiles(model);
  const out = await prepareOutputDir(outArg);
  const {release, token} = await acquireLock(out);
  try {
    await removeDeadStaging(out);
    const blocked = await blockedFolders(out, entries.map((e) => e.path));
    if (blocked.length > 0) {
      throw new GenerateError('files or symlinks stand where folders must go', blocked, 'kubepki never writes through a symlink; move them away');
    }
    const leafHours = Math.max(0, ...model.certs.filter((c) => !c.isCA).map((c) => c.validityHours));
    const existing = await examineExisting(out, model, entries, {now, leafHours, fixed: fixedContent(model, entries)});
    if (existing.blockers.length > 0) {
      throw new GenerateError('files already in the output folder stop this run', existing.blockers,
        'kubepki never replaces a CA or sa.key and never reads through a link: deal with the files listed, then run again');
    }
    if (existing.conflicts.length > 0 && !force) {
      throw new GenerateError(`${existing.conflicts.length} file(s) already exist with other content`, existing.conflicts,
        're-run with --force to replace them (existing CAs and sa.key are still reused, never replaced), or choose another --out');
    }
    return {model, entries, existing, out, lockToken: token, release};
  } catch (error) {
    await release();
    throw error;
  }
}

/** What a finished run reports, the same for both backends. */
export function runResult(prepared: Pick<Prepared, 'entries' | 'existing'>, out: string, mode: GenerateResult['mode']): GenerateResult {
  const {entries, existing} = prepared;
  return {
    out,
    mode,
    files: entries.map((e) => ({path: e.path, mode: e.mode, kind: e.source.type})),
    reused: [...existing.reusedCas.keys(), ...(existing.reusedSa ? ['sa'] : [])],
  };
}
