// What is already in the output folder: files we would overwrite (conflicts), CAs and the sa key pair
// that kubeadm-style reuse keeps, and existing CAs that are unusable (never overwritten, even with --force).

import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import type {FileEntry} from '../pki/layout.js';
import type {PkiModel} from '../pki/model.js';
import {publicKeyOf, reusableCaProblems, reusableKeyPairProblems} from '../x509/reuse.js';
import type {CertKeyPair} from './material.js';

export interface ExistingState {
  /** Paths that exist and would be replaced (allowed only with --force). */
  conflicts: string[];
  /** Authorities found on disk that will sign instead of new ones. */
  reusedCas: Map<string, CertKeyPair & {path: string}>;
  reusedSa?: {privateKeyPem: string; publicKeyPem: string; path: string};
  /** Hard errors: a CA on disk that cannot be reused and must not be overwritten. */
  blockers: string[];
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function examineExisting(out: string, model: PkiModel, entries: FileEntry[]): Promise<ExistingState> {
  const state: ExistingState = {conflicts: [], reusedCas: new Map(), blockers: []};
  const contents = new Map<string, string>();
  for (const e of entries) {
    const text = await readIfExists(join(out, e.path));
    if (text !== undefined) contents.set(e.path, text);
  }
  const handled = new Set<string>();

  for (const ca of model.certs.filter((c) => c.isCA)) {
    const keyEntries = entries.filter((e) => e.source.type === 'key' && e.source.spec === ca.id);
    for (const keyEntry of keyEntries) {
      const certPath = keyEntry.path.replace(/\.key$/, '.crt');
      const cert = contents.get(certPath);
      const key = contents.get(keyEntry.path);
      if (cert === undefined && key === undefined) continue;
      handled.add(certPath).add(keyEntry.path);
      if (cert === undefined || key === undefined) {
        state.blockers.push(`${cert === undefined ? certPath : keyEntry.path} is missing but its ${cert === undefined ? 'key' : 'certificate'} exists: kubepki will not replace half a CA; restore or remove both`);
        continue;
      }
      const reused = state.reusedCas.get(ca.id);
      if (reused) {
        if (reused.certPem !== cert) state.blockers.push(`${certPath} differs from ${reused.path}: two different ${ca.id} authorities in one tree`);
        continue;
      }
      const problems = reusableCaProblems(cert, key);
      if (problems.length > 0) state.blockers.push(`${certPath} cannot be reused (${problems.join('; ')}); kubepki never overwrites a CA: move it away first`);
      else state.reusedCas.set(ca.id, {certPem: cert, keyPem: key, path: certPath});
    }
  }

  const saKey = entries.find((e) => e.source.type === 'sa-key');
  const saPub = entries.find((e) => e.source.type === 'sa-pub');
  const saKeyText = saKey && contents.get(saKey.path);
  if (saKey && saKeyText !== undefined) {
    const problems = reusableKeyPairProblems(saKeyText, saPub && contents.get(saPub.path));
    if (problems.length === 0) {
      state.reusedSa = {privateKeyPem: saKeyText, publicKeyPem: publicKeyOf(saKeyText), path: saKey.path};
      handled.add(saKey.path);
      if (saPub && contents.get(saPub.path) === state.reusedSa.publicKeyPem) handled.add(saPub.path);
    }
  }

  for (const e of entries) {
    if (handled.has(e.path) || !contents.has(e.path) || e.source.type === 'readme') continue;
    // A copy of a reused CA certificate (worker ca.crt, etcd/ca.crt under `single`) that is already identical.
    if (e.source.type === 'cert' && state.reusedCas.get(e.source.spec)?.certPem === contents.get(e.path)) continue;
    if (e.source.type === 'sa-key' && state.reusedSa?.privateKeyPem === contents.get(e.path)) continue;
    if (e.source.type === 'sa-pub' && state.reusedSa?.publicKeyPem === contents.get(e.path)) continue;
    state.conflicts.push(e.path);
  }
  return state;
}
