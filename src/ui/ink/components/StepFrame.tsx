// The frame every build step shares: header, question, the step's body, the "why" and the live openssl
// preview, side by side from 100 columns and stacked below; the preview gets whatever rows are left.

import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {lessonById} from '../../../learn/lessons.js';
import type {Preview} from '../../preview.js';
import {STEPS, TOTAL_STEPS} from '../../steps.js';
import {currentStep, type WizardState} from '../../wizard-state.js';
import type {Size} from '../hooks/useStdoutSize.js';
import {wrapWords} from '../layout.js';
import {WIDE} from '../theme.js';
import {Header} from './Header.js';
import {HelpOverlay} from './HelpOverlay.js';
import {OpensslPreview} from './OpensslPreview.js';
import {WhyPanel, whyLines} from './WhyPanel.js';

export interface StepFrameProps {
  s: WizardState;
  size: Size;
  body: ReactNode;
  /** Rows the body takes (the screens know: one per field, list row, message). */
  bodyLines: number;
  preview?: Preview;
  /** Rows the frame may use (the App keeps the footer's). */
  rows: number;
}

const MIN_PREVIEW = 1;

export function StepFrame({s, size, body, bodyLines, preview, rows}: StepFrameProps) {
  const step = currentStep(s);
  const width = size.columns;
  const number = STEPS.indexOf(step) + 1;
  if (s.showHelp) return <HelpOverlay s={s} width={width} rows={rows} />;
  const why = lessonById(step.lessons[0]!).why;
  const wide = width >= WIDE;
  const whyWidth = wide ? Math.min(44, Math.floor(width * 0.38)) : width;
  const leftWidth = wide ? width - whyWidth - 2 : width;
  const question = wrapWords(step.question, leftWidth);
  const questionRows = question.length;
  let whyRows = whyLines(why, whyWidth).length;
  // On a short terminal a long body wins over the why panel (it stays one `?` away).
  const hideWhy = !wide && questionRows + 1 + bodyLines + 1 + whyRows + 1 + 2 + MIN_PREVIEW > rows;
  if (hideWhy) whyRows = -1;
  const topRows = wide ? Math.max(questionRows + 1 + bodyLines, whyRows) : questionRows + 1 + bodyLines + 1 + whyRows;
  // Header, the gap above the preview and the preview's title line.
  const previewRows = Math.max(MIN_PREVIEW, rows - 1 - topRows - 2);
  const left = (
    <Box flexDirection="column" width={leftWidth}>
      {question.map((line, i) => <Text key={i}>{line}</Text>)}
      <Box flexDirection="column" marginTop={1}>{body}</Box>
    </Box>
  );
  return (
    <Box flexDirection="column" width={width}>
      <Header title={step.title} step={number} total={TOTAL_STEPS} width={width} />
      {wide ? (
        <Box flexDirection="row">
          {left}
          <Box marginLeft={2}><WhyPanel text={why} width={whyWidth} /></Box>
        </Box>
      ) : (
        <Box flexDirection="column">
          {left}
          {hideWhy ? null : <Box marginTop={1}><WhyPanel text={why} width={width} /></Box>}
        </Box>
      )}
      {preview ? <Box marginTop={1}><OpensslPreview preview={preview} maxLines={previewRows} width={width} /></Box> : null}
    </Box>
  );
}
