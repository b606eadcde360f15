// A list editor: the items with a cursor, and while one is edited its fields below (Enter saves,
// Esc cancels). Item problems use the plan's messages under `nodes[2].address` and the like.

import {Box, Text} from 'ink';
import type {Answers} from '../../answers.js';
import {visibleFields, type ListSpec} from '../../fields.js';
import {itemErrors} from '../../form.js';
import type {EditState} from '../../wizard-state.js';
import {theme} from '../theme.js';
import {cut, windowAround} from '../layout.js';
import {FieldRow} from './FieldRow.js';
import {messageRows, Messages} from './Messages.js';

export interface ListBodyProps {
  list: ListSpec;
  answers: Answers;
  cursor: number;
  edit?: EditState;
  width: number;
  /** Header line above the items (column titles). */
  heading?: string;
  empty: string;
  /** Most item rows to show (a window around the cursor). */
  maxRows: number;
}

export function listBodyLines(p: ListBodyProps): number {
  const items = p.list.items(p.answers).length;
  let lines = (p.heading ? 1 : 0) + Math.max(1, Math.min(items, p.maxRows)) + (items > p.maxRows ? 1 : 0);
  if (p.edit) {
    const errors = itemErrors(p.list, p.answers, p.edit.index, p.edit.draft);
    const fields = visibleFields(p.list, p.edit.draft);
    lines += 2 + fields.length + 1;
    const shown = [...(p.edit.showErrors ? errors.other : []), ...errors.warnings,
      ...fields.flatMap((f, i) => (p.edit!.showErrors || i !== p.edit!.focus ? errors.byField[f.id] ?? [] : []))];
    const labelWidth = Math.max(0, ...fields.map((f) => f.label.length)) + 2;
    lines += messageRows(shown, p.width, labelWidth + 2);
  }
  return lines;
}

export function ListBody({list, answers, cursor, edit, width, heading, empty, maxRows}: ListBodyProps) {
  const items = list.items(answers);
  const {start, end} = windowAround(cursor, items.length, maxRows);
  const errors = edit ? itemErrors(list, answers, edit.index, edit.draft) : undefined;
  const fields = edit ? visibleFields(list, edit.draft) : [];
  const labelWidth = Math.max(0, ...fields.map((f) => f.label.length)) + 2;
  return (
    <Box flexDirection="column">
      {heading ? <Text dimColor>{cut(`  ${heading}`, width)}</Text> : null}
      {items.length === 0 ? <Text dimColor>{cut(`  ${empty}`, width)}</Text> : null}
      {items.slice(start, end).map((d, j) => {
        const i = start + j;
        const selected = i === cursor && !edit;
        const editing = edit?.index === i;
        return (
          <Text key={i} color={selected || editing ? theme.focus : undefined} bold={selected}>
            {cut(`${selected ? '› ' : editing ? '✎ ' : '  '}${list.summary(d)}`, width)}
          </Text>
        );
      })}
      {items.length > maxRows ? <Text dimColor>  {`(${cursor + 1} of ${items.length})`}</Text> : null}
      {edit && errors ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>{edit.index < 0 ? `New ${list.noun}` : `Edit ${list.noun} ${edit.index + 1}`} <Text dimColor>(Enter saves, Esc cancels)</Text></Text>
          {fields.map((f, i) => {
            const focused = i === edit.focus;
            const note = f.note?.(edit.draft);
            return (
              <FieldRow key={f.id} label={f.label} kind={f.kind} value={edit.draft[f.id] ?? ''} options={f.options}
                focused={focused} {...(note ? {note} : {})}
                errors={edit.showErrors || !focused ? errors.byField[f.id] ?? [] : []} labelWidth={labelWidth} width={width} />
            );
          })}
          <Messages errors={edit.showErrors ? errors.other : []} warnings={errors.warnings} width={width} />
        </Box>
      ) : null}
    </Box>
  );
}
