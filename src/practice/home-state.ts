// The practice runner before any question: the chooser, the lab being made, the lab screen, and how it ends.
// One pure reducer and one keymap the Ink runner both handles keys with and prints as its footer.

import type {KeyInfo} from '../ui/keymap.js';
import {chooserReducer, defaultLabFolder, initialChooser, type ChooserAction, type ChooserState, type Choice} from './chooser.js';
import {initialLabScreen, labScreenReducer, type LabScreenAction, type LabScreenState} from './lab-screen.js';
import {labById} from './labs/definitions.js';
import type {CheckItem} from './labs/types.js';
import type {Para} from './text.js';

/** The lab work the runners do, handed in (tests pass pool keys to `make`). */
export interface LabWork {
  /** Makes lab `id` in `dir` (absolute) and returns its TASK.md; throws LabError with a one-line reason. */
  make: (id: string, dir: string) => Promise<string>;
  check: (id: string, dir: string) => Promise<CheckItem[]>;
  /** The folder offered for a lab (one not in use yet). */
  suggest?: (id: string) => string;
  /** Makes a typed folder absolute. */
  resolve: (folder: string) => string;
}

export interface LabRef {
  id: string;
  dir: string;
}

/** How the chooser ended: questions to ask, or leaving (after Quit or Ctrl+C), naming the labs made. */
export type PracticeOutcome =
  | {type: 'questions'; choice: Extract<Choice, {type: 'questions'}>; labs: LabRef[]}
  | {type: 'quit'; labs: LabRef[]}
  | {type: 'cancelled'; labs: LabRef[]};

export interface HomeState {
  chooser: ChooserState;
  /** The lab being made (the folder already absolute). */
  making?: LabRef;
  lab?: LabScreenState;
  /** Labs made in this run, newest last: they stay, and the goodbye says how to check them. */
  labs: LabRef[];
  outcome?: PracticeOutcome;
}

export type HomeAction =
  | {type: 'chooser'; action: ChooserAction}
  | {type: 'made'; id: string; dir: string; task: string}
  | {type: 'make-failed'; reason: string}
  | {type: 'lab'; action: LabScreenAction}
  | {type: 'leave-lab'}
  | {type: 'quit'}
  | {type: 'cancel'};

export const initialHome = (): HomeState => ({chooser: initialChooser(), labs: []});

export function homeReducer(s: HomeState, a: HomeAction, work: Pick<LabWork, 'suggest' | 'resolve'>): HomeState {
  switch (a.type) {
    case 'chooser': {
      const chooser = chooserReducer(s.chooser, a.action, work.suggest ?? defaultLabFolder);
      if (chooser.quit) return {...s, chooser, outcome: {type: 'quit', labs: s.labs}};
      const chosen = chooser.chosen;
      if (chosen?.type === 'questions') return {...s, chooser, outcome: {type: 'questions', choice: chosen, labs: s.labs}};
      if (chosen?.type === 'lab') return {...s, chooser, making: {id: chosen.id, dir: work.resolve(chosen.folder)}};
      return {...s, chooser};
    }
    case 'made': {
      const {making: _done, ...rest} = s;
      return {...rest, lab: initialLabScreen({id: a.id, title: labById(a.id)?.title ?? a.id}, a.dir, a.task), labs: [...s.labs, {id: a.id, dir: a.dir}]};
    }
    case 'make-failed': {
      const {making: _done, ...rest} = s;
      return {...rest, chooser: chooserReducer(s.chooser, {type: 'refused', reason: a.reason})};
    }
    case 'lab':
      return s.lab ? {...s, lab: labScreenReducer(s.lab, a.action)} : s;
    case 'leave-lab': {
      // Back to the list of labs, the cursor on the one just left.
      const {lab: _left, ...rest} = s;
      return {...rest, chooser: chooserReducer(s.chooser, {type: 'back'})};
    }
    case 'quit':
      return {...s, outcome: {type: 'quit', labs: s.labs}};
    case 'cancel':
      return {...s, outcome: {type: 'cancelled', labs: s.labs}};
  }
}

/** An error as the one line the learner sees (a LabError's message is that line already). */
export const oneLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

export const makingParas = (m: LabRef): Para[] =>
  [{text: `Making the lab ${m.id} in ${m.dir}: a cluster’s keys and certificates, a few seconds…`, tone: 'dim'}];

