// The wizard as a reducer: Answers + where the user is + step history (Esc goes back with answers kept).
// Keys arrive as `key` actions and are interpreted here against the current state, so a burst of keys in
// one chunk (a paste, fast typing) never sees state captured before the burst; the footer reads the same keymap.

import type {ProgressEvent} from '../generate/events.js';
import {LESSONS} from '../learn/lessons.js';
import type {Answers} from './answers.js';
import {doneLines} from './done-text.js';
import {fieldErrors, itemErrors, itemHasErrors, stepErrors, withDraft} from './form.js';
import {visibleFields, type Draft, type ListSpec} from './fields.js';
import {keymap, type KeyInfo} from './keymap.js';
import type {ProduceResult} from './produce.js';
import {existingLines, needsReissue, previewBlocked, type RunPreview} from './existing-preview.js';
import {reviewRowsOf} from './model.js';
import {inspectKeyAction, inspectReducer, openInspect, type InspectAction, type InspectState} from './inspect.js';
import {openPerson, personKeyAction, personReducer, type PersonAction, type PersonState} from './person.js';
import {formFields, onBody, stepList, STEPS, type BodyTable, type PreviewFocus, type StepDef} from './steps.js';

export type Screen = 'home' | 'learn' | 'step' | 'existing' | 'generate' | 'done' | 'person' | 'inspect';
export const HOME_ITEMS = ['build', 'learn', 'person', 'practice', 'inspect', 'quit'] as const;
export type HomeItem = (typeof HOME_ITEMS)[number];
/** Each Home item's label and one-line hint, for both front ends. */
export const HOME_LABELS: Readonly< Record<HomeItem, [string, string]>> = {
  build: ['Build a cluster PKI', 'CA → clients with groups → servers with SANs, step by step'],
  learn: ['Learn TLS basics', 'key pairs, CA/CSR/CRT/PEM/KEY, SANs, system:masters and more'],
  person: ['Add a person to a cluster', 'key + CSR for kubectl (exam flow), or sign with your CA'],
  practice: ['Practice for the CKA/CKS', 'questions, or a hands-on lab with its task, on a cluster made for you'],
  inspect: ['Inspect a PKI or endpoint', 'a certificate, folder or HOST:PORT: every field with its openssl command, findings, map, timeline'],
  quit: ['Quit', ''],
};

export interface EditState {
  /** The item being edited, or -1 for a new one. */
  index: number;
  draft: Draft;
  focus: number;
  showErrors: boolean;
}

export interface GenState {
  status: 'running' | 'aborting' | 'failed';
  /** One line per finished certificate (rendered with <Static>). */
  log: string[];
  current?: string;
  error?: {message: string; details: string[]; hint?: string};
}

/** Between Output and Generate: what the output folder already holds, and what the run will do with it. */
export type ExistingCheck = {status: 'checking'} | {status: 'ready'; preview: RunPreview};

/** `practice`: the learner chose Practice on Home; the command then starts the practice runner. */
export type Outcome = {type: 'done'; result: ProduceResult} | {type: 'cancelled'} | {type: 'quit'} | {type: 'practice'};

export interface WizardState {
  screen: Screen;
  homeCursor: number;
  learnCursor: number;
  step: number;
  history: number[];
  answers: Answers;
  /** Field index on form steps. */
  focus: number;
  /** Row on list, review and done screens. */
  cursor: number;
  edit?: EditState;
  showErrors: boolean;
  showHelp: boolean;
  showCommands: boolean;
  confirmQuit: boolean;
  /** Answers changed or steps taken since the start: quitting asks first. */
  touched: boolean;
  gen?: GenState;
  /** Bumped to (re)start generation; the App's effect runs once per value. */
  runId: number;
  /** Bumped to look at the output folder before generating (the front end's effect runs once per value). */
  previewId: number;
  existing?: ExistingCheck;
  /** The run re-issues what contradicts the plan (generate --force): chosen on the existing-folder screen. */
  force: boolean;
  result?: ProduceResult;
  outcome?: Outcome;
  /** First row of the help overlay. */
  helpScroll: number;
  /** "Add a person to a cluster" (see person.ts). */
  person?: PersonState;
  /** Home → Inspect (see inspect.ts). */
  inspect?: InspectState;
  /** The last first row that still fills the overlay (the front end measures it): scrolling stops there. */
  helpMax?: number;
}

