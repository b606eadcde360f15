// `kubepki check [DIR]`: read a PKI folder (a node's /, a copy of /etc/kubernetes, or kubepki's output), print
// kubeadm's expiration tables and every finding; exit 1 when a finding is an error. --json carries the same.

import {stat} from 'node:fs/promises';
import {checkTree, DEFAULT_WARN_DAYS} from '../../check/check.js';
import {checkJson} from '../../check/json.js';
import {readTree} from '../../check/tree.js';
import {displayValue} from '../../plan/escape.js';
import {checkText} from '../../ui/check-text.js';
import {UsageError, type CommandRun, type RunContext} from '../command.js';
import {planFromOption} from '../plan-option.js';
import {colourWanted, outputWidth} from '../terminal-output.js';
import {graphFromTree} from '../../map/from-files.js';
import {timelineLines} from '../../map/timeline.js';

function warnDays(value: RunContext['values'][string]): number {
  if (value === undefined) return DEFAULT_WARN_DAYS;
  const days = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || !Number.isSafeInteger(days)) {
    throw new UsageError(`--warn-days must be a whole number of days, not ${displayValue(value)}`);
  }
  return days;
}

export const run: CommandRun = async ({values, positionals, io}) => {
  const dir = positionals[0] ?? '.';
  const days = warnDays(values['warn-days']);
  const kind = await stat(dir).catch(() => undefined);
  if (!kind) throw new UsageError(`${displayValue(dir)} does not exist`, 'give the folder to check: a node root, a copy of /etc/kubernetes, or kubepki generate\'s --out');
  if (!kind.isDirectory()) throw new UsageError(`${displayValue(dir)} is not a folder`, 'check reads a folder of certificates, keys, kubeconfigs and manifests');
  const plan = typeof values.plan === 'string' ? await planFromOption(values.plan, io) : undefined;
  const tree = await readTree(dir);
  const now = new Date();
  const result = checkTree(tree, {...(plan ? {plan} : {}), warnDays: days, now});
  io.stdout(values.json === true ? `${JSON.stringify(checkJson(result, dir), null, 2)}\n` : checkText(result));
  if (values.timeline === true && values.json !== true) {
    const graph = graphFromTree(tree, result, {...(plan ? {plan} : {}), now, title: dir});
    io.stdout(`\n${timelineLines(graph, {width: outputWidth(io), color: colourWanted(io)}).join('\n')}\n`);
  }
  return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
};
