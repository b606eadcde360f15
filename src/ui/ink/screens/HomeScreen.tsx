// Home: build a PKI, learn the basics, or quit.

import {Box} from 'ink';
import {HOME_ITEMS, HOME_LABELS, type WizardState} from '../../wizard-state.js';
import {Header} from '../components/Header.js';
import {Lines} from '../components/Lines.js';
import {hanging, wrapped} from '../lines/line.js';
import {theme} from '../theme.js';


const LABEL_WIDTH = Math.max(...Object.values(HOME_LABELS).map(([label]) => label.length)) + 2;

export function HomeScreen({s, width}: {s: WizardState; width: number}) {
  return (
    <Box flexDirection="column" width={width}>
      <Header title="a Kubernetes cluster PKI you understand" width={width} />
      <Box flexDirection="column" marginTop={1}>
        <Lines width={width} lines={HOME_ITEMS.flatMap((item, i) => {
          const selected = i === s.homeCursor;
          const [label, hint] = HOME_LABELS[item];
          const style = {...(selected ? {color: theme.focus} : {}), bold: selected};
          return hanging([{text: `${selected ? '› ' : '  '}${label.padEnd(LABEL_WIDTH)}`, ...style}], hint, width, style);
        })} />
      </Box>
      <Box marginTop={1}><Lines width={width} lines={wrapped('Every step has a default: pressing Enter all the way gives a valid single-node PKI. F1 or ? opens help on every screen.', width, {dim: true})} /></Box>
    </Box>
  );
}
