// Inline validation for both front ends: the candidate plan goes through validatePlan (the very rules a
// plan file meets), and each field shows the problems reported under its path, formatted the same way.

import type {FieldProblem, Plan} from '../plan/types.js';
import {formatProblem, validatePlan} from '../plan/validate.js';

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
  const check: PlanCheck = result.ok
    ? {plan: result.plan, problems: [], warnings: result.warnings}
    : {problems: result.problems, warnings: []};
  cache.set(plan, check);
  return check;
}

/** `nodes[1]` covers `nodes[1]`, `nodes[1].name`, `nodes[1].groups[0]`. */
export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
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
