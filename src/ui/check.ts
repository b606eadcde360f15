// Inline validation for both front ends: the candidate plan goes through validatePlan and layoutProblems
// (the very checks a plan file meets), and each field shows the problems under its path, formatted alike.

import type {FieldProblem, Plan} from '../plan/types.js';
import {formatProblem, validatePlan} from '../plan/validate.js';
import {layoutProblems} from '../pki/layout-check.js';

export interface PlanCheck {
  /** The validated (normalised) plan, when there are no problems. */
  plan?: Plan;
  problems: FieldProblem[];
  warnings: FieldProblem[];
}

// Renders call this for every frame with the same plan object; validation is pure, so cache per object.
const cache = new WeakMap<Plan, PlanCheck>();

export function checkPlan(plan: Plan): PlanCheck {
  const hit = cache.get(plan);
  if (hit) return hit;
  const result = validatePlan(plan);
  const collisions = result.ok ? layoutProblems(result.plan) : [];
  const check: PlanCheck = !result.ok
    ? {problems: result.problems, warnings: []}
    : collisions.length > 0
      ? {problems: collisions, warnings: result.warnings}
      : {plan: result.plan, problems: [], warnings: result.warnings};
  cache.set(plan, check);
  return check;
}

/** `nodes[1]` covers `nodes[1]`, `nodes[1].name`, `nodes[1].groups[0]`; `''` covers every path. */
export function isUnder(path: string, prefix: string): boolean {
  return prefix === '' || path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

export const messagesUnder = (problems: FieldProblem[], prefix: string): string[] =>
  problems.filter((p) => isUnder(p.path, prefix)).map(formatProblem);

/** Problems under any of `prefixes`, formatted; the step cannot be left while there are some. */
export function problemsUnderAny(plan: Plan, prefixes: string[]): string[] {
  return checkPlan(plan).problems.filter((p) => prefixes.some((x) => isUnder(p.path, x))).map(formatProblem);
}

export function warningsUnderAny(plan: Plan, prefixes: string[]): string[] {
  return checkPlan(plan).warnings.filter((p) => prefixes.some((x) => isUnder(p.path, x))).map(formatProblem);
}
