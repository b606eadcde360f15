// "Add a person to a cluster" from Home: a small form (name, groups, exam or local signing, CA tree, output
// folder) checked live by the same rules as `kubepki user`, then the files and the steps to take. Pure state,
// its keys and the feedback text; the Ink screen only draws it and runs the work.

import type {PersonCheck, PersonFields, PersonInput, SigningMode} from '../people/person.js';
import {checkPerson} from '../people/person.js';
import {subjectText} from '../pki/model.js';
import {formatProblem} from '../plan/validate.js';
import type {Answers} from './answers.js';
import type {Option} from './fields.js';
import type {Binding, KeyInfo} from './keymap.js';
import {splitGroups} from './steps.js';
import type {Action, WizardState} from './wizard-state.js';

export type PersonFieldId = 'name' | 'groups' | 'signing' | 'caDir' | 'out';
export type PersonForm = Record<PersonFieldId, string>;

export interface PersonFieldDef {
  id: PersonFieldId;
  label: string;
  kind: 'text' | 'select';
  options?: Option[];
  note: string;
  /** Shown only when this holds (the CA tree only for local signing). */
  visible?: (f: PersonForm) => boolean;
}

const isLocal = (f: PersonForm): boolean => f.signing === 'local';

export const PERSON_FIELDS: readonly PersonFieldDef[] = [
  {id: 'name', label: 'Name (CN)', kind: 'text', note: 'RBAC sees this as the user, e.g. jane'},
  {id: 'groups', label: 'Groups (O)', kind: 'text', note: 'comma-separated; each becomes one O, e.g. developers, qa'},
  {id: 'signing', label: 'Signing', kind: 'select', note: '', options: [
    {value: 'exam', label: 'exam', hint: 'the exam flow: a CertificateSigningRequest an admin approves with kubectl'},
    {value: 'local', label: 'local', hint: 'the manual flow: sign here with the CA of a kubepki tree'},
  ]},
  {id: 'caDir', label: 'CA tree', kind: 'text', note: 'the kubepki output folder whose CA signs', visible: isLocal},
  {id: 'out', label: 'Output folder', kind: 'text', note: 'empty: the tree’s users/NAME/ when signing locally, else ./NAME'},
];

export const WIZARD_FIELDS: PersonFields = {
  name: 'name', group: 'groups', days: 'days',
  optIn: 'kubepki user NAME --allow-system-masters --sign', signLocally: 'Signing: local',
};

export interface PersonDone {
  steps: string[];
  files: string[];
}

export interface PersonState {
  form: PersonForm;
  focus: number;
  showErrors: boolean;
  stage: 'form' | 'working' | 'done' | 'failed';
  /** Bumped to start the work; the screen's effect runs once per value. */
  runId: number;
  done?: PersonDone;
  error?: {message: string; hint?: string};
  /** First row shown of the steps. */
  scroll: number;
}

export type PersonAction =
  | {type: 'p-focus'; delta: number}
  | {type: 'p-type'; text: string}
  | {type: 'p-erase'}
  | {type: 'p-cycle'; delta: number}
  | {type: 'p-submit'}
  | {type: 'p-back'}
  | {type: 'p-scroll'; delta: number}
  | {type: 'p-done'; done: PersonDone}
  | {type: 'p-failed'; message: string; hint?: string};

export function initialPerson(answers: Answers): PersonState {
  return {form: {name: '', groups: '', signing: 'exam', caDir: answers.out, out: ''}, focus: 0, showErrors: false, stage: 'form', runId: 0, scroll: 0};
}

export const visiblePersonFields = (f: PersonForm): PersonFieldDef[] => PERSON_FIELDS.filter((d) => d.visible?.(f) ?? true);

export const personInput = (f: PersonForm): PersonInput => ({name: f.name, groups: splitGroups(f.groups), mode: f.signing as SigningMode});

/** The form judged against the plan: problems by field, and what the groups were understood as. */
export interface PersonFeedback {
  check: PersonCheck;
  byField: Partial<Record<PersonFieldId, string[]>>;
  understood: string;
}

const messageOf = (p: {path: string; value: string; rule: string; hint: string}) => formatProblem({...p, path: ''}).replace(/^: /, '');

export function personFeedback(answers: Answers, f: PersonForm): PersonFeedback {
  const input = personInput(f);
  const check = checkPerson(answers.plan, input, WIZARD_FIELDS);
  const byField: PersonFeedback['byField'] = {};
  const add = (id: PersonFieldId, message: string) => (byField[id] = [...(byField[id] ?? []), message]);
  if (!check.ok) for (const p of check.problems) add(p.path === WIZARD_FIELDS.group ? 'groups' : 'name', messageOf(p));
  if (isLocal(f) && f.caDir.trim() === '') add('caDir', 'is empty — name the kubepki output folder whose CA signs');
  const groups = input.groups;
  const understood = groups.length === 0
    ? 'understood: no groups (RBAC can bind the name alone)'
    : `understood: ${groups.length} group${groups.length > 1 ? 's' : ''} → ${groups.map((g) => `O=${g}`).join(', ')}`;
  return {check, byField, understood};
}

/** "O=developers, CN=jane" once the name is valid: the certificate's subject. */
export function subjectLine(fb: PersonFeedback): string | undefined {
  return fb.check.ok ? `Certificate subject: ${subjectText({cn: fb.check.user.name, o: fb.check.user.groups})}` : undefined;
}

const wrap = (n: number, size: number) => ((n % size) + size) % size;

function edit(ps: PersonState, change: (value: string, def: PersonFieldDef) => string): PersonState {
  const def = visiblePersonFields(ps.form)[ps.focus];
  if (!def) return ps;
  return {...ps, form: {...ps.form, [def.id]: change(ps.form[def.id], def)}};
}