export type Action =
  | {type: 'key'; input: string; key: KeyInfo}
  | {type: 'home-move'; delta: number}
  | {type: 'home-select'; item?: HomeItem}
  | {type: 'learn-move'; delta: number}
  | {type: 'learn-next'}
  | {type: 'help-limit'; max: number}
  | {type: 'next'}
  | {type: 'back'}
  | {type: 'focus'; delta: number}
  | {type: 'type'; text: string}
  | {type: 'erase'}
  | {type: 'cycle'; delta: number}
  | {type: 'move'; delta: number}
  | {type: 'help-scroll'; delta: number}
  | {type: 'list-add'}
  | {type: 'list-edit'}
  | {type: 'list-remove'}
  | {type: 'toggle-help'}
  | {type: 'toggle-commands'}
  | {type: 'interrupt'}
  | {type: 'quit'}
  | {type: 'confirm-quit'; yes: boolean}
  /** `id`: the previewId the folder was looked at for; a late answer for an earlier look is dropped. */
  | {type: 'preview-ready'; id: number; preview?: RunPreview}
  | {type: 'confirm-run'; force: boolean}
  | {type: 'gen-event'; event: ProgressEvent; line?: string}
  | {type: 'gen-note'; line: string}
  | {type: 'gen-done'; result: ProduceResult}
  | {type: 'gen-failed'; message: string; details?: string[]; hint?: string}
  | {type: 'gen-cancelled'}
  | {type: 'retry'}
  | {type: 'finish'}
  | {type: 'person'; action: PersonAction}
  | {type: 'inspect'; action: InspectAction};

export function initialState(answers: Answers, screen: Screen = 'home'): WizardState {
  return {
    screen, homeCursor: 0, learnCursor: 0, step: 0, history: [], answers, focus: 0, cursor: 0,
    showErrors: false, showHelp: false, showCommands: false, confirmQuit: false, touched: false, runId: 0, previewId: 0, force: false, helpScroll: 0,
  };
}

export const currentStep = (s: WizardState): StepDef => STEPS[s.step]!;

/** The answers as they would be with the open list item saved: what previews and tables show. */
export function effectiveAnswers(s: WizardState): Answers {
  const list = stepList(currentStep(s));
  if (s.screen !== 'step' || !list || !s.edit) return s.answers;
  return withDraft(list, s.answers, s.edit.index, s.edit.draft);
}

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));
const wrap = (n: number, size: number) => ((n % size) + size) % size;

function enterStep(s: WizardState, step: number, history: number[]): WizardState {
  const {edit: _drop, ...rest} = s;
  return {...rest, screen: 'step', step, history, focus: 0, cursor: 0, showErrors: false, showHelp: false, showCommands: false};
}

function listOf(s: WizardState): ListSpec | undefined {
  return s.screen === 'step' ? stepList(currentStep(s)) : undefined;
}

function next(s: WizardState): WizardState {
  const step = currentStep(s);
  const list = stepList(step);
  if (list && s.edit) return saveItem(s, list);
  if (stepErrors(step, s.answers).length > 0) {
    const bad = formFields(step).findIndex((f) => fieldErrors(f, s.answers).length > 0);
    return {...s, showErrors: true, focus: bad >= 0 ? bad : s.focus};
  }
  if (s.step === STEPS.length - 1) {
    // Nothing is written before the folder was looked at: a PKI already there is shown first (existing-preview.ts).
    const {gen: _g, ...rest} = s;
    return {...rest, screen: 'existing', existing: {status: 'checking'}, previewId: s.previewId + 1, cursor: 0, force: false, touched: true};
  }
  return {...enterStep(s, s.step + 1, [...s.history, s.step]), touched: true};
}

function startRun(s: WizardState, force: boolean): WizardState {
  const {gen: _g, existing: _e, ...rest} = s;
  return {...rest, screen: 'generate', gen: {status: 'running', log: []}, runId: s.runId + 1, force, cursor: 0};
}

