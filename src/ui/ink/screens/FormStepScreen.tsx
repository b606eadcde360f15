// A form step (Cluster, Certificate authorities, Output): fields only.

import {stepPreview} from '../../preview.js';
import type {Field} from '../../fields.js';
import {currentStep, type WizardState} from '../../wizard-state.js';
import {FormBody, formModel} from '../components/FormBody.js';
import {StepFrame} from '../components/StepFrame.js';
import type {Size} from '../hooks/useStdoutSize.js';
import {WIDE} from '../theme.js';

export function FormStepScreen({s, size, rows, fields}: {s: WizardState; size: Size; rows: number; fields: Field[]}) {
  const step = currentStep(s);
  const width = size.columns >= WIDE ? size.columns - Math.min(44, Math.floor(size.columns * 0.38)) - 2 : size.columns;
  const model = formModel(fields, s.answers, s.focus, s.showErrors, width);
  return (
    <StepFrame s={s} size={size} rows={rows} bodyLines={model.lines}
      body={<FormBody model={model} width={width} />} preview={stepPreview(step, s.answers, {})} />
  );
}
