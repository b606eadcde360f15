// The rows under every screen: the quit question when it is asked, and the key hints of the current
// screen, built from the same keymap the reducer interprets.

import {keymap} from '../../keymap.js';
import type {WizardState} from '../../wizard-state.js';
import {theme} from '../theme.js';
import {cutText, wrapped, type Line} from './line.js';

export function footerLines(s: WizardState, width: number): Line[] {
  const hints = keymap(s).filter((b) => b.label).map((b) => `${b.keys} ${b.label}`).join(' · ');
  return [
    ...(s.confirmQuit ? wrapped('! Quit now? Your answers are not saved and nothing is written. (y/n)', width, {color: theme.warning}) : []),
    cutText(hints, width, {dim: true}),
  ];
}
