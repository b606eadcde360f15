// The openssl commands behind each certificate, exactly as generate-pki.sh runs them (the wizard shows
// them live, the script is built from them). Pure functions of the model; every file name single-quoted.

import type {CertSpec, PkiModel} from '../pki/model.js';
import {specById} from '../pki/model.js';
import {KEY_SHAPES, type KeyAlgorithm} from '../plan/types.js';
import {profileOf} from '../pki/profile.js';
import {checkPath} from './allow-list.js';
import {shq} from './shell.js';

/** The folder (beside the script, copied into its work folder) holding one cnf per certificate. */
export const CNF_FOLDER = 'openssl';
/** How `openssl ca` signs: a throwaway database, the request's subject kept as is, no copied extensions. */
export const SIGNING_CNF = `${CNF_FOLDER}/signing.cnf`;

/** The shell variables the script sets once at the top (start − 5 min, start + validity), UTC. */
export const DATE_VARS = {notBefore: 'NOT_BEFORE', caNotAfter: 'CA_NOT_AFTER', notAfter: 'NOT_AFTER'} as const;

export type ExtensionSection = 'v3_ca' | 'v3_server' | 'v3_client' | 'v3_server_client';

/** The `[v3_…]` section of a spec's cnf: named after what the certificate is for. */
export function extensionSection(spec: Pick<CertSpec, 'isCA' | 'usages'>): ExtensionSection {
  if (spec.isCA) return 'v3_ca';
  const server = spec.usages.includes('serverAuth');
  const client = spec.usages.includes('clientAuth');
  return server && client ? 'v3_server_client' : server ? 'v3_server' : 'v3_client';
}


/**
 * The command that makes a private key of `alg` in `file`. `kubeadm` form: the PEM kubeadm writes — PKCS#1 for RSA,
 * SEC1 for EC (OpenSSL 3 writes PKCS#8 unless told; `pkey -traditional` rewrites genpkey's output as SEC1, with the
 * curve named by OID as Go does). `short` form: what a course types, in OpenSSL's default PKCS#8.
 */
export function keyCommand(alg: KeyAlgorithm, file: string, form: 'kubeadm' | 'short' = 'kubeadm'): string {
  const shape = KEY_SHAPES[alg];
  const out = shq(file);
  if (shape.type === 'rsa') return form === 'kubeadm' ? `openssl genrsa -traditional -out ${out} ${shape.bits}` : `openssl genrsa -out ${out} ${shape.bits}`;
  const gen = `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:${shape.curve}`;
  return form === 'kubeadm' ? `${gen} | openssl pkey -traditional -out ${out}` : `${gen} -out ${out}`;
}

/** One line on the key a keyCommand makes (kubeadm form), for the script's comments. */
export function keyComment(alg: KeyAlgorithm): string {
  const shape = KEY_SHAPES[alg];
  return shape.type === 'rsa'
    ? `${shape.bits}-bit RSA, PKCS#1 ("BEGIN RSA PRIVATE KEY") as kubeadm writes it (OpenSSL 3 defaults to PKCS#8)`
    : `ECDSA on ${shape.curve}, SEC1 ("BEGIN EC PRIVATE KEY") as kubeadm writes it (genpkey writes PKCS#8; pkey -traditional turns it into SEC1)`;
}

/** The public half of any private key as SPKI (`BEGIN PUBLIC KEY`), the form --service-account-key-file reads. */
export const publicKeyCommand = (keyFile: string, pubFile: string): string => `openssl pkey -in ${shq(keyFile)} -pubout -out ${shq(pubFile)}`;

/** The spec's files in the script's work folder: `apiserver@cp-1.key`, `.csr`, `.crt`; its cnf under openssl/. */
export function workFiles(specId: string): {key: string; csr: string; crt: string; cnf: string} {
  checkPath(specId, 'certificate id');
  return {key: `${specId}.key`, csr: `${specId}.csr`, crt: `${specId}.crt`, cnf: `${CNF_FOLDER}/${specId}.cnf`};
}

/**
 * The commands that make one certificate, in order: key, request, signature, check. Multi-line entries use
 * ` \` continuations. `$NOT_BEFORE`, `$NOT_AFTER` and `$CA_NOT_AFTER` are set at the top of the script.
 * The script runs them verbatim, except that it sends the check's output to fd 3 (shown with KUBEPKI_VERBOSE=1)
 * and picks a fresh random serial (`new_serial`) just before `openssl ca`.
 */
export function opensslCommandsFor(model: PkiModel, specId: string): string[] {
  const spec = specById(model, specId);
  const profile = profileOf(spec, specById(model, spec.signer));
  const own = workFiles(spec.id);
  const q = {key: shq(own.key), csr: shq(own.csr), crt: shq(own.crt), cnf: shq(own.cnf)};
  const signing = spec.isCA
    ? ['-selfsign', `-keyfile ${q.key}`]
    : [`-cert ${shq(workFiles(specById(model, spec.signer).id).crt)}`, `-keyfile ${shq(workFiles(spec.signer).key)}`];
  const until = spec.isCA ? DATE_VARS.caNotAfter : DATE_VARS.notAfter;
  return [
    keyCommand(spec.keyAlgorithm, own.key),
    `openssl req -new -key ${q.key} -config ${q.cnf} -out ${q.csr}`,
    [
      `openssl ca -batch -notext -config ${shq(SIGNING_CNF)} -md ${profile.digest} -preserveDN`,
      `  ${signing.join(' ')}`,
      `  -startdate "$${DATE_VARS.notBefore}" -enddate "$${until}"`,
      `  -extfile ${q.cnf} -extensions ${extensionSection(spec)}`,
      `  -in ${q.csr} -out ${q.crt}`,
    ].join(' \\\n'),
    `openssl x509 -noout -text -in ${q.crt}`,
  ];
}

/** `-days` for the exam form: whole days, rounded up so the certificate never ends before the plan says. */
export const validityDays = (profile: {validity: {hours: number}}): number => Math.ceil(profile.validity.hours / 24);

/**
 * The same signature in the form the CKA/CKS courses teach: `openssl x509 -req -CA -CAkey -days -extfile
 * -extensions` (`req -x509` for a CA). OpenSSL 3.0 cannot backdate notBefore that way, so the script runs
 * `openssl ca` and shows this beside it; it makes the same certificate apart from the 5-minute backdate.
 */
export function examFormFor(model: PkiModel, specId: string): string {
  const spec = specById(model, specId);
  const profile = profileOf(spec, specById(model, spec.signer));
  const own = workFiles(spec.id);
  const days = validityDays(profile);
  if (spec.isCA) {
    return `openssl req -x509 -new -key ${shq(own.key)} -config ${shq(own.cnf)} -extensions v3_ca -days ${days} -out ${shq(own.crt)}`;
  }
  const ca = workFiles(spec.signer);
  return `openssl x509 -req -in ${shq(own.csr)} -CA ${shq(ca.crt)} -CAkey ${shq(ca.key)} -days ${days} -${profile.digest} -extfile ${shq(own.cnf)} -extensions ${extensionSection(spec)} -out ${shq(own.crt)}`;
}

/** The service-account key pair: a bare key of the plan's algorithm and its public half (SPKI `PUBLIC KEY`), no certificate. */
export function opensslCommandsForSaKey(model?: PkiModel): string[] {
  return [keyCommand(model?.keyPairs[0]?.keyAlgorithm ?? 'RSA-2048', 'sa.key'), publicKeyCommand('sa.key', 'sa.pub')];
}
