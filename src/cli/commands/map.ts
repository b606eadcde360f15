// `kubepki map`: the PKI as a picture — in the terminal (fits its width, words carry what colour shows), and
// as a self-contained HTML page or SVG file — drawn from a plan through the catalog, or from a folder through
// check's reader, with check's findings on the certificates and flags they are about.

import {rm, stat} from 'node:fs/promises';
import {graphFromFiles} from '../../map/from-files.js';
import {graphFromPlan} from '../../map/from-plan.js';
import type {PkiGraph} from '../../map/graph.js';
import {mapHtml, mapSvg} from '../../map/page.js';
import {mapLines} from '../../map/terminal.js';
import {writeNewFile} from '../../output/new-file.js';
import {PUBLIC_MODE} from '../../pki/layout.js';
import {escapeText} from '../../plan/escape.js';
import {FailureError, UsageError, type CommandRun, type Io, type RunContext} from '../command.js';
import {planFromOption} from '../plan-option.js';
import {colourWanted, outputWidth} from '../terminal-output.js';

async function writePicture(path: string, content: string, force: boolean): Promise<void> {
  try {
    if (force) await rm(path, {force: true});
    await writeNewFile(path, content, PUBLIC_MODE);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new FailureError(`${escapeText(path)} already exists`, 're-run with --force to replace it, or choose another file');
    if (code) throw new FailureError(`cannot write ${escapeText(path)} (${code})`, 'check the folder exists and is writable');
    throw error;
  }
}

/** A folder is read with check's reader (with --plan, checked against the plan too); else the plan is drawn. */
export async function graphFor(values: RunContext['values'], dir: string | undefined, io: Io): Promise<PkiGraph> {
  if (dir === undefined) return graphFromPlan(await planFromOption(values.plan, io));
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`${escapeText(dir)} is not a folder`, 'give the folder `kubepki generate` wrote, or a copy of a node\'s /etc/kubernetes');
  const plan = typeof values.plan === 'string' ? await planFromOption(values.plan, io) : undefined;
  return graphFromFiles(dir, plan ? {plan} : {});
}

export const run: CommandRun = async ({values, positionals, io}) => {
  const graph = await graphFor(values, positionals[0], io);
  const force = values.force === true;
  const files: [RunContext['values'][string], () => string][] = [[values.html, () => mapHtml(graph)], [values.svg, () => mapSvg(graph)]];
  const written: string[] = [];
  for (const [path, render] of files) {
    if (typeof path !== 'string') continue;
    await writePicture(path, render(), force);
    written.push(path);
  }
  if (written.length > 0) io.stderr(`wrote ${written.map((p) => escapeText(p)).join(' and ')}: open it in a browser (it loads nothing from the network)\n`);
  else io.stdout(`${mapLines(graph, {width: outputWidth(io), color: colourWanted(io)}).join('\n')}\n`);
  return 0;
};