/** Enter (write) or r (re-issue what contradicts the plan) on the existing-folder screen; refused when it cannot go on. */
function confirmRun(s: WizardState, force: boolean): WizardState {
  if (s.screen !== 'existing' || s.existing?.status !== 'ready') return s;
  const {preview} = s.existing;
  // The script only is written now: what it will meet in the folder is for when it runs.
  if (preview.by === 'script') return force ? s : startRun(s, false);
  if (previewBlocked(preview) || needsReissue(preview) !== force) return s;
  return startRun(s, force);
}

function saveItem(s: WizardState, list: ListSpec): WizardState {
  const edit = s.edit!;
  const errors = itemErrors(list, s.answers, edit.index, edit.draft);
  if (itemHasErrors(errors)) {
    const fields = visibleFields(list, edit.draft);
    const bad = fields.findIndex((f) => (errors.byField[f.id] ?? []).length > 0);
    return {...s, edit: {...edit, showErrors: true, focus: bad >= 0 ? bad : edit.focus}};
  }
  const answers = withDraft(list, s.answers, edit.index, edit.draft);
  const cursor = edit.index < 0 ? list.items(answers).length - 1 : edit.index;
  const {edit: _drop, ...rest} = s;
  return {...rest, answers, cursor, touched: true};
}

function back(s: WizardState): WizardState {
  if (s.confirmQuit) return {...s, confirmQuit: false};
  if (s.showHelp) return {...s, showHelp: false};
  switch (s.screen) {
    case 'home':
      return s;
    case 'learn':
      return {...s, screen: 'home'};
    case 'existing': {
      const {existing: _e, ...rest} = s;
      return enterStep(rest, STEPS.length - 1, s.history);
    }
    case 'generate':
      // Only a failed run can be left; a running one is cancelled with Ctrl+C.
      return s.gen?.status === 'failed' ? enterStep(s, STEPS.length - 1, s.history) : s;
    case 'done':
    case 'person':
    case 'inspect':
      return s;
    case 'step': {
      if (s.edit) {
        const {edit: _drop, ...rest} = s;
        return rest;
      }
      if (s.history.length === 0) return {...s, screen: 'home'};
      return enterStep(s, s.history.at(-1)!, s.history.slice(0, -1));
    }
  }
}

function editFocus(s: WizardState, delta: number): WizardState {
  if (s.edit) {
    const fields = visibleFields(listOf(s)!, s.edit.draft);
    return {...s, edit: {...s.edit, focus: wrap(s.edit.focus + delta, fields.length)}};
  }
  const fields = formFields(currentStep(s));
  return fields.length ? {...s, focus: wrap(s.focus + delta, fields.length)} : s;
}

function editValue(s: WizardState, change: (value: string, options?: string[]) => string): WizardState {
  if (s.edit) {
    const list = listOf(s)!;
    const field = visibleFields(list, s.edit.draft)[s.edit.focus];
    if (!field) return s;
    const value = change(s.edit.draft[field.id] ?? '', field.options?.map((o) => o.value));
    return {...s, edit: {...s.edit, draft: {...s.edit.draft, [field.id]: value}}, touched: true};
  }
  const field = formFields(currentStep(s))[s.focus];
  if (!field) return s;
  const value = change(field.get(s.answers), field.kind === 'select' ? field.options.map((o) => o.value) : undefined);
  return {...s, answers: field.set(s.answers, value), touched: true};
}

const cycle = (delta: number) => (value: string, options?: string[]) => {
  if (!options?.length) return value;
  return options[wrap(options.indexOf(value) + delta, options.length)]!;
};

function interrupt(s: WizardState): WizardState {
  if (s.screen === 'generate' && s.gen?.status === 'running') return {...s, gen: {...s.gen, status: 'aborting'}};
  if (s.screen === 'generate' && s.gen?.status === 'aborting') return {...s, outcome: {type: 'cancelled'}};
  if (s.confirmQuit || !s.touched || s.screen === 'done') return {...s, outcome: s.screen === 'done' && s.result ? {type: 'done', result: s.result} : {type: 'cancelled'}};
  return {...s, confirmQuit: true};
}

const CONTROL_IN_TEXT = /[\r\n\t\x7f\b]/;

function charKey(ch: string): {input: string; key: KeyInfo} {
  if (ch === '\r' || ch === '\n') return {input: '', key: {return: true}};
  if (ch === '\t') return {input: '', key: {tab: true}};
  if (ch === '\x7f') return {input: '', key: {delete: true}};
  if (ch === '\b') return {input: '', key: {backspace: true}};
  return {input: ch, key: {}};
}

