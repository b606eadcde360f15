// Validation messages under a field: errors with ✖, warnings with !, so meaning never rests on colour.
// Wrapped here (not by Ink) so screens can count the rows they take.

import {Box, Text} from 'ink';
import {theme} from '../theme.js';
import {wrapWords} from '../layout.js';

const lines = (mark: string, message: string, width: number) =>
  wrapWords(message, Math.max(10, width - 2)).map((l, i) => `${i === 0 ? mark : ' '} ${l}`);

/** Rows the messages take at `width` with `indent`. */
export function messageRows(messages: string[], width: number, indent: number): number {
  return messages.reduce((n, m) => n + lines('✖', m, width - indent).length, 0);
}

export function Messages({errors = [], warnings = [], indent = 2, width}: {errors?: string[]; warnings?: string[]; indent?: number; width: number}) {
  if (errors.length === 0 && warnings.length === 0) return null;
  return (
    <Box flexDirection="column" marginLeft={indent}>
      {errors.flatMap((m, i) => lines('✖', m, width - indent).map((l, j) => <Text key={`e${i}.${j}`} color={theme.error}>{l}</Text>))}
      {warnings.flatMap((m, i) => lines('!', m, width - indent).map((l, j) => <Text key={`w${i}.${j}`} color={theme.warning}>{l}</Text>))}
    </Box>
  );
}
