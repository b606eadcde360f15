// A lesson step (TLS basics): the vocabulary before any question: key pairs, the five terms, public vs
// private file names.

import {Box, Text} from 'ink';
import {stepPreview} from '../../preview.js';
import {currentStep, type WizardState} from '../../wizard-state.js';
import {StepFrame} from '../components/StepFrame.js';
import type {Size} from '../hooks/useStdoutSize.js';
import {cut} from '../layout.js';

const TERMS: [string, string][] = [
  ['key pair', 'public key locks and checks; private key opens and signs'],
  ['CA', 'Certificate Authority: signs certificates others trust'],
  ['CSR', 'Certificate Signing Request: public key + wanted name'],
  ['CRT', 'certificate: the CA-signed answer to a CSR'],
  ['PEM', 'Base64 text holding certificates, keys or chains'],
  ['KEY', 'the private key: never leaves its owner'],
];

export function LessonScreen({s, size, rows}: {s: WizardState; size: Size; rows: number}) {
  const width = size.columns >= 100 ? size.columns - Math.min(44, Math.floor(size.columns * 0.38)) - 2 : size.columns;
  const body = (
    <Box flexDirection="column">
      {TERMS.map(([term, meaning]) => (
        <Text key={term}>{cut(`  ${term.padEnd(9)} ${meaning}`, width)}</Text>
      ))}
      <Text>{cut('  public:  *.crt  *.pem      private (0600):  *.key  *-key.pem', width)}</Text>
    </Box>
  );
  return <StepFrame s={s} size={size} rows={rows} bodyLines={TERMS.length + 1} body={body} preview={stepPreview(currentStep(s), s.answers, {})} />;
}
