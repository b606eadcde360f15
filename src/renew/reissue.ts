// One target re-issued as `kubeadm certs renew` does: the existing certificate's subject, SANs and usages (or, with a
// plan, its spec's profile), a fresh validity window, the same key unless a new one is asked for, signed by the CA in
// the tree whose signature on the old certificate node:crypto verifies.

import {isAuthority, signedBy, type CheckContext} from '../check/context.js';
import type {TreeCert} from '../check/model.js';
import {actualRows, expectedRows, rowDifferences, type Difference} from '../pki/conformance.js';
import type {CertSpec} from '../pki/model.js';
import {BACKDATE_MS, digestOf, profileOf, type CertProfile} from '../pki/profile.js';
import {KEY_SHAPES, type KeyShape} from '../plan/types.js';
import {buildCertificate, selfCheck} from '../x509/build.js';
import {generateKey, type KeyMaterial} from '../x509/keys.js';
import {certMatchesKey, type ReadProfile} from '../x509/profile.js';
import type {RenewProblem} from './problem.js';
import type {Target} from './targets.js';

export interface Reissued {
  target: Target;
  signer: TreeCert;
  certPem: string;
  notAfter: Date;
  /** Set with --new-key: the key that replaces the old one. */
  newKey?: KeyMaterial;
  /** With a plan: what changes besides the dates (conformance's rows). */
  differences: Difference[];
}

export interface ReissueOptions {
  now: Date;
  /** Validity of the new certificate, when no plan spec decides it. */
  validityHours: number;
  newKey: boolean;
}

/** The authority that signed `cert` and whose key the tree holds (node:crypto checks name chaining and signature). */
export function signerOf(ctx: CheckContext, cert: TreeCert): TreeCert | undefined {
  const cas = ctx.tree.certs.filter((c) => isAuthority(c) && c.key?.pem !== undefined && signedBy(cert, c) && certMatchesKey(c.pem, c.key.pem));
  return cas.find((c) => c.node === cert.node) ?? cas[0];
}

/** The existing certificate's profile with a new validity: what kubeadm keeps when it renews. */
function keptProfile(read: ReadProfile, validityHours: number): CertProfile | undefined {
  const digest = digestOf(read.signatureAlgorithm);
  if (!digest) return undefined;
  return {...read, extensions: read.extensions.map(({name, critical}) => ({name, critical})), digest,
    validity: {hours: validityHours, backdateMs: BACKDATE_MS}};
}

const shapeOf = (type: string, bits: number): KeyShape | undefined =>
  Object.values(KEY_SHAPES).find((s) => s.type === type && s.bits === bits);

/** What the plan says the target should be, and how the existing certificate differs from that. */
function planProfile(ctx: CheckContext, target: Target): {profile: CertProfile; spec: CertSpec; differences: Difference[]} | undefined {
  const spec = target.copies.map((c) => ctx.exp.specOf.get(c)).find((s) => s !== undefined);
  const issuer = spec && ctx.exp.model.certs.find((c) => c.id === spec.signer);
  if (!spec || !issuer) return undefined;
  return {profile: profileOf(spec, issuer), spec,
    differences: rowDifferences(expectedRows(spec, issuer), actualRows(target.cert.profile, target.cert.pem))};
}

export async function reissue(ctx: CheckContext, target: Target, opts: ReissueOptions): Promise<Reissued | RenewProblem> {
  const {cert} = target;
  const problem = (message: string, hint: string): RenewProblem => ({field: cert.path, message: `${target.id}: ${message}`, hint});
  const signer = signerOf(ctx, cert);
  if (!signer) {
    return problem('no CA in the folder with its key signed it', 'renew where the signing CA’s key is (ca.key beside ca.crt), or have the CA’s owner sign a new certificate');
  }
  const fromPlan = ctx.exp.fromPlan ? planProfile(ctx, target) : undefined;
  if (ctx.exp.fromPlan && !fromPlan) return problem('the plan does not describe this certificate', 'renew it without --plan to keep what it is');
  const profile = fromPlan?.profile ?? keptProfile(cert.profile, opts.validityHours);
  if (!profile) return problem(`its signature algorithm ${cert.profile.signatureAlgorithm} is not one kubepki signs with`, 're-issue it with the tool that made it');
  const shape = shapeOf(profile.keyType, profile.keyBits);
  if (!shape) return problem(`its key (${profile.keyType} ${profile.keyBits}) is not one kubepki makes`, 're-issue it with the tool that made it');
  const oldKey = cert.x509.publicKey;
  const sameShape = oldKey.asymmetricKeyType === shape.type
    && (shape.type === 'ec' ? oldKey.asymmetricKeyDetails?.namedCurve === shape.opensslCurve : oldKey.asymmetricKeyDetails?.modulusLength === shape.bits);
  if (!opts.newKey && !sameShape) return problem(`the plan asks for a ${profile.keyType} ${profile.keyBits} key, the existing key differs`, 'add --new-key');
  if (opts.newKey && !cert.key) return problem('its private key is not in the folder, so it cannot be replaced', 'renew it without --new-key');
  const newKey = opts.newKey ? await generateKey(shape) : undefined;
  const publicKeyPem = newKey?.publicKeyPem ?? oldKey.export({type: 'spki', format: 'pem'}).toString();
  const notAfter = new Date(opts.now.getTime() + profile.validity.hours * 3600_000);
  let certPem: string;
  try {
    certPem = buildCertificate({
      profile, publicKeyPem,
      notBefore: new Date(opts.now.getTime() - profile.validity.backdateMs),
      notAfter,
      issuer: {certPem: signer.pem, privateKeyPem: signer.key!.pem!},
    });
    const keyPem = newKey?.privateKeyPem ?? cert.key?.pem;
    if (keyPem) selfCheck(certPem, signer.pem, keyPem);
  } catch (error) {
    return problem(`cannot be re-issued: ${(error as Error).message.split('\n')[0]}`, 're-issue it with the tool that made it');
  }
  return {target, signer, certPem, notAfter, ...(newKey ? {newKey} : {}), differences: fromPlan?.differences ?? []};
}
