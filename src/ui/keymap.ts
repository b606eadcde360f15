// Which keys do what on the current screen. The reducer interprets keys with it and the footer prints
// it, so the hints can never disagree with the handlers. Letters are commands only when no text field
// has focus; Ctrl+C always works.

import {LESSONS} from '../learn/lessons.js';
import {visibleFields} from './fields.js';
import {inspectKeymap} from './inspect.js';
import {personKeymap} from './person.js';
import {needsReissue, previewBlocked} from './existing-preview.js';
import {isLastStep, onBody, type BodyTable} from './steps.js';
import type {Action, WizardState} from './wizard-state.js';
import {currentStep, focusedKind} from './wizard-state.js';

/** The subset of Ink's Key the wizard reads (plain data, so the reducer stays free of Ink). */
export interface KeyInfo {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  meta?: boolean;
  /** F1: Ink 6 gives function keys no flag, so the App reads their escape sequence itself (see isF1). */
  f1?: boolean;
}

/** F1 as terminals send it: xterm `ESC O P`, `ESC [ 1 1 ~` (rxvt), `ESC [ [ A` (Linux console), and the
 *  CSI forms with modifiers (`ESC [ 1 ; 2 P`). Ctrl+F1 (`;5P`) is left out: Ink 6.8 crashes on it first. */
const F1_SEQUENCES = new Set(['OP', '[11~', '[[A', '[P', '[1;2P', '[1;3P', '[1;4P'].map((tail) => `\u001B${tail}`));
export const isF1 = (sequence: string): boolean => F1_SEQUENCES.has(sequence);

export interface Binding {
  /** How the footer names the key: `Enter`, `↑↓`, `a`. */
  keys: string;
  /** What it does, in two or three words; empty bindings are not shown. */
  label: string;
  match: (input: string, key: KeyInfo) => boolean;
  action: Action;
}

const letter = (ch: string) => (input: string, key: KeyInfo) => input === ch && !key.ctrl && !key.meta;
const enter = (_: string, k: KeyInfo) => Boolean(k.return);
// Ink 6 delivers Esc with meta set too (and Alt+x also starts with Esc): test escape alone.
const esc = (_: string, k: KeyInfo) => Boolean(k.escape);
const up = (_: string, k: KeyInfo) => Boolean(k.upArrow);
const down = (_: string, k: KeyInfo) => Boolean(k.downArrow);
const tabFwd = (_: string, k: KeyInfo) => Boolean(k.tab && !k.shift);
const tabBack = (_: string, k: KeyInfo) => Boolean(k.tab && k.shift);
const erase = (_: string, k: KeyInfo) => Boolean(k.backspace || k.delete); // Ink 6 parses 0x7f, what Backspace sends, as `delete`
const ctrlC = (input: string, k: KeyInfo) => Boolean(k.ctrl && input === 'c');

const b = (keys: string, label: string, match: Binding['match'], action: Action): Binding => ({keys, label, match, action});
const hidden = (match: Binding['match'], action: Action): Binding => ({keys: '', label: '', match, action});

function fieldKeys(kind: 'text' | 'select' | 'none', fieldCount: number): Binding[] {
  const out: Binding[] = [];
  if (fieldCount > 1) {
    out.push(b('Tab/↑↓', 'field', tabFwd, {type: 'focus', delta: 1}), hidden(down, {type: 'focus', delta: 1}),
      hidden(tabBack, {type: 'focus', delta: -1}), hidden(up, {type: 'focus', delta: -1}));
  }
  if (kind === 'select') {
    out.push(b('←→', 'change', (_, k) => Boolean(k.rightArrow), {type: 'cycle', delta: 1}),
      hidden((_, k) => Boolean(k.leftArrow), {type: 'cycle', delta: -1}), hidden(letter(' '), {type: 'cycle', delta: 1}));
  }
  if (kind === 'text') out.push(hidden(erase, {type: 'erase'}));
  return out;
}