/** The person flow's part of the wizard reducer. */
export function personReducer(s: WizardState, a: PersonAction): WizardState {
  const ps = s.person ?? initialPerson(s.answers);
  const set = (next: PersonState): WizardState => ({...s, person: next, touched: true});
  switch (a.type) {
    case 'p-focus':
      return set({...ps, focus: wrap(ps.focus + a.delta, visiblePersonFields(ps.form).length)});
    case 'p-type':
      return set(edit(ps, (v, d) => (d.kind === 'text' ? v + a.text : v)));
    case 'p-erase':
      return set(edit(ps, (v, d) => (d.kind === 'text' ? Array.from(v).slice(0, -1).join('') : v)));
    case 'p-cycle':
      return set(edit(ps, (v, d) => {
        const options = d.options?.map((o) => o.value) ?? [];
        return options.length ? options[wrap(options.indexOf(v) + a.delta, options.length)]! : v;
      }));
    case 'p-submit': {
      if (ps.stage === 'done') return {...s, screen: 'home', person: initialPerson(s.answers)};
      if (ps.stage === 'working') return s;
      const fb = personFeedback(s.answers, ps.form);
      if (!fb.check.ok || Object.keys(fb.byField).length > 0) {
        const bad = visiblePersonFields(ps.form).findIndex((d) => (fb.byField[d.id] ?? []).length > 0);
        return set({...ps, showErrors: true, focus: bad >= 0 ? bad : ps.focus, stage: 'form'});
      }
      const {error: _e, ...rest} = ps;
      return set({...rest, stage: 'working', runId: ps.runId + 1});
    }
    case 'p-back':
      if (ps.stage === 'failed') return set({...ps, stage: 'form'});
      if (ps.stage === 'working') return s;
      return {...s, screen: 'home', ...(ps.stage === 'done' ? {person: initialPerson(s.answers)} : {})};
    case 'p-scroll':
      return {...s, person: {...ps, scroll: Math.max(0, ps.scroll + a.delta)}};
    case 'p-done':
      return {...s, person: {...ps, stage: 'done', done: a.done, scroll: 0}, touched: false};
    case 'p-failed':
      return set({...ps, stage: 'failed', error: {message: a.message, ...(a.hint ? {hint: a.hint} : {})}});
  }
}

/** Opening the flow from Home keeps a half-filled form. */
export function openPerson(s: WizardState): WizardState {
  return {...s, screen: 'person', person: s.person ?? initialPerson(s.answers)};
}

// ---------------------------------------------------------------- keys

const p = (action: PersonAction): Action => ({type: 'person', action});
const b = (keys: string, label: string, match: Binding['match'], action: Action): Binding => ({keys, label, match, action});
const hidden = (match: Binding['match'], action: Action): Binding => ({keys: '', label: '', match, action});
const ctrlC = (input: string, k: KeyInfo) => Boolean(k.ctrl && input === 'c');

export function personKeymap(s: WizardState): Binding[] {
  const ps = s.person ?? initialPerson(s.answers);
  const quit = b('Ctrl+C', 'quit', ctrlC, {type: 'interrupt'});
  if (ps.stage === 'done') {
    return [b('↑↓', 'scroll', (_, k) => Boolean(k.downArrow), p({type: 'p-scroll', delta: 1})), hidden((_, k) => Boolean(k.upArrow), p({type: 'p-scroll', delta: -1})),
      b('Enter/Esc', 'home', (_, k) => Boolean(k.return), p({type: 'p-submit'})), hidden((_, k) => Boolean(k.escape), p({type: 'p-back'})), quit];
  }
  if (ps.stage === 'failed') {
    return [b('Enter', 'try again', (_, k) => Boolean(k.return), p({type: 'p-submit'})), b('Esc', 'edit', (_, k) => Boolean(k.escape), p({type: 'p-back'})), quit];
  }
  if (ps.stage === 'working') return [quit];
  const select = visiblePersonFields(ps.form)[ps.focus]?.kind === 'select';
  return [
    b('Enter', 'write files', (_, k) => Boolean(k.return), p({type: 'p-submit'})),
    b('Esc', 'home', (_, k) => Boolean(k.escape), p({type: 'p-back'})),
    b('Tab/↑↓', 'field', (_, k) => Boolean(k.tab && !k.shift), p({type: 'p-focus', delta: 1})),
    hidden((_, k) => Boolean(k.downArrow), p({type: 'p-focus', delta: 1})),
    hidden((_, k) => Boolean((k.tab && k.shift) || k.upArrow), p({type: 'p-focus', delta: -1})),
    ...(select
      ? [b('←→', 'change', (_, k) => Boolean(k.rightArrow), p({type: 'p-cycle', delta: 1})), hidden((_, k) => Boolean(k.leftArrow), p({type: 'p-cycle', delta: -1})),
        hidden((input) => input === ' ', p({type: 'p-cycle', delta: 1}))]
      : [hidden((_, k) => Boolean(k.backspace || k.delete), p({type: 'p-erase'}))]),
    quit,
  ];
}

/** A key on the person screen as a wizard action: a binding, or a character typed into the focused text field. */
export function personKeyAction(s: WizardState, input: string, key: KeyInfo): Action | undefined {
  const binding = personKeymap(s).find((x) => x.match(input, key));
  if (binding) return binding.action;
  const ps = s.person;
  const typed = input.replace(/[\p{Cc}]/gu, '');
  const focused = ps && ps.stage === 'form' ? visiblePersonFields(ps.form)[ps.focus] : undefined;
  return typed && !key.ctrl && !key.meta && focused?.kind === 'text' ? p({type: 'p-type', text: typed}) : undefined;
}
