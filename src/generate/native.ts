// Native backend: keys in parallel with node:crypto, certificates encoded by our DER writer and signed with
// node:crypto, then written by output/. Authorities first, then every leaf, as the model orders them.

import {primaryPaths} from '../pki/layout.js';
import {specById} from '../pki/model.js';
import {profileOf} from '../pki/profile.js';
import type {Material} from '../output/material.js';
import {renderFiles} from '../output/render.js';
import {writeTree} from '../output/write.js';
import {buildCertificate, selfCheck} from '../x509/build.js';
import {generateKeys} from '../x509/keys.js';
import {subjectText, type GenerateOptions, type GenerateResult} from './events.js';
import {prepareRun, runResult} from './prepare.js';



export async function generateNative(opts: GenerateOptions): Promise<GenerateResult> {
  const now = opts.now ?? new Date();
  const emit = opts.onProgress ?? (() => {});
  const {model, entries, existing, release, out} = await prepareRun(opts.plan, opts.out, opts.force ?? false, now);
  try {
    const fresh = model.certs.filter((c) => !existing.reusedCas.has(c.id));
    const requests = fresh.map((c) => ({id: c.id, alg: c.keyAlgorithm}));
    if (!existing.reusedSa) requests.push({id: 'sa', alg: model.keyPairs[0]!.keyAlgorithm});
    emit({type: 'keys', total: requests.length});
    let done = 0;
    const keys = await (opts.keys ?? generateKeys)(requests, {
      signal: opts.signal,
      onKey: (id) => emit({type: 'key', id, done: ++done, total: requests.length}),
    });

    const material: Material = {certs: new Map(), sa: existing.reusedSa ?? keys.get('sa')!};
    const paths = primaryPaths(model, entries);

    for (const spec of model.certs) {
      opts.signal?.throwIfAborted();
      const reused = existing.reusedCas.get(spec.id);
      if (reused) {
        material.certs.set(spec.id, reused);
      } else {
        const key = keys.get(spec.id)!;
        const issuer = spec.isCA ? undefined : material.certs.get(spec.signer)!;
        const profile = profileOf(spec, specById(model, spec.signer));
        const certPem = buildCertificate({
          profile,
          publicKeyPem: key.publicKeyPem,
          notBefore: new Date(now.getTime() - profile.validity.backdateMs),
          notAfter: new Date(now.getTime() + profile.validity.hours * 3600_000),
          issuer: issuer ? {certPem: issuer.certPem, privateKeyPem: issuer.keyPem} : 'self',
          signingKeyPem: key.privateKeyPem,
        });
        selfCheck(certPem, issuer?.certPem ?? certPem, key.privateKeyPem);
        material.certs.set(spec.id, {certPem, keyPem: key.privateKeyPem});
      }
      emit({type: 'cert', id: spec.id, path: paths.get(spec.id) ?? spec.id, status: reused ? 'reused' : 'created',
        subject: subjectText(spec.subject), signer: spec.signer});
    }

    const files = renderFiles(model, entries, material);
    await writeTree(out, files, {...(opts.signal ? {signal: opts.signal} : {}), unchanged: existing.unchanged});
    emit({type: 'written', count: files.length, out: opts.out});
    return runResult({entries, existing}, opts.out, 'native');
  } finally {
    await release();
  }
}
