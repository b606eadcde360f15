// `kubepki inspect PATH...`: certificates, keys, kubeconfigs, manifests, folders and live endpoints read for
// people (80 columns) or as JSON. A path that cannot be read is bad input: one line each, exit 2.

import {stat} from 'node:fs/promises';
import {readExisting, describeExisting} from '../../output/read-existing.js';
import {escapeText} from '../../plan/escape.js';
import {inspectPaths} from '../../inspect/inspect.js';
import {pemBlocks} from '../../inspect/recognise.js';
import {overviewText} from '../../inspect/overview-text.js';
import {reportText} from '../../inspect/text.js';
import {UsageError, type CommandRun} from '../command.js';

/** The --ca file: certificates only, read like any other untrusted file. */
async function caPem(file: string): Promise<string> {
  const existing = await readExisting(file);
  if (existing.kind === 'absent') throw new UsageError(`--ca ${escapeText(file)}: no such file`);
  if (existing.kind !== 'file') throw new UsageError(`--ca ${escapeText(file)}: ${describeExisting(existing)}`);
  const certs = pemBlocks(existing.text).filter((b) => b.label === 'CERTIFICATE');
  if (certs.length === 0) throw new UsageError(`--ca ${escapeText(file)}: holds no PEM certificate`);
  return certs.map((b) => `${b.text}\n`).join('');
}

export const run: CommandRun = async ({values, positionals, io}) => {
  const root = typeof values.root === 'string' ? values.root : undefined;
  const servername = typeof values.servername === 'string' ? values.servername : undefined;
  const ca = typeof values.ca === 'string' ? await caPem(values.ca) : undefined;
  const report = await inspectPaths(positionals, {root, servername, caPem: ca});
  if (report.problems.length > 0) {
    io.stderr(report.problems.map((p) => `kubepki: ${escapeText(p.path)}: ${p.problem}\n`).join(''));
    return 2;
  }
  // A folder is shown at a glance, one entry per file; files named one by one get every field.
  const folders = await Promise.all(positionals.map((p) => stat(p).then((st) => st.isDirectory(), () => false)));
  const text = folders.some(Boolean) ? overviewText : reportText;
  if (values.json === true) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else io.stdout(text(report, {width: 80, cwd: io.cwd}));
  // An endpoint that could not be reached is a failure of the run, not of the input.
  return report.endpoints.some((e) => !e.connected) ? 1 : 0;
};
