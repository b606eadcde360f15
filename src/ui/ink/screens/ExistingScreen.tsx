// Between Output and Generate when the output folder already holds a PKI: what the run will keep, create,
// renew and refuse there, before anything is written; ↑↓ scrolls. The keys (footer) say what can be chosen.

import {Spinner} from '@inkjs/ui';
import {Box} from 'ink';
import {existingLines, type PreviewLine} from '../../existing-preview.js';
import {TOTAL_STEPS} from '../../steps.js';
import type {WizardState} from '../../wizard-state.js';
import {Header} from '../components/Header.js';
import {Lines} from '../components/Lines.js';
import {wrapped, type Style} from '../lines/line.js';
import {scrolled} from '../lines/scroll.js';
import {theme} from '../theme.js';

const STYLES: Record<NonNullable<PreviewLine['style']>, Style> = {
  title: {bold: true}, ok: {color: theme.ok}, dim: {dim: true}, warn: {color: theme.warning}, error: {color: theme.error},
};

export function ExistingScreen({s, width, rows}: {s: WizardState; width: number; rows: number}) {
  const header = <Header title="Generate: the folder holds a PKI" step={TOTAL_STEPS - 1} total={TOTAL_STEPS} width={width} />;
  if (s.existing?.status !== 'ready') {
    return <Box flexDirection="column" width={width}>{header}<Spinner label={`looking at what ${s.answers.out} holds…`} /></Box>;
  }
  const lines = existingLines(s.existing.preview).map((l) => wrapped(l.text, width, l.style ? STYLES[l.style] : {}, 0, 2));
  return (
    <Box flexDirection="column" width={width}>
      {header}
      <Lines width={width} lines={scrolled(lines, s.cursor, Math.max(3, rows - 2))} />
    </Box>
  );
}
