// Step 10: the file tree by node, the flags that read each file, and next steps; ↑↓ scrolls.

import {Box, Text} from 'ink';
import {doneLines} from '../../done-text.js';
import {TOTAL_STEPS} from '../../steps.js';
import type {WizardState} from '../../wizard-state.js';
import {Header} from '../components/Header.js';
import {cut} from '../layout.js';
import {theme} from '../theme.js';

export function DoneScreen({s, width, rows}: {s: WizardState; width: number; rows: number}) {
  if (!s.result) return null;
  const lines = doneLines(s.result);
  const room = Math.max(3, rows - 2);
  const start = Math.min(s.cursor, Math.max(0, lines.length - room));
  return (
    <Box flexDirection="column" width={width}>
      <Header title="Done" step={TOTAL_STEPS} total={TOTAL_STEPS} width={width} />
      {lines.slice(start, start + room).map((l, i) => (
        <Text key={start + i} bold={l.style === 'title'} dimColor={l.style === 'dim'}
          color={l.style === 'ok' ? theme.ok : l.style === 'path' ? theme.title : undefined}>
          {cut(l.text, width)}
        </Text>
      ))}
      {start + room < lines.length ? <Text dimColor>{`↓ ${lines.length - start - room} more lines`}</Text> : null}
    </Box>
  );
}
