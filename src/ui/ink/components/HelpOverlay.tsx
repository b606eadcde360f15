// F1 (or `?` outside text fields): on a build step its lessons in full, why each SAN is there and the
// complete openssl preview; on the other screens what they are for. Scrolled by rows with ↑↓, never past
// the last full page.

import {Box} from 'ink';
import {useEffect, type Dispatch} from 'react';
import {lessonById, LESSONS} from '../../../learn/lessons.js';
import {keymap} from '../../keymap.js';
import {currentStep, effectiveAnswers, focusOf, type Action, type WizardState} from '../../wizard-state.js';
import {previewLines, stepPreview} from '../../preview.js';
import {modelOf} from '../../model.js';
import {theme} from '../theme.js';
import {text, wrapped, type Line} from '../lines/line.js';
import {Header} from './Header.js';
import {Lines} from './Lines.js';

interface Para {
  text: string;
  bold?: boolean;
  /** Rows after the first start this many columns in (bullets, commands). */
  hang?: number;
}

const bullet = (line: string): Para => (line.startsWith('- ') ? {text: `  • ${line.slice(2)}`, hang: 4} : {text: line});

function lessonParas(ids: string[]): Para[] {
  return ids.flatMap((id) => {
    const lesson = lessonById(id);
    return [{text: lesson.title, bold: true}, ...lesson.body.map(bullet), {text: ''}];
  });
}

/** What the screen under the overlay is for, off the build steps. */
const SCREEN_LESSONS: Record<Exclude<WizardState['screen'], 'step'>, string[]> = {
  home: ['key-pairs', 'tls-in-kubernetes'],
  learn: [],
  existing: ['files', 'inspect'],
  generate: ['files'],
  done: ['inspect', 'files'],
  person: ['client-certs', 'identity', 'system-masters'],
  inspect: ['inspect', 'files'],
};

function stepParas(s: WizardState): Para[] {
  const step = currentStep(s);
  const out: Para[] = lessonParas(step.lessons);
  const answers = effectiveAnswers(s);
  const preview = stepPreview(step, answers, focusOf(s));
  // Why each SAN is there: the reasons the SAN list lays out in a narrow column.
  const model = modelOf(answers);
  if (model && preview.ok) {
    for (const b of preview.blocks) {
      const spec = model.certs.find((c) => c.id === b.spec);
      if (!spec || spec.isCA || Object.keys(spec.sanReasons).length === 0) continue;
      out.push({text: `Why each SAN of ${spec.id}`, bold: true});
      for (const [san, why] of Object.entries(spec.sanReasons)) out.push({text: `  ${san}: ${why}`, hang: 4});
      out.push({text: ''});
    }
  }
  out.push({text: 'The openssl commands of this step', bold: true}, ...previewLines(preview).map((t) => ({text: t, hang: 4})));
  return out;
}

export function helpParas(s: WizardState): Para[] {
  const under = {...s, showHelp: false};
  const keys = keymap(under).filter((k) => k.label).map((k) => `${k.keys} ${k.label}`).join(' · ');
  const body = s.screen === 'step' ? stepParas(s)
    : s.screen === 'learn' ? lessonParas([LESSONS[Math.min(s.learnCursor, LESSONS.length - 1)]!.id])
      : lessonParas(SCREEN_LESSONS[s.screen]);
  return [...body, {text: 'Keys on this screen', bold: true}, {text: keys, hang: 2}];
}

/** Every row of the overlay's text at `width`. */
export function helpRows(s: WizardState, width: number): Line[] {
  return helpParas(s).flatMap((p) => wrapped(p.text, width, p.bold ? {bold: true, color: theme.title} : {}, 0, p.hang ?? 0));
}

const titleOf = (s: WizardState): string => (s.screen === 'step' ? currentStep(s).title : {home: 'kubepki', learn: 'Learn TLS basics', existing: 'Generate: the folder holds a PKI', generate: 'Generate', done: 'Done', person: 'Add a person to a cluster', inspect: 'Inspect'}[s.screen]);

export function HelpOverlay({s, width, rows, dispatch}: {s: WizardState; width: number; rows: number; dispatch: Dispatch<Action>}) {
  const all = helpRows(s, width);
  const room = Math.max(1, rows - 2); // the header, and the "more" line
  const max = Math.max(0, all.length - room);
  useEffect(() => dispatch({type: 'help-limit', max}), [max, dispatch]);
  const start = Math.min(s.helpScroll, max);
  const shown = all.slice(start, start + room);
  const below = all.length - start - shown.length;
  return (
    <Box flexDirection="column" width={width}>
      <Header title={`Help: ${titleOf(s)}`} width={width} />
      <Lines lines={below > 0 ? [...shown, text(`↓ ${below} more rows`, {dim: true})] : shown} width={width} />
    </Box>
  );
}
