// What a practice run says, as paragraphs both runners show: the question, the verdict with its explanation
// and where the truth lives, the score and the questions to review. Wrapping is the runner's job.

import type {LabCluster} from './lab.js';
import type {AnswerRecord, Session} from './session.js';
import {LEVEL_NAMES, TOPIC_TITLES, type Asked, type Question} from './types.js';

export interface Para {
  text: string;
  tone?: 'title' | 'good' | 'bad' | 'dim' | 'code';
  /** Continuation rows are indented this much (list items, numbered choices). */
  hang?: number;
}

export const formatDuration = (ms: number): string => {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export function labIntro(lab: LabCluster): Para[] {
  return [
    {text: 'Practice lab', tone: 'title'},
    {text: `A cluster was generated for this run in ${lab.dir}. Questions about files are about its control-plane node ${lab.node.name}, whose files are in ${lab.nodeRoot} as they would be on the node (/etc/kubernetes/...).`},
    {text: 'Open another terminal and read them with openssl while you answer; command questions run your command on this lab.', tone: 'dim'},
  ];
}

export function questionParas(q: Question, asked: Asked, position: {index: number; total: number}, timeLeftMs?: number): Para[] {
  const head = `Question ${position.index + 1} of ${position.total} · ${TOPIC_TITLES[q.topic]} · ${LEVEL_NAMES[q.level]}`;
  const clock = timeLeftMs === undefined ? '' : ` · ${formatDuration(timeLeftMs)} left`;
  const out: Para[] = [{text: `${head}${clock}`, tone: 'dim'}, {text: asked.prompt, tone: 'title'}];
  if (asked.choices) asked.choices.forEach((c, i) => out.push({text: `${i + 1}. ${c}`, hang: 3}));
  else if (asked.form) out.push({text: `Answer: ${asked.form}`, tone: 'dim'});
  return out;
}

/** The verdict: right or wrong, what was wrong with this answer, the right one, why, and where to look. */
export function verdictParas(rec: AnswerRecord): Para[] {
  const out: Para[] = [];
  if (rec.late) out.push({text: 'Time was up: this answer is not scored.', tone: 'dim'});
  out.push(rec.verdict.right ? {text: '✔ Right.', tone: 'good'} : {text: `✘ Not right${rec.verdict.feedback ? `: ${rec.verdict.feedback}` : '.'}`, tone: 'bad', hang: 2});
  if (!rec.verdict.right) out.push({text: `The answer: ${rec.asked.answer}`, hang: 2});
  out.push({text: rec.asked.explanation});
  out.push({text: `Where the truth lives: ${rec.asked.truth}`, tone: 'code', hang: 2});
  return out;
}

export function summaryParas(session: Session): Para[] {
  const {right, scored, total} = session.score();
  const pct = scored ? Math.round((100 * right) / scored) : 0;
  const out: Para[] = [{text: `Score: ${right} of ${scored} answered right (${pct}%)${scored < total ? `; ${total - scored} not answered in time` : ''}.`, tone: 'title'}];
  const missed = session.answers.filter((a) => !a.verdict.right);
  if (session.exam && missed.length) {
    out.push({text: 'To review:', tone: 'title'});
    for (const m of missed) out.push(...[{text: `• ${m.asked.prompt}`, hang: 2}, ...verdictParas(m).map((p) => ({...p, text: `  ${p.text}`, hang: 4}))]);
  }
  if (missed.length) out.push({text: 'Missed questions come back first next time.', tone: 'dim'});
  return out;
}
