// Rules about one certificate at a time: dates, chain, key, version and extensions, algorithms, and whether its
// usages, names and identity fit the role the catalog gives it.

import {canonicalIp} from '../plan/net.js';
import * as ids from '../plan/identities.js';
import {subjectText} from '../pki/model.js';
import {kindById} from '../pki/catalog.js';
import {day, expectedAuthority, finding, isAuthority, signedBy, subjectLine, type CheckContext, type Rule} from './context.js';
import type {Finding, TreeCert} from './model.js';
import {rowName} from './expiration.js';
import {renewCommandLine} from '../renew/command-line.js';

const DAY_MS = 24 * 3600_000;
const RENEW = 'renew it (kubeadm certs renew, or kubepki generate --force with the plan)';

/** A leaf: the exact renew command; a CA is not renewed in place. */
const renewHint = (c: TreeCert, ctx: CheckContext): string =>
  (isAuthority(c) ? RENEW : `run ${renewCommandLine(rowName(ctx, c), ctx.tree.root)} (or kubeadm certs renew on the node)`);

const perCert = (rule: (c: TreeCert, ctx: CheckContext) => Finding[]): Rule => (ctx) => ctx.tree.certs.flatMap((c) => rule(c, ctx));

const validity = perCert((c, ctx) => {
  const {now, warnDays} = ctx;
  const {notBefore, notAfter} = c.profile;
  if (now > notAfter) {
    const days = Math.floor((now.getTime() - notAfter.getTime()) / DAY_MS);
    return [finding('error', 'cert-expired', c.path, `${subjectLine(c)} expired on ${day(notAfter)} (${days} days ago)`, renewHint(c, ctx))];
  }
  if (now < notBefore) {
    return [finding('error', 'cert-not-yet-valid', c.path, `${subjectLine(c)} is not valid before ${day(notBefore)}`,
      'check the clock of the machine that signed it and of this one; re-issue it if its dates are wrong')];
  }
  const left = (notAfter.getTime() - now.getTime()) / DAY_MS;
  return left < warnDays
    ? [finding('warning', 'cert-expiring', c.path, `${subjectLine(c)} expires on ${day(notAfter)}, in ${Math.floor(left)} days`, renewHint(c, ctx))]
    : [];
});

const chain = perCert((c, ctx) => {
  const selfSigned = c.profile.subjectDerHex === c.profile.issuerDerHex;
  if (selfSigned && isAuthority(c)) {
    return signedBy(c, c) ? [] : [finding('error', 'chain-bad-signature', c.path, `the CA ${subjectLine(c)} does not verify with its own key`,
      'the file is corrupt or was edited: restore the CA from a backup')];
  }
  const {ca, spec} = expectedAuthority(ctx, c);
  const should = spec ? `${spec.id} (${subjectText(spec.subject)})` : `the CA named ${c.x509.issuer.split('\n').join(', ')}`;
  if (!ca) {
    return [finding('warning', 'chain-authority-missing', c.path, `${subjectLine(c)} should be signed by ${should}, which is not in this folder`,
      'check the whole node folder, or copy the CA certificate beside it')];
  }
  if (!signedBy(c, ca)) {
    const actual = ctx.tree.certs.find((o) => isAuthority(o) && o !== ca && signedBy(c, o));
    const by = actual ? `; it was signed by ${subjectLine(actual)} (${actual.path})` : '';
    return [finding('error', 'chain-wrong-authority', c.path, `${subjectLine(c)} does not verify against ${should} at ${ca.path}${by}`,
      `re-issue it with ${ca.path} and its key: the programs that trust ${ca.path} will refuse it`)];
  }
  return c.profile.notAfter > ca.profile.notAfter
    ? [finding('warning', 'chain-outlives-ca', c.path, `${subjectLine(c)} is valid until ${day(c.profile.notAfter)}, after its CA expires (${day(ca.profile.notAfter)})`,
      'it stops working when the CA does: plan the CA rotation before then')]
    : [];
});

const keyMatch = perCert((c) => {
  if (!c.key) return [];
  if (!c.key.key) {
    return [finding('error', 'key-unreadable', c.key.path, 'the private key cannot be opened (it is encrypted)',
      'components need an unencrypted PEM key (PKCS#1, SEC1 or PKCS#8)')];
  }
  return c.x509.checkPrivateKey(c.key.key) ? [] : [finding('error', 'key-mismatch', c.key.path, `this private key does not belong to ${subjectLine(c)} (${c.path})`,
    'put back the key the certificate was issued for, or re-issue the certificate for this key')];
});

const WEAK_DIGEST = /^(md2|md4|md5|sha1)/i;
const algorithms = perCert((c) => {
  const out: Finding[] = [];
  const sig = c.profile.signatureAlgorithm;
  const selfSigned = c.profile.subjectDerHex === c.profile.issuerDerHex;
  // A root's own signature is not checked by anyone, so only a signature someone relies on is a problem.
  if (WEAK_DIGEST.test(sig) && !selfSigned) {
    out.push(finding('error', 'signature-weak', c.path, `${subjectLine(c)} is signed with ${sig}`,
      'Go (and so Kubernetes) rejects SHA-1 signatures: re-issue it with SHA-256 (openssl … -sha256)'));
  }
  if (c.profile.keyType === 'rsa' && c.profile.keyBits < 2048) {
    out.push(finding('error', 'key-weak', c.path, `${subjectLine(c)} has a ${c.profile.keyBits}-bit RSA key`,
      'use at least 2048 bits (kubeadm: RSA-2048 by default); re-issue it with a new key'));
  }
  return out;
});

