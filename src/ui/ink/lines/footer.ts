// The rows under every screen: the quit question when it is asked, and the key hints of the current
// screen, built from the same keymap the reducer interprets. Hints wrap between keys, never cut, so
// the help key is always on screen.

import {keymap} from '../../keymap.js';
import type {WizardState} from '../../wizard-state.js';
import {theme} from '../theme.js';
import {text, wrapped, type Line} from './line.js';

export function footerLines(s: WizardState, width: number): Line[] {
  const rows: string[] = [];
  for (const hint of keymap(s).filter((b) => b.label).map((b) => `${b.keys} ${b.label}`)) {
    const last = rows.at(-1);
    if (last !== undefined && last.length + 3 + hint.length <= width) rows[rows.length - 1] = `${last} · ${hint}`;
    else rows.push(hint);
  }
  return [
    ...(s.confirmQuit ? wrapped('! Quit now? Your answers are not saved and nothing is written. (y/n)', width, {color: theme.warning}) : []),
    ...rows.map((r) => text(r, {dim: true})),
  ];
}
