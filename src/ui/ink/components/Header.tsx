// One line: where the user is (step n of N, title) and the product name.

import {Box, Text} from 'ink';
import {theme} from '../theme.js';
import {cut} from '../layout.js';

export function Header({title, step, total, width}: {title: string; step?: number; total?: number; width: number}) {
  const where = step !== undefined && total !== undefined ? `Step ${step} of ${total} · ` : '';
  return (
    <Box>
      <Text bold color={theme.title}>{cut(`kubepki · ${where}${title}`, width)}</Text>
    </Box>
  );
}
