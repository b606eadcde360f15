// Home → Inspect for both front ends: what was read (inspect's report, and for a folder check's findings and the
// map's graph) as entries with a status mark, and the text of each pane. Marks carry their meaning in the symbol
// and a word (✔ ok, ! expiring, ✖ expired), so colour only repeats it.

import {relative} from 'node:path';
import type {Finding} from '../check/model.js';
import {endpointLines, fileLines, isOther} from '../inspect/text.js';
import type {CertificateSummary, EndpointReport, FileReport, InspectReport} from '../inspect/report.js';
import type {PkiGraph} from '../map/graph.js';
import {mapLines} from '../map/terminal.js';
import {timelineLines} from '../map/timeline.js';
import {WARN_DAYS} from '../pki/conformance.js';
import {escapeText} from '../plan/escape.js';
import {findingText} from './check-text.js';

/** The rule a path must meet, said wherever a path is refused. */
export const PATH_RULE = 'give a certificate, key or kubeconfig file, a folder of them, or HOST:PORT of a TLS server';

/** What an empty path is told: by the screen, by plain mode's prompt and by the reader alike. */
export const EMPTY_PATH = `the path is empty: ${PATH_RULE}`;

/** What a path read into: the report, and for a folder the findings of `check` and the map's graph. */
export interface Inspection {
  /** The path or HOST:PORT as typed. */
  path: string;
  folder: boolean;
  report: InspectReport;
  findings: Finding[];
  graph?: PkiGraph;
  entries: InspectEntry[];
}

/** How an entry looks: the worst of its dates, its findings and what inspect saw wrong. */
export type Mark = 'ok' | 'warn' | 'bad' | 'note';
export const MARKS: Record<Mark, {symbol: string; word: string}> = {
  ok: {symbol: '✔', word: 'ok'},
  warn: {symbol: '!', word: 'warning'},
  bad: {symbol: '✖', word: 'problem'},
  note: {symbol: '·', word: 'note'},
};
const RANK: Record<Mark, number> = {ok: 0, note: 1, warn: 2, bad: 3};
type State = {mark: Mark; status: string};
/** The most alarming of `states`, `from` when none is worse (the first of equals keeps its word). */
const worst = (states: readonly State[], from: State): State => states.reduce((a, b) => (RANK[b.mark] > RANK[a.mark] ? b : a), from);

export interface InspectEntry {
  mark: Mark;
  /** The word beside the mark: `ok`, `expiring`, `EXPIRED`, `error`, … */
  status: string;
  /** The file relative to the inspected folder, or the endpoint. */
  label: string;
  /** The Kubernetes role it looks like, or what the file is. */
  role: string;
  /** Time left of its (first) certificate: `364d left`, `expired 3d ago`. */
  left?: string;
  file?: FileReport;
  endpoint?: EndpointReport;
  findings: Finding[];
}

const SEVERITY_MARK: Record<Finding['severity'], Mark> = {error: 'bad', warning: 'warn', info: 'note'};
const safe = (s: string): string => escapeText(s);
const WARN_SECONDS = WARN_DAYS * 86_400;

/** One certificate's mark and word: expired or not yet valid is a problem, inside the renewal window a warning. */
function certState(c: CertificateSummary): {mark: Mark; status: string} {
  if (c.validity.state === 'expired') return {mark: 'bad', status: 'EXPIRED'};
  if (c.validity.state === 'not-yet-valid') return {mark: 'bad', status: 'NOT YET VALID'};
  if (c.validity.secondsLeft < WARN_SECONDS) return {mark: 'warn', status: 'expiring'};
  return {mark: 'ok', status: 'ok'};
}

const leftText = (c: CertificateSummary): string => (c.validity.state === 'valid' ? `${c.validity.text} left` : c.validity.text);

