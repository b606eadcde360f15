// Home: build a PKI, learn the basics, or quit.

import {Box, Text} from 'ink';
import {HOME_ITEMS, type HomeItem, type WizardState} from '../../wizard-state.js';
import {Header} from '../components/Header.js';
import {cut} from '../layout.js';
import {theme} from '../theme.js';

const LABELS: Record<HomeItem, [string, string]> = {
  build: ['Build a cluster PKI', 'CA → clients with groups → servers with SANs, step by step'],
  learn: ['Learn TLS basics', 'key pairs, CA/CSR/CRT/PEM/KEY, SANs, system:masters, …'],
  person: ['Add a person to a cluster', 'key + CSR for kubectl (exam flow), or sign with your CA'],
  quit: ['Quit', ''],
};

const LABEL_WIDTH = Math.max(...Object.values(LABELS).map(([label]) => label.length)) + 2;

export function HomeScreen({s, width}: {s: WizardState; width: number}) {
  return (
    <Box flexDirection="column" width={width}>
      <Header title="a Kubernetes cluster PKI you understand" width={width} />
      <Box flexDirection="column" marginTop={1}>
        {HOME_ITEMS.map((item, i) => {
          const selected = i === s.homeCursor;
          const [label, hint] = LABELS[item];
          return (
            <Text key={item} color={selected ? theme.focus : undefined} bold={selected}>
              {cut(`${selected ? '› ' : '  '}${label.padEnd(LABEL_WIDTH)}${width >= 60 ? hint : ''}`, width)}
            </Text>
          );
        })}
      </Box>
      <Box marginTop={1}><Text dimColor>{cut('Every step has a default: pressing Enter all the way gives a valid single-node PKI.', width)}</Text></Box>
    </Box>
  );
}
