// Hands-on labs: a node tree with a task, and a check that grades the learner's work item by item.

import type {KeySource} from '../../x509/keys.js';
import type {Rng} from '../random.js';

/** One graded item: pass or fail, with a message that teaches. */
export interface CheckItem {
  id: string;
  pass: boolean;
  message: string;
}

/** What a lab remembers about itself in DIR/.kubepki-lab.json, so `check` knows what was asked. */
export interface LabState {
  lab: string;
  seed: number;
  created: string;
  node: string;
  /** The lab's API server URL (what kubeconfigs must point at). */
  server: string;
  /** Lab-specific facts (the new SANs asked for, the certificate that was expired, ...). */
  facts: Record<string, unknown>;
}

export interface LabContext {
  dir: string;
  rng: Rng;
  keys?: KeySource;
  now: Date;
}

export interface LabDefinition {
  id: string;
  title: string;
  /** One line for `practice lab --list`. */
  summary: string;
  /** Changes the generated tree (break a file, expire a certificate) and returns the facts to remember. */
  prepare: (ctx: LabContext, state: LabState) => Promise<Record<string, unknown>>;
  /** TASK.md's body: the task and the exact paths, as the exam states them. */
  task: (state: LabState, dir: string) => string;
  check: (dir: string, state: LabState, now: Date) => Promise<CheckItem[]>;
}
