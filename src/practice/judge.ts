// How typed answers are compared: as sets (SANs, groups), as instants (openssl's or ISO dates), as durations,
// as paths — never as one spelling. Each judge returns a Verdict whose feedback names what is wrong.

import {posix} from 'node:path';
import {canonicalIp} from '../plan/net.js';
import type {Verdict} from './types.js';

const RIGHT: Verdict = {right: true};
const wrong = (feedback?: string): Verdict => ({right: false, ...(feedback ? {feedback} : {})});

/** `DNS:a, IP Address:10.0.0.1` or `a,b c` → the items, without openssl's type prefixes; IPs canonical. */
export function listItems(text: string): string[] {
  return text
    .replace(/IP\s+Address:/gi, 'IP:')
    .split(/[\s,]+/)
    .map((s) => s.replace(/^(DNS|IP):/i, '').trim())
    .filter(Boolean)
    .map((s) => canonicalIp(s) ?? s);
}

/** Same members in any order; says what is missing and what is extra. */
export function judgeSet(expected: readonly string[], what: string, caseInsensitive = false): (input: string) => Verdict {
  const norm = (s: string) => (caseInsensitive ? s.toLowerCase() : s);
  const want = new Set(expected.map((s) => norm(canonicalIp(s) ?? s)));
  return (input) => {
    const got = new Set(listItems(input).map(norm));
    const missing = [...want].filter((x) => !got.has(x));
    const extra = [...got].filter((x) => !want.has(x));
    if (!missing.length && !extra.length) return RIGHT;
    const parts = [missing.length ? `missing ${what}: ${missing.join(', ')}` : '', extra.length ? `not ${what}: ${extra.join(', ')}` : ''];
    return wrong(parts.filter(Boolean).join('; '));
  };
}

/** Exactly this value (trimmed); `hints` maps a typical wrong answer to what to say about it. */
export function judgeExact(expected: string, hints: Readonly<Record<string, string>> = {}, caseInsensitive = false): (input: string) => Verdict {
  const norm = (s: string) => (caseInsensitive ? s.trim().toLowerCase() : s.trim());
  return (input) => {
    if (norm(input) === norm(expected)) return RIGHT;
    const hint = Object.entries(hints).find(([k]) => norm(k) === norm(input))?.[1];
    if (hint) return wrong(hint);
    if (norm(input).toLowerCase() === norm(expected).toLowerCase()) return wrong('names are case-sensitive: Kubernetes matches them exactly');
    return wrong();
  };
}

/** An absolute path on the node, compared after normalising `//` and `./`. */
export function judgePath(expected: string): (input: string) => Verdict {
  return (input) => {
    const text = input.trim().replace(/^['"]|['"]$/g, '');
    if (!text.startsWith('/')) return wrong('give the absolute path on the node, as the manifest writes it');
    if (posix.normalize(text) === posix.normalize(expected)) return RIGHT;
    if (posix.basename(text) === posix.basename(expected)) return wrong(`right file name, wrong folder: it is in ${posix.dirname(expected)}`);
    return wrong();
  };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A date as people copy it: openssl's `notAfter=Nov 29 05:56:40 2027 GMT`, ISO 8601, or a plain `2027-11-29`.
 *  Returns the instant and whether a time of day was given. */
export function parseDate(text: string): {date: Date; hasTime: boolean} | undefined {
  const t = text.trim().replace(/^not(After|Before)\s*=\s*/i, '');
  const ossl = /^([A-Za-z]{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+(\d{4})(\s+GMT)?$/.exec(t);
  if (ossl) {
    const month = MONTHS.indexOf(ossl[1]!.toLowerCase());
    if (month < 0) return undefined;
    return {date: new Date(Date.UTC(+ossl[6]!, month, +ossl[2]!, +ossl[3]!, +ossl[4]!, +ossl[5]!)), hasTime: true};
  }
  const dayOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (dayOnly) return {date: new Date(Date.UTC(+dayOnly[1]!, +dayOnly[2]! - 1, +dayOnly[3]!)), hasTime: false};
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(t)) {
    const d = new Date(t.replace(' ', 'T'));
    return Number.isNaN(d.getTime()) ? undefined : {date: d, hasTime: true};
  }
  return undefined;
}

/** The same instant within a minute, or the same UTC day when only a day is given. */
export function judgeDate(expected: Date): (input: string) => Verdict {
  return (input) => {
    const got = parseDate(input);
    if (!got) return wrong('write it as openssl prints it (Nov 29 05:56:40 2027 GMT) or as ISO 8601 (2027-11-29)');
    const ok = got.hasTime ? Math.abs(got.date.getTime() - expected.getTime()) <= 60_000
      : got.date.toISOString().slice(0, 10) === expected.toISOString().slice(0, 10);
    return ok ? RIGHT : wrong(`that is ${got.date.toISOString().slice(0, 10)}; look at notAfter again`);
  };
}

const UNIT_HOURS: Readonly<Record<string, number>> = {h: 1, hour: 1, hours: 1, d: 24, day: 24, days: 24, y: 8760, year: 8760, years: 8760};

/** `8760h`, `365d`, `1y`, `10 years`, `87600h` → hours. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = UNIT_HOURS[m[2]!.toLowerCase()];
  return unit === undefined ? undefined : Number(m[1]) * unit;
}

/** The same duration within a day (leap days make `10y` and `3650d` differ by a few days, so within 3 days for CAs). */
export function judgeDuration(hours: number): (input: string) => Verdict {
  return (input) => {
    const got = parseDuration(input);
    if (got === undefined) return wrong('write a number and a unit: 8760h, 365d or 1y');
    const slack = hours > 2 * 8760 ? 72 : 24;
    return Math.abs(got - hours) <= slack ? RIGHT : wrong(`${input.trim()} is ${Math.round(got / 24)} days; the certificate says ${Math.round(hours / 24)}`);
  };
}

/** A whole number within `slack` of the expected one. */
export function judgeNumber(expected: number, slack = 0): (input: string) => Verdict {
  return (input) => {
    const n = Number(input.trim());
    if (!Number.isFinite(n)) return wrong('a number');
    return Math.abs(n - expected) <= slack ? RIGHT : wrong();
  };
}
