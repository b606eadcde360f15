// Step 10: the file tree by node, the flags that read each file, and next steps; ↑↓ scrolls.

import {Box} from 'ink';
import {doneLines, type DoneLine} from '../../done-text.js';
import {TOTAL_STEPS} from '../../steps.js';
import type {WizardState} from '../../wizard-state.js';
import {Header} from '../components/Header.js';
import {Lines} from '../components/Lines.js';
import {cutText, text, type Style} from '../lines/line.js';
import {theme} from '../theme.js';

const STYLES: Record<NonNullable<DoneLine['style']>, Style> = {
  title: {bold: true}, dim: {dim: true}, ok: {color: theme.ok}, path: {color: theme.title},
};

export function DoneScreen({s, width, rows}: {s: WizardState; width: number; rows: number}) {
  if (!s.result) return null;
  const lines = doneLines(s.result);
  const room = Math.max(3, rows - 2);
  const start = Math.min(s.cursor, Math.max(0, lines.length - room));
  return (
    <Box flexDirection="column" width={width}>
      <Header title="Done" step={TOTAL_STEPS} total={TOTAL_STEPS} width={width} />
      <Lines width={width} lines={[
        ...lines.slice(start, start + room).map((l) => cutText(l.text, width, l.style ? STYLES[l.style] : {})),
        ...(start + room < lines.length ? [text(`↓ ${lines.length - start - room} more lines`, {dim: true})] : []),
      ]} />
    </Box>
  );
}
