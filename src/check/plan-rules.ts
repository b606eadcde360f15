// With --plan: every file the plan's layout implies is there, and every certificate matches its spec's profile
// field by field (conformance(), the answer generate uses too); each difference is one finding naming the field.

import {layoutFiles} from '../pki/layout.js';
import {conformance, ROW_FIELDS} from '../pki/conformance.js';
import {expectedAuthority, finding, type Rule} from './context.js';
import type {Finding} from './model.js';

const REISSUE = 'kubepki generate --plan FILE --out DIR --force re-issues it to match the plan';
/** The profile's fields; expiry, signature and key have their own rules (cert-expired, chain-…, key-mismatch). */
const PROFILE_FIELDS = new Set<string>(ROW_FIELDS);

const conformanceRule: Rule = (ctx) => {
  const {tree, exp, now, warnDays} = ctx;
  if (!exp.fromPlan) return [];
  const byId = new Map(exp.model.certs.map((c) => [c.id, c]));
  return tree.certs.flatMap((cert): Finding[] => {
    const spec = exp.specOf.get(cert);
    if (!spec) return [];
    const {differences} = conformance({
      spec, issuer: byId.get(spec.signer) ?? spec, authorityPem: expectedAuthority(ctx, cert).ca?.pem,
      existing: {certPem: cert.pem}, now, warnDays, // the key has its own rule
    });
    return differences.filter((d) => PROFILE_FIELDS.has(d.field))
      .map((d) => finding('error', 'plan-mismatch', cert.path, `${spec.id}: ${d.text}`, REISSUE));
  });
};

const presence: Rule = ({tree, exp}) => {
  if (!exp.fromPlan) return [];
  return layoutFiles(exp.model)
    .filter((e) => e.source.type !== 'readme' && e.source.type !== 'install' && !tree.modes.has(e.path))
    .map((e) => finding('error', 'plan-missing', e.path, `the plan implies ${e.path}, which is not in the folder`,
      'kubepki generate --plan FILE --out DIR creates what is missing'));
};

export const PLAN_RULES: readonly Rule[] = [presence, conformanceRule];
