// The vocabulary of step data: fields bound to the answers, and list editors over string drafts.
// Ink and plain mode render these the same way: a label, a value, a default, the plan path for messages.

import type {Answers} from './answers.js';

export interface Option {
  value: string;
  label: string;
  /** One line shown next to the highlighted option. */
  hint?: string;
}

interface FieldBase {
  id: string;
  label: string;
  /** The plan path validation reports this field's problems under (`networking.serviceSubnet`). */
  path: string;
  /** A live remark under the value ("first IP 10.96.0.1 becomes a SAN"). */
  note?: (a: Answers) => string | undefined;
}

export interface TextField extends FieldBase {
  kind: 'text';
  get: (a: Answers) => string;
  set: (a: Answers, value: string) => Answers;
  /** Checks that are not plan rules (the output folder); plan fields are checked by validatePlan. */
  check?: (value: string) => string | undefined;
}

export interface SelectField extends FieldBase {
  kind: 'select';
  options: Option[];
  get: (a: Answers) => string;
  set: (a: Answers, value: string) => Answers;
}

export type Field = TextField | SelectField;

/** A list item while it is being edited: every value as text. */
export type Draft = Record<string, string>;

export interface ItemField {
  id: string;
  label: string;
  kind: 'text' | 'select';
  options?: Option[];
  /** Path below the item (`address`) validation reports under: `nodes[2].address`. */
  path: string;
  /** Hidden unless this holds (the system-group opt-in appears only for system: groups). */
  visible?: (draft: Draft) => boolean;
  note?: (draft: Draft) => string | undefined;
}

export interface ListSpec {
  id: 'nodes' | 'users' | 'sans';
  /** "node", "user", "extra SAN". */
  noun: string;
  /** Plan path of the array (`nodes`, `users`, `apiServer.certSANs`). */
  path: string;
  items: (a: Answers) => Draft[];
  /** Answers with the list replaced by `drafts`. */
  commit: (a: Answers, drafts: Draft[]) => Answers;
  blank: (a: Answers) => Draft;
  fields: ItemField[];
  /** One line per item in the list view. */
  summary: (d: Draft) => string;
  /** Items that may not be removed below this count. */
  min: number;
  /** Why item `index` may not be removed (the only control-plane node), or undefined when it may. */
  keep?: (a: Answers, index: number) => string | undefined;
}

/** An article for a noun: "an extra SAN", "a node". */
export const withArticle = (noun: string): string => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;

export const visibleFields = (list: ListSpec, draft: Draft): ItemField[] =>
  list.fields.filter((f) => !f.visible || f.visible(draft));
