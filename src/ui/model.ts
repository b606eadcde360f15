// The resolved PKI model (and its review table) for the wizard's answers, computed once per validated plan:
// screens ask on every frame and the reducer on every key, and resolve() expands the whole catalog.

import {examModel} from '../openssl/exam-script.js';
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
const exams = new WeakMap<PkiModel, PkiModel>();

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

/** The model the exam-style script is made from (the course's file names), while the plan is valid. */
export function examModelOf(answers: Answers): PkiModel | undefined {
  const model = modelOf(answers);
  if (!model) return undefined;
  let exam = exams.get(model);
  if (!exam) {
    exam = examModel(model.plan);
    exams.set(model, exam);
  }
  return exam;
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
