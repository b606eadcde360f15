// "Learn TLS basics": every lesson, one at a time (list beside it when wide). Bullets wrap under their
// text; Enter goes to the next lesson and after the last one into the build steps.

import {Box} from 'ink';
import {LESSONS} from '../../../learn/lessons.js';
import type {WizardState} from '../../wizard-state.js';
import {Header} from '../components/Header.js';
import {Lines} from '../components/Lines.js';
import {stepColumns} from '../layout.js';
import {text, wrapped, type Line} from '../lines/line.js';
import {theme} from '../theme.js';

const LIST_WIDTH = 30;

/** A lesson's body as rows: `- ` bullets as `  • ` with their later rows under the text. */
export function lessonRows(body: string[], width: number): Line[] {
  return body.flatMap((line) => (line.startsWith('- ') ? wrapped(`  • ${line.slice(2)}`, width, {}, 0, 4) : wrapped(line, width)));
}

export function LearnScreen({s, width}: {s: WizardState; width: number}) {
  const index = Math.min(s.learnCursor, LESSONS.length - 1);
  const lesson = LESSONS[index]!;
  const wide = stepColumns(width).wide;
  const bodyWidth = wide ? width - LIST_WIDTH - 2 : width;
  const body: Line[] = [
    ...wrapped(`${index + 1}/${LESSONS.length} ${lesson.title}`, bodyWidth, {bold: true, color: theme.title}),
    ...lessonRows(lesson.body, bodyWidth),
    ...(index === LESSONS.length - 1 ? [text(''), ...wrapped('That was the last lesson: Enter builds a cluster PKI with them.', bodyWidth, {dim: true})] : []),
  ];
  const list: Line[] = LESSONS.flatMap((l, i) =>
    wrapped(`${i === index ? '› ' : '  '}${l.title}`, LIST_WIDTH, {...(i === index ? {color: theme.focus} : {}), bold: i === index}, 0, 2));
  return (
    <Box flexDirection="column" width={width}>
      <Header title="Learn TLS basics" width={width} />
      {wide ? (
        <Box>
          <Box width={LIST_WIDTH} marginRight={2}><Lines lines={list} width={LIST_WIDTH} /></Box>
          <Lines lines={body} width={bodyWidth} />
        </Box>
      ) : <Lines lines={body} width={width} />}
    </Box>
  );
}
