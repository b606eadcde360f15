// `kubepki check` for people: kubeadm's check-expiration tables, then the findings, at a given width (80 by default).
// Cells and findings wrap at word boundaries; nothing is cut.

import type {CheckResult} from '../check/check.js';
import {expiresText, shortHumanDuration, type ExpirationRow} from '../check/expiration.js';
import type {Finding} from '../check/model.js';
import {escapeText} from '../plan/escape.js';
import {wrapWords} from './ink/layout.js';

/** Go tabwriter's padding in kubeadm's tables; 2 when that is what keeps the names whole. */
const GAPS = [3, 2];

/** Where a cell may break: after a space or a `/` (node folder, path). */
const pieces = (text: string): string[] => text.split(/(?<=[ /])/);

/** A cell's lines at `width`: greedy over pieces, a piece longer than the width broken. */
function cellLines(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (let piece of pieces(text)) {
    if ((line + piece).trimEnd().length > width && line !== '') {
      out.push(line.trimEnd());
      line = '';
    }
    while (piece.trimEnd().length > width) {
      out.push(piece.slice(0, width));
      piece = piece.slice(width);
    }
    line += piece;
  }
  return [...out, line.trimEnd()];
}

/** Column widths that fit `width`: natural widths, then the widest column narrowed a column at a time, never below
 *  its longest unbreakable piece nor `least`; past that, the first column's long names break. */
function fitColumns(rows: string[][], width: number, least: readonly number[], gap: number): number[] {
  const cols = rows[0]!.length;
  const widths = Array.from({length: cols}, (_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const floor = Array.from({length: cols}, (_, i) => Math.min(widths[i]!,
    Math.max(least[i] ?? 0, ...rows.flatMap((r) => pieces(r[i]!).map((p) => p.trimEnd().length)))));
  const excess = () => widths.reduce((a, b) => a + b, 0) + gap * (cols - 1) - width;
  for (;;) {
    const open = widths.map((w, i) => (w > floor[i]! ? i : -1)).filter((i) => i >= 0);
    if (excess() <= 0 || open.length === 0) break;
    widths[open.reduce((a, b) => (widths[b]! > widths[a]! ? b : a))]!--;
  }
  if (excess() > 0) widths[0] = Math.max(8, widths[0]! - excess());
  return widths;
}

/** A table: header row first; each row may take several lines. */
export function tableText(rows: string[][], width = 80, least: readonly number[] = []): string[] {
  const natural = Math.max(...rows.map((r) => r[0]!.length));
  const fits = GAPS.map((gap) => ({gap, widths: fitColumns(rows, width, least, gap)}));
  const {gap, widths} = fits.find((f) => f.widths[0] === natural) ?? fits[fits.length - 1]!;
  const out: string[] = [];
  for (const row of rows) {
    const cells = row.map((cell, i) => cellLines(cell, widths[i]!));
    const height = Math.max(...cells.map((c) => c.length));
    for (let line = 0; line < height; line++) {
      out.push(cells.map((c, i) => (c[line] ?? '').padEnd(widths[i]! + gap)).join('').trimEnd());
    }
  }
  return out;
}

/** `Dec 02, 2027`: the part of EXPIRES kept on one line. */
const DATE_PART = 'Jan 02, 2006'.length;
const yesNo = (b: boolean) => (b ? 'yes' : 'no');
const show = (text: string) => escapeText(text);

function expirationTables(result: CheckResult, width: number): string[] {
  const time = (r: ExpirationRow) => [expiresText(r.expires), shortHumanDuration(r.residualSeconds)];
  // A date wraps after its year rather than anywhere.
  const least = [0, DATE_PART];
  return [
    ...tableText([['CERTIFICATE', 'EXPIRES', 'RESIDUAL TIME', 'CERTIFICATE AUTHORITY', 'EXTERNALLY MANAGED'],
      ...result.certificates.map((r) => [show(r.name), ...time(r), show(r.authority ?? ''), yesNo(r.externallyManaged)])], width, least),
    '',
    ...tableText([['CERTIFICATE AUTHORITY', 'EXPIRES', 'RESIDUAL TIME', 'EXTERNALLY MANAGED'],
      ...result.authorities.map((r) => [show(r.name), ...time(r), yesNo(r.externallyManaged)])], width, least),
  ];
}

/** One finding: `error  cert-expired  PATH`, then the message and the hint, indented and wrapped. */
export function findingText(f: Finding, width = 80): string[] {
  const indent = '    ';
  const body = (label: string, text: string) => wrapWords(`${label}${show(text)}`, width - indent.length).map((l) => `${indent}${l}`);
  return [...wrapWords(`${f.severity.toUpperCase()} ${f.code} ${show(f.path)}`, width), ...body('', f.message), ...body('fix: ', f.hint)];
}

export function checkText(result: CheckResult, width = 80): string {
  const count = (s: Finding['severity']) => result.findings.filter((f) => f.severity === s).length;
  const summary = result.findings.length === 0 ? 'No findings.'
    : `${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} note(s).`;
  const findings = result.findings.flatMap((f) => ['', ...findingText(f, width)]);
  return `${[...expirationTables(result, width), ...findings, '', summary].join('\n')}\n`;
}
