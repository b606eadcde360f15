// A list step: the editor for its list, with what that list shows around its items (LIST_VIEWS).

import type {ListSpec} from '../../fields.js';
import {stepPreview} from '../../preview.js';
import {currentStep, effectiveAnswers, focusOf, type WizardState} from '../../wizard-state.js';
import {StepFrame} from '../components/StepFrame.js';
import type {Size} from '../hooks/useStdoutSize.js';
import type {Line} from '../lines/line.js';
import {listLines} from '../lines/list.js';
import {LIST_VIEWS} from './list-views.js';

export function ListStepScreen({s, size, rows, list}: {s: WizardState; size: Size; rows: number; list: ListSpec}) {
  const view = LIST_VIEWS[list.id];
  const body = (width: number): Line[] => [
    ...view.above(s, width),
    ...listLines({list, answers: s.answers, cursor: s.cursor, edit: s.edit, width, heading: view.heading, empty: view.empty,
      maxRows: view.maxRows(Boolean(s.edit))}),
    ...(view.below?.(s, width) ?? []),
  ];
  return <StepFrame s={s} size={size} rows={rows} body={body} preview={stepPreview(currentStep(s), effectiveAnswers(s), focusOf(s))} />;
}
