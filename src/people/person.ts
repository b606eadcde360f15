// A person to onboard, checked by the plan's own rules: the name and groups are added to the plan as a user and
// the plan validator judges them (reserved identities, allowed characters, repeats); only system: groups get
// rules of their own here, because the CertificateSigningRequest API refuses system:masters outright.

import {displayValue} from '../plan/escape.js';
import {MASTERS_GROUP} from '../plan/identities.js';
import {durationRule, isSystemGroup} from '../plan/rules.js';
import type {FieldProblem, Plan, PlanUser} from '../plan/types.js';
import {systemGroupRisk, validatePlan} from '../plan/validate.js';

/** How the certificate gets signed: by the cluster through a CertificateSigningRequest (the exam's way), or
 *  here with the CA's key (the manual way). */
export type SigningMode = 'exam' | 'local';

export interface PersonInput {
  name: string;
  groups: string[];
  /** An explicit opt-in for system:masters (only with local signing: the CSR API refuses it). */
  allowSystemMasters?: boolean;
  mode: SigningMode;
  /** Validity in whole days; the plan's certificateValidityPeriod when absent. */
  days?: number;
}

/** How each front end names the fields in messages: the CLI's `NAME` and `--group`, the wizard's labels. */
export interface PersonFields {
  name: string;
  group: string;
  days: string;
  /** How this front end opts in to system:masters, and how it signs locally. */
  optIn: string;
  signLocally: string;
}

export const CLI_FIELDS: PersonFields = {name: 'NAME', group: '--group', days: '--days', optIn: '--allow-system-masters', signLocally: '--sign'};

export type PersonCheck =
  | {ok: true; plan: Plan; user: PlanUser; warnings: FieldProblem[]}
  | {ok: false; problems: FieldProblem[]};

export const CSR_REFUSES_MASTERS =
  `the API server refuses a CertificateSigningRequest for ${MASTERS_GROUP} with the kube-apiserver-client signer (the CertificateSubjectRestriction admission plugin)`;

const problem = (path: string, value: string, rule: string, hint: string): FieldProblem => ({path, value: displayValue(value), rule, hint});

/** system: groups as a person's groups: what is refused, and the one allowed case (system:masters, opted in, signed locally). */
function systemGroupFindings(input: PersonInput, fields: PersonFields): {problems: FieldProblem[]; warnings: FieldProblem[]} {
  const problems: FieldProblem[] = [];
  const warnings: FieldProblem[] = [];
  for (const group of input.groups.filter(isSystemGroup)) {
    const why = systemGroupRisk(group);
    if (group !== MASTERS_GROUP) {
      problems.push(problem(fields.group, group, 'is a system: group', `${why}: grant access with RBAC to a normal group`));
    } else if (!input.allowSystemMasters) {
      problems.push(problem(fields.group, group, 'is a system: group', `${why}, and ${CSR_REFUSES_MASTERS}: bind a normal group to a role with RBAC, or opt in with ${fields.optIn} and sign locally`));
    } else if (input.mode === 'exam') {
      problems.push(problem(fields.group, group, 'cannot go through the CertificateSigningRequest API', `${CSR_REFUSES_MASTERS}: sign locally with the CA (${fields.signLocally}), or bind a normal group with RBAC`));
    } else {
      warnings.push(problem(fields.group, group, `is allowed by ${fields.optIn}`, `${why}: only replacing the cluster CA takes it back`));
    }
  }
  return {problems, warnings};
}

/** `users[3].groups[1]` of the trial plan → the front end's field name. */
function renamePath(path: string, index: number, fields: PersonFields): string {
  const prefix = `users[${index}]`;
  if (!path.startsWith(prefix)) return path;
  return /^\.groups\b/.test(path.slice(prefix.length)) ? fields.group : fields.name;
}

function daysProblem(days: number | undefined, fields: PersonFields): FieldProblem | undefined {
  if (days === undefined) return undefined;
  if (!Number.isInteger(days)) return problem(fields.days, String(days), 'is not a whole number of days', 'write a number of days, e.g. 365');
  const v = durationRule('leaf')(`${days * 24}h`);
  return v && problem(fields.days, String(days), v.rule.replace(/(\d+)h\b/g, (_, h: string) => `${Number(h) / 24} days`), v.hint);
}

/**
 * The person as a user of `plan` (replacing a user of the same name), judged by the plan validator. The plan
 * must be valid already, so every problem found is the person's.
 */
export function checkPerson(plan: Plan, input: PersonInput, fields: PersonFields = CLI_FIELDS): PersonCheck {
  const system = systemGroupFindings(input, fields);
  const others = plan.users.filter((u) => u.name !== input.name);
  // system: groups were judged above; the plan validator sees the rest of the person.
  const trial: PlanUser = {name: input.name, groups: input.groups.filter((g) => !isSystemGroup(g))};
  const result = validatePlan({...plan, users: [...others, trial]});
  const index = others.length;
  const problems = [
    ...(result.ok ? [] : result.problems.map((p) => ({...p, path: renamePath(p.path, index, fields)}))),
    ...system.problems,
  ];
  const days = daysProblem(input.days, fields);
  if (days) problems.push(days);
  if (!result.ok || problems.length > 0) return {ok: false, problems};
  const user: PlanUser = {name: input.name, groups: input.groups, ...(input.groups.some(isSystemGroup) ? {allowSystemGroups: true} : {})};
  const withUser: Plan = {...result.plan, users: [...result.plan.users.slice(0, index), user]};
  // --days replaces the plan's period for this one certificate (resolve reads it from the plan).
  if (input.days !== undefined) withUser.certificates = {...withUser.certificates, certificateValidityPeriod: `${input.days * 24}h`};
  return {ok: true, plan: withUser, user, warnings: system.warnings};
}
