// `kubepki user NAME --group G…`: onboard a person. By default the exam flow (key, PKCS#10 request, the
// CertificateSigningRequest object and the kubectl commands); with --sign and the CA at hand, the manual flow
// (the certificate and a ready kubeconfig). The steps go to stdout, what was written to stderr.

import {existsSync} from 'node:fs';
import {resolve} from 'node:path';
import type {CaSource} from '../../people/ca.js';
import {PersonError} from '../../people/errors.js';
import {onboard} from '../../people/onboard.js';
import {checkPerson, type SigningMode} from '../../people/person.js';
import {planPathFor} from '../../output/save-plan.js';
import {escapeText} from '../../plan/escape.js';
import {formatProblem} from '../../plan/validate.js';
import {FailureError, InvalidInputError, UsageError, type CommandRun, type RunContext} from '../command.js';
import {cliError} from '../failure.js';
import {planFromOption} from '../plan-option.js';
import {abortOnSignals} from './generate.js';

const str = (v: RunContext['values'][string]): string | undefined => (typeof v === 'string' ? v : undefined);

/** `--days N`: whole days only; the range is the plan's rule for certificateValidityPeriod. */
function parseDays(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,6}$/.test(text)) throw new InvalidInputError([{path: '--days', value: JSON.stringify(text), rule: 'is not a whole number of days', hint: 'write a number of days, e.g. 365'}]);
  return Number(text);
}

/** Where the CA comes from for --sign, and the usage mistakes around it. */
function caSource(values: RunContext['values']): CaSource | undefined {
  const dir = str(values.dir);
  const cert = str(values['ca-cert']);
  const key = str(values['ca-key']);
  const sign = values.sign === true;
  if ((cert === undefined) !== (key === undefined)) throw new UsageError('--ca-cert and --ca-key go together', 'name the CA certificate and its key');
  if (cert !== undefined && !sign) throw new UsageError('--ca-cert and --ca-key are for --sign', 'add --sign to sign locally, or drop them for the exam flow');
  if (!sign) return undefined;
  if (cert !== undefined && key !== undefined) return {kind: 'files', cert, key};
  if (dir !== undefined) return {kind: 'tree', dir};
  throw new UsageError('--sign needs the CA', 'add --dir with the kubepki tree, or --ca-cert and --ca-key');
}

/** The plan: --plan, else the one the wizard saved beside --dir, else the default. */
async function personPlan(values: RunContext['values'], io: RunContext['io']) {
  const dir = str(values.dir);
  const given = str(values.plan);
  const saved = given === undefined && dir !== undefined ? planPathFor(resolve(io.cwd, dir)) : undefined;
  if (saved !== undefined && existsSync(saved)) {
    io.stderr(`kubepki: using the plan saved beside the tree: ${escapeText(saved, 200)}\n`);
    return planFromOption(saved, io);
  }
  return planFromOption(given, io);
}

export const run: CommandRun = async ({values, positionals, io}) => {
  const name = positionals[0]!;
  const groups = Array.isArray(values.group) ? values.group : [];
  const source = caSource(values);
  const mode: SigningMode = source ? 'local' : 'exam';
  const days = parseDays(str(values.days));
  const plan = await personPlan(values, io);
  const checked = checkPerson(plan, {name, groups, mode, allowSystemMasters: values['allow-system-masters'] === true, ...(days !== undefined ? {days} : {})});
  if (!checked.ok) throw new InvalidInputError(checked.problems);
  for (const w of checked.warnings) io.stderr(`kubepki: warning: ${formatProblem(w)}\n`);

  const dir = str(values.dir);
  const out = str(values.out);
  const {signal, dispose} = abortOnSignals();
  try {
    const result = await onboard({checked, mode, signal, cwd: io.cwd,
      ...(source ? {source} : {}), ...(out !== undefined ? {out} : {}), ...(dir !== undefined ? {dir} : {})});
    io.stdout(`${result.steps.join('\n')}\n`);
    const shown = escapeText(result.shownRoot, 200);
    io.stderr(`kubepki: wrote ${result.files.map((f) => `${shown}/${f.path} (${f.mode.toString(8).padStart(4, '0')})`).join(', ')}\n`);
    return 0;
  } catch (error) {
    if (error instanceof PersonError) {
      throw error.kind === 'input' ? new UsageError(error.message, error.hint) : new FailureError(error.message, error.hint);
    }
    throw cliError(error, signal);
  } finally {
    dispose();
  }
};
