// Prompt validators over the step data: the value is put into the answers and checked with the plan rules,
// so plain mode shows exactly the Ink wizard's (and plan validation's) messages.

import type {Answers} from '../answers.js';
import {visibleFields, type Draft, type ItemField, type ListSpec, type TextField} from '../fields.js';
import {fieldErrors, itemErrors} from '../form.js';

export function fieldValidator(field: TextField, answers: () => Answers): (value: string) => true | string {
  return (value) => {
    const errors = fieldErrors(field, field.set(answers(), value));
    return errors.length ? errors.join('\n') : true;
  };
}

/** A value is accepted when some answer to the choices still to come makes it valid: `system:masters` in the
 *  groups passes here, and the "Allow system: groups" choice it brings up is asked next (the item as a whole
 *  is checked again after its last field). */
export function itemFieldValidator(list: ListSpec, field: ItemField, answers: () => Answers, index: number, draft: () => Draft): (value: string) => true | string {
  return (value) => {
    const typed = {...draft(), [field.id]: value};
    const fields = visibleFields(list, typed);
    const later = fields.slice(fields.indexOf(field) + 1).filter((f) => f.kind === 'select' && f.options?.length);
    const candidates = [typed, ...later.flatMap((f) => f.options!.map((o) => ({...typed, [f.id]: o.value})))];
    const verdicts = candidates.map((d) => itemErrors(list, answers(), index, d).byField[field.id] ?? []);
    return verdicts.some((e) => e.length === 0) ? true : verdicts[0]!.join('\n');
  };
}
