// One field: label, value (a cursor when a text field has focus, ‹ › around a choice), its note
// while focused, and its messages. Values are controlled by the wizard reducer, not by the component.

import {Box, Text} from 'ink';
import type {Option} from '../../fields.js';
import {theme} from '../theme.js';
import {cut} from '../layout.js';
import {Messages} from './Messages.js';

export interface FieldRowProps {
  label: string;
  kind: 'text' | 'select';
  value: string;
  options?: Option[];
  focused: boolean;
  note?: string;
  errors: string[];
  warnings?: string[];
  labelWidth: number;
  width: number;
}

export function FieldRow({label, kind, value, options, focused, note, errors, warnings, labelWidth, width}: FieldRowProps) {
  const valueWidth = Math.max(8, width - labelWidth - 4);
  const hint = kind === 'select' ? options?.find((o) => o.value === value)?.hint : undefined;
  return (
    <Box flexDirection="column">
      <Box>
        <Text color={focused ? theme.focus : undefined}>{focused ? '› ' : '  '}</Text>
        <Text bold={focused}>{label.padEnd(labelWidth)}</Text>
        {kind === 'text' ? (
          <Text>
            {cut(value, valueWidth - 1)}
            {focused ? <Text inverse> </Text> : null}
          </Text>
        ) : (
          <Text color={focused ? theme.focus : undefined}>{focused ? `‹ ${value} ›` : value}</Text>
        )}
      </Box>
      {focused && (hint || note) ? <Box marginLeft={labelWidth + 2}><Text dimColor>{cut(hint ?? note ?? '', width - labelWidth - 2)}</Text></Box> : null}
      <Messages errors={errors} warnings={warnings ?? []} indent={labelWidth + 2} width={width} />
    </Box>
  );
}
