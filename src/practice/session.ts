// One practice run: which questions, in which order, the score, and the exam clock. Pure but for the clock,
// which callers pass in, so the runners and the tests drive it the same way.

import {BANK} from './bank/index.js';
import type {LabCluster} from './lab.js';
import {orderByDue, record, type Progress} from './progress.js';
import type {Asked, Level, Question, Topic, Verdict} from './types.js';

export interface SessionOptions {
  topic?: Topic;
  level?: Level;
  /** How many questions (default 10). */
  count?: number;
  /** Exam mode: a time limit, no feedback until the end. */
  examMinutes?: number;
  bank?: readonly Question[];
}

export interface AnswerRecord {
  question: Question;
  asked: Asked;
  input: string;
  verdict: Verdict;
  /** Answered after the exam's time was up: shown, not scored. */
  late: boolean;
}

export const DEFAULT_COUNT = 10;
/** Questions in an exam unless --count says otherwise; the exam gives two minutes a question. */
export const EXAM_COUNT = 20;
export const EXAM_MINUTES_PER_QUESTION = 2;
export const examMinutes = (count: number): number => count * EXAM_MINUTES_PER_QUESTION;

/** The questions matching topic and level (a level includes the levels below it). */
export function selectQuestions(opts: Pick<SessionOptions, 'topic' | 'level' | 'bank'>): Question[] {
  return (opts.bank ?? BANK).filter((q) => (!opts.topic || q.topic === opts.topic) && (!opts.level || q.level <= opts.level));
}

export class Session {
  readonly questions: Question[];
  readonly answers: AnswerRecord[] = [];
  readonly deadline?: Date;
  private index = 0;
  private current?: Asked;

  constructor(readonly lab: LabCluster, readonly progress: Progress, readonly opts: SessionOptions, readonly started: Date) {
    const pool = selectQuestions(opts);
    // Shuffle first so questions with the same rank vary between runs, then put missed and due ones first.
    const ordered = orderByDue(lab.rng.shuffle(pool), progress, started);
    this.questions = ordered.slice(0, opts.count ?? DEFAULT_COUNT);
    if (opts.examMinutes) this.deadline = new Date(started.getTime() + opts.examMinutes * 60_000);
  }

  get exam(): boolean {
    return this.deadline !== undefined;
  }

  get position(): {index: number; total: number} {
    return {index: this.index, total: this.questions.length};
  }

  get done(): boolean {
    return this.index >= this.questions.length;
  }

  /** Milliseconds left in exam mode (never negative), undefined outside it. */
  timeLeft(now: Date): number | undefined {
    return this.deadline ? Math.max(0, this.deadline.getTime() - now.getTime()) : undefined;
  }

  /** The current question, asked about this run's lab (asked once, so choices keep their order). */
  ask(): {question: Question; asked: Asked} | undefined {
    const question = this.questions[this.index];
    if (!question) return undefined;
    this.current ??= question.ask(this.lab);
    return {question, asked: this.current};
  }

  async answer(input: string, now: Date): Promise<AnswerRecord> {
    const current = this.ask();
    if (!current) throw new Error('no question left');
    const verdict = await current.asked.grade(input);
    const late = this.deadline !== undefined && now > this.deadline;
    const rec: AnswerRecord = {...current, input, verdict, late};
    this.answers.push(rec);
    if (!late) record(this.progress, current.question.id, verdict.right, now);
    this.index++;
    this.current = undefined;
    return rec;
  }

  /** Skipping counts as missed: the question comes back first next time. */
  async skip(now: Date): Promise<AnswerRecord> {
    const current = this.ask();
    if (!current) throw new Error('no question left');
    const rec: AnswerRecord = {...current, input: '', verdict: {right: false, feedback: 'skipped'}, late: false};
    this.answers.push(rec);
    record(this.progress, current.question.id, false, now);
    this.index++;
    this.current = undefined;
    return rec;
  }

  score(): {right: number; scored: number; total: number} {
    const scored = this.answers.filter((a) => !a.late);
    return {right: scored.filter((a) => a.verdict.right).length, scored: scored.length, total: this.questions.length};
  }
}
