// One field as rows: label, value (a cursor when a text field has focus, ‹ › around a choice), its note
// while focused, and its messages. Values come from the wizard reducer, not from a component's state.

import type {Option} from '../../fields.js';
import {cut} from '../layout.js';
import {theme} from '../theme.js';
import {fit, type Line, type Span} from './line.js';
import {messageLines} from './messages.js';

export interface FieldView {
  label: string;
  kind: 'text' | 'select';
  value: string;
  options?: Option[] | undefined;
  focused: boolean;
  note?: string | undefined;
  errors: string[];
  warnings?: string[];
  labelWidth: number;
  width: number;
}

/** The label column for these labels: the longest and two spaces. */
export const labelWidthOf = (labels: {label: string}[]): number => Math.max(0, ...labels.map((f) => f.label.length)) + 2;

export function fieldLines({label, kind, value, options, focused, note, errors, warnings = [], labelWidth, width}: FieldView): Line[] {
  const valueWidth = Math.max(8, width - labelWidth - 4);
  const hint = kind === 'select' ? options?.find((o) => o.value === value)?.hint : undefined;
  const shown: Span[] = kind === 'text'
    ? [{text: cut(value, valueWidth - 1)}, ...(focused ? [{text: ' ', inverse: true}] : [])]
    : [{text: focused ? `‹ ${value} ›` : value, ...(focused ? {color: theme.focus} : {})}];
  const head: Line = [
    {text: focused ? '› ' : '  ', ...(focused ? {color: theme.focus} : {})},
    {text: label.padEnd(labelWidth), bold: focused},
    ...shown,
  ];
  const about = focused ? hint || note : undefined;
  return [
    fit(head, width),
    ...(about ? [[{text: ' '.repeat(labelWidth + 2)}, {text: cut(about, width - labelWidth - 2), dim: true}]] : []),
    ...messageLines({errors, warnings, width, indent: labelWidth + 2}),
  ];
}
