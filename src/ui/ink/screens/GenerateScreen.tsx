// Step 9: one line per finished certificate (<Static>, so the log scrolls like normal output) and a
// spinner for the work in progress; a failure is shown in place with what to do.

import {Spinner} from '@inkjs/ui';
import {Box, Static, Text} from 'ink';
import type {WizardState} from '../../wizard-state.js';
import {Header} from '../components/Header.js';
import {theme} from '../theme.js';
import {TOTAL_STEPS} from '../../steps.js';

export function GenerateScreen({s, width}: {s: WizardState; width: number}) {
  const gen = s.gen;
  return (
    <Box flexDirection="column" width={width}>
      <Static items={gen?.log ?? []}>{(line, i) => <Text key={i}>{line}</Text>}</Static>
      <Header title="Generate" step={TOTAL_STEPS - 1} total={TOTAL_STEPS} width={width} />
      {gen?.status === 'running' ? <Spinner label={gen.current ?? `writing to ${s.answers.out}…`} /> : null}
      {gen?.status === 'aborting' ? <Text color={theme.warning}>! Cancelling: removing the staging folder…</Text> : null}
      {gen?.status === 'failed' && gen.error ? (
        <Box flexDirection="column">
          <Text color={theme.error}>✖ {gen.error.message}</Text>
          {gen.error.details.map((d, i) => <Text key={i}>  {d}</Text>)}
          {gen.error.hint ? <Text>  hint: {gen.error.hint}</Text> : null}
          <Text dimColor>Nothing was written. Esc goes back to the output step (another folder), Enter tries again.</Text>
        </Box>
      ) : null}
    </Box>
  );
}