export function wizardReducer(s: WizardState, action: Action): WizardState {
  if (s.outcome) return s;
  switch (action.type) {
    case 'key': {
      // Ink delivers a run of plain characters as one input ("\r\r", a paste ending in Enter):
      // replay it key by key so Enter, Tab and Backspace inside it still act.
      const k = action.key;
      const named = k.return || k.tab || k.backspace || k.delete || k.ctrl || k.meta || k.escape || k.f1;
      if (!named && CONTROL_IN_TEXT.test(action.input)) {
        return Array.from(action.input).reduce((st, ch) => wizardReducer(st, {type: 'key', ...charKey(ch)}), s);
      }
      if (s.screen === 'person' && !s.confirmQuit) {
        const personal = personKeyAction(s, action.input, action.key);
        return personal ? wizardReducer(s, personal) : s;
      }
      if (s.screen === 'inspect' && !s.confirmQuit && !s.showHelp) {
        const inspecting = inspectKeyAction(s, action.input, action.key);
        return inspecting ? wizardReducer(s, inspecting) : s;
      }
      const binding = keymap(s).find((b) => b.match(action.input, action.key));
      if (binding) return wizardReducer(s, binding.action);
      // Unbound printable keys type into the focused text field.
      const text = action.input.replace(/[\p{Cc}]/gu, '');
      if (text && !action.key.ctrl && !action.key.meta && focusedKind(s) === 'text') return wizardReducer(s, {type: 'type', text});
      return s;
    }
    case 'home-move':
      return {...s, homeCursor: wrap(s.homeCursor + action.delta, HOME_ITEMS.length)};
    case 'home-select': {
      const item = action.item ?? HOME_ITEMS[s.homeCursor]!;
      if (item === 'build') return enterStep(s, s.history.length ? s.step : 0, s.history);
      if (item === 'learn') return {...s, screen: 'learn'};
      if (item === 'person') return openPerson(s);
      if (item === 'practice') return {...s, outcome: {type: 'practice'}};
      if (item === 'inspect') return openInspect(s);
      return {...s, outcome: s.touched ? {type: 'cancelled'} : {type: 'quit'}};
    }
    case 'learn-move':
      return {...s, learnCursor: clamp(s.learnCursor + action.delta, 0, LESSONS.length - 1)};
    case 'learn-next':
      // After the last lesson the way on is to build one.
      return s.learnCursor >= LESSONS.length - 1 ? wizardReducer(s, {type: 'home-select', item: 'build'}) : {...s, learnCursor: s.learnCursor + 1};
    case 'help-limit':
      return s.helpMax === action.max ? s : {...s, helpMax: action.max, helpScroll: Math.min(s.helpScroll, action.max)};
    case 'next':
      return s.screen === 'step' ? next(s) : s;
    case 'back':
      return back(s);
    case 'focus':
      return editFocus(s, action.delta);
    case 'type':
      return editValue(s, (v) => v + action.text);
    case 'erase':
      return editValue(s, (v) => Array.from(v).slice(0, -1).join(''));
    case 'cycle':
      return editValue(s, cycle(action.delta));
    case 'move':
      return {...s, cursor: clamp(s.cursor + action.delta, 0, Math.max(0, rowsOf(s) - 1))};
    case 'help-scroll':
      return {...s, helpScroll: clamp(s.helpScroll + action.delta, 0, s.helpMax ?? Number.MAX_SAFE_INTEGER)};
    case 'list-add': {
      const list = listOf(s);
      return list ? {...s, edit: {index: -1, draft: list.blank(s.answers), focus: 0, showErrors: false}} : s;
    }
    case 'list-edit': {
      const list = listOf(s);
      const draft = list?.items(s.answers)[s.cursor];
      return list && draft ? {...s, edit: {index: s.cursor, draft, focus: 0, showErrors: false}} : s;
    }
    case 'list-remove': {
      const list = listOf(s);
      if (!list) return s;
      const items = list.items(s.answers);
      if (items.length <= list.min || !items[s.cursor] || list.keep?.(s.answers, s.cursor)) return s;
      const answers = list.commit(s.answers, items.filter((_, i) => i !== s.cursor));
      return {...s, answers, cursor: clamp(s.cursor, 0, Math.max(0, items.length - 2)), touched: true};
    }
    case 'toggle-help':
      return {...s, showHelp: !s.showHelp, helpScroll: 0};
    case 'toggle-commands':
      return {...s, showCommands: !s.showCommands};
    case 'interrupt':
      return interrupt(s);
    case 'quit':
      if (s.screen === 'done' && s.result) return {...s, outcome: {type: 'done', result: s.result}};
      return s.touched ? {...s, confirmQuit: true} : {...s, outcome: {type: 'quit'}};
    case 'confirm-quit':
      return action.yes ? {...s, outcome: {type: 'cancelled'}} : {...s, confirmQuit: false};
    case 'preview-ready':
      if (s.screen !== 'existing' || s.existing?.status !== 'checking' || action.id !== s.previewId) return s;
      // An empty folder (or one that cannot be read: the run itself then says why) goes straight on.
      return action.preview ? {...s, existing: {status: 'ready', preview: action.preview}, cursor: 0} : startRun(s, false);
    case 'confirm-run':
      return confirmRun(s, action.force);
    case 'gen-event': {
      if (!s.gen) return s;
      const current = action.event.type === 'key' ? `generating keys ${action.event.done}/${action.event.total}` : s.gen.current;
      return {...s, gen: {...s.gen, current, log: action.line ? [...s.gen.log, action.line] : s.gen.log}};
    }
    case 'gen-note':
      return s.gen ? {...s, gen: {...s.gen, log: [...s.gen.log, action.line]}} : s;
    case 'gen-done':
      return {...s, screen: 'done', result: action.result, cursor: 0, touched: false};
    case 'gen-failed':
      return {...s, gen: {status: 'failed', log: s.gen?.log ?? [], error: {message: action.message, details: action.details ?? [], ...(action.hint ? {hint: action.hint} : {})}}};
    case 'gen-cancelled':
      return {...s, outcome: {type: 'cancelled'}};
    case 'retry':
      return s.gen?.status === 'failed' ? {...s, gen: {status: 'running', log: []}, runId: s.runId + 1} : s;
    case 'finish':
      return s.result ? {...s, outcome: {type: 'done', result: s.result}} : s;
    case 'person':
      return personReducer(s, action.action);
    case 'inspect':
      return inspectReducer(s, action.action);
  }
}

