// The CA that signs a person's certificate locally: found in a kubepki tree where the plan's layout puts the
// cluster CA, or named file by file. Read without trusting it (no links, FIFOs or huge files) and judged by the
// same reuse rules generate applies to a CA it finds, so a CA that would be refused there is refused here.

import {KEY_SHAPES, keyTypeName} from '../plan/types.js';
import {join} from 'node:path';
import {layoutFiles} from '../pki/layout.js';
import {specById, type CertSpec, type PkiModel} from '../pki/model.js';
import {caProblem} from '../pki/reuse-rules.js';
import {escapeText} from '../plan/escape.js';
import {caFacts} from '../x509/ca-facts.js';
import {describeExisting, readExisting} from '../output/read-existing.js';
import {PersonError} from './errors.js';

export type CaSource = {kind: 'tree'; dir: string} | {kind: 'files'; cert: string; key: string};

export interface LoadedCa {
  certPem: string;
  keyPem: string;
  /** Where the certificate was read, as the user would type it (for the steps). */
  certPath: string;
  keyPath: string;
}

async function readText(path: string, what: string): Promise<string | undefined> {
  const found = await readExisting(path);
  if (found.kind === 'absent') return undefined;
  if (found.kind === 'file') return found.text;
  throw new PersonError('input', `${what} ${escapeText(path, 200)} is ${describeExisting(found)}`, 'name a regular file');
}

/** The places the plan's layout puts the signer's certificate and key in a tree (each control plane has a copy). */
function treeCandidates(model: PkiModel, signer: string): {cert: string; key: string}[] {
  return layoutFiles(model)
    .filter((e) => e.source.type === 'key' && e.source.spec === signer)
    .map((e) => ({cert: e.path.replace(/\.key$/, '.crt'), key: e.path}));
}

async function locate(source: CaSource, model: PkiModel, signer: string): Promise<{cert: string; key: string}> {
  if (source.kind === 'files') return {cert: source.cert, key: source.key};
  const candidates = treeCandidates(model, signer).map((c) => ({cert: join(source.dir, c.cert), key: join(source.dir, c.key)}));
  for (const c of candidates) {
    if ((await readExisting(c.key)).kind !== 'absent') return c;
  }
  const where = candidates.map((c) => c.key).slice(0, 3).join(', ');
  throw new PersonError('input', `no CA key in ${escapeText(source.dir, 200)} where the plan puts it (${escapeText(where, 300)})`,
    'pass the --plan the tree was generated from, or name the CA with --ca-cert and --ca-key');
}

/** The CA that signs `spec`, checked: a CA, with its key, valid for the certificate's whole life from `now`. */
export async function loadCa(source: CaSource, model: PkiModel, spec: CertSpec, now: Date): Promise<LoadedCa> {
  const at = await locate(source, model, spec.signer);
  const certPem = await readText(at.cert, 'the CA certificate');
  const keyPem = await readText(at.key, 'the CA key');
  if (certPem === undefined || keyPem === undefined) {
    const missing = certPem === undefined ? at.cert : at.key;
    throw new PersonError('input', `${escapeText(missing, 200)} does not exist`, 'a CA is a certificate and its key: name both');
  }
  const problem = caProblem(caFacts(certPem, keyPem), {now, leafHours: spec.validityHours, keyType: keyTypeName(KEY_SHAPES[specById(model, spec.signer).keyAlgorithm])});
  if (problem) throw new PersonError('input', `${escapeText(at.cert, 200)} cannot sign: ${problem.text}`, 'use the cluster CA the API server trusts (--client-ca-file)');
  return {certPem, keyPem, certPath: at.cert, keyPath: at.key};
}
