// Step 9: the newest lines of the run's log under the header (inside the frame: lines printed above it
// would stay there, above every later screen), a spinner for the work in progress, and a failure in place
// with what to do.

import {Spinner} from '@inkjs/ui';
import {Box} from 'ink';
import type {WizardState} from '../../wizard-state.js';
import {Header} from '../components/Header.js';
import {Lines} from '../components/Lines.js';
import {wrapped, type Line} from '../lines/line.js';
import {theme} from '../theme.js';
import {TOTAL_STEPS} from '../../steps.js';

export function GenerateScreen({s, width, rows}: {s: WizardState; width: number; rows: number}) {
  const gen = s.gen;
  const status: Line[] = [];
  if (gen?.status === 'aborting') status.push(...wrapped('! Cancelling: removing what this run created…', width, {color: theme.warning}));
  if (gen?.status === 'failed' && gen.error) {
    status.push(
      ...wrapped(`✖ ${gen.error.message}`, width, {color: theme.error}, 0, 2),
      ...gen.error.details.flatMap((d) => wrapped(d, width, {}, 2, 2)),
      ...(gen.error.hint ? wrapped(`hint: ${gen.error.hint}`, width, {}, 2, 6) : []),
      ...wrapped('Nothing was written. Esc goes back to the output step (another folder), Enter tries again.', width, {dim: true}),
    );
  }
  const log = (gen?.log ?? []).flatMap((l) => wrapped(l, width, {}, 0, 2));
  const spinner = gen?.status === 'running' ? 1 : 0;
  const room = Math.max(0, rows - 1 - spinner - status.length);
  return (
    <Box flexDirection="column" width={width}>
      <Header title="Generate" step={TOTAL_STEPS - 1} total={TOTAL_STEPS} width={width} />
      <Lines lines={log.slice(Math.max(0, log.length - room))} width={width} />
      {spinner ? <Spinner label={gen?.current ?? `writing to ${s.answers.out}`} /> : null}
      {status.length ? <Lines lines={status} width={width} /> : null}
    </Box>
  );
}
