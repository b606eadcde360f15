// Native backend: keys in parallel with node:crypto, certificates encoded by our DER writer and signed with
// node:crypto, then written by output/. Authorities first, then every leaf, as the model orders them; what the
// folder already holds and matches the plan is kept as it is (prepare.ts decides).

import {createPrivateKey, createPublicKey} from 'node:crypto';
import {specById} from '../pki/model.js';
import {profileOf} from '../pki/profile.js';
import type {Material} from '../output/material.js';
import {certsNeeded, fileRenderer, type RenderedFile} from '../output/render.js';
import type {FileEntry} from '../pki/layout.js';
import {writeTree} from '../output/write.js';
import {buildCertificate} from '../x509/build.js';
import {CHECK_WORKERS_FROM, inlineChecks, workerChecks, type CertChecks} from '../x509/check-pool.js';
import {generateKeys} from '../x509/keys.js';
import {subjectText, type GenerateOptions, type GenerateResult} from './events.js';
import {certStatus, prepareRun, runResult} from './prepare.js';

/** Certificates built ahead of their checks at most: what a large run holds in the check threads' queues. */
const MAX_PENDING_CHECKS = 256;

export async function generateNative(opts: GenerateOptions): Promise<GenerateResult> {
  const now = opts.now ?? new Date();
  const emit = opts.onProgress ?? (() => {});
  const prepared = await prepareRun(opts.plan, opts.out, opts.force ?? false, now);
  const {model, entries, existing, judged, unchanged, release, out} = prepared;
  let checks: CertChecks | undefined;
  try {
    const decisions = new Map(judged.certs.map((c) => [c.id, c]));
    // Keys only for what this run makes: new authorities, and leaves created or re-issued.
    const fresh = model.certs.filter((c) => !existing.reusedCas.has(c.id) && !decisions.get(c.id)!.kept);
    const requests = fresh.map((c) => ({id: c.id, alg: c.keyAlgorithm}));
    // Started before the keys, so a large run's check threads are ready when its first certificate is.
    const checker = (checks = fresh.length >= CHECK_WORKERS_FROM ? workerChecks() : inlineChecks());
    if (!existing.reusedSa) requests.push({id: 'sa', alg: model.keyPairs[0]!.keyAlgorithm});
    emit({type: 'keys', total: requests.length});
    let done = 0;
    const keys = await (opts.keys ?? generateKeys)(requests, {
      signal: opts.signal,
      onKey: (id) => emit({type: 'key', id, done: ++done, total: requests.length}),
    });

    const material: Material = {certs: new Map(), sa: existing.reusedSa ?? keys.get('sa')!};
    const render = fileRenderer(model, entries, material);
    // Each file goes to the writer as soon as the last certificate it needs exists, so the disk works while later
    // certificates are built; the writer pulls, so the build runs no further ahead than its lanes.
    const position = new Map(model.certs.map((c, i) => [c.id, i]));
    const needs = certsNeeded(model);
    const readyAfter: FileEntry[][] = model.certs.map(() => []);
    const fromStart: FileEntry[] = [];
    for (const entry of entries) {
      const last = Math.max(-1, ...needs(entry).map((id) => position.get(id)!));
      (last < 0 ? fromStart : readyAfter[last]!).push(entry);
    }
    async function* files(): AsyncGenerator<RenderedFile> {
      for (const entry of fromStart) yield render(entry);
      for (const [i, spec] of model.certs.entries()) {
        opts.signal?.throwIfAborted();
        const decision = decisions.get(spec.id)!;
        const onDisk = existing.reusedCas.get(spec.id) ?? decision.kept;
        if (onDisk) {
          material.certs.set(spec.id, onDisk);
        } else {
          const key = keys.get(spec.id)!;
          keys.delete(spec.id); // done with it once its certificate exists: a 5,000-node run holds 30,000 keys
          // The key as it was made serves building and checking alike (a key from elsewhere is decoded once: slow in
          // OpenSSL 3); its public half is derived, not decoded.
          const privateKey = key.privateKey ?? createPrivateKey(key.privateKeyPem);
          const issuer = spec.isCA ? undefined : material.certs.get(spec.signer)!;
          const profile = profileOf(spec, specById(model, spec.signer));
          const certPem = buildCertificate({
            profile,
            publicKeyPem: createPublicKey(privateKey),
            notBefore: new Date(now.getTime() - profile.validity.backdateMs),
            notAfter: new Date(now.getTime() + profile.validity.hours * 3600_000),
            issuer: issuer ? {certPem: issuer.certPem, privateKeyPem: issuer.keyPem} : 'self',
            signingKeyPem: privateKey,
          });
          checker.check(certPem, issuer?.certPem ?? certPem, privateKey);
          if (checker.pending > MAX_PENDING_CHECKS) await checker.settled(MAX_PENDING_CHECKS / 2);
          material.certs.set(spec.id, {certPem, keyPem: key.privateKeyPem});
        }
        emit({type: 'cert', id: spec.id, path: decision.path, status: certStatus(decision.status), subject: subjectText(spec.subject),
          signer: spec.signer, ...(decision.status === 'reissue' ? {reasons: decision.reasons} : {})});
        for (const entry of readyAfter[i]!) yield render(entry);
      }
      // The stream ends, and the writer moves files into place, only once every certificate has passed its check.
      await checker.settled();
    }

    const written = await writeTree(out, files(), {...(opts.signal ? {signal: opts.signal} : {}), unchanged});
    emit({type: 'written', count: written.length, out: opts.out});
    return runResult(prepared, opts.out, 'native');
  } finally {
    await checks?.close();
    await release();
  }
}
