// `--plan FILE` for every command: load, validate, check the layout's paths, print warnings; the embedded
// default without it.

import {defaultPlan} from '../plan/defaults.js';
import {loadPlanFile} from '../plan/load.js';
import type {Plan} from '../plan/types.js';
import {formatProblem, validatePlan} from '../plan/validate.js';
import {layoutProblems} from '../pki/layout-check.js';
import {InvalidInputError, type Io, type OptionSpec} from './command.js';

/** `--plan FILE`, the same on every command that reads a plan. */
export const PLAN_OPTION: OptionSpec = {
  type: 'string',
  arg: 'FILE',
  help: 'the plan (YAML; see `kubepki example`); default: one control-plane node named after this machine',
};

export async function planFromOption(file: string | boolean | undefined, io: Io): Promise<Plan> {
  const result = typeof file === 'string' ? await loadPlanFile(file) : validatePlan(defaultPlan());
  if (!result.ok) throw new InvalidInputError(result.problems);
  // A valid plan can still put two files on one path: refused here, before any folder or key exists.
  const collisions = layoutProblems(result.plan);
  if (collisions.length > 0) throw new InvalidInputError(collisions);
  for (const w of result.warnings) io.stderr(`kubepki: warning: ${formatProblem(w)}\n`);
  return result.plan;
}
