// Field- and item-level validation over the step data, shared by the Ink and plain front ends.

import type {Answers} from './answers.js';
import {checkPlan, isUnder, messagesUnder, problemsUnderAny} from './check.js';
import {visibleFields, type Draft, type Field, type ListSpec} from './fields.js';
import {formFields, type StepDef} from './steps.js';
import {formatProblem} from '../plan/validate.js';

/** The messages for one field of a form step, as plan validation words them. */
export function fieldErrors(field: Field, a: Answers): string[] {
  if (field.kind === 'text' && field.check) {
    const message = field.check(field.get(a));
    return message ? [message] : [];
  }
  return messagesUnder(checkPlan(a.plan).problems, field.path);
}

/** The answers with `draft` in place of item `index` (or appended when index is -1): what the user would get. */
export function withDraft(list: ListSpec, a: Answers, index: number, draft: Draft): Answers {
  const drafts = list.items(a);
  if (index < 0) drafts.push(draft);
  else drafts[index] = draft;
  return list.commit(a, drafts);
}

export interface ItemErrors {
  byField: Record<string, string[]>;
  /** Problems of the item that name no visible field (duplicates, the item as a whole). */
  other: string[];
  warnings: string[];
}

/** What is wrong with one list item if it were saved as `draft`. */
export function itemErrors(list: ListSpec, a: Answers, index: number, draft: Draft): ItemErrors {
  const candidate = withDraft(list, a, index, draft);
  const at = `${list.path}[${index < 0 ? list.items(a).length : index}]`;
  const check = checkPlan(candidate.plan);
  const mine = check.problems.filter((p) => isUnder(p.path, at));
  const byField: Record<string, string[]> = {};
  const claimed = new Set<string>();
  for (const f of visibleFields(list, draft)) {
    const prefix = f.path ? `${at}.${f.path}` : at;
    const hits = f.path ? mine.filter((p) => isUnder(p.path, prefix)) : mine;
    byField[f.id] = hits.map(formatProblem);
    hits.forEach((p) => claimed.add(p.path));
  }
  return {
    byField,
    other: mine.filter((p) => !claimed.has(p.path)).map(formatProblem),
    warnings: check.warnings.filter((p) => isUnder(p.path, at)).map(formatProblem),
  };
}

export const itemHasErrors = (e: ItemErrors): boolean => e.other.length > 0 || Object.values(e.byField).some((m) => m.length > 0);

/** Every message that keeps the user on `step` with these answers (fields, list items, step paths). */
export function stepErrors(step: StepDef, a: Answers): string[] {
  const fromChecks = formFields(step).flatMap((f) => (f.kind === 'text' && f.check ? fieldErrors(f, a) : []));
  return [...fromChecks, ...problemsUnderAny(a.plan, step.paths)];
}
