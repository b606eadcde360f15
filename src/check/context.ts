// What every rule sees: the tree, what each certificate should be, the clock and the warning window; and the
// helpers that find a certificate's authority in the tree and describe a certificate in findings.

import type {CertSpec} from '../pki/model.js';
import {issuedBy} from '../x509/profile.js';
import type {Expectations} from './expect.js';
import type {Finding, Severity, Tree, TreeCert} from './model.js';

export interface CheckContext {
  tree: Tree;
  exp: Expectations;
  now: Date;
  /** Certificates that expire within this many days get a warning. */
  warnDays: number;
}

export type Rule = (ctx: CheckContext) => Finding[];

export const finding = (severity: Severity, code: string, path: string, message: string, hint: string): Finding =>
  ({severity, code, path, message, hint});

export const isAuthority = (c: TreeCert): boolean => c.profile.basicConstraints?.ca === true;

/** The tree's certificate realising `specId`, on `cert`'s node when it has one there. */
export function certOfSpec(ctx: CheckContext, specId: string, near?: TreeCert): TreeCert | undefined {
  const all = ctx.tree.certs.filter((c) => ctx.exp.specOf.get(c)?.id === specId);
  return all.find((c) => c.node === near?.node) ?? all[0];
}

/** The authority that should have signed `cert`: the one its spec names, else the tree's CA with its issuer's name. */
export function expectedAuthority(ctx: CheckContext, cert: TreeCert): {ca?: TreeCert; spec?: CertSpec} {
  const spec = ctx.exp.specOf.get(cert);
  if (spec) {
    const signer = ctx.exp.model.certs.find((c) => c.id === spec.signer);
    const ca = certOfSpec(ctx, spec.signer, cert);
    return {...(ca ? {ca} : {}), ...(signer ? {spec: signer} : {})};
  }
  const sameName = ctx.tree.certs.filter((c) => isAuthority(c) && c.profile.subjectDerHex === cert.profile.issuerDerHex);
  const ca = sameName.find((c) => c.node === cert.node) ?? sameName[0];
  return ca ? {ca} : {};
}

/** Whether `ca` really signed `cert` (name chaining and the signature, by node:crypto). */
export const signedBy = (cert: TreeCert, ca: TreeCert): boolean => issuedBy(cert.x509, ca.x509);

/** `CN=etcd-ca` — how findings name a certificate's subject. */
export const subjectLine = (c: TreeCert): string => c.x509.subject.split('\n').join(', ');
export const day = (d: Date): string => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
