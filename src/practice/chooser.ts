// What to practise: questions (topic, level, exam or not, with the count of matching questions) or a lab (which
// one, then an empty folder for it). A pure reducer over menus, so the Ink and plain runners offer the same choices.

import {DEFAULT_COUNT, EXAM_COUNT, examMinutes, selectQuestions} from './session.js';
import {LABS} from './labs/definitions.js';
import {LEVEL_NAMES, LEVELS, TOPIC_TITLES, TOPICS, type Level, type Topic} from './types.js';

export type ChooserStep = 'mode' | 'topic' | 'level' | 'exam' | 'lab' | 'folder';

export type Choice =
  | {type: 'questions'; topic?: Topic; level: Level; exam: boolean}
  | {type: 'lab'; id: string; folder: string};

export interface ChooserState {
  step: ChooserStep;
  cursor: number;
  /** undefined: every topic. */
  topic?: Topic;
  level: Level;
  lab?: string;
  /** The folder field, as typed. */
  folder: string;
  /** Why the last answer was refused (a non-empty folder, a level with no question), one line. */
  problem?: string;
  chosen?: Choice;
  quit?: boolean;
}

export type ChooserAction =
  | {type: 'move'; by: number}
  | {type: 'select'; value?: string}
  /** Choose the option at this index (the number keys). */
  | {type: 'pick'; index: number}
  | {type: 'back'}
  | {type: 'type'; text: string}
  | {type: 'erase'}
  /** The whole folder field at once (plain mode reads it as one line). */
  | {type: 'set-folder'; folder: string}
  | {type: 'refused'; reason: string};

export interface MenuOption {
  value: string;
  label: string;
  hint: string;
}

