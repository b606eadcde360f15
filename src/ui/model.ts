// The resolved PKI model (and its review table) for the wizard's answers, computed once per validated plan:
// screens ask on every frame and the reducer on every key, and resolve() expands the whole catalog.

import type {PkiModel} from '../pki/model.js';
import {resolve} from '../pki/resolve.js';
import type {Plan} from '../plan/types.js';
import type {Answers} from './answers.js';
import {checkPlan} from './check.js';
import {reviewRows, type ReviewRow} from './summary.js';

// checkPlan returns the same validated object for the same answers' plan, so that object is the key; the
// answers change by copy (withPlan), so an edit never meets a stale entry.
const models = new WeakMap<Plan, PkiModel>();
const reviews = new WeakMap<PkiModel, ReviewRow[]>();

/** The model of the answers' plan, or undefined while the plan has problems. */
export function modelOf(answers: Answers): PkiModel | undefined {
  const plan = checkPlan(answers.plan).plan;
  if (!plan) return undefined;
  let model = models.get(plan);
  if (!model) {
    model = resolve(plan);
    models.set(plan, model);
  }
  return model;
}

/** The review table's rows for the answers (empty while the plan has problems). */
export function reviewRowsOf(answers: Answers): ReviewRow[] {
  const model = modelOf(answers);
  if (!model) return [];
  let rows = reviews.get(model);
  if (!rows) {
    rows = reviewRows(model);
    reviews.set(model, rows);
  }
  return rows;
}
