// Making a lab (tree, changes, TASK.md, state) and checking one: the two things `kubepki practice lab|check` do.

import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import type {KeySource} from '../../x509/keys.js';
import {makeRng} from '../random.js';
import {labById, LABS} from './definitions.js';
import {assertEmpty, buildNodeTree, STATE_FILE, TASK_FILE, writeState} from './tree.js';
import type {CheckItem, LabDefinition, LabState} from './types.js';

export class LabError extends Error {
  override name = 'LabError';
}

export function lab(id: string): LabDefinition {
  const found = labById(id);
  if (!found) throw new LabError(`unknown lab ${JSON.stringify(id)} (labs: ${LABS.map((l) => l.id).join(', ')})`);
  return found;
}

export async function makeLab(id: string, dir: string, opts: {seed?: number; keys?: KeySource; now?: Date} = {}): Promise<LabState> {
  const def = lab(id);
  await assertEmpty(dir).catch((e: Error) => {
    throw new LabError(e.message);
  });
  const now = opts.now ?? new Date();
  const rng = makeRng(opts.seed);
  const state = await buildNodeTree({dir, rng, now, ...(opts.keys ? {keys: opts.keys} : {})}, id);
  state.facts = await def.prepare({dir, rng, now, ...(opts.keys ? {keys: opts.keys} : {})}, state);
  await writeState(dir, state);
  await writeFile(join(dir, TASK_FILE), taskText(def, state, dir));
  return state;
}

export function taskText(def: LabDefinition, state: LabState, dir: string): string {
  return [
    `# ${def.title}`,
    '',
    `This folder is the control-plane node **${state.node}** of a lab cluster: \`etc/kubernetes\` here is its \`/etc/kubernetes\`.`,
    `Its API server answers at ${state.server}. Work with openssl and kubectl in another terminal.`,
    '',
    '## Task',
    '',
    def.task(state, dir),
    '',
    '## Check your work',
    '',
    '```',
    `kubepki practice check ${def.id} --dir ${dir}`,
    '```',
    '',
  ].join('\n');
}

export async function readState(dir: string): Promise<LabState> {
  const raw = await readFile(join(dir, STATE_FILE), 'utf8').catch(() => undefined);
  if (raw === undefined) throw new LabError(`${dir} is not a lab folder (no ${STATE_FILE}); make one with kubepki practice lab ID --dir ${dir}`);
  try {
    return JSON.parse(raw) as LabState;
  } catch {
    throw new LabError(`${join(dir, STATE_FILE)} is damaged; make the lab again`);
  }
}

export async function checkLab(id: string, dir: string, now = new Date()): Promise<CheckItem[]> {
  const def = lab(id);
  const state = await readState(dir);
  if (state.lab !== id) throw new LabError(`${dir} holds the lab ${state.lab}, not ${id}`);
  return def.check(dir, state, now);
}
