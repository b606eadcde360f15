// Home → Inspect: the path field, then the files with their marks beside (or above) the selected one's fields and
// openssl options, check's findings, the map and the expiry timeline, one tab each. Rows come from lines/inspect.ts.

import {Box} from 'ink';
import {useEffect, type Dispatch} from 'react';
import {initialInspect} from '../../inspect.js';
import type {Action, WizardState} from '../../wizard-state.js';
import {Header} from '../components/Header.js';
import {Lines} from '../components/Lines.js';
import {inspectRows} from '../lines/inspect.js';

export const INSPECT_TITLE = 'Inspect';

export function InspectScreen({s, width, rows, dispatch}: {s: WizardState; width: number; rows: number; dispatch: Dispatch<Action>}) {
  const is = s.inspect ?? initialInspect();
  const {lines, scrollMax} = inspectRows(is, width, Math.max(3, rows - 1));
  // The reducer stops scrolling where the pane's last row is in view: only the layout knows where that is.
  useEffect(() => dispatch({type: 'inspect', action: {type: 'i-limit', max: scrollMax}}), [scrollMax, dispatch]);
  const where = is.stage === 'view' && is.inspection ? ` · ${is.inspection.path}` : '';
  return (
    <Box flexDirection="column" width={width}>
      <Header title={`${INSPECT_TITLE}${where}`} width={width} />
      <Lines width={width} lines={lines} />
    </Box>
  );
}
