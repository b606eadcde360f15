// The short "why" beside every step, from src/learn; wrapped here so the frame can count its rows.

import {Box, Text} from 'ink';
import {wrapWords} from '../layout.js';

export const whyLines = (text: string, width: number): string[] => wrapWords(`Why: ${text}`, width);

export function WhyPanel({text, width}: {text: string; width: number}) {
  return (
    <Box flexDirection="column" width={width}>
      {whyLines(text, width).map((line, i) => (
        <Text key={i}>{i === 0 ? <><Text bold>Why:</Text>{line.slice(4)}</> : line}</Text>
      ))}
    </Box>
  );
}
