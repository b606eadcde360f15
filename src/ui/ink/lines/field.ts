// One field as rows: label, value (a cursor when a text field has focus, ‹ › around a choice), its note
// while focused, and its messages. Values come from the wizard reducer, not from a component's state.
// Nothing is cut: a long value or note wraps under the value's column.

import type {Option} from '../../fields.js';
import {theme} from '../theme.js';
import {hanging, type Line, type Span} from './line.js';
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

/** A text value in rows of the value column: broken anywhere (a value has no word boundaries to honour). */
function valueRows(value: string, width: number): string[] {
  const rows: string[] = [];
  for (let i = 0; i < value.length; i += width) rows.push(value.slice(i, i + width));
  return rows.length ? rows : [''];
}

export function fieldLines({label, kind, value, options, focused, note, errors, warnings = [], labelWidth, width}: FieldView): Line[] {
  // A label wider than half the width moves the value to the row below it.
  const inline = labelWidth + 2 <= Math.floor(width / 2);
  const column = inline ? labelWidth + 2 : 4;
  const valueWidth = Math.max(8, width - column - 1);
  const hint = kind === 'select' ? options?.find((o) => o.value === value)?.hint : undefined;
  const mark: Span = {text: focused ? '› ' : '  ', ...(focused ? {color: theme.focus} : {})};
  const labelSpan: Span = {text: inline ? label.padEnd(labelWidth) : label, bold: focused};
  const pad: Span = {text: ' '.repeat(column)};
  let values: Line[];
  if (kind === 'text') {
    const rows = valueRows(value, valueWidth);
    values = rows.map((r, i) => [{text: r}, ...(focused && i === rows.length - 1 ? [{text: ' ', inverse: true}] : [])]);
  } else {
    values = [[{text: focused ? `‹ ${value} ›` : value, ...(focused ? {color: theme.focus} : {})}]];
  }
  const head: Line[] = inline
    ? values.map((v, i) => (i === 0 ? [mark, labelSpan, ...v] : [pad, ...v]))
    : [[mark, labelSpan], ...values.map((v) => [pad, ...v])];
  const about = focused ? hint || note : undefined;
  return [
    ...head,
    ...(about ? hanging([pad], about, width, {dim: true}) : []),
    ...messageLines({errors, warnings, width, indent: column}),
  ];
}
