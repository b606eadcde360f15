// The frame every build step shares: header, question, the step's body, the "why" and the live openssl
// preview, side by side from WIDE columns and stacked below. Every part is a Line[] (see lines/line.ts),
// so frameRows adds up the lengths of the arrays drawn here and the preview gets exactly the rows left.

import {Box} from 'ink';
import {lessonById} from '../../../learn/lessons.js';
import type {Preview} from '../../preview.js';
import {STEPS, TOTAL_STEPS} from '../../steps.js';
import {currentStep, type WizardState} from '../../wizard-state.js';
import type {Size} from '../hooks/useStdoutSize.js';
import {frameRows, stepColumns} from '../layout.js';
import {BLANK, text, wrapped, type Line} from '../lines/line.js';
import {whyLines} from '../lines/why.js';
import {Header} from './Header.js';
import {Lines} from './Lines.js';
import {OpensslPreview} from './OpensslPreview.js';

export interface StepFrameProps {
  s: WizardState;
  size: Size;
  /** The step's body at the width the frame gives it. */
  body: (width: number) => Line[];
  preview?: Preview;
  /** Rows the frame may use (the App keeps the footer's). */
  rows: number;
}

const more = (n: number, where: '↑' | '↓'): Line => text(`${where} ${n} more rows: a taller terminal shows them`, {dim: true});

/** The question, a blank row and the body in `count` rows. Short of rows the question goes first (the
 *  header still names the step), then the body's top: what is being edited sits at its bottom. */
function mainLines(question: Line[], body: Line[], count: number): Line[] {
  if (question.length + 1 + body.length <= count) return [...question, BLANK, ...body];
  if (body.length <= count) return body;
  const kept = Math.max(0, count - 1);
  return [more(body.length - kept, '↑'), ...body.slice(body.length - kept)];
}

/** The why panel in `count` rows (only a terminal too short for anything cuts it). */
const whyWithin = (why: Line[], count: number): Line[] =>
  (why.length <= count ? why : [...why.slice(0, Math.max(0, count - 1)), more(why.length - Math.max(0, count - 1), '↓')]);

export function StepFrame({s, size, body, preview, rows}: StepFrameProps) {
  const step = currentStep(s);
  const width = size.columns;
  const cols = stepColumns(width);
  const question = wrapped(step.question, cols.main);
  const bodyLines = body(cols.main);
  const why = whyLines(lessonById(step.lessons[0]!).why, cols.why);
  const fit = frameRows({rows, main: question.length + 1 + bodyLines.length, why: why.length, wide: cols.wide});
  const left = <Lines lines={mainLines(question, bodyLines, fit.main)} width={cols.main} />;
  const right = fit.showWhy ? <Lines lines={whyWithin(why, fit.why)} width={cols.why} /> : null;
  return (
    <Box flexDirection="column" width={width}>
      <Header title={step.title} step={STEPS.indexOf(step) + 1} total={TOTAL_STEPS} width={width} />
      {cols.wide ? (
        <Box flexDirection="row">
          {left}
          {right ? <Box marginLeft={cols.gap}>{right}</Box> : null}
        </Box>
      ) : (
        <Box flexDirection="column">
          {left}
          {right ? <Box marginTop={1}>{right}</Box> : null}
        </Box>
      )}
      {preview && fit.preview > 0 ? <Box marginTop={1}><OpensslPreview preview={preview} maxLines={fit.preview} width={width} /></Box> : null}
    </Box>
  );
}
