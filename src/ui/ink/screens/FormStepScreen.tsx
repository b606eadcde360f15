// A form step (Cluster, Certificate authorities, Output): fields only.

import type {Field} from '../../fields.js';
import {stepPreview} from '../../preview.js';
import {currentStep, type WizardState} from '../../wizard-state.js';
import {StepFrame} from '../components/StepFrame.js';
import type {Size} from '../hooks/useStdoutSize.js';
import {formLines} from '../lines/form.js';

export function FormStepScreen({s, size, rows, fields}: {s: WizardState; size: Size; rows: number; fields: Field[]}) {
  return (
    <StepFrame s={s} size={size} rows={rows} body={(width) => formLines(fields, s.answers, s.focus, s.showErrors, width)}
      preview={stepPreview(currentStep(s), s.answers, {})} />
  );
}
