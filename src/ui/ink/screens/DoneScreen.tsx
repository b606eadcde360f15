// Step 10: the file tree by node, the flags that read each file, and next steps; ↑↓ scrolls. Long lines
// wrap under their text (after the ← of a file, after the number of a step), never cut.

import {Box} from 'ink';
import {doneLines, type DoneLine} from '../../done-text.js';
import {TOTAL_STEPS} from '../../steps.js';
import type {WizardState} from '../../wizard-state.js';
import {Header} from '../components/Header.js';
import {Lines} from '../components/Lines.js';
import {wrapped, type Style} from '../lines/line.js';
import {scrolled} from '../lines/scroll.js';
import {theme} from '../theme.js';

const STYLES: Record<NonNullable<DoneLine['style']>, Style> = {
  title: {bold: true}, dim: {dim: true}, ok: {color: theme.ok}, path: {color: theme.title},
};

/** Where a wrapped line's later rows start: under the flags after `←`, the text after `1. `, or its indent + 2. */
function hangOf(t: string): number {
  const arrow = t.indexOf('← ');
  if (arrow >= 0) return arrow + 2;
  const step = /^\d+\. /.exec(t);
  if (step) return step[0].length;
  return t.length - t.trimStart().length + 2;
}

export function DoneScreen({s, width, rows}: {s: WizardState; width: number; rows: number}) {
  if (!s.result) return null;
  const lines = doneLines(s.result).map((l) => wrapped(l.text, width, l.style ? STYLES[l.style] : {}, 0, Math.min(hangOf(l.text), Math.floor(width / 2))));
  const room = Math.max(3, rows - 2);
  return (
    <Box flexDirection="column" width={width}>
      <Header title="Done" step={TOTAL_STEPS} total={TOTAL_STEPS} width={width} />
      <Lines width={width} lines={scrolled(lines, s.cursor, room)} />
    </Box>
  );
}