/** What inspect itself saw in a file, before check's findings are added. */
function fileState(f: FileReport): {mark: Mark; status: string; role: string; left?: string} {
  const lie = f.nameLies ? {mark: 'warn' as Mark, status: 'misnamed'} : {mark: 'ok' as Mark, status: 'ok'};
  const pick = (...states: State[]) => worst(states, lie);
  switch (f.kind) {
    case 'certificate': {
      const first = f.certificates[0]!;
      const role = f.certificates.length > 1 ? `${first.role.text} (+${f.certificates.length - 1} in the bundle)` : first.role.text;
      return {...pick(...f.certificates.map(certState)), role, left: leftText(first)};
    }
    case 'private-key':
    case 'public-key': {
      const owner = f.key.matches[0]?.role;
      const what = `${f.kind === 'private-key' ? 'private' : 'public'} key${owner ? ` (${owner})` : ''}`;
      return {...pick(f.key.encrypted ? {mark: 'warn', status: 'encrypted'} : owner ? {mark: 'ok', status: 'ok'} : {mark: 'note', status: 'no certificate'}), role: what};
    }
    case 'csr':
      return {...pick({mark: 'note', status: 'request'}), role: `CSR: ${f.csr.role.text}`};
    case 'kubeconfig': {
      const states = f.kubeconfig.contexts.flatMap((c) => {
        const certs = c.user.cert?.certificates ?? [];
        const missing = [c.user.cert, c.user.key, c.cluster.ca].some((m) => m?.ref && (!m.ref.found || m.ref.problem));
        return [
          ...certs.map(certState),
          ...(c.user.keyMatchesCert === false ? [{mark: 'bad' as Mark, status: 'key mismatch'}] : []),
          ...(missing ? [{mark: 'bad' as Mark, status: 'MISSING file'}] : []),
          ...(c.cluster.insecure ? [{mark: 'warn' as Mark, status: 'insecure'}] : []),
        ];
      });
      const cert = f.kubeconfig.contexts[0]?.user.cert?.certificates?.[0];
      return {...pick(...states), role: `kubeconfig${cert ? `: ${cert.role.text}` : ''}`, ...(cert ? {left: leftText(cert)} : {})};
    }
    case 'manifest':
    case 'kubelet-config': {
      const missing = f.manifest.flags.some((u) => u.ref && !u.ref.found);
      const wrong = f.manifest.flags.some((u) => u.ref?.found && u.ref.problem);
      const role = f.kind === 'manifest' ? `static pod: ${f.manifest.components.join(', ') || 'no component'}` : 'KubeletConfiguration';
      return {...pick(...(missing ? [{mark: 'bad' as Mark, status: 'MISSING file'}] : []), ...(wrong ? [{mark: 'bad' as Mark, status: 'wrong file'}] : [])), role};
    }
    case 'unreadable':
      return {mark: 'bad', status: 'unreadable', role: safe(f.problem)};
    case 'unknown':
      return {...lie, role: safe(f.note)};
  }
}

function endpointEntry(e: EndpointReport): InspectEntry {
  const leaf = e.chain[0];
  const states = [
    ...(!e.connected || e.problem ? [{mark: 'bad' as Mark, status: e.connected ? 'problem' : 'no connection'}] : []),
    ...(e.coversName === false ? [{mark: 'bad' as Mark, status: 'name NOT COVERED'}] : []),
    ...(e.verified === false ? [{mark: 'bad' as Mark, status: 'not verified'}] : []),
    ...(leaf ? [certState(leaf)] : []),
  ];
  const state = worst(states, {mark: 'ok', status: 'ok'});
  return {...state, label: safe(e.endpoint), role: leaf ? `TLS endpoint: ${leaf.role.text}` : 'TLS endpoint', ...(leaf ? {left: leftText(leaf)} : {}), endpoint: e, findings: []};
}

/** The entries of a report: every PKI file (findings of `check` joined by path), then every endpoint. */
export function inspectEntries(report: InspectReport, findings: readonly Finding[], root?: string): InspectEntry[] {
  const labelOf = (path: string) => (root !== undefined ? relative(root, path) || path : path);
  const files = report.files.filter((f) => !isOther(f)).map((f): InspectEntry => {
    const label = labelOf(f.path);
    const own = findings.filter((x) => x.path === label);
    const state = fileState(f);
    const fromFindings = own.map((x) => ({mark: SEVERITY_MARK[x.severity], status: x.severity}));
    // Inspect's own word wins over check's when both say as much (`EXPIRED` over `error`).
    const best = worst(fromFindings, {mark: state.mark, status: state.status});
    return {mark: best.mark, status: best.status, label: safe(label), role: state.role, ...(state.left ? {left: state.left} : {}), file: f, findings: own};
  });
  return [...files, ...report.endpoints.map(endpointEntry)];
}

/** `23 files: 20 ✔ ok, 2 ! warning, 1 ✖ problem`: the marks with their words, counted. */
export function tallyText(entries: readonly InspectEntry[]): string {
  const counts = (['ok', 'note', 'warn', 'bad'] as Mark[]).map((m) => [m, entries.filter((e) => e.mark === m).length] as const).filter(([, n]) => n > 0);
  const noun = entries.length === 1 ? 'entry' : 'entries';
  return `${entries.length} ${noun}: ${counts.map(([m, n]) => `${n} ${MARKS[m].symbol} ${MARKS[m].word}`).join(', ') || 'none'}`;
}

