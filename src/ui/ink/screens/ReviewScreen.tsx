// The review step: every certificate in one table (file, node, CN, O, issuer; usage and validity when wide), the
// highlighted row's details, and with `o` the openssl commands that make it.

import {Box} from 'ink';
import {commandsFor} from '../../preview.js';
import {STEPS, TOTAL_STEPS} from '../../steps.js';
import {reviewRowsOf} from '../../model.js';
import type {ReviewRow} from '../../summary.js';
import {currentStep, type WizardState} from '../../wizard-state.js';
import {Header} from '../components/Header.js';
import {Lines} from '../components/Lines.js';
import {OpensslPreview} from '../components/OpensslPreview.js';
import type {Size} from '../hooks/useStdoutSize.js';
import {stepColumns, wrapWords} from '../layout.js';
import {text, wrapped, type Line} from '../lines/line.js';
import {messageLines} from '../lines/messages.js';
import {theme} from '../theme.js';
import {problemsUnderAny} from '../../check.js';

interface Column {
  title: string;
  width: number;
  get: (r: ReviewRow) => string;
}

/** Narrowest a column gets before its values wrap onto more rows. */
const MIN_COLUMN = 6;

/** Columns as wide as their widest value when the terminal allows. Otherwise Usage and Valid (repeated in the
 *  details) go first, then the widest column gives up a column at a time, its values wrapping inside it, so a
 *  short column never stays wide while paths wrap. Role tells apart certificates with the same CN and issuer
 *  (etcd-server and etcd-peer). */
function columns(rows: ReviewRow[], width: number): Column[] {
  const cols: Column[] = [
    {title: 'File', width: 0, get: (r) => r.file},
    {title: 'Role', width: 0, get: (r) => r.kind},
    {title: 'CN', width: 0, get: (r) => r.cn},
    {title: 'O', width: 0, get: (r) => r.o},
    {title: 'Issuer', width: 0, get: (r) => r.issuer},
  ];
  if (stepColumns(width).wide) cols.push({title: 'Usage', width: 0, get: (r) => r.usages}, {title: 'Valid', width: 0, get: (r) => r.validity.replace(/ \(.*\)$/, '')});
  const need = new Map(cols.map((c) => [c, Math.max(c.title.length, ...rows.map((r) => c.get(r).length))]));
  const total = (cs: Column[]) => cs.reduce((n, c) => n + need.get(c)! + 1, 1); // 2 for the cursor, 1 between
  // Usage and validity are in the details under the table too: they leave before any value has to wrap.
  const shown = total(cols) > width ? cols.slice(0, 5) : cols;
  for (const c of shown) c.width = need.get(c)!;
  const sum = () => shown.reduce((n, c) => n + c.width + 1, 1);
  while (sum() > width) {
    const widest = shown.reduce((a, c) => (c.width > a.width ? c : a));
    if (widest.width <= MIN_COLUMN) break;
    widest.width--;
  }
  cols.length = shown.length;
  return cols;
}

/** One table row as terminal rows: each cell wrapped in its column, the row as tall as its tallest cell. */
function tableRow(cells: string[], cols: Column[], lead: string): string[] {
  const wrappedCells = cells.map((t, i) => wrapWords(t, cols[i]!.width));
  const height = Math.max(...wrappedCells.map((c) => c.length));
  return Array.from({length: height}, (_, k) =>
    `${k === 0 ? lead : '  '}${wrappedCells.map((c, i) => (c[k] ?? '').padEnd(cols[i]!.width)).join(' ')}`.trimEnd());
}

/** The rows around `cursor` that fit in `room` terminal rows, as [start, end). */
function windowOf(heights: number[], cursor: number, room: number): {start: number; end: number} {
  let start = cursor;
  let end = Math.min(cursor + 1, heights.length);
  let used = heights[cursor] ?? 0;
  for (let grew = true; grew;) {
    grew = false;
    if (end < heights.length && used + heights[end]! <= room) {
      used += heights[end++]!;
      grew = true;
    }
    if (start > 0 && used + heights[start - 1]! <= room) {
      used += heights[--start]!;
      grew = true;
    }
  }
  return {start, end};
}

export function ReviewScreen({s, size, rows}: {s: WizardState; size: Size; rows: number}) {
  const step = currentStep(s);
  const width = size.columns;
  const table = reviewRowsOf(s.answers);
  const row = table[s.cursor];
  const cols = columns(table, width);
  const top: Line[] = [
    ...wrapped(step.question, width),
    ...messageLines({errors: problemsUnderAny(s.answers.plan, ['']), width}),
    ...tableRow(cols.map((c) => c.title), cols, '  ').map((t) => text(t, {bold: true})),
  ];
  // Details of the highlighted row, wrapped under their text.
  const bottom: Line[] = [
    text(`  ${s.cursor + 1} of ${table.length} certificates and key pairs`, {dim: true}),
    ...(row ? [
      ...wrapped(`${row.id}: ${row.about}`, width, {}, 0, 2),
      ...wrapped(`SANs: ${row.sans.length ? row.sans.join(', ') : 'none (a client certificate)'}`, width, {dim: true}, 0, 6),
      ...wrapped(`${row.usages} · valid ${row.validity} · read by ${row.flags.join('; ')}`, width, {dim: true}, 0, 2),
    ] : []),
  ];
  // The table and the commands (with `o`, below a blank row and their title) share what the header, question
  // and details leave: the commands about half, at least 4 rows. On a short terminal they give way first so
  // the table keeps 3 rows, and go when not even one command row is left.
  const free = rows - 1 - top.length - bottom.length;
  const cells = table.map((r, i) => tableRow(cols.map((c) => c.get(r)), cols, i === s.cursor ? '› ' : '  '));
  // The highlighted row is never left out: the commands give way to it first.
  const need = Math.max(3, cells[s.cursor]?.length ?? 1);
  const wanted = s.showCommands && row ? Math.max(4, Math.floor((free - 1) / 2)) : 0;
  const previewRows = wanted === 0 || free - wanted - 2 >= need ? wanted : Math.max(0, free - need - 2);
  const tableRows = Math.max(1, free - (previewRows > 0 ? previewRows + 2 : 0));
  const {start, end} = windowOf(cells.map((c) => c.length), s.cursor, tableRows);
  const body = cells.slice(start, end).flatMap((rowsOfCell, j) => {
    const selected = start + j === s.cursor;
    return rowsOfCell.map((t) => text(t, {...(selected ? {color: theme.focus} : {}), bold: selected}));
  }).slice(0, tableRows);
  return (
    <Box flexDirection="column" width={width}>
      <Header title={step.title} step={STEPS.indexOf(step) + 1} total={TOTAL_STEPS} width={width} />
      <Lines lines={[...top, ...body, ...bottom]} width={width} />
      {row && previewRows > 0 ? (
        <Box marginTop={1}><OpensslPreview preview={commandsFor(s.answers, [row.id])} maxLines={previewRows} width={width} /></Box>
      ) : null}
    </Box>
  );
}