/** Makes the lab being asked for; the action says how it went. */
export const makeWork = (work: LabWork, m: LabRef): Promise<HomeAction> =>
  work.make(m.id, m.dir).then((task): HomeAction => ({type: 'made', id: m.id, dir: m.dir, task}), (error: unknown): HomeAction => ({type: 'make-failed', reason: oneLine(error)}));

/** Runs the same grading as `practice check`; the action carries the items or why it could not run. */
export const checkWork = (work: LabWork, lab: LabRef): Promise<HomeAction> =>
  work.check(lab.id, lab.dir).then((items): HomeAction => ({type: 'lab', action: {type: 'checked', items}}),
    (error: unknown): HomeAction => ({type: 'lab', action: {type: 'check-failed', message: oneLine(error)}}));

export interface HomeBinding {
  /** How the footer names the key; bindings without one are not shown. */
  keys: string;
  label: string;
  match: (input: string, key: KeyInfo) => boolean;
  action: (input: string) => HomeAction;
}

const ch = (action: ChooserAction): HomeAction => ({type: 'chooser', action});
const on = (test: (input: string, k: KeyInfo) => boolean) => test;
const letter = (c: string) => on((input, k) => input === c && !k.ctrl && !k.meta);
const SCROLL_PAGE = 10;

/** The keys of the current screen, first match wins. Ctrl+C always cancels. */
export function homeKeymap(s: HomeState): HomeBinding[] {
  // Ctrl+C is not in the footer: q (or Esc on the first menu) is the quit it shows.
  const cancel: HomeBinding = {keys: '', label: '', match: on((i, k) => Boolean(k.ctrl && i === 'c')), action: () => ({type: 'cancel'})};
  if (s.making) return [cancel];
  if (s.lab) {
    const scroll = (by: number): HomeAction => ({type: 'lab', action: {type: 'scroll', by}});
    return [
      cancel,
      {keys: 'Enter/c', label: 'check my work', match: on((i, k) => Boolean(k.return) || (i === 'c' && !k.ctrl && !k.meta)), action: () => ({type: 'lab', action: {type: 'check'}})},
      {keys: '↑↓ PgUp PgDn', label: 'scroll', match: on((_, k) => Boolean(k.upArrow)), action: () => scroll(-1)},
      {keys: '', label: '', match: on((_, k) => Boolean(k.downArrow)), action: () => scroll(1)},
      {keys: '', label: '', match: on((_, k) => Boolean(k.pageUp)), action: () => scroll(-SCROLL_PAGE)},
      {keys: '', label: '', match: on((_, k) => Boolean(k.pageDown)), action: () => scroll(SCROLL_PAGE)},
      {keys: 'Esc', label: 'other labs', match: on((_, k) => Boolean(k.escape)), action: () => ({type: 'leave-lab'})},
      {keys: 'q', label: 'quit (the lab stays)', match: letter('q'), action: () => ({type: 'quit'})},
    ];
  }
  const common: HomeBinding[] = [
    cancel,
    {keys: 'Enter', label: 'choose', match: on((_, k) => Boolean(k.return)), action: () => ch({type: 'select'})},
    {keys: s.chooser.step === 'mode' ? '' : 'Esc', label: s.chooser.step === 'mode' ? '' : 'back', match: on((_, k) => Boolean(k.escape)), action: () => ch({type: 'back'})},
  ];
  if (s.chooser.step === 'folder') {
    return [
      ...common,
      {keys: '', label: '', match: on((_, k) => Boolean(k.backspace || k.delete)), action: () => ch({type: 'erase'})},
      {keys: '', label: '', match: on((i, k) => i.length > 0 && !k.ctrl && !k.meta && !k.tab && !k.upArrow && !k.downArrow), action: (i) => ch({type: 'type', text: i})},
    ];
  }
  return [
    ...common,
    {keys: '↑↓', label: 'move', match: on((_, k) => Boolean(k.upArrow)), action: () => ch({type: 'move', by: -1})},
    {keys: '', label: '', match: on((_, k) => Boolean(k.downArrow)), action: () => ch({type: 'move', by: 1})},
    {keys: '1-9', label: 'pick', match: on((i, k) => /^[1-9]$/.test(i) && !k.ctrl), action: (i) => ch({type: 'pick', index: Number(i) - 1})},
    {keys: 'q', label: 'quit', match: letter('q'), action: () => ({type: 'quit'})},
  ];
}

/** The footer: the labelled bindings, joined with " · ". */
export const footerText = (bindings: readonly HomeBinding[]): string =>
  bindings.filter((b) => b.label).map((b) => `${b.keys} ${b.label}`).join(' · ');