const f1 = (_: string, k: KeyInfo) => Boolean(k.f1);

/** Help opens everywhere with F1, which no field takes; `?` too where letters are commands (in a text
 *  field `?` is text). The footer always names it. */
export function helpKey(s: WizardState): Binding {
  const inText = focusedKind(s) === 'text';
  return b(inText ? 'F1' : 'F1/?', 'help', inText ? f1 : (input, k) => f1(input, k) || letter('?')(input, k), {type: 'toggle-help'});
}

function commandKeys(s: WizardState): Binding[] {
  // Letters belong to the text field while it has focus.
  if (focusedKind(s) === 'text') return [helpKey(s), b('Ctrl+C', 'quit', ctrlC, {type: 'interrupt'})];
  return [helpKey(s), b('q', 'quit', letter('q'), {type: 'quit'}), hidden(ctrlC, {type: 'interrupt'})];
}

/** Enter and Esc on a build step: Enter on the last one starts Generate. */
function moveKeys(s: WizardState): Binding[] {
  return [b('Enter', isLastStep(currentStep(s)) ? 'generate' : 'next', enter, {type: 'next'}), b('Esc', 'back', esc, {type: 'back'})];
}

/** The keys of a build step, by what its body is. */
export const STEP_KEYS: BodyTable<[WizardState], Binding[]> = {
  lesson: (_body, s) => [...moveKeys(s), ...commandKeys(s)],
  form: ({fields}, s) => [...moveKeys(s), ...fieldKeys(focusedKind(s), fields.length), ...commandKeys(s)],
  list: ({list}, s) => {
    if (s.edit) {
      return [b('Enter', `save ${list.noun}`, enter, {type: 'next'}), b('Esc', 'cancel', esc, {type: 'back'}),
        ...fieldKeys(focusedKind(s), visibleFields(list, s.edit.draft).length),
        helpKey(s), b('Ctrl+C', 'quit', ctrlC, {type: 'interrupt'})];
    }
    const items = list.items(s.answers).length;
    return [
      ...moveKeys(s),
      ...(items > 1 ? [b('↑↓', 'select', down, {type: 'move', delta: 1}), hidden(up, {type: 'move', delta: -1})] : []),
      b('a', 'add', letter('a'), {type: 'list-add'}),
      ...(items > 0 ? [b('e', 'edit', letter('e'), {type: 'list-edit'})] : []),
      ...(items > list.min && !list.keep?.(s.answers, s.cursor) ? [b('d', 'remove', letter('d'), {type: 'list-remove'})] : []),
      ...commandKeys(s),
    ];
  },
  review: (_body, s) => [
    ...moveKeys(s),
    b('↑↓', 'row', down, {type: 'move', delta: 1}), hidden(up, {type: 'move', delta: -1}),
    hidden((_, k) => Boolean(k.pageDown), {type: 'move', delta: 10}), hidden((_, k) => Boolean(k.pageUp), {type: 'move', delta: -10}),
    b('o', s.showCommands ? 'hide openssl' : 'show openssl', letter('o'), {type: 'toggle-commands'}),
    ...commandKeys(s),
  ],
};

/** The existing-folder screen: write, re-issue what contradicts the plan (only then), or go back to the Output step. */
function existingKeys(s: WizardState): Binding[] {
  const quit = [helpKey(s), b('q', 'quit', letter('q'), {type: 'quit'}), hidden(ctrlC, {type: 'interrupt'})];
  if (s.existing?.status !== 'ready') return [b('Esc', 'back', esc, {type: 'back'}), ...quit];
  const p = s.existing.preview;
  const go: Binding[] = p.by === 'script' ? [b('Enter', 'write the script', enter, {type: 'confirm-run', force: false})]
    : previewBlocked(p) ? []
      : needsReissue(p) ? [b('r', 're-issue these', letter('r'), {type: 'confirm-run', force: true})]
        : [b('Enter', 'write', enter, {type: 'confirm-run', force: false})];
  return [...go, b('Esc', 'back to Output', esc, {type: 'back'}),
    b('↑↓', 'scroll', down, {type: 'move', delta: 1}), hidden(up, {type: 'move', delta: -1}),
    hidden((_, k) => Boolean(k.pageDown), {type: 'move', delta: 10}), hidden((_, k) => Boolean(k.pageUp), {type: 'move', delta: -10}),
    ...quit];
}

