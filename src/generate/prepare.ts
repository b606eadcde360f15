// The steps both backends share before any key exists: resolve, lay out, lock the folder, and decide
// what already on disk is reused, refused or replaced (kubeadm's rules: CAs reused, never overwritten).

import {layoutFiles, type FileEntry} from '../pki/layout.js';
import type {PkiModel} from '../pki/model.js';
import {resolve} from '../pki/resolve.js';
import type {Plan} from '../plan/types.js';
import {examineExisting, type ExistingState} from '../output/existing.js';
import {acquireLock, blockedFolders, prepareOutputDir} from '../output/write.js';
import {caNotAfter} from '../x509/reuse.js';
import {GenerateError, type GenerateResult} from './events.js';

export interface Prepared {
  model: PkiModel;
  entries: FileEntry[];
  existing: ExistingState;
  release: () => Promise<void>;
}

export async function prepareRun(plan: Plan, out: string, force: boolean, now: Date): Promise<Prepared> {
  const model = resolve(plan);
  const entries = layoutFiles(model);
  await prepareOutputDir(out);
  const release = await acquireLock(out);
  try {
    const blocked = await blockedFolders(out, entries.map((e) => e.path));
    if (blocked.length > 0) {
      throw new GenerateError('files or symlinks stand where folders must go', blocked, 'kubepki never writes through a symlink; move them away');
    }
    const existing = await examineExisting(out, model, entries);
    if (existing.blockers.length > 0) {
      throw new GenerateError('existing authorities block this run', existing.blockers, 'kubepki never overwrites a CA; move the listed files away');
    }
    if (existing.conflicts.length > 0 && !force) {
      throw new GenerateError(`${existing.conflicts.length} file(s) already exist in ${out}`, existing.conflicts,
        're-run with --force to replace them (existing CAs are still reused, never overwritten), or choose another --out');
    }
    const late: string[] = [];
    for (const spec of model.certs) {
      const ca = existing.reusedCas.get(spec.signer);
      if (!ca || spec.isCA) continue;
      const notAfter = new Date(now.getTime() + spec.validityHours * 3600_000);
      if (notAfter > caNotAfter(ca.certPem)) late.push(`${spec.id} would expire ${notAfter.toISOString()}, after ${spec.signer} (${caNotAfter(ca.certPem).toISOString()})`);
    }
    if (late.length > 0) {
      throw new GenerateError('leaf certificates would outlive the reused CA', late.slice(0, 5),
        'shorten certificates.certificateValidityPeriod, or renew the CA first');
    }
    return {model, entries, existing, release};
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
