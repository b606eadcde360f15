// "Add a person to a cluster": the form with live feedback (what the groups were understood as, the subject the
// certificate will carry, the plan's messages), then the files written and the steps, scrollable.

import {Box} from 'ink';
import {labelWidthOf, fieldLines} from '../lines/field.js';
import {BLANK, text, wrapped, type Line} from '../lines/line.js';
import {messageLines} from '../lines/messages.js';
import {initialPerson, personFeedback, subjectLine, visiblePersonFields, type PersonState} from '../../person.js';
import type {WizardState} from '../../wizard-state.js';
import {Header} from '../components/Header.js';
import {wrapWords} from '../layout.js';
import {Lines} from '../components/Lines.js';
import {theme} from '../theme.js';

export const PERSON_TITLE = 'Add a person to a cluster';
const INTRO = 'A person logs in with a client certificate: the CN is the user, each O a group RBAC can bind. '
  + 'Exam: a key, a CSR and a CertificateSigningRequest an admin approves with kubectl. Local: a kubepki tree’s CA signs here.';

function formLines(s: WizardState, ps: PersonState, width: number): Line[] {
  const fb = personFeedback(s.answers, ps.form);
  const defs = visiblePersonFields(ps.form);
  const labelWidth = labelWidthOf(defs);
  const lines: Line[] = [...wrapped(INTRO, width, {dim: true}), BLANK];
  defs.forEach((d, i) => {
    const value = ps.form[d.id];
    // Messages show once the field has something in it, or for every field after Enter.
    const errors = ps.showErrors || value !== '' ? fb.byField[d.id] ?? [] : [];
    lines.push(...fieldLines({label: d.label, kind: d.kind, value, options: d.options, focused: i === ps.focus, note: d.note, errors, labelWidth, width}));
    if (d.id === 'groups') lines.push(...wrapped(fb.understood, width, {color: theme.ok}, labelWidth + 2));
  });
  const subject = subjectLine(fb);
  if (subject) lines.push(BLANK, ...wrapped(subject, width, {bold: true}));
  if (fb.check.ok) for (const w of fb.check.warnings) lines.push(...messageLines({warnings: [`${w.value} ${w.rule} — ${w.hint}`], width}));
  return lines;
}

/** A step line wrapped under its own text: `  3 sign     exam:   …` continues below the `…`, a numbered command below its number's text. */
function hanging(line: string, width: number): Line[] {
  const prefix = /^\s*(?:\d+\.\s|\d+ \w+\s+)?(?:exam:|manual:)?\s*/.exec(line)?.[0] ?? '';
  const indent = prefix.length < width / 2 ? prefix.length : 0;
  const rows = wrapWords(line.slice(indent), Math.max(10, width - indent));
  return rows.map((row, i) => text(`${i === 0 ? line.slice(0, indent) : ' '.repeat(indent)}${row}`));
}

function resultLines(ps: PersonState, width: number): Line[] {
  if (ps.stage === 'working') return [text('* Writing the key and the request…')];
  if (ps.stage === 'failed' && ps.error) {
    return [...messageLines({errors: [ps.error.message], width}), ...(ps.error.hint ? wrapped(`hint: ${ps.error.hint}`, width, {dim: true}, 2) : []), BLANK,
      text('Nothing was written.')];
  }
  const done = ps.done!;
  return [
    text('✔ Wrote:', {color: theme.ok}),
    ...done.files.flatMap((f) => wrapped(f, width, {color: theme.title}, 2)),
    BLANK,
    ...done.steps.flatMap((l) => hanging(l, width)),
  ];
}

export function PersonScreen({s, width, rows}: {s: WizardState; width: number; rows: number}) {
  const ps = s.person ?? initialPerson(s.answers);
  const all = ps.stage === 'form' ? formLines(s, ps, width) : resultLines(ps, width);
  const room = Math.max(3, rows - 2);
  // The form keeps its focused field in view; the steps scroll.
  const start = ps.stage === 'done' ? Math.min(ps.scroll, Math.max(0, all.length - room)) : Math.max(0, all.length - room);
  const shown = all.slice(start, start + room);
  const more = start + room < all.length ? [text(`↓ ${all.length - start - room} more lines`, {dim: true})] : [];
  return (
    <Box flexDirection="column" width={width}>
      <Header title={PERSON_TITLE} width={width} />
      <Lines width={width} lines={[...shown, ...more]} />
    </Box>
  );
}
