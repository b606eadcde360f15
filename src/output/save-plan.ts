// Saves the wizard's plan as kubepki.yaml beside the output folder, so the run can be repeated with
// `kubepki generate --plan`. Never clobbers a file it did not write: new files are created with `wx`,
// our own earlier file is replaced atomically, a foreign one is left alone and a numbered name is used.

import {readFile, rename, rm} from 'node:fs/promises';
import {basename, dirname, join, resolve} from 'node:path';
import {planToYaml} from '../plan/to-yaml.js';
import type {Plan} from '../plan/types.js';
import {writeNewFile} from './new-file.js';

/** The first line of every plan the wizard writes: how we recognise our own file. */
export const WIZARD_MARKER = '# Saved by the kubepki wizard.';
export const PLAN_FILE = 'kubepki.yaml';
const MODE = 0o600;

export interface SavedPlan {
  path: string;
  status: 'created' | 'replaced' | 'unchanged';
}

export function planFileText(plan: Plan, out: string): string {
  return `${WIZARD_MARKER} Repeat the run: kubepki generate --plan ${PLAN_FILE} --out ${out}\n${planToYaml(plan)}`;
}

/** Where the plan goes for an output folder: its parent folder (`./pki` → `./kubepki.yaml`). */
export function planPathFor(out: string): string {
  return join(dirname(resolve(out)), PLAN_FILE);
}


async function tryPath(path: string, text: string): Promise<SavedPlan | undefined> {
  const existing = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)));
  if (existing === undefined) {
    try {
      await writeNewFile(path, text, MODE);
      return {path, status: 'created'};
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined; // appeared meanwhile: not ours to touch
      throw error;
    }
  }
  if (existing === text) return {path, status: 'unchanged'};
  if (!existing.startsWith(WIZARD_MARKER)) return undefined;
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeNewFile(temp, text, MODE);
    await rename(temp, path);
  } finally {
    await rm(temp, {force: true});
  }
  return {path, status: 'replaced'};
}

/** Writes the plan next to `out`; returns where it went. Throws only on I/O errors. */
export async function savePlan(plan: Plan, out: string): Promise<SavedPlan> {
  const text = planFileText(plan, out);
  const first = planPathFor(out);
  for (let n = 1; n < 100; n++) {
    const path = n === 1 ? first : first.replace(/\.yaml$/, `-${n}.yaml`);
    const saved = await tryPath(path, text);
    if (saved) return saved;
  }
  throw new Error(`cannot find a free name for ${first}`);
}
