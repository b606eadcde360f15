// The exam form shown beside each signature (`openssl x509 -req -CA -CAkey -days -extfile -extensions`, and
// `openssl req -x509` for a CA) really makes the same certificate as native mode, apart from the backdate.

import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {execa} from 'execa';
import {afterAll, describe, expect, it} from 'vitest';
import {cnfFor} from '../../src/openssl/cnf.js';
import {examFormFor, opensslCommandsFor, workFiles} from '../../src/openssl/commands.js';
import {resolve} from '../../src/pki/resolve.js';
import {examplePlan} from '../../src/plan/defaults.js';
import {buildCertificate} from '../../src/x509/build.js';
import {compareProfiles, readProfile} from '../../src/x509/profile.js';
import {hasOpenssl, opensslVerify} from '../support/openssl.js';
import {tmpDirs} from './helpers.js';
import {profileOf} from '../../src/pki/profile.js';

const dirs = tmpDirs('kubepki-exam-');
afterAll(dirs.cleanup);

describe.skipIf(!hasOpenssl())('the exam form of each signature', () => {
  it('makes a CA, a server and a client certificate equal to native ones, and they verify strictly', async () => {
    const model = resolve(examplePlan('single'));
    const dir = dirs.make();
    mkdirSync(join(dir, 'openssl'));
    const sh = (command: string) => execa('bash', ['-c', command], {cwd: dir});
    const ids = ['ca', 'apiserver@controlplane', 'user@john', 'etcd-peer@controlplane'];
    for (const id of ['etcd-ca', ...ids]) {
      writeFileSync(join(dir, workFiles(id).cnf), cnfFor(model, id));
      const [genrsa, req] = opensslCommandsFor(model, id) as [string, string];
      await sh(genrsa);
      await sh(req);
    }
    for (const id of ['ca', 'etcd-ca', ...ids.slice(1)]) {
      const command = examFormFor(model, id);
      expect(command).toMatch(id.endsWith('ca') ? /^openssl req -x509 -new / : /^openssl x509 -req -in .* -CA .* -CAkey .* -days 365 -sha256 -extfile .* -extensions v3_/);
      await sh(command);
    }
    const read = (id: string, ext: 'crt' | 'key') => readFileSync(join(dir, `${id}.${ext}`), 'utf8');
    const now = new Date();
    const publicKey = (id: string) => (execa('openssl', ['rsa', '-in', join(dir, `${id}.key`), '-pubout'], {reject: false}));
    for (const id of ids) {
      const spec = model.certs.find((c) => c.id === id)!;
      const signer = spec.signer;
      const native = buildCertificate({
        profile: profileOf(spec, model.certs.find((c) => c.id === spec.signer)!), publicKeyPem: String((await publicKey(id)).stdout) + '\n',
        notBefore: new Date(now.getTime() - 5 * 60_000), notAfter: new Date(now.getTime() + spec.validityHours * 3600_000),
        issuer: spec.isCA ? 'self' : {certPem: read(signer, 'crt'), privateKeyPem: read(signer, 'key')},
        signingKeyPem: read(id, 'key'),
      });
      // Only the 5-minute backdate may differ: notBefore and the validity length, within 6 minutes.
      expect(compareProfiles(readProfile(native), readProfile(read(id, 'crt')), {validityToleranceMs: 6 * 60_000}), id).toEqual([]);
      if (!spec.isCA) {
        const r = await opensslVerify(read(signer, 'crt'), read(id, 'crt'), spec.usages.includes('serverAuth') ? 'sslserver' : 'sslclient');
        expect(r.ok, `${id}: ${r.output}`).toBe(true);
      }
    }
  });
});
