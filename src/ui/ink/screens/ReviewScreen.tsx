// Step 7: every certificate in one table (file, node, CN, O, issuer; usage and validity when wide), the
// highlighted row's details, and with `o` the openssl commands that make it.

import {Box, Text} from 'ink';
import {commandsFor} from '../../preview.js';
import {STEPS, TOTAL_STEPS} from '../../steps.js';
import {reviewRowsOf} from '../../model.js';
import type {ReviewRow} from '../../summary.js';
import {currentStep, type WizardState} from '../../wizard-state.js';
import {Header} from '../components/Header.js';
import {HelpOverlay} from '../components/HelpOverlay.js';
import {Messages} from '../components/Messages.js';
import {OpensslPreview} from '../components/OpensslPreview.js';
import type {Size} from '../hooks/useStdoutSize.js';
import {cut, rowsFor, windowAround, wrapWords} from '../layout.js';
import {theme, WIDE} from '../theme.js';
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
  if (width >= WIDE) cols.push({title: 'Usage', width: 21, min: 10, get: (r) => r.usages}, {title: 'Valid', width: 9, min: 9, get: (r) => r.validity.replace(/ \(.*\)$/, '')});
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
  const problems = problemsUnderAny(s.answers.plan, ['']);
  const table = reviewRowsOf(s.answers);
  const row = table[s.cursor];
  const cols = columns(width);
  // Details of the highlighted row: one line each, except the SANs (up to three lines, they matter).
  const sans = row ? wrapWords(`SANs: ${row.sans.length ? row.sans.join(', ') : 'none (a client certificate)'}`, width).slice(0, 3) : [];
  const detail = row
    ? [cut(`${row.id}: ${row.about}`, width), ...sans, cut(`${row.usages} · valid ${row.validity} · read by ${row.flags.join('; ')}`, width)]
    : [];
  const detailRows = detail.length;
  const questionRows = rowsFor(step.question, width);
  const previewRows = s.showCommands ? Math.max(4, Math.floor((rows - questionRows - detailRows - 4) / 2)) : 0;
  const tableRows = Math.max(3, rows - 1 - questionRows - 1 - detailRows - 1 - (s.showCommands ? previewRows + 2 : 0) - (problems.length ? problems.length + 1 : 0));
  const {start, end} = windowAround(s.cursor, table.length, tableRows);
  return (
    <Box flexDirection="column" width={width}>
      <Header title={step.title} step={STEPS.indexOf(step) + 1} total={TOTAL_STEPS} width={width} />
      <Text>{step.question}</Text>
      <Messages errors={problems} width={width} />
      <Text bold>{cut(`  ${cols.map((c) => cell(c.title, c.width)).join(' ')}`, width)}</Text>
      {table.slice(start, end).map((r, j) => {
        const selected = start + j === s.cursor;
        return (
          <Text key={r.id} color={selected ? theme.focus : undefined} bold={selected}>
            {cut(`${selected ? '› ' : '  '}${cols.map((c) => cell(c.get(r), c.width)).join(' ')}`, width)}
          </Text>
        );
      })}
      <Text dimColor>{`  ${s.cursor + 1} of ${table.length} certificates and key pairs`}</Text>
      {detail.map((d, i) => <Text key={i} dimColor={i > 0}>{d}</Text>)}
      {s.showCommands && row ? (
        <Box marginTop={1}><OpensslPreview preview={commandsFor(s.answers, [row.id])} maxLines={previewRows} width={width} /></Box>
      ) : null}
    </Box>
  );
}
