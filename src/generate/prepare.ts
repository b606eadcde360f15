// The steps both backends share before any key exists: resolve, lay out, lock the folder, and decide what
// already on disk is kept, re-issued, refused or replaced (kubeadm's rules: CAs and sa.key reused, never
// overwritten; leaves kept while they match the plan, see output/incremental.ts).

import {layoutFiles, type FileEntry} from '../pki/layout.js';
import type {PkiModel} from '../pki/model.js';
import {resolve} from '../pki/resolve.js';
import type {Plan} from '../plan/types.js';
import type {ExistingState} from '../output/existing.js';
import {judgeExisting, refusals, type CertDecision, type Incremental} from '../output/incremental.js';
import {acquireLock} from '../output/lock.js';
import {blockedFolders, prepareOutputDir, removeDeadStaging} from '../output/write.js';
import {GenerateError, type CertEventStatus, type GenerateResult} from './events.js';

export interface Prepared {
  model: PkiModel;
  entries: FileEntry[];
  existing: ExistingState;
  /** What happens to each certificate and each file already there. */
  judged: Incremental;
  /** Paths already holding what this run writes: left untouched (same bytes, same mtime). */
  unchanged: Set<string>;
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
    const judged = await judgeExisting(out, model, entries, {now, leafHours});
    const {existing} = judged;
    if (existing.blockers.length > 0) {
      throw new GenerateError('files already in the output folder stop this run', existing.blockers,
        'kubepki never replaces a CA or sa.key and never reads through a link: deal with the files listed, then run again');
    }
    const refused = refusals(judged);
    if (refused.length > 0 && !force) {
      throw new GenerateError(`${refused.length} file(s) already there contradict the plan`, refused,
        're-run with --force to re-issue or replace only these (existing CAs and sa.key are still reused, never replaced), or choose another --out');
    }
    const unchanged = new Set([...existing.unchanged, ...judged.files.filter((f) => f.status === 'kept').map((f) => f.path)]);
    return {model, entries, existing, judged, unchanged, out, lockToken: token, release};
  } catch (error) {
    await release();
    throw error;
  }
}

/** What a finished run reports, the same for both backends. */
export function runResult(prepared: Pick<Prepared, 'entries' | 'existing' | 'judged'>, out: string, mode: GenerateResult['mode']): GenerateResult {
  const {entries, existing, judged} = prepared;
  return {
    out,
    mode,
    files: entries.map((e) => ({path: e.path, mode: e.mode, kind: e.source.type})),
    reused: [...existing.reusedCas.keys(), ...(existing.reusedSa ? ['sa'] : [])],
    certificates: judged.certs.map((c) => ({id: c.id, path: c.path, status: certStatus(c.status), ...(c.reasons.length ? {reasons: c.reasons} : {})})),
  };
}

/** A decision as the progress lines and --json say it. */
export function certStatus(status: CertDecision['status']): CertEventStatus {
  return STATUS_WORDS[status];
}

const STATUS_WORDS: Record<CertDecision['status'], CertEventStatus> = {
  reused: 'reused', new: 'created', kept: 'kept', created: 'created', reissue: 'reissued',
};