/** A list row: `✖ EXPIRED  pki/apiserver.crt  API server (expired 3d ago)`. */
export function entryText(e: InspectEntry): {head: string; rest: string} {
  return {head: `${MARKS[e.mark].symbol} ${e.label}`, rest: `${e.status} · ${e.role}${e.left ? ` · ${e.left}` : ''}`};
}

/** A line of a pane and what it means (the front end decides the colour). */
export interface ToneLine {
  text: string;
  tone?: 'title' | Mark | 'dim';
}

/** A finding in words: `✖ ERROR cert-expired: message`, then `fix: hint`, wrapped at `width`. */
export function findingLines(f: Finding, width: number, withPath = true): ToneLine[] {
  const [first = '', ...rest] = findingText(withPath ? f : {...f, path: ''}, Math.max(20, width - 2));
  return [{text: `${MARKS[SEVERITY_MARK[f.severity]].symbol} ${first.trimEnd()}`, tone: SEVERITY_MARK[f.severity]}, ...rest.map((t) => ({text: `  ${t}`}))];
}

/** Rows that say something is wrong in capitals (inspect's EXPIRED, MISSING, WARNING…) stand out. */
const ALARM = /\b(EXPIRED|MISSING|WRONG FILE|NOT COVERED|DOES NOT MATCH|NOTHING|NO, against|WARNING|FAULTY)\b/;
const WARNING = /\b(EXPIRING|WARNING)\b/;
const toneOf = (t: string): ToneLine['tone'] => (ALARM.test(t) ? (WARNING.test(t) && !/EXPIRED|MISSING/.test(t) ? 'warn' : 'bad') : undefined);
const toned = (rows: string[]): ToneLine[] => rows.map((text) => {
  const tone = toneOf(text);
  return tone ? {text, tone} : {text};
});

/** The detail pane: the entry's mark and findings, then every field beside its openssl option (inspect's text). */
export function detailLines(e: InspectEntry, width: number, cwd?: string): ToneLine[] {
  const ctx = {width: Math.max(30, width), ...(cwd ? {cwd} : {})};
  const body = e.file ? fileLines(e.file, ctx) : e.endpoint ? endpointLines(e.endpoint, ctx) : [];
  return [
    {text: `${MARKS[e.mark].symbol} ${e.status}: ${e.role}`, tone: e.mark === 'ok' ? 'title' : e.mark},
    ...e.findings.flatMap((f) => findingLines(f, width, false)),
    {text: ''},
    ...toned(body),
  ];
}

/** The findings tab: a count, then each finding, errors first (check sorts them). */
export function findingsPane(x: Inspection, width: number): ToneLine[] {
  if (!x.folder) return [{text: 'Findings come from `kubepki check`, which reads a folder: inspect a folder to see them.', tone: 'dim'}];
  const n = (s: Finding['severity']) => x.findings.filter((f) => f.severity === s).length;
  const summary = x.findings.length === 0 ? '✔ No findings: check found nothing to fix.'
    : `${n('error')} ✖ error(s), ${n('warning')} ! warning(s), ${n('info')} · note(s), by \`kubepki check ${x.path}\``;
  return [{text: summary, tone: x.findings.length === 0 ? 'ok' : 'title'}, ...x.findings.flatMap((f) => [{text: ''}, ...findingLines(f, width)])];
}

const NEEDS_FOLDER = (what: string): ToneLine[] => [{text: `The ${what} is drawn from a folder (what check reads): inspect a folder to see it.`, tone: 'dim'}];

/** The map of the folder, as `kubepki map` prints it in a terminal. */
export function mapPane(x: Inspection, width: number): ToneLine[] {
  return x.graph ? toned(mapLines(x.graph, {width, color: false})) : NEEDS_FOLDER('map');
}

/** The expiry timeline: one bar per certificate; a row whose words say EXPIRED or EXPIRING takes that tone. */
export function timelinePane(x: Inspection, width: number): ToneLine[] {
  if (!x.graph) return NEEDS_FOLDER('timeline');
  return timelineLines(x.graph, {width, color: false}).map((text) =>
    (/EXPIRED|MISSING|FAULTY/.test(text) ? {text, tone: 'bad' as const} : /EXPIRING/.test(text) ? {text, tone: 'warn' as const} : {text}));
}
