// The Inspect screen as rows: the path field, then the tab bar and the tab's panes (the file list beside its
// detail from WIDE columns, above it below that). Every pane is cut to its rows here and the rows it could not
// show are counted, so the frame is exactly as tall as the App allows and nothing is silently lost.

import {INSPECT_TABS, TAB_TITLES, type InspectState} from '../../inspect.js';
import {detailLines, entryText, findingsPane, MARKS, mapPane, PATH_RULE, tallyText, timelinePane, type Inspection, type Mark, type ToneLine} from '../../inspect-text.js';
import {WIDE} from '../layout.js';
import {theme} from '../theme.js';
import {fieldLines} from './field.js';
import {BLANK, hanging, text, widthOf, wrapped, type Line, type Span, type Style} from './line.js';

const MARK_STYLE: Record<Mark, Style> = {ok: {color: theme.ok}, warn: {color: theme.warning}, bad: {color: theme.error}, note: {dim: true}};
const TONE_STYLE: Record<NonNullable<ToneLine['tone']>, Style> = {...MARK_STYLE, title: {bold: true}, dim: {dim: true}};

const toneLines = (lines: ToneLine[], width: number): Line[] =>
  lines.flatMap((l) => wrapped(l.text, width, l.tone ? TONE_STYLE[l.tone] : {}, 0, Math.min(l.text.length - l.text.trimStart().length + 2, Math.floor(width / 2))));

const INTRO = 'Read what a certificate, key, kubeconfig or manifest says, a whole folder (a kubepki tree or a copy of /etc/kubernetes) '
  + 'with check’s findings, its map and expiry timeline, or the chain a TLS server presents.';

export function pathLines(is: InspectState, width: number): Line[] {
  return [
    ...wrapped(INTRO, width, {dim: true}),
    BLANK,
    ...fieldLines({label: 'Path or HOST:PORT', kind: 'text', value: is.path, focused: is.stage === 'path', note: PATH_RULE,
      errors: is.error ? [is.error] : [], labelWidth: 19, width}),
    ...(is.stage === 'loading' ? [BLANK, text(`* Reading ${is.path.trim()}…`)] : []),
  ];
}

/** `[Files 12]  Findings 3  Map  Timeline`: the open tab bracketed as well as highlighted. */
export function tabLine(is: InspectState, x: Inspection, width: number): Line[] {
  const count = (tab: string) => (tab === 'files' ? ` ${x.entries.length}` : tab === 'findings' && x.folder ? ` ${x.findings.length}` : '');
  const spans: Span[] = INSPECT_TABS.flatMap((tab, i) => {
    const open = tab === is.tab;
    const label = `${TAB_TITLES[tab]}${count(tab)}`;
    return [...(i > 0 ? [{text: '  '}] : []), open ? {text: `[${label}]`, bold: true, color: theme.focus} : {text: ` ${label} `, dim: true}];
  });
  return widthOf(spans) <= width ? [spans] : wrapped(spans.map((s) => s.text).join(''), width);
}

/** An entry's rows: the folder row above it when it is the first of its folder, or the first shown. */
interface Block {
  folder: Line[];
  newFolder: boolean;
  rows: Line[];
}
const rowsOf = (b: Block, first: boolean): Line[] => (b.newFolder || first ? [...b.folder, ...b.rows] : b.rows);

/** Blocks around `cursor` that fit `room` rows, with `↑ n`/`↓ n` counts of the entries left out. */
function blockWindow(blocks: Block[], cursor: number, room: number, noun: string): Line[] {
  const all = blocks.flatMap((b, i) => rowsOf(b, i === 0));
  if (all.length <= room) return all;
  const inner = Math.max(1, room - 2); // the two count rows
  const fits = (from: number, to: number) => blocks.slice(from, to).reduce((n, b, i) => n + rowsOf(b, i === 0).length, 0) <= inner;
  let start = cursor;
  let end = cursor + 1;
  // Grow below first (what comes next), then above.
  for (let grew = true; grew;) {
    grew = false;
    if (end < blocks.length && fits(start, end + 1)) {
      end++;
      grew = true;
    }
    if (start > 0 && fits(start - 1, end)) {
      start--;
      grew = true;
    }
  }
  const shown = blocks.slice(start, end).flatMap((b, i) => rowsOf(b, i === 0)).slice(0, inner);
  return [
    ...(start > 0 ? [text(`↑ ${start} more ${noun}`, {dim: true})] : []),
    ...shown,
    ...(end < blocks.length ? [text(`↓ ${blocks.length - end} more ${noun}`, {dim: true})] : []),
  ];
}

/** `lines` from `scroll` in `room` rows, the last one saying how many rows follow. */
function scrolled(lines: Line[], scroll: number, room: number): Line[] {
  if (lines.length <= room) return lines;
  const start = Math.min(scroll, scrollMaxOf(lines.length, room));
  const inner = Math.max(1, room - 1);
  const below = lines.length - start - inner;
  return [...lines.slice(start, start + inner), ...(below > 0 ? [text(`↓ ${below} more rows`, {dim: true})] : [])];
}