const structure = perCert((c, ctx) => {
  if (c.profile.version < 3) {
    return [finding('error', 'cert-v1', c.path, `${subjectLine(c)} is a version ${c.profile.version} certificate: it has no extensions, so no SANs, usages or CA flag`,
      'openssl x509 -req without -extfile/-extensions makes one: re-issue it with the extension section (-extfile FILE -extensions SECTION)')];
  }
  const out: Finding[] = [];
  const spec = ctx.exp.specOf.get(c);
  if (spec?.isCA && c.profile.basicConstraints?.ca !== true) {
    out.push(finding('error', 'ca-not-ca', c.path, `${subjectLine(c)} is used as a CA but has no basicConstraints CA:TRUE`,
      'clients refuse chains through it: re-issue the CA with basicConstraints = critical, CA:TRUE'));
  }
  if (!c.profile.keyUsage) {
    out.push(finding('warning', 'extension-missing', c.path, `${subjectLine(c)} has no keyUsage extension`,
      `kubeadm sets keyUsage = critical, digitalSignature, keyEncipherment${spec?.isCA ? ', keyCertSign' : ''}`));
  }
  if (c.profile.keyUsage && isAuthority(c) && !c.profile.keyUsage.usages.includes('keyCertSign')) {
    out.push(finding('error', 'ca-cannot-sign', c.path, `the CA ${subjectLine(c)} lacks keyCertSign in keyUsage`,
      'clients refuse certificates it signs: re-issue the CA with keyUsage keyCertSign'));
  }
  return out;
});

/** Extended key usages and SANs the role needs. */
const roleFit = perCert((c, ctx) => {
  const spec = ctx.exp.specOf.get(c);
  if (!spec || spec.isCA || c.profile.version < 3) return [];
  const out: Finding[] = [];
  const have = c.profile.extKeyUsage?.usages ?? [];
  const missing = spec.usages.filter((u) => !have.includes(u));
  if (missing.length > 0) {
    out.push(finding('error', 'eku-missing', c.path,
      `${spec.kind} needs extendedKeyUsage ${spec.usages.join(', ')}; it has ${have.length > 0 ? have.join(', ') : 'none'}`,
      `re-issue it with extendedKeyUsage = ${spec.usages.join(', ')} (${kindById(spec.kind).about})`));
  }
  const dns = new Set(c.profile.san?.dns ?? []);
  const ips = new Set((c.profile.san?.ips ?? []).map((ip) => canonicalIp(ip) ?? ip));
  const absent = [
    ...spec.sans.dns.filter((d) => !ctx.exp.guessed.has(d) && !dns.has(d)).map((d) => ({text: `DNS:${d}`, value: d})),
    ...spec.sans.ips.filter((ip) => !ctx.exp.guessed.has(ip) && !ips.has(canonicalIp(ip) ?? ip)).map((ip) => ({text: `IP:${ip}`, value: ip})),
  ];
  // The plan check names each missing SAN field by field; here one finding per certificate says why each matters.
  if (absent.length > 0 && !ctx.exp.fromPlan) {
    out.push(finding('error', 'san-missing', c.path,
      `${spec.kind} lacks ${absent.map((a) => `${a.text} (${spec.sanReasons[a.value] ?? 'expected for the role'})`).join('; ')}`,
      'clients that dial a missing name fail hostname verification: re-issue it with every name (kubeadm: delete it, then kubeadm init phase certs)'));
  }
  return out;
});

/** Identities the authorizers depend on. */
const identity = perCert((c, ctx) => {
  const spec = ctx.exp.specOf.get(c);
  const out: Finding[] = [];
  const orgs = c.profile.subject.filter((e) => e.type === 'O').map((e) => e.value);
  const cn = c.profile.subject.find((e) => e.type === 'CN')?.value ?? '';
  if (spec?.kind === 'kubelet-client') {
    const name = ctx.exp.guessed.has(spec.node ?? '') ? undefined : spec.node;
    const cnOk = name ? cn === ids.nodeUser(name) : cn.startsWith(ids.NODE_USER_PREFIX);
    const oOk = orgs.length === 1 && orgs[0] === ids.NODES_GROUP;
    if (!cnOk || !oOk) {
      out.push(finding('error', 'identity-kubelet', c.path,
        `the kubelet logs in as ${subjectLine(c)}; the Node authorizer needs CN=${ids.nodeUser(name ?? 'NODE')} in O=${ids.NODES_GROUP}`,
        `re-issue it with -subj "/O=${ids.NODES_GROUP}/CN=${ids.nodeUser(name ?? 'NODE')}"`));
    }
  }
  if (orgs.includes(ids.MASTERS_GROUP) && spec?.kind !== 'super-admin') {
    out.push(finding('warning', 'identity-masters', c.path,
      `${subjectLine(c)} is in ${ids.MASTERS_GROUP}: it bypasses RBAC and cannot be revoked short of replacing the CA`,
      `only the break-glass super-admin.conf should carry it; give others a group bound by RBAC (kubeadm: ${ids.ADMIN_GROUP})`));
  }
  return out;
});

export const CERT_RULES: readonly Rule[] = [validity, chain, keyMatch, algorithms, structure, roleFit, identity];
