// `?`: the step's lessons in full and the complete openssl preview, scrolled with ↑↓.

import {Box} from 'ink';
import {lessonById} from '../../../learn/lessons.js';
import {currentStep, effectiveAnswers, focusOf, type WizardState} from '../../wizard-state.js';
import {previewLines, stepPreview} from '../../preview.js';
import {modelOf} from '../../model.js';
import {theme} from '../theme.js';
import {text, wrapped, type Line} from '../lines/line.js';
import {Header} from './Header.js';
import {Lines} from './Lines.js';

export function helpLines(s: WizardState): {text: string; bold?: boolean}[] {
  const step = currentStep(s);
  const out: {text: string; bold?: boolean}[] = [];
  for (const id of step.lessons) {
    const lesson = lessonById(id);
    out.push({text: lesson.title, bold: true});
    for (const line of lesson.body) out.push({text: line.startsWith('- ') ? `  • ${line.slice(2)}` : line});
    out.push({text: ''});
  }
  const answers = effectiveAnswers(s);
  const preview = stepPreview(step, answers, focusOf(s));
  // Why each SAN is there: the reasons the narrow SAN list has to cut.
  const model = modelOf(answers);
  if (model && preview.ok) {
    for (const b of preview.blocks) {
      const spec = model.certs.find((c) => c.id === b.spec);
      if (!spec || spec.isCA || Object.keys(spec.sanReasons).length === 0) continue;
      out.push({text: `Why each SAN of ${spec.id}`, bold: true});
      for (const [san, why] of Object.entries(spec.sanReasons)) out.push({text: `  ${san}: ${why}`});
      out.push({text: ''});
    }
  }
  out.push({text: 'The openssl commands of this step', bold: true}, ...previewLines(preview).map((text) => ({text})));
  return out;
}

export function HelpOverlay({s, width, rows}: {s: WizardState; width: number; rows: number}) {
  const paragraphs = helpLines(s);
  // ↑↓ scroll by paragraph line; each is wrapped into rows here, and as many as fit are drawn.
  const start = Math.min(s.helpScroll, Math.max(0, paragraphs.length - 1));
  const room = rows - 2; // the header, and the "more" line
  const shown: Line[] = [];
  let end = start;
  for (; end < paragraphs.length; end++) {
    const p = paragraphs[end]!;
    const wrappedRows = wrapped(p.text, width, p.bold ? {bold: true, color: theme.title} : {});
    if (shown.length + wrappedRows.length > room) break;
    shown.push(...wrappedRows);
  }
  return (
    <Box flexDirection="column" width={width}>
      <Header title={`Help: ${currentStep(s).title}`} width={width} />
      <Lines lines={end < paragraphs.length ? [...shown, text('↓ more', {dim: true})] : shown} width={width} />
    </Box>
  );
}
