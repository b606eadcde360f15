// The start of `kubepki practice` on a terminal: the chooser (questions or a lab), the lab being made, and the
// lab screen (TASK.md, the folder, "check my work" and its feedback). State, keys and words come from
// practice/home-state.ts, chooser.ts and lab-screen.ts; this only draws them and runs the lab work.

import {Box, useApp, useInput} from 'ink';
import {useEffect, useReducer} from 'react';
import {chooserMenu, type ChooserState} from '../../../practice/chooser.js';
import {checkWork, footerText, homeKeymap, homeReducer, initialHome, makeWork, makingParas, type HomeState, type LabWork, type PracticeOutcome} from '../../../practice/home-state.js';
import {feedbackParas, labHeadParas, shownTop, taskParas, type LabScreenState} from '../../../practice/lab-screen.js';
import {Header} from '../components/Header.js';
import {Lines} from '../components/Lines.js';
import {useStdoutSize} from '../hooks/useStdoutSize.js';
import {windowAround} from '../layout.js';
import {BLANK, hanging, text, wrapped, type Line} from '../lines/line.js';
import {theme} from '../theme.js';
import {paraLines} from './paras.js';

export interface PracticeHomeProps {
  work: LabWork;
  onExit: (outcome: PracticeOutcome) => void;
  start?: HomeState;
}

export function PracticeHome({work, onExit, start}: PracticeHomeProps) {
  const {exit} = useApp();
  const {columns, rows} = useStdoutSize();
  const [s, dispatch] = useReducer((state: HomeState, action: Parameters<typeof homeReducer>[1]) => homeReducer(state, action, work), start ?? initialHome());

  useInput((input, key) => {
    // Bindings are read from the state of this render; the reducer re-checks what it is given.
    const binding = homeKeymap(s).find((b) => b.match(input, key));
    if (binding) dispatch(binding.action(input));
  });

  const {making} = s;
  useEffect(() => {
    if (!making) return;
    void makeWork(work, making).then(dispatch);
  }, [making, work]);

  const checking = s.lab?.checking === true;
  useEffect(() => {
    if (!checking || !s.lab) return;
    void checkWork(work, s.lab).then(dispatch);
    // A check starts when `checking` turns on, not on every change of the lab screen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [checking]);

  useEffect(() => {
    if (!s.outcome) return;
    onExit(s.outcome);
    exit();
  }, [s.outcome, onExit, exit]);

  const width = Math.max(20, columns);
  const footer = wrapped(footerText(homeKeymap(s)), width, {dim: true});
  if (s.lab) return <LabView lab={s.lab} width={width} rows={rows} footer={footer} dispatch={dispatch} />;
  if (making) {
    return (
      <Box flexDirection="column">
        <Header title="Practice" width={width} />
        <Lines lines={[BLANK, ...paraLines(makingParas(making), width)]} width={width} />
      </Box>
    );
  }
  return <ChooserView s={s.chooser} width={width} rows={rows} footer={footer} resolve={work.resolve} />;
}

function optionLines(label: string, hint: string, width: number, labelWidth: number, focused: boolean): Line[] {
  const style = focused ? {color: theme.focus, bold: true} : {};
  if (!hint) return [text(label, style)];
  if (width - labelWidth >= 30) return hanging([{text: label.padEnd(labelWidth), ...style}], hint, width, focused ? style : {dim: true});
  return [...wrapped(label, width, style, 0, 5), ...wrapped(hint, width, {dim: true}, 5)];
}

function ChooserView({s, width, rows, footer, resolve}: {s: ChooserState; width: number; rows: number; footer: Line[]; resolve: (f: string) => string}) {
  const menu = chooserMenu(s);
  const labelWidth = Math.max(...menu.options.map((o, i) => `› ${i + 1}. ${o.label}`.length)) + 2;
  const options = menu.options.map((o, i) => optionLines(`${i === s.cursor ? '›' : ' '} ${i + 1}. ${o.label}`, o.hint, width, labelWidth, i === s.cursor));
  const top: Line[] = [BLANK, ...wrapped(menu.intro, width, {dim: true}), BLANK];
  const field: Line[] = s.step === 'folder'
    ? [...wrapped(`› ${s.folder}▏`, width, {color: theme.focus}, 0, 2), ...wrapped(`That is ${resolve(s.folder || '.')}`, width, {dim: true}, 2)]
    : [];
  const problem = s.problem ? [BLANK, ...wrapped(`✘ ${s.problem}`, width, {color: theme.error}, 0, 2)] : [];
  // A long list shows the rows around the cursor; the rest are one ↑↓ away.
  const room = Math.max(3, rows - 1 - top.length - field.length - problem.length - footer.length - 3);
  const flat = options.flat();
  const at = options.slice(0, s.cursor).reduce((n, o) => n + o.length, 0);
  const {start, end} = windowAround(at, flat.length, room);
  const more = [start > 0 ? '↑ more' : '', end < flat.length ? '↓ more' : ''].filter(Boolean).join(' · ');
  return (
    <Box flexDirection="column">
      <Header title={menu.title} width={width} />
      <Lines lines={[...top, ...field, ...flat.slice(start, end), text(more, {dim: true}), ...problem, BLANK, ...footer]} width={width} />
    </Box>
  );
}

function LabView({lab, width, rows, footer, dispatch}: {lab: LabScreenState; width: number; rows: number; footer: Line[]; dispatch: (a: Parameters<typeof homeReducer>[1]) => void}) {
  const head = paraLines(labHeadParas(lab), width);
  const task = paraLines(taskParas(lab.task), width);
  const feedback = paraLines(feedbackParas(lab), width);
  const body = [...head, BLANK, ...task, BLANK, ...feedback];
  const room = Math.max(3, rows - 1 - 1 - footer.length - 1);
  const view = {max: Math.max(0, body.length - room), feedbackAt: head.length + 1 + task.length + 1};
  useEffect(() => {
    dispatch({type: 'lab', action: {type: 'layout', ...view}});
  }, [view.max, view.feedbackAt, dispatch]); // eslint-disable-line react-hooks/exhaustive-deps
  const top = shownTop(lab, view);
  const shown = body.slice(top, top + room);
  const status = body.length > room ? `rows ${top + 1}-${top + shown.length} of ${body.length}${top + shown.length < body.length ? ' · ↓ more' : ''}` : '';
  return (
    <Box flexDirection="column">
      <Header title={`Practice lab · ${lab.id}`} width={width} />
      <Lines lines={[...shown, text(status, {dim: true}), ...footer]} width={width} />
    </Box>
  );
}
