// `kubepki renew [ID ...|all] --dir DIR`: re-issue leaf certificates of a folder as kubeadm certs renew does, then
// say who must restart. Refusals (an unknown name, a CA, a missing CA key) exit 2 before anything is written.

import {stat} from 'node:fs/promises';
import {displayValue, escapeText} from '../../plan/escape.js';
import {RenewRefused} from '../../renew/problem.js';
import {DEFAULT_VALIDITY_HOURS, renew} from '../../renew/renew.js';
import {renewScript} from '../../renew/script.js';
import {writeNewFile} from '../../output/new-file.js';
import {renewText} from '../../renew/text.js';
import {UsageError, type CommandRun} from '../command.js';
import {cliError} from '../failure.js';
import {planFromOption} from '../plan-option.js';

export const run: CommandRun = async ({values, positionals, io}) => {
  const dir = values.dir;
  if (typeof dir !== 'string' || dir === '') throw new UsageError('--dir needs the folder to renew in', 'a node root, a copy of /etc/kubernetes, or kubepki generate\'s --out');
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) throw new UsageError(`${displayValue(dir)} is not a folder`, 'give the folder to renew in with --dir');
  if (positionals.length === 0) throw new UsageError('name the certificates to renew, or all', 'e.g. kubepki renew apiserver admin.conf --dir DIR; kubepki check DIR lists the names');
  const plan = typeof values.plan === 'string' ? await planFromOption(values.plan, io) : undefined;
  const newKey = values['new-key'] === true;
  const script = values.script;
  if (typeof script === 'string' && plan) throw new UsageError('--script renews the certificates as they are; --plan needs the native renew', 'drop --script or --plan');
  try {
    const result = await renew({dir, ids: positionals, newKey, dryRun: values['dry-run'] === true || typeof script === 'string', ...(plan ? {plan} : {})});
    if (typeof script === 'string') {
      await writeNewFile(script, renewScript(result, dir, newKey, DEFAULT_VALIDITY_HOURS), 0o755);
      io.stdout(`Wrote ${escapeText(script)}: run it as bash ${escapeText(script)} [DIR] (it renews ${result.renewed.length} certificate(s)).\n`);
      return 0;
    }
    io.stdout(renewText(result, dir, newKey));
    return 0;
  } catch (error) {
    if (error instanceof RenewRefused) {
      const [first, ...rest] = error.problems;
      throw new UsageError(`${first!.message}${rest.length > 0 ? ` (and ${rest.length} more: ${rest.map((p) => p.message).join('; ')})` : ''}`, first!.hint);
    }
    throw cliError(error);
  }
};
