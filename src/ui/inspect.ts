// Home → Inspect: a path (or HOST:PORT) field, then what it holds in tabs (files with a detail pane, check's
// findings, the map, the expiry timeline). Pure state, its reducer and its keys; the Ink screen draws it and a
// hook does the reading (inspect-load.ts) when `runId` changes.

import type {Binding, KeyInfo} from './keymap.js';
import {EMPTY_PATH, type Inspection} from './inspect-text.js';
import type {Action, WizardState} from './wizard-state.js';

export const INSPECT_TABS = ['files', 'findings', 'map', 'timeline'] as const;
export type InspectTab = (typeof INSPECT_TABS)[number];
export const TAB_TITLES: Record<InspectTab, string> = {files: 'Files', findings: 'Findings', map: 'Map', timeline: 'Timeline'};

export interface InspectState {
  stage: 'path' | 'loading' | 'view';
  path: string;
  /** The one-line reason the last path was refused. */
  error?: string;
  /** The output folder was offered once as the default (a cleared field stays cleared). */
  suggested: boolean;
  /** Bumped to read `path`; an answer for an older run is dropped. */
  runId: number;
  inspection?: Inspection;
  tab: InspectTab;
  /** The selected entry on the files tab. */
  cursor: number;
  /** ↑↓ move in the list, or scroll the detail pane. */
  focus: 'list' | 'detail';
  /** First row shown of the detail pane, or of the findings, map or timeline. */
  scroll: number;
  /** The last first row that still fills the pane (the front end measures it): scrolling stops there. */
  scrollMax?: number;
}

export type InspectAction =
  | {type: 'i-type'; text: string}
  | {type: 'i-erase'}
  | {type: 'i-suggest'; path: string}
  | {type: 'i-submit'}
  | {type: 'i-loaded'; runId: number; inspection: Inspection}
  | {type: 'i-failed'; runId: number; message: string}
  | {type: 'i-back'}
  | {type: 'i-move'; delta: number}
  | {type: 'i-scroll'; delta: number}
  | {type: 'i-tab'; delta: number}
  | {type: 'i-focus'}
  | {type: 'i-limit'; max: number};

export const initialInspect = (): InspectState => ({stage: 'path', path: '', suggested: false, runId: 0, tab: 'files', cursor: 0, focus: 'list', scroll: 0});

export function openInspect(s: WizardState): WizardState {
  return {...s, screen: 'inspect', inspect: s.inspect ?? initialInspect()};
}

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

export function inspectReducer(s: WizardState, a: InspectAction): WizardState {
  const is = s.inspect ?? initialInspect();
  const set = (next: InspectState): WizardState => ({...s, inspect: next});
  const {error: _e, ...clean} = is;
  switch (a.type) {
    case 'i-type':
      return is.stage === 'path' ? set({...clean, path: is.path + a.text, suggested: true}) : s;
    case 'i-erase':
      return is.stage === 'path' ? set({...clean, path: Array.from(is.path).slice(0, -1).join(''), suggested: true}) : s;
    case 'i-suggest':
      return is.suggested ? s : set({...is, suggested: true, path: is.path === '' ? a.path : is.path});
    case 'i-submit':
      if (is.stage !== 'path') return s;
      if (is.path.trim() === '') return set({...is, error: `${EMPTY_PATH} (Esc goes back to Home)`});
      return set({...clean, stage: 'loading', runId: is.runId + 1, suggested: true});
    case 'i-loaded':
      if (a.runId !== is.runId || is.stage !== 'loading') return s;
      return set({...clean, stage: 'view', inspection: a.inspection, tab: 'files', cursor: 0, focus: 'list', scroll: 0});
    case 'i-failed':
      return a.runId === is.runId && is.stage === 'loading' ? set({...is, stage: 'path', error: a.message}) : s;
    case 'i-back': {
      // The view goes back to the path (kept, to fix or change it), the path to Home.
      if (is.stage === 'path') return {...s, screen: 'home'};
      const {inspection: _i, ...rest} = clean;
      return set({...rest, stage: 'path'});
    }
    case 'i-move': {
      const count = is.inspection?.entries.length ?? 0;
      const cursor = clamp(is.cursor + a.delta, 0, Math.max(0, count - 1));
      return cursor === is.cursor ? s : set({...is, cursor, scroll: 0});
    }
    case 'i-scroll':
      return set({...is, scroll: clamp(is.scroll + a.delta, 0, is.scrollMax ?? Number.MAX_SAFE_INTEGER)});
    case 'i-tab': {
      const i = (INSPECT_TABS.indexOf(is.tab) + a.delta + INSPECT_TABS.length) % INSPECT_TABS.length;
      return set({...is, tab: INSPECT_TABS[i]!, scroll: 0});
    }
    case 'i-focus':
      return set({...is, focus: is.focus === 'list' ? 'detail' : 'list'});
    case 'i-limit':
      return is.scrollMax === a.max ? s : set({...is, scrollMax: a.max, scroll: Math.min(is.scroll, a.max)});
  }
}

