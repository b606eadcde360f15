// Makes one of the lab's leaf certificates expired: re-signed by its own CA with the same key, subject, SANs and
// usages, valid from 400 to 35 days ago (openssl 3.0 cannot backdate with `req`, so labs do it natively).

import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {kindById, type KindId} from '../../pki/catalog.js';
import type {CertProfile} from '../../pki/profile.js';
import {buildCertificate} from '../../x509/build.js';
import {publicKeyOf} from '../../x509/ca-facts.js';
import {readProfile} from '../../x509/profile.js';
import type {Rng} from '../random.js';
import {nodeFile} from './grade.js';

/** Leaves whose expiry stops a cluster, and that a learner can renew with the lab's CA key. */
export const EXPIRABLE: readonly KindId[] = ['apiserver', 'apiserver-kubelet-client', 'apiserver-etcd-client', 'front-proxy-client', 'etcd-server', 'etcd-peer'];

export interface Expired {
  file: string;
  ca: string;
  cn: string;
  groups: string[];
  sans: string[];
  eku: string[];
}

export async function expireOne(dir: string, rng: Rng, now: Date): Promise<Expired> {
  const kind = rng.pick(EXPIRABLE);
  const file = nodeFile(kind);
  const ca = nodeFile(kindById(kind).issuer);
  const [certPem, keyPem, caPem, caKeyPem] = await Promise.all([file, nodeFile(kind, 'key'), ca, nodeFile(kindById(kind).issuer, 'key')]
    .map((f) => readFile(join(dir, f), 'utf8')));
  const old = readProfile(certPem!);
  // The certificate as it was, only the dates moved into the past: rebuilt from what the file says.
  const profile = {...old, validity: {hours: 0, backdateMs: 0}, digest: 'sha256'} as CertProfile;
  const day = 86_400_000;
  const pem = buildCertificate({
    profile,
    publicKeyPem: publicKeyOf(keyPem!),
    notBefore: new Date(now.getTime() - 400 * day),
    notAfter: new Date(now.getTime() - 35 * day),
    issuer: {certPem: caPem!, privateKeyPem: caKeyPem!},
  });
  await writeFile(join(dir, file), pem);
  return {
    file, ca,
    cn: old.subject.find((e) => e.type === 'CN')?.value ?? '',
    groups: old.subject.filter((e) => e.type === 'O').map((e) => e.value),
    sans: [...(old.san?.dns ?? []), ...(old.san?.ips ?? [])],
    eku: old.extKeyUsage?.usages ?? [],
  };
}
