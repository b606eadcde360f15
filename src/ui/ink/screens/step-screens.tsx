// Which screen shows a build step, by what its body is: the Ink side of the step table.

import type {ReactNode} from 'react';
import type {BodyTable} from '../../steps.js';
import type {WizardState} from '../../wizard-state.js';
import type {Size} from '../hooks/useStdoutSize.js';
import {FormStepScreen} from './FormStepScreen.js';
import {LessonScreen} from './LessonScreen.js';
import {ListStepScreen} from './ListStepScreen.js';
import {ReviewScreen} from './ReviewScreen.js';

export interface StepScreenProps {
  s: WizardState;
  size: Size;
  /** Rows the screen may use (the App keeps the footer's). */
  rows: number;
}

export const STEP_SCREENS: BodyTable<[StepScreenProps], ReactNode> = {
  lesson: (_body, p) => <LessonScreen {...p} />,
  form: ({fields}, p) => <FormStepScreen {...p} fields={fields} />,
  list: ({list}, p) => <ListStepScreen {...p} list={list} />,
  review: (_body, p) => <ReviewScreen {...p} />,
};