// ---------------------------------------------------------------- keys

const i = (action: InspectAction): Action => ({type: 'inspect', action});
const b = (keys: string, label: string, match: Binding['match'], action: Action): Binding => ({keys, label, match, action});
const hidden = (match: Binding['match'], action: Action): Binding => ({keys: '', label: '', match, action});
const ctrlC = (input: string, k: KeyInfo) => Boolean(k.ctrl && input === 'c');
const letter = (ch: string) => (input: string, k: KeyInfo) => input === ch && !k.ctrl && !k.meta;
const f1 = (_: string, k: KeyInfo) => Boolean(k.f1);

export function inspectKeymap(s: WizardState): Binding[] {
  const is = s.inspect ?? initialInspect();
  const quit = b('Ctrl+C', 'quit', ctrlC, {type: 'interrupt'});
  if (is.stage === 'loading') return [b('Esc', 'stop', (_, k) => Boolean(k.escape), i({type: 'i-back'})), quit];
  if (is.stage === 'path') {
    // Letters type into the path: only F1 opens help here.
    return [b('Enter', 'inspect', (_, k) => Boolean(k.return), i({type: 'i-submit'})), b('Esc', 'home', (_, k) => Boolean(k.escape), i({type: 'i-back'})),
      hidden((_, k) => Boolean(k.backspace || k.delete), i({type: 'i-erase'})), b('F1', 'help', f1, {type: 'toggle-help'}), quit];
  }
  const onList = is.tab === 'files' && is.focus === 'list';
  const page = (delta: number) => i({type: 'i-scroll', delta});
  return [
    onList ? b('↑↓', 'select', (_, k) => Boolean(k.downArrow), i({type: 'i-move', delta: 1})) : b('↑↓', 'scroll', (_, k) => Boolean(k.downArrow), page(1)),
    hidden((_, k) => Boolean(k.upArrow), onList ? i({type: 'i-move', delta: -1}) : page(-1)),
    ...(is.tab === 'files' ? [b('Tab', is.focus === 'list' ? 'to detail' : 'to list', (_, k) => Boolean(k.tab), i({type: 'i-focus'}))] : []),
    b('PgUp/PgDn', 'page', (_, k) => Boolean(k.pageDown), page(10)), hidden((_, k) => Boolean(k.pageUp), page(-10)),
    hidden(letter(' '), page(10)),
    b('←→', 'tab', (_, k) => Boolean(k.rightArrow), i({type: 'i-tab', delta: 1})), hidden((_, k) => Boolean(k.leftArrow), i({type: 'i-tab', delta: -1})),
    b('Esc', 'other path', (_, k) => Boolean(k.escape), i({type: 'i-back'})),
    b('F1/?', 'help', (input, k) => f1(input, k) || letter('?')(input, k), {type: 'toggle-help'}),
    b('q', 'quit', letter('q'), {type: 'quit'}), hidden(ctrlC, {type: 'interrupt'}),
  ];
}

/** A key on the inspect screen as a wizard action: a binding, or a character typed into the path. */
export function inspectKeyAction(s: WizardState, input: string, key: KeyInfo): Action | undefined {
  const binding = inspectKeymap(s).find((x) => x.match(input, key));
  if (binding) return binding.action;
  const typed = input.replace(/[\p{Cc}]/gu, '');
  return typed && !key.ctrl && !key.meta && s.inspect?.stage === 'path' ? i({type: 'i-type', text: typed}) : undefined;
}
