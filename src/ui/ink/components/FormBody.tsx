// A form step's fields, bound to the answers; errors appear once the user leaves a field or presses
// Enter, so typing is not interrupted by messages about half-typed values.

import {Box} from 'ink';
import type {Answers} from '../../answers.js';
import {warningsUnderAny} from '../../check.js';
import type {Field} from '../../fields.js';
import {fieldErrors} from '../../form.js';
import {messageRows} from './Messages.js';

const labelWidthOf = (fields: Field[]): number => Math.max(0, ...fields.map((f) => f.label.length)) + 2;
import {FieldRow} from './FieldRow.js';

export interface FormModel {
  rows: {field: Field; value: string; errors: string[]; warnings: string[]; note?: string; focused: boolean}[];
  lines: number;
}

export function formModel(fields: Field[], answers: Answers, focus: number, showErrors: boolean, width: number): FormModel {
  let lines = 0;
  const labelWidth = labelWidthOf(fields);
  const rows = fields.map((field, i) => {
    const focused = i === focus;
    const all = fieldErrors(field, answers);
    const errors = showErrors || !focused ? all : [];
    const warnings = field.kind === 'text' && field.check ? [] : warningsUnderAny(answers.plan, [field.path]);
    const note = field.note?.(answers);
    const hint = field.kind === 'select' ? field.options.find((o) => o.value === field.get(answers))?.hint : undefined;
    lines += 1 + (focused && (note || hint) ? 1 : 0) + messageRows([...errors, ...warnings], width, labelWidth + 2);
    return {field, value: field.get(answers), errors, warnings, ...(note ? {note} : {}), focused};
  });
  return {rows, lines};
}

export function FormBody({model, width}: {model: FormModel; width: number}) {
  const labelWidth = labelWidthOf(model.rows.map((r) => r.field));
  return (
    <Box flexDirection="column">
      {model.rows.map((r) => (
        <FieldRow key={r.field.id} label={r.field.label} kind={r.field.kind} value={r.value}
          options={r.field.kind === 'select' ? r.field.options : undefined} focused={r.focused}
          {...(r.note ? {note: r.note} : {})} errors={r.errors} warnings={r.warnings} labelWidth={labelWidth} width={width} />
      ))}
    </Box>
  );
}
