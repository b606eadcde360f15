// `--plan FILE` for every command that reads a plan: load, validate, check the layout's paths, print warnings;
// the embedded default without it. Loaded only by the commands that run (it pulls in yaml).

import {defaultPlan} from '../plan/defaults.js';
import {loadPlanFile} from '../plan/load.js';
import type {Plan} from '../plan/types.js';
import {formatProblem, validatePlan} from '../plan/validate.js';
import {layoutProblems} from '../pki/layout-check.js';
import {InvalidInputError, type Io} from './command.js';

export async function planFromOption(file: string | boolean | string[] | undefined, io: Io): Promise<Plan> {
  const result = typeof file === 'string' ? await loadPlanFile(file) : validatePlan(defaultPlan());
  if (!result.ok) throw new InvalidInputError(result.problems);
  // A valid plan can still put two files on one path: refused here, before any folder or key exists.
  const collisions = layoutProblems(result.plan);
  if (collisions.length > 0) throw new InvalidInputError(collisions);
  for (const w of result.warnings) io.stderr(`kubepki: warning: ${formatProblem(w)}\n`);
  return result.plan;
}
