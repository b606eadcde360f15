// Home: build a PKI, learn the basics, or quit.

import {Box} from 'ink';
import {HOME_ITEMS, type HomeItem, type WizardState} from '../../wizard-state.js';
import {Header} from '../components/Header.js';
import {Lines} from '../components/Lines.js';
import {hanging, wrapped} from '../lines/line.js';
import {theme} from '../theme.js';

const LABELS: Record<HomeItem, [string, string]> = {
  build: ['Build a cluster PKI', 'CA → clients with groups → servers with SANs, step by step'],
  learn: ['Learn TLS basics', 'key pairs, CA/CSR/CRT/PEM/KEY, SANs, system:masters and more'],
  person: ['Add a person to a cluster', 'key + CSR for kubectl (exam flow), or sign with your CA'],
  practice: ['Practice for the CKA/CKS', 'questions about a lab cluster made for you, graded on the spot'],
  inspect: ['Inspect a certificate, folder or endpoint', 'every field with its openssl command, findings, map, expiry timeline'],
  quit: ['Quit', ''],
};

const LABEL_WIDTH = Math.max(...Object.values(LABELS).map(([label]) => label.length)) + 2;

export function HomeScreen({s, width}: {s: WizardState; width: number}) {
  return (
    <Box flexDirection="column" width={width}>
      <Header title="a Kubernetes cluster PKI you understand" width={width} />
      <Box flexDirection="column" marginTop={1}>
        <Lines width={width} lines={HOME_ITEMS.flatMap((item, i) => {
          const selected = i === s.homeCursor;
          const [label, hint] = LABELS[item];
          const style = {...(selected ? {color: theme.focus} : {}), bold: selected};
          return hanging([{text: `${selected ? '› ' : '  '}${label.padEnd(LABEL_WIDTH)}`, ...style}], hint, width, style);
        })} />
      </Box>
      <Box marginTop={1}><Lines width={width} lines={wrapped('Every step has a default: pressing Enter all the way gives a valid single-node PKI. F1 or ? opens help on every screen.', width, {dim: true})} /></Box>
    </Box>
  );
}
