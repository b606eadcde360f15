// Reads what Home → Inspect was given, for both front ends: inspect's report of the path (file, folder or
// HOST:PORT), and for a folder check's findings and the map's graph from one read of the tree. A path that
// cannot be read is an answer with a one-line message, never a throw.

import {stat} from 'node:fs/promises';
import {checkTree} from '../check/check.js';
import {readTree} from '../check/tree.js';
import {inspectPaths} from '../inspect/inspect.js';
import {graphFromTree} from '../map/from-files.js';
import {escapeText} from '../plan/escape.js';
import {EMPTY_PATH, inspectEntries, PATH_RULE, type Inspection} from './inspect-text.js';

export type Loaded = {ok: true; inspection: Inspection} | {ok: false; message: string};

/** Whether `path` is a folder: the output folder is offered as the path only when it is one. */
export const isFolder = (path: string): Promise<boolean> => stat(path).then((st) => st.isDirectory(), () => false);

export async function loadInspection(typed: string, opts: {now?: Date; timeoutMs?: number} = {}): Promise<Loaded> {
  const path = typed.trim();
  if (path === '') return {ok: false, message: EMPTY_PATH};
  const now = opts.now ?? new Date();
  try {
    const report = await inspectPaths([path], {now, ...(opts.timeoutMs ? {timeoutMs: opts.timeoutMs} : {})});
    const problem = report.problems[0];
    if (problem) return {ok: false, message: `${escapeText(problem.path)}: ${problem.problem} — ${PATH_RULE}`};
    const folder = await isFolder(path);
    if (!folder) return {ok: true, inspection: {path, folder, report, findings: [], entries: inspectEntries(report, [], undefined)}};
    const tree = await readTree(path);
    const checked = checkTree(tree, {now});
    const graph = graphFromTree(tree, checked, {now, title: path});
    return {ok: true, inspection: {path, folder, report, findings: checked.findings, graph, entries: inspectEntries(report, checked.findings, path)}};
  } catch (error) {
    return {ok: false, message: `${escapeText(path)}: could not be read (${escapeText((error as Error).message.split('\n')[0] ?? '')}) — ${PATH_RULE}`};
  }
}
