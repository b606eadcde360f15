// Specs and a native chain (CA, server leaf, client leaf) shared by the x509 tests; keys are made
// fresh per run, never committed.

import type {CertSpec} from '../../src/pki/model.js';
import type {KeyAlgorithm} from '../../src/plan/types.js';
import {profileOf} from '../../src/pki/profile.js';
import {buildCertificate} from '../../src/x509/build.js';
import {generateKeys, type KeyMaterial} from '../../src/x509/keys.js';

export type Spec = Pick<CertSpec, 'subject' | 'isCA' | 'usages' | 'sans'>;

/** The profile of a test spec, signed by `issuer` (the cluster CA spec unless said), one year; RSA-2048 unless said. */
export const profileFor = (spec: Spec, issuer: Spec = caSpec, alg: KeyAlgorithm = 'RSA-2048') =>
  profileOf({...spec, keyAlgorithm: alg, validityHours: 8760}, {...issuer, keyAlgorithm: alg});

export const caSpec: Spec = {subject: {o: [], cn: 'kubernetes'}, isCA: true, usages: [], sans: {dns: [], ips: []}};

export const serverSpec: Spec = {
  subject: {o: [], cn: 'kube-apiserver'},
  isCA: false,
  usages: ['serverAuth'],
  sans: {
    dns: ['kubernetes', 'kubernetes.default.svc.cluster.local', '*.apps.example.com'],
    ips: ['10.96.0.1', 'fd00::1', '::1'],
  },
};

export const clientSpec: Spec = {
  subject: {o: ['g1', 'g2'], cn: 'system:node:node01'},
  isCA: false,
  usages: ['clientAuth'],
  sans: {dns: [], ips: []},
};

export interface Issued {
  certPem: string;
  keyPem: string;
}

export interface NativeChain {
  ca: Issued;
  server: Issued;
  client: Issued;
  keys: Map<string, KeyMaterial>;
  notBefore: Date;
  notAfter: Date;
}

/** kubeadm's timing by default: backdated 5 minutes, one year long. */
export async function nativeChain(
  notBefore = new Date(Date.now() - 5 * 60_000),
  notAfter = new Date(Date.now() + 365 * 24 * 3600_000),
  alg: KeyAlgorithm = 'RSA-2048',
): Promise<NativeChain> {
  const keys = await generateKeys(['ca', 'server', 'client'].map((id) => ({id, alg})));
  const key = (id: string) => keys.get(id)!;
  const caPem = buildCertificate({
    profile: profileFor(caSpec, caSpec, alg),
    publicKeyPem: key('ca').publicKeyPem,
    notBefore,
    notAfter,
    issuer: 'self',
    signingKeyPem: key('ca').privateKeyPem,
  });
  const ca = {certPem: caPem, keyPem: key('ca').privateKeyPem};
  const leaf = (id: string, spec: Spec): Issued => ({
    certPem: buildCertificate({
      profile: profileFor(spec, caSpec, alg),
      publicKeyPem: key(id).publicKeyPem,
      notBefore,
      notAfter,
      issuer: {certPem: ca.certPem, privateKeyPem: ca.keyPem},
    }),
    keyPem: key(id).privateKeyPem,
  });
  return {ca, server: leaf('server', serverSpec), client: leaf('client', clientSpec), keys, notBefore, notAfter};
}
