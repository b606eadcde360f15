// The review step: every certificate in one table (file, node, CN, O, issuer; usage and validity when wide), the
// highlighted row's details, and with `o` the openssl commands that make it.

import {Box} from 'ink';
import {commandsFor} from '../../preview.js';
import {STEPS, TOTAL_STEPS} from '../../steps.js';
import {reviewRowsOf} from '../../model.js';
import type {ReviewRow} from '../../summary.js';
import {currentStep, type WizardState} from '../../wizard-state.js';
import {Header} from '../components/Header.js';
import {HelpOverlay} from '../components/HelpOverlay.js';
import {Lines} from '../components/Lines.js';
import {OpensslPreview} from '../components/OpensslPreview.js';
import type {Size} from '../hooks/useStdoutSize.js';
import {cut, stepColumns, windowAround, wrapWords} from '../layout.js';
import {cutText, text, wrapped, type Line} from '../lines/line.js';
import {messageLines} from '../lines/messages.js';
import {theme} from '../theme.js';
import {problemsUnderAny} from '../../check.js';

interface Column {
  title: string;
  width: number;
  min: number;
  get: (r: ReviewRow) => string;
}

function columns(width: number): Column[] {
  const cols: Column[] = [
    {title: 'File', width: 34, min: 22, get: (r) => r.file},
    {title: 'CN', width: 30, min: 16, get: (r) => r.cn},
    {title: 'O', width: 22, min: 12, get: (r) => r.o},
    {title: 'Issuer', width: 14, min: 8, get: (r) => r.issuer},
  ];
  if (stepColumns(width).wide) cols.push({title: 'Usage', width: 21, min: 10, get: (r) => r.usages}, {title: 'Valid', width: 9, min: 9, get: (r) => r.validity.replace(/ \(.*\)$/, '')});
  // Shrink the wide text columns until the table fits (2 for the cursor, 1 between columns).
  const fixed = () => cols.reduce((n, c) => n + c.width + 1, 2);
  // File first (the node prefix and folder survive a cut), then O and Usage; CN, the identity, last.
  for (const name of ['File', 'O', 'Usage', 'CN', 'Issuer']) {
    const col = cols.find((c) => c.title === name);
    while (col && fixed() > width && col.width > col.min) col.width--;
  }
  return cols;
}

const cell = (text: string, w: number) => cut(text, w).padEnd(w);

export function ReviewScreen({s, size, rows}: {s: WizardState; size: Size; rows: number}) {
  const step = currentStep(s);
  const width = size.columns;
  if (s.showHelp) return <HelpOverlay s={s} width={width} rows={rows} />;
  const table = reviewRowsOf(s.answers);
  const row = table[s.cursor];
  const cols = columns(width);
  const top: Line[] = [
    ...wrapped(step.question, width),
    ...messageLines({errors: problemsUnderAny(s.answers.plan, ['']), width}),
    cutText(`  ${cols.map((c) => cell(c.title, c.width)).join(' ')}`, width, {bold: true}),
  ];
  // Details of the highlighted row: one line each, except the SANs (up to three lines, they matter).
  const sans = row ? wrapWords(`SANs: ${row.sans.length ? row.sans.join(', ') : 'none (a client certificate)'}`, width).slice(0, 3) : [];
  const bottom: Line[] = [
    text(`  ${s.cursor + 1} of ${table.length} certificates and key pairs`, {dim: true}),
    ...(row ? [cutText(`${row.id}: ${row.about}`, width), ...[...sans, cut(`${row.usages} · valid ${row.validity} · read by ${row.flags.join('; ')}`, width)].map((d) => text(d, {dim: true}))] : []),
  ];
  // The table and the commands (with `o`, below a blank row and their title) share what the header, question
  // and details leave: the commands about half, at least 4 rows. On a short terminal they give way first so
  // the table keeps 3 rows, and go when not even one command row is left.
  const free = rows - 1 - top.length - bottom.length;
  const wanted = s.showCommands && row ? Math.max(4, Math.floor((free - 1) / 2)) : 0;
  const previewRows = wanted === 0 || free - wanted - 2 >= 3 ? wanted : Math.max(0, free - 3 - 2);
  const tableRows = Math.max(1, free - (previewRows > 0 ? previewRows + 2 : 0));
  const {start, end} = windowAround(s.cursor, table.length, tableRows);
  const body = table.slice(start, end).map((r, j) => {
    const selected = start + j === s.cursor;
    return cutText(`${selected ? '› ' : '  '}${cols.map((c) => cell(c.get(r), c.width)).join(' ')}`, width,
      {...(selected ? {color: theme.focus} : {}), bold: selected});
  });
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
