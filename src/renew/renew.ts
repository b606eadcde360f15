// `renew` as one function: read the folder with check's reader, pick the targets, re-issue each, then write every
// changed file at once through output/ (staged, renamed into place, under the folder's lock). Refuses before writing.

import {expectations} from '../check/expect.js';
import {DEFAULT_WARN_DAYS} from '../check/check.js';
import type {CheckContext} from '../check/context.js';
import {readTree} from '../check/tree.js';
import {acquireLock} from '../output/lock.js';
import type {RenderedFile} from '../output/render.js';
import {writeTree} from '../output/write.js';
import {DEFAULTS} from '../plan/defaults.js';
import {parseDurationHours} from '../plan/duration.js';
import type {Plan} from '../plan/types.js';
import {fileEdits} from './edits.js';
import {RenewRefused, type RenewProblem} from './problem.js';
import {reissue, type Reissued} from './reissue.js';
import {restartsFor, type Restart} from './restarts.js';
import {selectTargets} from './targets.js';

export interface RenewOptions {
  dir: string;
  ids: readonly string[];
  newKey?: boolean;
  plan?: Plan;
  dryRun?: boolean;
  now?: Date;
}

export interface RenewResult {
  renewed: Reissued[];
  files: RenderedFile[];
  restarts: Restart[];
  written: boolean;
}

/** kubeadm's default leaf validity (certificateValidityPeriod), the one a renewal without a plan gets. */
export const DEFAULT_VALIDITY_HOURS = parseDurationHours(DEFAULTS.certificateValidityPeriod)!;

export async function renew(opts: RenewOptions): Promise<RenewResult> {
  const lock = opts.dryRun ? undefined : await acquireLock(opts.dir);
  try {
    const tree = await readTree(opts.dir);
    const ctx: CheckContext = {tree, exp: expectations(tree, opts.plan), now: opts.now ?? new Date(), warnDays: DEFAULT_WARN_DAYS};
    const {targets, problems} = selectTargets(ctx, opts.ids);
    if (problems.length > 0) throw new RenewRefused(problems);
    if (targets.length === 0) throw new RenewRefused([{field: 'ids', message: 'nothing to renew: the folder holds no leaf certificate', hint: 'give the folder of a node or of kubepki generate'}]);
    const validityHours = opts.plan ? parseDurationHours(opts.plan.certificates.certificateValidityPeriod) ?? DEFAULT_VALIDITY_HOURS : DEFAULT_VALIDITY_HOURS;
    const results = [];
    for (const t of targets) results.push(await reissue(ctx, t, {now: ctx.now, validityHours, newKey: opts.newKey === true}));
    const refused = results.filter((r): r is RenewProblem => !('certPem' in r));
    if (refused.length > 0) throw new RenewRefused(refused);
    const renewed = results as Reissued[];
    const edits = await fileEdits(tree, renewed);
    if (edits.problems.length > 0) throw new RenewRefused(edits.problems);
    if (!opts.dryRun) await writeTree(opts.dir, edits.files);
    return {renewed, files: edits.files, restarts: restartsFor(ctx, renewed), written: !opts.dryRun};
  } finally {
    await lock?.release();
  }
}