/** Per body kind: the rows the cursor moves over and what the preview looks at. */
const CURSORS: BodyTable<[WizardState], {rows: () => number; focus: () => PreviewFocus}> = {
  lesson: () => ({rows: () => 0, focus: () => ({})}),
  form: () => ({rows: () => 0, focus: () => ({})}),
  list: ({list}, s) => ({
    rows: () => list.items(s.answers).length,
    // The item being edited (a new one is the next index), else the selected one.
    focus: () => ({item: s.edit ? (s.edit.index >= 0 ? s.edit.index : list.items(s.answers).length) : s.cursor}),
  }),
  review: (_body, s) => ({
    rows: () => reviewRowsOf(s.answers).length,
    focus: () => {
      const row = reviewRowsOf(s.answers)[s.cursor];
      return row ? {spec: row.id} : {};
    },
  }),
};

/** What the preview looks at: the list item being edited or selected, or the review row. */
export function focusOf(s: WizardState): PreviewFocus {
  return onBody(CURSORS, currentStep(s).body, s).focus();
}

/** How many rows the cursor can move over on the current screen. */
export function rowsOf(s: WizardState): number {
  if (s.screen === 'done') return s.result ? doneLines(s.result).length : 0;
  if (s.screen === 'existing') return s.existing?.status === 'ready' ? existingLines(s.existing.preview).length : 0;
  if (s.screen !== 'step') return 0;
  return onBody(CURSORS, currentStep(s).body, s).rows();
}

/** What kind of input has the keyboard: letters type into text fields, elsewhere they are commands. */
export function focusedKind(s: WizardState): 'text' | 'select' | 'none' {
  if (s.screen !== 'step' || s.confirmQuit || s.showHelp) return 'none';
  if (s.edit) {
    const list = stepList(currentStep(s));
    return (list && visibleFields(list, s.edit.draft)[s.edit.focus]?.kind) ?? 'none';
  }
  return formFields(currentStep(s))[s.focus]?.kind ?? 'none';
}
