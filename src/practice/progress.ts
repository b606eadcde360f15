// What a learner has practised, kept between runs in $XDG_CONFIG_HOME/kubepki (0700): a Leitner box per
// question, so a missed question comes back at once and a known one only after days.

import {mkdir, readFile, rename, writeFile} from 'node:fs/promises';
import {homedir} from 'node:os';
import {join} from 'node:path';

export interface QuestionProgress {
  /** 0 = missed or new … 4 = known well. */
  box: number;
  /** ISO 8601: when it should come back. */
  due: string;
  right: number;
  wrong: number;
}

export interface Progress {
  version: 1;
  questions: Record<string, QuestionProgress>;
}

/** Days until a question in each box is due again. */
export const BOX_DAYS: readonly number[] = [0, 1, 3, 7, 21];
const DAY_MS = 86_400_000;

export const emptyProgress = (): Progress => ({version: 1, questions: {}});

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'kubepki');
}

export const progressFile = (env: NodeJS.ProcessEnv = process.env): string => join(configDir(env), 'practice.json');

/** The saved progress; a missing or unreadable file starts afresh (progress is a convenience, never a blocker). */
export async function loadProgress(env: NodeJS.ProcessEnv = process.env): Promise<Progress> {
  try {
    const doc = JSON.parse(await readFile(progressFile(env), 'utf8')) as Progress;
    return doc?.version === 1 && typeof doc.questions === 'object' && doc.questions ? doc : emptyProgress();
  } catch {
    return emptyProgress();
  }
}

export async function saveProgress(progress: Progress, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const dir = configDir(env);
  await mkdir(dir, {recursive: true, mode: 0o700});
  const file = progressFile(env);
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(progress, null, 2)}\n`, {mode: 0o600});
  await rename(temp, file);
  return file;
}

/** Moves a question up a box when right, back to box 0 (due now) when wrong. */
export function record(progress: Progress, id: string, right: boolean, now: Date): QuestionProgress {
  const was = progress.questions[id] ?? {box: 0, due: now.toISOString(), right: 0, wrong: 0};
  const box = right ? Math.min(was.box + 1, BOX_DAYS.length - 1) : 0;
  const next: QuestionProgress = {
    box,
    due: new Date(now.getTime() + BOX_DAYS[box]! * DAY_MS).toISOString(),
    right: was.right + (right ? 1 : 0),
    wrong: was.wrong + (right ? 0 : 1),
  };
  progress.questions[id] = next;
  return next;
}

/** Practice order: missed and due questions first (oldest due first), then new ones, then the rest by due date. */
export function orderByDue<T extends {id: string}>(items: readonly T[], progress: Progress, now: Date): T[] {
  const rank = (id: string): [number, number] => {
    const p = progress.questions[id];
    if (!p) return [1, 0];
    const due = Date.parse(p.due);
    return due <= now.getTime() ? [0, due] : [2, due];
  };
  return [...items].sort((a, b) => {
    const [ra, da] = rank(a.id);
    const [rb, db] = rank(b.id);
    return ra - rb || da - db;
  });
}
