// A lab's node tree: a random cluster generated natively, then the control-plane node's own files (etc/, var/)
// moved to the top of DIR, so DIR/etc/kubernetes/... is where the exam's /etc/kubernetes/... would be.

import {mkdir, readdir, rename, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import type {PkiModel} from '../../pki/model.js';
import {createLab} from '../lab.js';
import type {LabContext, LabState} from './types.js';

export const STATE_FILE = '.kubepki-lab.json';
export const TASK_FILE = 'TASK.md';
const WORK = '.kubepki-lab-work';

/** The URL people's kubeconfigs dial, as the catalog placed it in a user's (or admin.conf's) kubeconfig. */
export function serverOf(model: PkiModel): string {
  const kindOf = new Map(model.certs.map((c) => [c.id, c.kind]));
  const people = ['user', 'admin'].map((kind) => model.kubeconfigs.find((k) => kindOf.get(k.cert) === kind)).find(Boolean);
  if (!people) throw new Error('the lab PKI has no user or admin kubeconfig to take the server address from');
  return people.server;
}

/** Fails unless DIR is missing or empty: a lab never writes over someone's files. */
export async function assertEmpty(dir: string): Promise<void> {
  const entries = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw e;
  });
  if (entries.length) throw new Error(`${dir} is not empty; a lab needs an empty or new folder`);
}

export async function buildNodeTree(ctx: LabContext, lab: string): Promise<LabState> {
  await mkdir(ctx.dir, {recursive: true, mode: 0o700});
  const work = join(ctx.dir, WORK);
  try {
    const cluster = await createLab(join(work, 'pki'), {seed: ctx.rng.seed, ...(ctx.keys ? {keys: ctx.keys} : {}), now: ctx.now});
    for (const top of await readdir(cluster.nodeRoot)) {
      if (top === 'etc' || top === 'var') await rename(join(cluster.nodeRoot, top), join(ctx.dir, top));
    }
    const state: LabState = {lab, seed: ctx.rng.seed, created: ctx.now.toISOString(), node: cluster.node.name, server: serverOf(cluster.model), facts: {}};
    return state;
  } finally {
    await rm(work, {recursive: true, force: true});
  }
}

export const writeState = (dir: string, state: LabState): Promise<void> =>
  writeFile(join(dir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`, {mode: 0o600});
