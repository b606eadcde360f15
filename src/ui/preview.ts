// The live openssl preview: the commands that make the certificates a step is about, plus the lines of
// their openssl.cnf that carry the answers (subject, SANs), for the answers as they are right now.

import {cnfFor} from '../openssl/cnf.js';
import {examFormFor, opensslCommandsFor, opensslCommandsForSaKey} from '../openssl/commands.js';
import type {Answers} from './answers.js';
import {modelOf} from './model.js';
import type {PreviewFocus, StepDef} from './steps.js';
import {subjectText} from '../pki/model.js';

export interface PreviewBlock {
  spec: string;
  /** `O=system:nodes, CN=system:node:cp-1`, or empty for the sa key pair. */
  subject: string;
  /** `DNS:kubernetes`, `IP:10.96.0.1`, in the certificate's order. */
  sans: string[];
  /** `[ dn ]` and `[ alt_names ]` entries of the spec's cnf: where the answers end up. */
  cnf: string[];
  commands: string[];
  /** The `x509 -req` form courses teach for the signing step (no backdate), shown beside the real one. */
  examForm?: string;
}

export type Preview = {ok: true; blocks: PreviewBlock[]} | {ok: false; reason: string};

/** The non-comment lines of the cnf sections that hold the subject and the SANs. */
export function answerLines(cnf: string): string[] {
  const out: string[] = [];
  let section = '';
  for (const line of cnf.split('\n')) {
    const header = /^\[ (\w+) \]$/.exec(line);
    if (header) {
      section = header[1]!;
      if (section === 'dn' || section === 'alt_names') out.push(line);
      continue;
    }
    if ((section === 'dn' || section === 'alt_names') && line.trim() !== '' && !line.startsWith('#')) out.push(line);
  }
  return out;
}

export function commandsFor(answers: Answers, specIds: string[]): Preview {
  const model = modelOf(answers);
  if (!model) return {ok: false, reason: 'waiting for valid answers'};
  const known = specIds.filter((id) => id === 'sa' || model.certs.some((c) => c.id === id));
  if (known.length === 0) return {ok: false, reason: 'nothing to show for this selection'};
  const blocks = known.map((spec): PreviewBlock => {
    if (spec === 'sa') return {spec, subject: '', sans: [], cnf: [], commands: opensslCommandsForSaKey(model)};
    const c = model.certs.find((x) => x.id === spec)!;
    return {
      spec,
      subject: subjectText(c.subject),
      sans: [...c.sans.dns.map((d) => `DNS:${d}`), ...c.sans.ips.map((ip) => `IP:${ip}`)],
      cnf: answerLines(cnfFor(model, spec)),
      commands: opensslCommandsFor(model, spec),
      examForm: examFormFor(model, spec),
    };
  });
  return {ok: true, blocks};
}

export function stepPreview(step: StepDef, answers: Answers, focus: PreviewFocus): Preview {
  return commandsFor(answers, step.previewSpecs(answers, focus));
}

/** The preview as plain lines (plain mode, and the Ink panel before it is cut to fit). */
export function previewLines(p: Preview): string[] {
  if (!p.ok) return [`(${p.reason})`];
  return p.blocks.flatMap((b) => [
    ...(b.cnf.length ? [`# openssl/${b.spec}.cnf`, ...b.cnf] : []),
    ...b.commands.flatMap((c) => c.split('\n')),
    ...(b.examForm ? ['# the exam form of the signature (no 5-minute backdate):', `#   ${b.examForm}`] : []),
  ]);
}

/** One line per command (continuations joined), for panels that cut long lines. */
export const oneLine = (command: string): string => command.replace(/ \\\n\s*/g, ' ');
