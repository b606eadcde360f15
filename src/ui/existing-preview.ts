// Build on an existing output folder: before anything is written, what the run will keep, create, renew and
// refuse there, as `kubepki generate` decides it (output/incremental.ts, the same judgement the backends make
// under their lock). For Write script it is what generate-pki.sh will decide when run on the folder now.

import {incrementalPlan, refusals, type CertDecision} from '../output/incremental.js';
import {escapeText} from '../plan/escape.js';
import type {Answers} from './answers.js';

export interface RunPreview {
  out: string;
  /** Who acts on the folder: this run (certificates now), or the script when the user runs it. */
  by: 'run' | 'script';
  /** Authorities (and the other leaves) already there that this run uses as they are. */
  reused: CertDecision[];
  kept: CertDecision[];
  created: CertDecision[];
  /** Re-issued because they expire soon: no choice needed. */
  renewed: CertDecision[];
  /** What contradicts the plan, one line per file naming the fields: re-issued only when the user says so. */
  refused: string[];
  /** What stops the run whatever is chosen (an unusable CA, a link where a file goes). */
  blockers: string[];
  /** Existing files left byte for byte as they are, and those that will be written again. */
  filesKept: number;
  filesRewritten: number;
}

/** What a run of `answers` would do to its output folder, or undefined when the folder holds no PKI yet. */
export async function previewRun(answers: Answers, now = new Date()): Promise<RunPreview | undefined> {
  const judged = await incrementalPlan(answers.plan, answers.out, now);
  const certs = (status: CertDecision['status']) => judged.certs.filter((c) => c.status === status);
  const found = judged.files.length > 0 || judged.existing.blockers.length > 0 || judged.certs.some((c) => c.status !== 'new' && c.status !== 'created');
  if (!found) return undefined;
  return {
    out: answers.out,
    by: answers.produce === 'script' ? 'script' : 'run',
    reused: certs('reused'),
    kept: certs('kept'),
    created: [...certs('new'), ...certs('created')],
    renewed: certs('reissue').filter((c) => c.renewal),
    refused: refusals(judged),
    blockers: judged.existing.blockers,
    filesKept: judged.files.filter((f) => f.status === 'kept').length,
    filesRewritten: judged.files.filter((f) => f.status === 'write').length,
  };
}

/** The run cannot go on: only going back helps. */
export const previewBlocked = (p: RunPreview): boolean => p.blockers.length > 0;
/** The run needs the user's word to re-issue what contradicts the plan (generate --force). */
export const needsReissue = (p: RunPreview): boolean => p.refused.length > 0;

export interface PreviewLine {
  text: string;
  style?: 'title' | 'ok' | 'dim' | 'warn' | 'error';
}

const paths = (cs: CertDecision[]) => cs.map((c) => escapeText(c.path));
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The preview as lines both front ends print: the counts first, then what needs a decision, then every path. */
export function existingLines(p: RunPreview): PreviewLine[] {
  const out = escapeText(p.out);
  const script = p.by === 'script';
  const lines: PreviewLine[] = [
    {text: script
      ? `${out} already holds a PKI. The script is written beside it; when you run it on ${out}, it will:`
      : `${out} already holds a PKI. Nothing is written until you choose; this run will:`, style: 'title'},
  ];
  if (p.reused.length) lines.push({text: `↺ reuse ${count(p.reused.length, 'authority', 'authorities')} as they are: ${p.reused.map((c) => c.id).join(', ')}`, style: 'ok'});
  lines.push({text: `= keep ${count(p.kept.length, 'certificate')} that match the plan${p.filesKept ? ` (${count(p.filesKept, 'file')} left byte for byte)` : ''}`, style: 'ok'});
  lines.push({text: `✔ create ${count(p.created.length, 'certificate')}${p.created.length ? `: ${paths(p.created).join(', ')}` : ''}`, style: 'ok'});
  for (const c of p.renewed) lines.push({text: `↻ re-issue ${escapeText(c.path)} — ${escapeText(c.reasons.join('; '))}`, style: 'warn'});
  if (p.filesRewritten) lines.push({text: `  write again ${count(p.filesRewritten, 'file')} made from the plan (kubeconfigs, README, installers)`, style: 'dim'});
  if (p.blockers.length) {
    lines.push({text: ''}, {text: `✖ ${count(p.blockers.length, 'file')} stop the run, whatever you choose:`, style: 'error'});
    lines.push(...p.blockers.map((b) => ({text: `  ${escapeText(b)}`})));
    lines.push({text: 'kubepki never replaces a CA or sa.key and never writes through a link: deal with these files, or go back and choose another folder.', style: 'dim'});
  } else if (p.refused.length) {
    lines.push({text: ''}, {text: `✖ ${count(p.refused.length, 'file')} already there contradict the plan:`, style: 'error'});
    lines.push(...p.refused.map((r) => ({text: `  ${escapeText(r)}`})));
    lines.push({text: script
      ? 'The script stops at these unless run with KUBEPKI_FORCE=1, which re-issues only them (CAs and sa.key are never replaced).'
      : 'Re-issue only these (as generate --force; CAs and sa.key are still reused, never replaced), or go back to change the plan or the folder.', style: 'dim'});
  }
  if (p.kept.length) lines.push({text: ''}, {text: 'Kept as they are', style: 'title'}, ...paths(p.kept).map((t) => ({text: `  ${t}`, style: 'dim' as const})));
  return lines;
}
