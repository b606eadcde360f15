// The full-screen practice runner: a question, its choices or an answer line, then the verdict; in exam mode a
// clock and no verdicts until the summary. Everything it says comes from practice/text.ts, as in plain mode.

import {Box, useApp, useInput} from 'ink';
import {useEffect, useRef, useState} from 'react';
import type {AnswerRecord, Session} from '../../../practice/session.js';
import {labIntro, questionParas, summaryParas, verdictParas} from '../../../practice/text.js';
import {Lines} from '../components/Lines.js';
import {useStdoutSize} from '../hooks/useStdoutSize.js';
import {BLANK, text, type Line} from '../lines/line.js';
import {paraLines} from './paras.js';
import {theme} from '../theme.js';

type Phase = {type: 'intro'} | {type: 'ask'} | {type: 'checking'} | {type: 'feedback'; rec: AnswerRecord} | {type: 'summary'};

export interface PracticeAppProps {
  session: Session;
  now?: () => Date;
  onDone: () => void;
}

export function PracticeApp({session, now = () => new Date(), onDone}: PracticeAppProps) {
  const {exit} = useApp();
  const {columns, rows} = useStdoutSize();
  // State lives in refs read by the key handler: keys can arrive before Ink re-subscribes the handler of the
  // latest render (a paste then Enter, or the first key after a screen change), and must see the newest state.
  const state = useRef({phase: {type: 'intro'} as Phase, input: '', choice: 0, scroll: 0});
  const [, redraw] = useState(0);
  const update = (change: Partial<typeof state.current>) => {
    state.current = {...state.current, ...change};
    redraw((n) => n + 1);
  };
  const {phase, input, choice, scroll} = state.current;
  const current = session.ask();

  // The exam clock redraws once a second; when time is up the run ends on the summary.
  useEffect(() => {
    if (!session.exam) return undefined;
    const timer = setInterval(() => {
      if (session.timeLeft(now()) === 0 && state.current.phase.type === 'ask') update({phase: {type: 'summary'}});
      else redraw((n) => n + 1);
    }, 1000);
    return () => clearInterval(timer);
  }, [session, now]);

  const finish = () => {
    onDone();
    exit();
  };
  const next = () => update({input: '', choice: 0, scroll: 0, phase: session.done ? {type: 'summary'} : {type: 'ask'}});
  const submit = (answer: string) => {
    update({phase: {type: 'checking'}});
    const work = answer.trim() === '' ? session.skip(now()) : session.answer(answer, now());
    void work.then((rec) => (session.exam ? next() : update({phase: {type: 'feedback', rec}})));
  };

  useInput((key, k) => {
    const now = state.current;
    if (k.ctrl && key === 'c') return finish();
    if (k.pageUp || (k.upArrow && now.phase.type !== 'ask')) return update({scroll: now.scroll + (k.pageUp ? 10 : 1)});
    if (k.pageDown || (k.downArrow && now.phase.type !== 'ask')) return update({scroll: Math.max(0, now.scroll - (k.pageDown ? 10 : 1))});
    if (now.phase.type === 'intro' || now.phase.type === 'feedback') return k.return ? next() : undefined;
    if (now.phase.type === 'summary') return k.return || key === 'q' || k.escape ? finish() : undefined;
    const asking = session.ask();
    if (now.phase.type !== 'ask' || !asking) return undefined;
    if (k.escape) return update({phase: {type: 'summary'}});
    const choices = asking.asked.choices;
    if (choices) {
      if (k.upArrow) return update({choice: (now.choice + choices.length - 1) % choices.length});
      if (k.downArrow) return update({choice: (now.choice + 1) % choices.length});
      if (/^[1-9]$/.test(key) && Number(key) <= choices.length) return submit(key);
      if (k.return) return submit(String(now.choice + 1));
      return undefined;
    }
    if (k.return) return submit(now.input);
    if (k.backspace || k.delete) return update({input: now.input.slice(0, -1)});
    if (key && !k.ctrl && !k.meta && !k.tab) update({input: now.input + key});
    return undefined;
  });

  const width = Math.max(20, columns);
  const body: Line[] = [];
  let footer = '';
  if (phase.type === 'intro') {
    body.push(...paraLines(labIntro(session.lab), width));
    footer = 'Enter start · Ctrl+C quit';
  } else if (phase.type === 'summary' || (!current && phase.type !== 'feedback')) {
    body.push(...paraLines(summaryParas(session), width));
    footer = 'Enter done · ↑↓ scroll';
  } else {
    // After an answer the session has moved on: the feedback is about the question just answered.
    const fb = phase.type === 'feedback' ? phase.rec : undefined;
    const shown = (fb ?? current)!;
    const position = fb ? {index: session.position.index - 1, total: session.position.total} : session.position;
    const paras = questionParas(shown.question, shown.asked, position, session.timeLeft(now()));
    const choices = shown.asked.choices;
    body.push(...paraLines(choices ? paras.slice(0, 2) : paras, width));
    if (choices) {
      choices.forEach((c, i) => {
        const focused = phase.type === 'ask' && i === choice;
        const picked = fb && fb.input.trim() === String(i + 1);
        const mark = focused ? '›' : fb && c === fb.asked.answer ? '✔' : picked ? '✘' : ' ';
        const lines = paraLines([{text: `${mark} ${i + 1}. ${c}`, hang: 5}], width);
        body.push(...(focused ? lines.map((l) => l.map((sp) => ({...sp, color: theme.focus}))) : lines));
      });
    } else {
      body.push(...paraLines([{text: `› ${fb ? fb.input : input}${phase.type === 'ask' ? '▏' : ''}`, hang: 2}], width));
    }
    if (phase.type === 'checking') body.push(text('checking…', {dim: true}));
    if (fb) body.push(BLANK, ...paraLines(verdictParas(fb), width));
    footer = fb ? 'Enter next · ↑↓ scroll · Ctrl+C quit'
      : choices ? '↑↓ choose · 1-9 or Enter answer · Esc end · Ctrl+C quit' : 'type · Enter answer (empty skips) · Esc end · Ctrl+C quit';
  }
  const room = Math.max(1, rows - 2);
  // Long feedback scrolls: the newest rows show first, ↑ goes back.
  const start = Math.max(0, Math.min(body.length - room, body.length - room - scroll));
  const shown = body.slice(start, start + room);
  return (
    <Box flexDirection="column">
      <Lines lines={shown} width={width} />
      <Lines lines={[BLANK, text(footer, {dim: true})].slice(shown.length < room ? 0 : 1)} width={width} />
    </Box>
  );
}