export interface Menu {
  title: string;
  intro: string;
  /** Empty on the folder step, which is a text field. */
  options: MenuOption[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const count = (topic: Topic | undefined, level?: Level) => selectQuestions({...(topic ? {topic} : {}), ...(level ? {level} : {})}).length;

/** How many questions a run asks: the default count, or fewer when fewer match. */
export const runLength = (matching: number, exam: boolean): number => Math.min(matching, exam ? EXAM_COUNT : DEFAULT_COUNT);

/** The folder a lab goes to unless the learner types another. */
export const defaultLabFolder = (id: string): string => `./kubepki-lab-${id}`;

/** The default folder, or the first of `-2`, `-3`, … not in use, so coming back to a lab makes a fresh one. */
export function suggestFolder(id: string, inUse: (folder: string) => boolean): string {
  const base = defaultLabFolder(id);
  return [base, ...Array.from({length: 98}, (_, i) => `${base}-${i + 2}`)].find((f) => !inUse(f)) ?? base;
}

export function initialChooser(): ChooserState {
  return {step: 'mode', cursor: 0, level: LEVELS[LEVELS.length - 1]!, folder: ''};
}

export function chooserMenu(s: ChooserState): Menu {
  switch (s.step) {
    case 'mode':
      return {title: 'Practice', intro: 'Questions about a lab cluster made for this run, or a hands-on lab in a folder you keep.', options: [
        {value: 'questions', label: 'Questions', hint: `exam-style questions, graded on the spot (${plural(count(undefined), 'question')} in the bank)`},
        {value: 'lab', label: 'A hands-on lab', hint: `a task on a control-plane node’s files, checked item by item (${plural(LABS.length, 'lab')})`},
        {value: 'quit', label: 'Quit', hint: ''},
      ]};
    case 'topic':
      return {title: 'Questions: topic', intro: 'Which topic? The count is of every level.', options: [
        {value: 'all', label: 'All topics', hint: plural(count(undefined), 'question')},
        ...TOPICS.map((t) => ({value: t, label: TOPIC_TITLES[t], hint: plural(count(t), 'question')})),
      ]};
    case 'level':
      return {title: `Questions: level (${s.topic ? TOPIC_TITLES[s.topic] : 'all topics'})`, intro: 'A level includes the levels below it.', options:
        LEVELS.map((l) => ({value: String(l), label: `Level ${l}: ${LEVEL_NAMES[l]}`, hint: plural(count(s.topic, l), 'question')}))};
    case 'exam': {
      const n = count(s.topic, s.level);
      const exam = runLength(n, true);
      return {title: 'Questions: practice or exam', intro: `${plural(n, 'question')} match ${s.topic ? TOPIC_TITLES[s.topic] : 'all topics'} up to level ${s.level}.`, options: [
        {value: 'practice', label: 'Practice', hint: `${plural(runLength(n, false), 'question')}, the verdict and why after each answer`},
        {value: 'exam', label: 'Exam', hint: `${plural(exam, 'question')} in ${examMinutes(exam)} minutes, verdicts at the end`},
      ]};
    }
    case 'lab':
      return {title: 'A hands-on lab', intro: 'Each lab is a control-plane node’s files in a folder, with a task in TASK.md.', options:
        LABS.map((l) => ({value: l.id, label: l.title, hint: l.summary}))};
    case 'folder':
      return {title: `Folder for the lab ${s.lab ?? ''}`.trim(), intro: 'The lab’s files go into this folder, which must be empty or new. It stays after you quit.', options: []};
  }
}

const BACK: Readonly<Record<ChooserStep, ChooserStep | undefined>> = {mode: undefined, topic: 'mode', level: 'topic', exam: 'level', lab: 'mode', folder: 'lab'};

/** Where the cursor stands when a step is shown again: on what was chosen there. */
function cursorOn(s: ChooserState, step: ChooserStep): number {
  const values = chooserMenu({...s, step}).options.map((o) => o.value);
  const chosen = {mode: s.lab ? 'lab' : 'questions', topic: s.topic ?? 'all', level: String(s.level), exam: 'practice', lab: s.lab ?? '', folder: ''}[step];
  return Math.max(0, values.indexOf(chosen));
}

/** `suggest` names the folder offered for a lab (the command passes one that skips folders already in use). */
export function chooserReducer(s: ChooserState, a: ChooserAction, suggest: (id: string) => string = defaultLabFolder): ChooserState {
  const {problem: _drop, chosen: _done, ...base} = s;
  const options = chooserMenu(s).options;
  switch (a.type) {
    case 'move':
      return options.length ? {...base, cursor: (s.cursor + a.by + options.length * 8) % options.length} : s;
    case 'back': {
      const to = BACK[s.step];
      return to ? {...base, step: to, cursor: cursorOn(s, to)} : {...base, quit: true};
    }
    case 'type':
      return s.step === 'folder' ? {...base, folder: s.folder + a.text.replace(/[\r\n]/g, '')} : s;
    case 'erase':
      return s.step === 'folder' ? {...base, folder: s.folder.slice(0, -1)} : s;
    case 'set-folder':
      return s.step === 'folder' ? {...base, folder: a.folder} : s;
    case 'refused':
      return {...base, problem: a.reason};
    case 'select':
      return select(base, a.value ?? options[s.cursor]?.value, suggest);
    case 'pick':
      return options[a.index] ? select({...base, cursor: a.index}, options[a.index]!.value, suggest) : s;
  }
}

function select(s: ChooserState, value: string | undefined, suggest: (id: string) => string): ChooserState {
  const next = (step: ChooserStep, change: Partial<ChooserState> = {}): ChooserState => {
    const moved = {...s, ...change, step};
    return {...moved, cursor: cursorOn(moved, step)};
  };
  switch (s.step) {
    case 'mode':
      if (value === 'quit') return {...s, quit: true};
      return value === 'lab' ? next('lab') : next('topic', {lab: undefined});
    case 'topic':
      return next('level', {topic: TOPICS.find((t) => t === value)});
    case 'level': {
      const level = LEVELS.find((l) => String(l) === value) ?? s.level;
      if (!count(s.topic, level)) return {...s, problem: `no ${s.topic ? TOPIC_TITLES[s.topic] : ''} question at level ${level} yet; pick a higher level`};
      return next('exam', {level});
    }
    case 'exam':
      return {...s, chosen: {type: 'questions', ...(s.topic ? {topic: s.topic} : {}), level: s.level, exam: value === 'exam'}};
    case 'lab':
      return value ? next('folder', {lab: value, folder: suggest(value)}) : s;
    case 'folder':
      if (!s.folder.trim()) return {...s, problem: 'type a folder for the lab'};
      return {...s, chosen: {type: 'lab', id: s.lab!, folder: s.folder.trim()}};
  }
}
