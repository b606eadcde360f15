// A list editor as rows: the items with a cursor, and while one is edited its fields below (Enter saves,
// Esc cancels). Item problems use the plan's messages under `nodes[2].address` and the like.

import type {Answers} from '../../answers.js';
import {visibleFields, type ListSpec} from '../../fields.js';
import {itemErrors} from '../../form.js';
import type {EditState} from '../../wizard-state.js';
import {windowAround} from '../layout.js';
import {theme} from '../theme.js';
import {fieldLines, labelWidthOf} from './field.js';
import {BLANK, hanging, text, wrapped, type Line} from './line.js';
import {messageLines} from './messages.js';

export interface ListView {
  list: ListSpec;
  answers: Answers;
  cursor: number;
  edit?: EditState | undefined;
  width: number;
  /** Header line above the items (column titles). */
  heading?: string | undefined;
  empty: string;
  /** Most item rows to show (a window around the cursor). */
  maxRows: number;
}

export function listLines({list, answers, cursor, edit, width, heading, empty, maxRows}: ListView): Line[] {
  const items = list.items(answers);
  const {start, end} = windowAround(cursor, items.length, maxRows);
  const rows: Line[] = [
    ...(heading ? wrapped(heading, width, {dim: true}, 2) : []),
    ...(items.length === 0 ? wrapped(empty, width, {dim: true}, 2) : []),
    ...items.slice(start, end).flatMap((d, j) => {
      const i = start + j;
      const selected = i === cursor && !edit;
      const editing = edit?.index === i;
      const style = {...(selected || editing ? {color: theme.focus} : {}), bold: selected};
      return hanging([{text: selected ? '› ' : editing ? '✎ ' : '  ', ...style}], list.summary(d), width, style);
    }),
    ...(items.length > maxRows ? [text(`  (${cursor + 1} of ${items.length})`, {dim: true})] : []),
  ];
  if (!edit) return rows;
  const errors = itemErrors(list, answers, edit.index, edit.draft);
  const fields = visibleFields(list, edit.draft);
  const labelWidth = labelWidthOf(fields);
  const title = edit.index < 0 ? `New ${list.noun}` : `Edit ${list.noun} ${edit.index + 1}`;
  return [
    ...rows,
    BLANK,
    ...hanging([{text: `${title} `, bold: true}], '(Enter saves, Esc cancels)', width, {dim: true}),
    ...fields.flatMap((f, i) => {
      const focused = i === edit.focus;
      return fieldLines({
        label: f.label, kind: f.kind, value: edit.draft[f.id] ?? '', options: f.options, focused, labelWidth, width,
        note: f.note?.(edit.draft),
        errors: edit.showErrors || !focused ? errors.byField[f.id] ?? [] : [],
      });
    }),
    ...messageLines({errors: edit.showErrors ? errors.other : [], warnings: errors.warnings, width}),
  ];
}
