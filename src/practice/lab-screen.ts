// The lab screen's state and words: TASK.md as paragraphs, where the lab is and how to open it in another
// terminal, and the feedback of each "check my work" (a mark and the teaching message per item, "3 of 5 right").
// Pure: the runners do the checking and the drawing.

import type {CheckItem} from './labs/types.js';
import type {Para} from './text.js';

export interface LabScreenState {
  id: string;
  title: string;
  /** The lab folder, absolute. */
  dir: string;
  /** TASK.md as written into the folder. */
  task: string;
  checking: boolean;
  /** How many checks finished; each one replaces the feedback of the last. */
  checks: number;
  result?: {items: CheckItem[]} | {error: string};
  /** First row shown; `jump` puts the feedback in view once a check is done. */
  top: number;
  jump?: 'feedback';
  /** The drawn layout, as the runner last reported it: the largest useful `top`, and the feedback's first row. */
  view?: {max: number; feedbackAt: number};
}

export type LabScreenAction =
  | {type: 'check'}
  | {type: 'checked'; items: CheckItem[]}
  | {type: 'check-failed'; message: string}
  | {type: 'scroll'; by: number}
  | {type: 'layout'; max: number; feedbackAt: number};

export function initialLabScreen(lab: {id: string; title: string}, dir: string, task: string): LabScreenState {
  return {id: lab.id, title: lab.title, dir, task, checking: false, checks: 0, top: 0};
}

export function labScreenReducer(s: LabScreenState, a: LabScreenAction): LabScreenState {
  switch (a.type) {
    case 'check':
      return {...s, checking: true};
    case 'checked':
      return {...s, checking: false, checks: s.checks + 1, result: {items: a.items}, jump: 'feedback'};
    case 'check-failed':
      return {...s, checking: false, checks: s.checks + 1, result: {error: a.message}, jump: 'feedback'};
    case 'scroll': {
      const {jump: _gone, ...rest} = s;
      return {...rest, top: Math.max(0, Math.min(s.view?.max ?? 0, shownTop(s) + a.by))};
    }
    case 'layout':
      return s.view?.max === a.max && s.view.feedbackAt === a.feedbackAt ? s : {...s, view: {max: a.max, feedbackAt: a.feedbackAt}};
  }
}

/** The first row to draw: the feedback's after a check, else where the learner scrolled, never past the end. */
export function shownTop(s: Pick<LabScreenState, 'top' | 'jump' | 'view'>, view = s.view): number {
  if (!view) return s.top;
  return Math.max(0, Math.min(view.max, s.jump ? view.feedbackAt : s.top));
}

/** A path as one shell word: as is when nothing in it needs quoting. */
export const shellWord = (path: string): string => (/^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`);

export const checkCommand = (id: string, dir: string): string => `kubepki practice check ${id} --dir ${shellWord(dir)}`;

/** Where the lab is, and how to work on it from another terminal (TASK.md's title says what it is). */
export function labHeadParas(s: Pick<LabScreenState, 'dir'>): Para[] {
  return [
    {text: `Folder: ${s.dir}`, hang: 2},
    {text: 'Work in another terminal, with openssl and kubectl:', tone: 'dim'},
    {text: `cd ${shellWord(s.dir)} && cat TASK.md`, tone: 'code', hang: 2},
  ];
}

/** TASK.md as paragraphs: headings as titles, bullets with a hanging indent, code blocks as code line by line,
 *  ** dropped; lines of one paragraph (or one bullet) are joined, as Markdown joins them. */
export function taskParas(markdown: string): Para[] {
  const out: Para[] = [];
  let code = false;
  let open: Para | undefined; // the paragraph or bullet the next plain line continues
  for (const line of markdown.replace(/\n+$/, '').split('\n')) {
    if (line.startsWith('```')) {
      code = !code;
      open = undefined;
    } else if (code) out.push({text: line, tone: 'code', hang: 2});
    else if (/^#{1,6} /.test(line)) {
      out.push({text: line.replace(/^#+ /, ''), tone: 'title'});
      open = undefined;
    } else if (line.trim() === '') {
      out.push({text: ''});
      open = undefined;
    } else if (open && !/^\s*[-*] /.test(line)) open.text += ` ${line.trim().replaceAll('**', '')}`;
    else {
      open = {text: line.replaceAll('**', ''), ...(/^\s*[-*] /.test(line) ? {hang: line.search(/[-*]/) + 2} : {})};
      out.push(open);
    }
  }
  return out;
}

export const itemLine = (i: CheckItem): string => `${i.pass ? '✔' : '✘'} ${i.message}`;

/** "3 of 5 right", and when every item passes, that the lab is done. */
export function checkSummary(items: readonly CheckItem[]): string {
  const right = items.filter((i) => i.pass).length;
  return right === items.length ? `${right} of ${items.length} right: every item passes, the lab is done.` : `${right} of ${items.length} right.`;
}

/** The feedback of the last check (or that none ran yet). */
export function feedbackParas(s: Pick<LabScreenState, 'checking' | 'checks' | 'result'>): Para[] {
  if (!s.result) return [{text: s.checking ? 'Checking your work…' : 'Not checked yet.', tone: 'dim'}];
  const out: Para[] = [];
  if ('error' in s.result) out.push({text: `Check ${s.checks}: the check could not run: ${s.result.error}`, tone: 'bad', hang: 2});
  else {
    const {items} = s.result;
    out.push({text: `Check ${s.checks}: ${checkSummary(items)}`, tone: items.every((i) => i.pass) ? 'good' : 'title'});
    for (const i of items) out.push({text: itemLine(i), tone: i.pass ? 'good' : 'bad', hang: 2});
  }
  if (s.checking) out.push({text: 'Checking your work again…', tone: 'dim'});
  return out;
}

/** Said on leaving a lab: the folder stays, and how to check it from the command line. */
export function labLeftParas(id: string, dir: string): Para[] {
  return [{text: `The lab stays in ${dir}. Check it later with: ${checkCommand(id, dir)}`}];
}
