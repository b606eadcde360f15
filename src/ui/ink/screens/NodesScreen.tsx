// Step 3: the nodes, as a list to add to, edit and remove from (name, address, role).

import type {ListSpec} from '../../fields.js';
import {stepPreview} from '../../preview.js';
import {currentStep, effectiveAnswers, focusOf, type WizardState} from '../../wizard-state.js';
import {ListBody, listBodyLines, type ListBodyProps} from '../components/ListBody.js';
import {StepFrame} from '../components/StepFrame.js';
import type {Size} from '../hooks/useStdoutSize.js';
import {WIDE} from '../theme.js';

export function NodesScreen({s, size, rows, list}: {s: WizardState; size: Size; rows: number; list: ListSpec}) {
  const step = currentStep(s);
  const width = size.columns >= WIDE ? size.columns - Math.min(44, Math.floor(size.columns * 0.38)) - 2 : size.columns;
  const props: ListBodyProps = {
    list, answers: s.answers, cursor: s.cursor, ...(s.edit ? {edit: s.edit} : {}), width,
    heading: `${'Name'.padEnd(16)} ${'Address'.padEnd(16)} Role`, empty: 'no nodes yet: a adds one', maxRows: s.edit ? 3 : 6,
  };
  return (
    <StepFrame s={s} size={size} rows={rows} bodyLines={listBodyLines(props)} body={<ListBody {...props} />}
      preview={stepPreview(step, effectiveAnswers(s), focusOf(s))} />
  );
}
