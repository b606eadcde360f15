// What `renew` prints: each certificate renewed (and, with a plan, what changed), the files written with their modes,
// then who must restart and how. Plain text; paths and names escaped so they print on one safe line.

import {subjectLine} from '../check/context.js';
import {escapeText} from '../plan/escape.js';
import type {RenewResult} from './renew.js';

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const mode = (m: number) => m.toString(8).padStart(4, '0');

export function renewText(result: RenewResult, dir: string, newKey: boolean): string {
  const lines: string[] = [];
  const verb = result.written ? 'Renewed' : 'Would renew (dry run, nothing written)';
  lines.push(`${verb} ${result.renewed.length} certificate(s) in ${escapeText(dir)}, ${newKey ? 'each with a new key' : 'keeping their keys'}:`);
  for (const r of result.renewed) {
    lines.push(`  ${escapeText(r.target.id)}  ${escapeText(subjectLine(r.target.cert))}  signed by ${escapeText(subjectLine(r.signer))}  until ${when(r.notAfter)}`);
    for (const d of r.differences) lines.push(`    to the plan: ${escapeText(d.text)}`);
  }
  lines.push('', result.written ? 'Files written (atomically, modes kept):' : 'Files it would write:');
  for (const f of result.files) lines.push(`  ${mode(f.mode)}  ${escapeText(f.path)}`);
  return `${[...lines, ...restartLines(result)].join('\n')}\n`;
}

/** Who must restart and how; the openssl script prints the same lines. */
export function restartLines(result: RenewResult): string[] {
  const lines: string[] = [];
  if (result.restarts.length > 0) {
    lines.push('', 'Restart what reads them (programs read certificates when they start):');
    for (const r of result.restarts) {
      lines.push(`  ${r.node ? `${escapeText(r.node)}: ` : ''}${r.component} (${r.files.map((f) => escapeText(f)).join(', ')})`);
      for (const h of r.how) lines.push(`    ${h}`);
    }
  }
  if (result.restarts.some((r) => r.component === 'kubectl')) {
    lines.push('', 'Copies of a renewed kubeconfig (~/.kube/config and the like) still hold the old certificate: copy them again.');
  }
  return lines;
}
