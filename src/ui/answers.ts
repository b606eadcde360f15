// What the wizard collects: the Plan plus the output choices that are not part of a plan file.
// Both front ends edit an Answers value; nothing here knows about terminals.

import type {ScriptStyle} from '../output/script-folder.js';
import type {Plan} from '../plan/types.js';

/** What to write: certificates made natively, the reviewable openssl script, or both. */
export type Produce = 'both' | 'native' | 'script';
export const PRODUCE_CHOICES: readonly Produce[] = ['both', 'native', 'script'];

export interface Answers {
  plan: Plan;
  /** The output folder (as `kubepki generate --out`). */
  out: string;
  produce: Produce;
  /** Which openssl script to write: `safe` (the default) or `exam`, the short form a course teaches. */
  scriptStyle: ScriptStyle;
  /** Also write map.html, the PKI as a self-contained page (as `generate --map`). */
  map: boolean;
}

export const DEFAULT_OUT = './pki';

export function initialAnswers(plan: Plan, out = DEFAULT_OUT, produce: Produce = 'both'): Answers {
  return {plan: structuredClone(plan), out, produce, scriptStyle: 'safe', map: false};
}

/** A copy of `a` with the plan changed by `edit` (which may mutate the copy it is given). */
export function withPlan(a: Answers, edit: (plan: Plan) => void): Answers {
  const plan = structuredClone(a.plan);
  edit(plan);
  return {...a, plan};
}
