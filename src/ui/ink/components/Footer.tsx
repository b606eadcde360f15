// The key hints of the current screen, built from the same keymap the reducer interprets.

import {Box, Text} from 'ink';
import type {Binding} from '../../keymap.js';
import {cut} from '../layout.js';

export function Footer({bindings, width}: {bindings: Binding[]; width: number}) {
  const text = bindings.filter((b) => b.label).map((b) => `${b.keys} ${b.label}`).join(' · ');
  return (
    <Box>
      <Text dimColor>{cut(text, width)}</Text>
    </Box>
  );
}
