// Prompt validators over the step data: the value is put into the answers and checked with the plan rules,
// so plain mode shows exactly the Ink wizard's (and plan validation's) messages.

import type {Answers} from '../answers.js';
import type {Draft, ItemField, ListSpec, TextField} from '../fields.js';
import {fieldErrors, itemErrors} from '../form.js';

export function fieldValidator(field: TextField, answers: () => Answers): (value: string) => true | string {
  return (value) => {
    const errors = fieldErrors(field, field.set(answers(), value));
    return errors.length ? errors.join('\n') : true;
  };
}

export function itemFieldValidator(list: ListSpec, field: ItemField, answers: () => Answers, index: number, draft: () => Draft): (value: string) => true | string {
  return (value) => {
    const errors = itemErrors(list, answers(), index, {...draft(), [field.id]: value}).byField[field.id] ?? [];
    return errors.length ? errors.join('\n') : true;
  };
}
