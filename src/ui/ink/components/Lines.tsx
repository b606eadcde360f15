// Draws Line[] one terminal row per Line: Ink cuts rather than wraps (truncate), so a line can never take
// a second row and the height of what is drawn is always `lines.length`.

import {Box, Text} from 'ink';
import {widthOf, type Line} from '../lines/line.js';

export function Lines({lines, width}: {lines: readonly Line[]; width: number}) {
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {widthOf(line) === 0
            ? ' ' /* Ink gives empty text no height: a blank row needs a character */
            : line.map((s, j) => (
              <Text key={j} color={s.color} bold={s.bold} dimColor={s.dim} inverse={s.inverse}>{s.text}</Text>
            ))}
        </Text>
      ))}
    </Box>
  );
}
