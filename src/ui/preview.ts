// The live openssl preview: the commands that make the certificates a step is about in the form a learner
// types (the exam-style script's own commands and file names), the openssl.cnf section they read, and how
// the default safe script differs, for the answers as they are right now.

import {EXAM_CNF, examCertificate} from '../openssl/exam-script.js';
import type {Answers} from './answers.js';
import {examModelOf, modelOf} from './model.js';
import type {PreviewFocus, StepDef} from './steps.js';
import {subjectText} from '../pki/model.js';

export interface PreviewBlock {
  spec: string;
  /** `O=system:nodes, CN=system:node:cp-1`, or empty for the sa key pair. */
  subject: string;
  /** `DNS:kubernetes`, `IP:10.96.0.1`, in the certificate's order. */
  sans: string[];
  /** The exam-style script's comment: who uses the certificate, why its O and SANs. */
  why: string;
  /** The exam-style script's commands for it (genrsa, req -subj, x509 -req -CA …), with ` \` continuations. */
  commands: string[];
  /** Its `[ v3_… ]` and `[ …_alt_names ]` sections of the exam script's openssl.cnf. */
  cnf: string[];
}

export type Preview = {ok: true; blocks: PreviewBlock[]} | {ok: false; reason: string};

/** Where the commands come from, for the panel's title. */
export const PREVIEW_SOURCE = 'as `kubepki script --style exam` writes them';
/** The one line on how the script that is run for real differs from what the preview shows. */
export const SAFE_SCRIPT_DIFFERS = 'The safe script (the default style) makes the same certificates with `openssl ca` instead of `x509 -req`, '
  + 'so that each one starts 5 minutes in the past (backdating, as kubeadm does) and a CA is never replaced.';

export function commandsFor(answers: Answers, specIds: string[]): Preview {
  const model = modelOf(answers);
  const exam = examModelOf(answers);
  if (!model || !exam) return {ok: false, reason: 'waiting for valid answers: the commands return once the field marked ✖ is fixed'};
  const known = specIds.filter((id) => id === 'sa' || model.certs.some((c) => c.id === id));
  if (known.length === 0) return {ok: false, reason: 'nothing to show for this selection'};
  const blocks = known.map((spec): PreviewBlock => {
    const c = model.certs.find((x) => x.id === spec);
    return {
      spec,
      subject: c ? subjectText(c.subject) : '',
      sans: c ? [...c.sans.dns.map((d) => `DNS:${d}`), ...c.sans.ips.map((ip) => `IP:${ip}`)] : [],
      ...examCertificate(exam, spec),
    };
  });
  return {ok: true, blocks};
}

export function stepPreview(step: StepDef, answers: Answers, focus: PreviewFocus): Preview {
  return commandsFor(answers, step.previewSpecs(answers, focus));
}

/** The preview as plain lines (plain mode and the help overlay): per certificate its commands, then the
 *  cnf section, then the line on the safe script. */
export function previewLines(p: Preview): string[] {
  if (!p.ok) return [`(${p.reason})`];
  return [
    `# ${PREVIEW_SOURCE}`,
    ...p.blocks.flatMap((b) => [
      b.why,
      ...b.commands.flatMap((c) => c.split('\n')),
      ...(b.cnf.length ? [`# in ${EXAM_CNF}:`, ...b.cnf] : []),
    ]),
    `# ${SAFE_SCRIPT_DIFFERS}`,
  ];
}