/** The last first row from which the rest of a pane fits (one row is kept for the `↓` count). */
export const scrollMaxOf = (total: number, room: number): number => (total <= room ? 0 : Math.max(0, total - Math.max(1, room - 1)));

/** One block per entry: its name and status, wrapped under the name, below its folder's row; long paths are
 *  said once per folder and the names stay short. */
function listBlocks(is: InspectState, x: Inspection, width: number): Block[] {
  let previous = '';
  return x.entries.map((e, i) => {
    const selected = i === is.cursor;
    const {rest} = entryText(e);
    const slash = e.file ? e.label.lastIndexOf('/') : -1;
    const dir = slash >= 0 ? e.label.slice(0, slash + 1) : '';
    const newFolder = dir !== previous;
    previous = dir;
    const pointer: Span = {text: selected ? '› ' : '  ', ...(selected ? {color: theme.focus, bold: is.focus === 'list'} : {})};
    const mark: Span = {text: `${MARKS[e.mark].symbol} `, ...MARK_STYLE[e.mark]};
    return {folder: dir ? wrapped(dir, width, {dim: true}) : [], newFolder,
      rows: hanging([pointer, mark], `${e.label.slice(dir.length)}  ${rest}`, width, selected ? {bold: true} : {})};
  });
}

export interface InspectRows {
  lines: Line[];
  /** The scroll limit of the pane that scrolls (the detail pane, or the whole tab). */
  scrollMax: number;
}

function paneTitle(title: string, focused: boolean, width: number): Line {
  const t = `${focused ? '› ' : '  '}${title}`;
  return text(t.length > width ? t.slice(0, width) : t, focused ? {bold: true, color: theme.focus} : {dim: true});
}

/** The files tab in `rows` rows: list and detail side by side from WIDE columns, stacked below. */
function filesRows(is: InspectState, x: Inspection, width: number, rows: number, cwd?: string): InspectRows {
  const tally = wrapped(tallyText(x.entries), width, {dim: true});
  const body = Math.max(4, rows - tally.length);
  const entry = x.entries[is.cursor];
  if (!entry) return {lines: [...tally, ...wrapped('Nothing PKI-like was found there.', width)], scrollMax: 0};
  const detailTitle = `Detail${is.focus === 'detail' ? ' (↑↓ scroll, Tab back to the list)' : ' (Tab to scroll it)'}`;
  if (width >= WIDE) {
    const leftWidth = Math.min(48, Math.floor(width * 0.4));
    const gap = 2;
    const rightWidth = width - leftWidth - gap;
    const left = [paneTitle('Files', is.focus === 'list', leftWidth), ...blockWindow(listBlocks(is, x, leftWidth), is.cursor, body - 1, 'files')];
    const detail = toneLines(detailLines(entry, rightWidth, cwd), rightWidth);
    const right = [paneTitle(detailTitle, is.focus === 'detail', rightWidth), ...scrolled(detail, is.scroll, body - 1)];
    const merged: Line[] = [];
    for (let r = 0; r < Math.max(left.length, right.length); r++) {
      const l = left[r] ?? BLANK;
      merged.push([...l, {text: ' '.repeat(leftWidth - widthOf(l) + gap)}, ...(right[r] ?? BLANK)]);
    }
    return {lines: [...tally, ...merged], scrollMax: scrollMaxOf(detail.length, body - 1)};
  }
  const blocks = listBlocks(is, x, width);
  const listRoom = Math.min(blocks.flatMap((b, i) => rowsOf(b, i === 0)).length, Math.max(3, Math.floor(body / 3)));
  const list = blockWindow(blocks, is.cursor, listRoom, 'files');
  const detailRoom = Math.max(2, body - list.length - 1);
  const detail = toneLines(detailLines(entry, width, cwd), width);
  return {
    lines: [...tally, ...list, paneTitle(detailTitle, is.focus === 'detail', width), ...scrolled(detail, is.scroll, detailRoom)],
    scrollMax: scrollMaxOf(detail.length, detailRoom),
  };
}

const PANES = {findings: findingsPane, map: mapPane, timeline: timelinePane} as const;

/** The whole screen below the header in `rows` rows (the footer is the App's). */
export function inspectRows(is: InspectState, width: number, rows: number, cwd?: string): InspectRows {
  const x = is.inspection;
  if (is.stage !== 'view' || !x) return {lines: pathLines(is, width).slice(0, Math.max(1, rows)), scrollMax: 0};
  const tabs = tabLine(is, x, width);
  const room = Math.max(3, rows - tabs.length);
  if (is.tab === 'files') {
    const files = filesRows(is, x, width, room, cwd);
    return {lines: [...tabs, ...files.lines], scrollMax: files.scrollMax};
  }
  const pane = toneLines(PANES[is.tab](x, width), width);
  return {lines: [...tabs, ...scrolled(pane, is.scroll, room)], scrollMax: scrollMaxOf(pane.length, room)};
}
