// The Ink wizard's root: one reducer, one always-active useInput (so raw mode stays on and Ctrl+C lands
// here, not in Ink's default exit, which would end with status 0), and the tree's only exit() in an effect:
// called from the handler that set the outcome, exit() would unmount before the final state is drawn.

import {Box, Text, useApp, useInput, useStdin} from 'ink';
import {useEffect, useReducer} from 'react';
import {isF1} from '../keymap.js';
import type {ProduceDeps} from '../produce.js';
import {onBody} from '../steps.js';
import {currentStep, wizardReducer, type Outcome, type WizardState} from '../wizard-state.js';
import {HelpOverlay} from './components/HelpOverlay.js';
import {Lines} from './components/Lines.js';
import {useGeneration} from './hooks/useGeneration.js';
import {usePreview} from './hooks/usePreview.js';
import {useStdoutSize} from './hooks/useStdoutSize.js';
import {DoneScreen} from './screens/DoneScreen.js';
import {ExistingScreen} from './screens/ExistingScreen.js';
import {GenerateScreen} from './screens/GenerateScreen.js';
import {HomeScreen} from './screens/HomeScreen.js';
import {LearnScreen} from './screens/LearnScreen.js';
import {InspectScreen} from './screens/InspectScreen.js';
import {PersonScreen} from './screens/PersonScreen.js';
import {useInspectWork} from './hooks/useInspectWork.js';
import {usePersonWork} from './hooks/usePersonWork.js';
import {STEP_SCREENS} from './screens/step-screens.js';
import {MIN_COLUMNS} from './layout.js';
import {footerLines} from './lines/footer.js';

export interface AppProps {
  start: WizardState;
  deps: ProduceDeps;
  /** Called once with how the wizard ended, just before Ink unmounts. */
  onExit?: (outcome: Outcome) => void;
}

export function App({start, deps, onExit}: AppProps) {
  const {exit} = useApp();
  const [s, dispatch] = useReducer(wizardReducer, start);
  const size = useStdoutSize();
  useInput((input, key) => dispatch({type: 'key', input, key}));
  // Ink 6 passes function keys on as an empty input with no flag: F1 is read from the raw key sequence
  // that Ink's own input hook receives on the same emitter.
  const {internal_eventEmitter: keys} = useStdin();
  useEffect(() => {
    const onKey = (sequence: string) => {
      if (isF1(sequence)) dispatch({type: 'key', input: '', key: {f1: true}});
    };
    keys.on('input', onKey);
    return () => {
      keys.off('input', onKey);
    };
  }, [keys]);
  usePreview(s, dispatch);
  useGeneration(s, dispatch, deps);
  usePersonWork(s, dispatch, deps);
  useInspectWork(s, dispatch);
  useEffect(() => {
    if (!s.outcome) return;
    onExit?.(s.outcome);
    exit();
  }, [s.outcome, exit, onExit]);

  if (size.columns < MIN_COLUMNS) {
    return <Text>The terminal is too narrow ({size.columns} columns): make it at least {MIN_COLUMNS} wide, or run kubepki --plain.</Text>;
  }
  const width = size.columns;
  const below = footerLines(s, width);
  // The screen gets what the quit question and the footer leave, less one row: Ink clears and redraws
  // the whole terminal whenever a frame reaches its last row.
  const rows = size.rows - 1 - below.length;
  let screen;
  if (s.showHelp) screen = <HelpOverlay s={s} width={width} rows={rows} dispatch={dispatch} />;
  else switch (s.screen) {
    case 'home':
      screen = <HomeScreen s={s} width={width} />;
      break;
    case 'learn':
      screen = <LearnScreen s={s} width={width} />;
      break;
    case 'step':
      screen = onBody(STEP_SCREENS, currentStep(s).body, {s, size, rows});
      break;
    case 'existing':
      screen = <ExistingScreen s={s} width={width} rows={rows} />;
      break;
    case 'generate':
      screen = <GenerateScreen s={s} width={width} rows={rows} />;
      break;
    case 'person':
      screen = <PersonScreen s={s} width={width} rows={rows} />;
      break;
    case 'inspect':
      screen = <InspectScreen s={s} width={width} rows={rows} dispatch={dispatch} />;
      break;
    case 'done':
      screen = <DoneScreen s={s} width={width} rows={rows} />;
      break;
  }
  return (
    <Box flexDirection="column" width={width}>
      {screen}
      <Lines lines={below} width={width} />
    </Box>
  );
}
