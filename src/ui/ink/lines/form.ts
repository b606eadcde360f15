// A form step's fields as rows, bound to the answers; errors appear once the user leaves a field or
// presses Enter, so typing is not interrupted by messages about half-typed values.

import type {Answers} from '../../answers.js';
import {warningsUnderAny} from '../../check.js';
import type {Field} from '../../fields.js';
import {fieldErrors} from '../../form.js';
import {fieldLines, labelWidthOf} from './field.js';
import type {Line} from './line.js';

export function formLines(fields: Field[], answers: Answers, focus: number, showErrors: boolean, width: number): Line[] {
  const labelWidth = labelWidthOf(fields);
  return fields.flatMap((field, i) => {
    const focused = i === focus;
    return fieldLines({
      label: field.label, kind: field.kind, value: field.get(answers), focused, labelWidth, width,
      options: field.kind === 'select' ? field.options : undefined,
      note: field.note?.(answers),
      errors: showErrors || !focused ? fieldErrors(field, answers) : [],
      // Checks that are not plan rules (the output folder) have no plan warnings.
      warnings: field.kind === 'text' && field.check ? [] : warningsUnderAny(answers.plan, [field.path]),
    });
  });
}
