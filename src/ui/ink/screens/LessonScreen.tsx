// A lesson step (TLS basics): the vocabulary before any question: key pairs, the five terms, public vs
// private file names.

import {stepPreview} from '../../preview.js';
import {currentStep, type WizardState} from '../../wizard-state.js';
import {StepFrame} from '../components/StepFrame.js';
import type {Size} from '../hooks/useStdoutSize.js';
import {hanging, wrapped, type Line} from '../lines/line.js';

const TERMS: [string, string][] = [
  ['key pair', 'public key locks and checks; private key opens and signs'],
  ['CA', 'Certificate Authority: signs certificates others trust'],
  ['CSR', 'Certificate Signing Request: public key + wanted name'],
  ['CRT', 'certificate: the CA-signed answer to a CSR'],
  ['PEM', 'Base64 text holding certificates, keys or chains'],
  ['KEY', 'the private key: never leaves its owner'],
];

const termLines = (width: number): Line[] => [
  ...TERMS.flatMap(([term, meaning]) => hanging([{text: `  ${term.padEnd(9)} `}], meaning, width)),
  ...wrapped('public:  *.crt  *.pem      private (0600):  *.key  *-key.pem', width, {}, 2),
];

export function LessonScreen({s, size, rows}: {s: WizardState; size: Size; rows: number}) {
  return <StepFrame s={s} size={size} rows={rows} body={termLines} preview={stepPreview(currentStep(s), s.answers, {})} />;
}
