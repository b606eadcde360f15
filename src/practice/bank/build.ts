// Builders that turn a question's content into a Question: choices shuffled per lab, chosen by number or text;
// typed answers judged by the given judge; commands run in the lab and judged by their output.

import type {LabCluster} from '../lab.js';
import {runInLab, type RunResult} from '../sandbox.js';
import type {Asked, Level, Question, Topic, Verdict} from '../types.js';

interface Meta {
  id: string;
  topic: Topic;
  level: Level;
  /** Set when the answer is read from the lab's files. */
  lab?: boolean;
}

interface Explained {
  explanation: string;
  truth: string;
}

export interface ChoiceContent extends Explained {
  prompt: string;
  right: string;
  wrong: readonly string[];
  /** What to say when a particular wrong option is chosen. */
  whyWrong?: Readonly<Record<string, string>>;
}

export function choice(meta: Meta, content: (lab: LabCluster) => ChoiceContent): Question {
  return {
    ...meta, kind: 'choice', usesLab: meta.lab ?? false,
    ask: (lab) => {
      const c = content(lab);
      const choices = lab.rng.shuffle([c.right, ...c.wrong]);
      const grade = (input: string): Verdict => {
        const t = input.trim();
        const picked = /^\d+$/.test(t) ? choices[Number(t) - 1] : choices.find((x) => x.toLowerCase() === t.toLowerCase());
        if (picked === undefined) return {right: false, feedback: `answer with a number from 1 to ${choices.length}`};
        if (picked === c.right) return {right: true};
        const why = c.whyWrong?.[picked];
        return {right: false, ...(why ? {feedback: why} : {})};
      };
      return {prompt: c.prompt, choices, answer: c.right, grade, explanation: c.explanation, truth: c.truth};
    },
  };
}

export interface TypedContent extends Explained {
  prompt: string;
  form: string;
  answer: string;
  grade: (input: string) => Verdict;
}

export function typed(meta: Meta, content: (lab: LabCluster) => TypedContent): Question {
  return {...meta, kind: 'typed', usesLab: meta.lab ?? false, ask: (lab): Asked => content(lab)};
}

export interface CommandContent extends Explained {
  prompt: string;
  /** One command that does it, shown after a wrong answer. */
  answer: string;
  /** Judges what the learner's command printed (and its exit code). */
  check: (result: RunResult) => Verdict;
}

export function command(meta: Meta, content: (lab: LabCluster) => CommandContent): Question {
  return {
    ...meta, kind: 'command', usesLab: true,
    ask: (lab) => {
      const c = content(lab);
      const grade = async (input: string): Promise<Verdict> => {
        const result = await runInLab(input, lab.nodeRoot);
        if (!result.ran) return {right: false, feedback: result.refused!};
        return c.check(result);
      };
      return {prompt: c.prompt, form: 'one command (openssl or kubectl config; paths as on the node)', answer: c.answer, grade,
        explanation: c.explanation, truth: c.truth};
    },
  };
}

/** Output checks shared by command questions. */
export function printsAll(result: RunResult, needles: readonly string[], what: string): Verdict {
  if (result.exitCode !== 0) return {right: false, feedback: `the command failed (exit ${result.exitCode}): ${firstLine(result.output)}`};
  const missing = needles.filter((n) => !result.output.includes(n));
  return missing.length ? {right: false, feedback: `its output does not show ${what}: ${missing.join(', ')}`} : {right: true};
}

export const firstLine = (text: string): string => text.trim().split('\n')[0]?.slice(0, 160) ?? '';
