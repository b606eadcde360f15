// check's --json document (docs/check-json.md): the tables and the findings, ISO 8601 dates, stable names.

import type {CheckResult} from './check.js';
import type {ExpirationRow} from './expiration.js';

export const CHECK_JSON_VERSION = 1;

const row = (r: ExpirationRow) => ({
  name: r.name,
  path: r.path,
  expires: r.expires.toISOString(),
  residualSeconds: r.residualSeconds,
  ...(r.authority === undefined ? {} : {authority: r.authority}),
  externallyManaged: r.externallyManaged,
});

export function checkJson(result: CheckResult, dir: string) {
  const count = (s: string) => result.findings.filter((f) => f.severity === s).length;
  return {
    version: CHECK_JSON_VERSION,
    dir,
    certificates: result.certificates.map(row),
    authorities: result.authorities.map(row),
    findings: result.findings,
    summary: {errors: count('error'), warnings: count('warning'), infos: count('info')},
  };
}
