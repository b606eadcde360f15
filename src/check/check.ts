// `check` as one pure function: a tree (and maybe a plan) in, the expiration table's rows and the findings out.

import {WARN_DAYS} from '../pki/conformance.js';
import type {Plan} from '../plan/types.js';
import {CERT_RULES} from './cert-rules.js';
import type {CheckContext} from './context.js';
import {expectations} from './expect.js';
import type {Finding, Tree} from './model.js';
import {PLAN_RULES} from './plan-rules.js';
import {TREE_RULES} from './tree-rules.js';
import {expirationRows, type ExpirationRows} from './expiration.js';

/** The warning window `generate` also renews within. */
export const DEFAULT_WARN_DAYS = WARN_DAYS;

export interface CheckResult extends ExpirationRows {
  findings: Finding[];
}

const ORDER = {error: 0, warning: 1, info: 2} as const;

export function checkTree(tree: Tree, opts: {plan?: Plan; now?: Date; warnDays?: number} = {}): CheckResult {
  const ctx: CheckContext = {tree, exp: expectations(tree, opts.plan), now: opts.now ?? new Date(), warnDays: opts.warnDays ?? DEFAULT_WARN_DAYS};
  const findings = [...CERT_RULES, ...TREE_RULES, ...PLAN_RULES].flatMap((rule) => rule(ctx));
  findings.sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.path.localeCompare(b.path) || a.code.localeCompare(b.code));
  return {...expirationRows(ctx), findings};
}
