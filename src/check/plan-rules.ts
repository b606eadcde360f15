// With --plan: every file the plan's layout implies is there, and every certificate matches its spec's profile
// field by field; each difference is one finding naming the field ("SAN IP:10.96.0.1 missing").

import {layoutFiles} from '../pki/layout.js';
import {profileOf} from '../pki/profile.js';
import {canonicalIp} from '../plan/net.js';
import {differencesFromSpec} from '../x509/profile.js';
import {finding, type Rule} from './context.js';
import type {Finding, TreeCert} from './model.js';
import type {CertSpec} from '../pki/model.js';

const REISSUE = 'kubepki generate --plan FILE --out DIR --force re-issues it to match the plan';

/** The spec's SANs against the certificate's, one line per name: `SAN IP:10.96.0.1 missing`. */
function sanLines(cert: TreeCert, spec: CertSpec): string[] {
  const ip = (x: string) => canonicalIp(x) ?? x;
  const have = {dns: cert.profile.san?.dns ?? [], ips: (cert.profile.san?.ips ?? []).map(ip)};
  const want = {dns: spec.sans.dns, ips: spec.sans.ips.map(ip)};
  return [
    ...want.dns.filter((d) => !have.dns.includes(d)).map((d) => `SAN DNS:${d} missing`),
    ...want.ips.filter((i) => !have.ips.includes(i)).map((i) => `SAN IP:${i} missing`),
    ...have.dns.filter((d) => !want.dns.includes(d)).map((d) => `SAN DNS:${d} not in the plan`),
    ...have.ips.filter((i) => !want.ips.includes(i)).map((i) => `SAN IP:${i} not in the plan`),
  ];
}

const conformance: Rule = ({tree, exp}) => {
  if (!exp.fromPlan) return [];
  const byId = new Map(exp.model.certs.map((c) => [c.id, c]));
  return tree.certs.flatMap((cert): Finding[] => {
    const spec = exp.specOf.get(cert);
    if (!spec) return [];
    const expected = profileOf(spec, byId.get(spec.signer) ?? spec);
    const lines = [
      ...sanLines(cert, spec),
      ...differencesFromSpec(cert.profile, expected).filter((d) => !d.startsWith('san')).map((d) => d.replace(/^([^:]+): (.*) vs (.*)$/, '$1 is $2; the plan says $3')),
    ];
    return lines.map((line) => finding('error', 'plan-mismatch', cert.path, `${spec.id}: ${line}`, REISSUE));
  });
};

const presence: Rule = ({tree, exp}) => {
  if (!exp.fromPlan) return [];
  return layoutFiles(exp.model)
    .filter((e) => e.source.type !== 'readme' && e.source.type !== 'install' && !tree.modes.has(e.path))
    .map((e) => finding('error', 'plan-missing', e.path, `the plan implies ${e.path}, which is not in the folder`,
      'kubepki generate --plan FILE --out DIR creates what is missing'));
};

export const PLAN_RULES: readonly Rule[] = [presence, conformance];
