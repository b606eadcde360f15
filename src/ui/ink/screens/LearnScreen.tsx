// "Learn TLS basics": every lesson, one at a time (list beside it when wide).

import {Box, Text} from 'ink';
import {LESSONS} from '../../../learn/lessons.js';
import type {WizardState} from '../../wizard-state.js';
import {Header} from '../components/Header.js';
import {cut, stepColumns} from '../layout.js';
import {theme} from '../theme.js';

export function LearnScreen({s, width}: {s: WizardState; width: number}) {
  const index = Math.min(s.learnCursor, LESSONS.length - 1);
  const lesson = LESSONS[index]!;
  const wide = stepColumns(width).wide;
  const bodyWidth = wide ? width - 32 : width;
  const body = (
    <Box flexDirection="column" width={bodyWidth}>
      <Text bold color={theme.title}>{`${index + 1}/${LESSONS.length} ${lesson.title}`}</Text>
      {lesson.body.map((line, i) => <Text key={i}>{line.startsWith('- ') ? `  • ${line.slice(2)}` : line}</Text>)}
    </Box>
  );
  return (
    <Box flexDirection="column" width={width}>
      <Header title="Learn TLS basics" width={width} />
      {wide ? (
        <Box>
          <Box flexDirection="column" width={30} marginRight={2}>
            {LESSONS.map((l, i) => (
              <Text key={l.id} color={i === index ? theme.focus : undefined} bold={i === index}>{cut(`${i === index ? '› ' : '  '}${l.title}`, 30)}</Text>
            ))}
          </Box>
          {body}
        </Box>
      ) : body}
    </Box>
  );
}
