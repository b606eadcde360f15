// The practice domain: topics, levels, question kinds, and what a question asked about one lab cluster looks
// like. Questions are data plus small functions; the runners (Ink, plain, --list) only render them.

import type {LabCluster} from './lab.js';

export const TOPICS = ['tls-basics', 'identities', 'sans', 'files-flags', 'inspect', 'csr-kubeconfig', 'rbac', 'troubleshooting'] as const;
export type Topic = (typeof TOPICS)[number];

export const TOPIC_TITLES: Readonly<Record<Topic, string>> = {
  'tls-basics': 'TLS basics',
  identities: 'Identities and groups',
  sans: 'Subject alternative names',
  'files-flags': 'Files and flags',
  inspect: 'Inspecting certificates',
  'csr-kubeconfig': 'CSR and kubeconfig',
  rbac: 'RBAC for certificate users',
  troubleshooting: 'Troubleshooting',
};

export const LEVELS = [1, 2, 3] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_NAMES: Readonly<Record<Level, string>> = {1: 'foundation', 2: 'exam', 3: 'expert'};

/** choice: pick one of `choices`; typed: a value (path, CN, group, date, duration, list); command: a command line
 *  that kubepki runs in the lab folder and judges by its output. */
export type QuestionKind = 'choice' | 'typed' | 'command';

export interface Verdict {
  right: boolean;
  /** What was wrong with this answer in particular ("O must be system:nodes"), when it can be said. */
  feedback?: string;
}

/** A question asked about one lab: its text, how to judge an answer, and what to say after. */
export interface Asked {
  prompt: string;
  /** For `choice`: the options, shown numbered; the answer is the option's number or its text. */
  choices?: string[];
  /** For `typed`/`command`: a few words on the form expected ("a date", "one openssl command"). */
  form?: string;
  /** The right answer as shown after a wrong one. */
  answer: string;
  /** Judges a typed or chosen answer; `command` questions judge the command's output (see sandbox.ts). */
  grade: (input: string) => Verdict | Promise<Verdict>;
  explanation: string;
  /** Where the truth lives: the file, the flag or the command that shows it. */
  truth: string;
}

export interface Question {
  id: string;
  topic: Topic;
  level: Level;
  kind: QuestionKind;
  /** Whether the question is about the lab's files (its answer changes with every lab) or general knowledge. */
  usesLab: boolean;
  ask: (lab: LabCluster) => Asked;
}