export function keymap(s: WizardState): Binding[] {
  if (s.confirmQuit) {
    return [b('y', 'quit without saving', letter('y'), {type: 'confirm-quit', yes: true}),
      b('n/Esc', 'stay', letter('n'), {type: 'confirm-quit', yes: false}), hidden(esc, {type: 'confirm-quit', yes: false}),
      hidden(enter, {type: 'confirm-quit', yes: false}), hidden(ctrlC, {type: 'interrupt'})];
  }
  if (s.showHelp) {
    return [b('Esc/F1', 'close help', esc, {type: 'toggle-help'}), hidden(f1, {type: 'toggle-help'}), hidden(letter('?'), {type: 'toggle-help'}),
      b('↑↓', 'scroll', down, {type: 'help-scroll', delta: 1}), hidden(up, {type: 'help-scroll', delta: -1}),
      hidden((_, k) => Boolean(k.pageDown), {type: 'help-scroll', delta: 10}), hidden((_, k) => Boolean(k.pageUp), {type: 'help-scroll', delta: -10}),
      hidden(enter, {type: 'toggle-help'}), b('Ctrl+C', 'quit', ctrlC, {type: 'interrupt'})];
  }
  switch (s.screen) {
    case 'home':
      return [b('↑↓', 'choose', down, {type: 'home-move', delta: 1}), hidden(up, {type: 'home-move', delta: -1}),
        b('Enter', 'open', enter, {type: 'home-select'}), helpKey(s), b('q', 'quit', letter('q'), {type: 'quit'}), hidden(ctrlC, {type: 'interrupt'})];
    case 'learn':
      return [b('↑↓', 'lesson', down, {type: 'learn-move', delta: 1}), hidden(up, {type: 'learn-move', delta: -1}),
        b('Enter', s.learnCursor >= LESSONS.length - 1 ? 'build a PKI' : 'next lesson', enter, {type: 'learn-next'}),
        b('Esc', 'back', esc, {type: 'back'}),
        helpKey(s), b('q', 'quit', letter('q'), {type: 'quit'}), hidden(ctrlC, {type: 'interrupt'})];
    case 'step':
      return onBody(STEP_KEYS, currentStep(s).body, s);
    case 'existing':
      return existingKeys(s);
    case 'generate':
      if (s.gen?.status === 'failed') {
        return [b('Enter', 'try again', enter, {type: 'retry'}), b('Esc', 'change output', esc, {type: 'back'}),
          helpKey(s), b('q', 'quit', letter('q'), {type: 'quit'}), hidden(ctrlC, {type: 'interrupt'})];
      }
      return [b('Ctrl+C', s.gen?.status === 'aborting' ? 'again to stop now' : 'cancel', ctrlC, {type: 'interrupt'}), helpKey(s)];
    case 'person':
      return personKeymap(s);
    case 'inspect':
      return inspectKeymap(s);
    case 'done':
      return [b('↑↓', 'scroll', down, {type: 'move', delta: 1}), hidden(up, {type: 'move', delta: -1}),
        hidden((_, k) => Boolean(k.pageDown), {type: 'move', delta: 10}), hidden((_, k) => Boolean(k.pageUp), {type: 'move', delta: -10}),
        b('Enter/q', 'exit', enter, {type: 'finish'}), helpKey(s), hidden(letter('q'), {type: 'finish'}), hidden(ctrlC, {type: 'finish'})];
  }
}
