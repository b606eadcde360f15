// `kubepki practice`: exam-style questions about a lab cluster generated for the run, graded on the spot, or
// (without options) a chooser that also opens hands-on labs; `--list` prints the bank. Ink on a terminal, line
// by line with --plain.

import {readdirSync} from 'node:fs';
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import {homedir, tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {BANK} from '../../practice/bank/index.js';
import type {LabWork, PracticeOutcome} from '../../practice/home-state.js';
import {createLab} from '../../practice/lab.js';
import {loadProgress, saveProgress} from '../../practice/progress.js';
import {DEFAULT_COUNT, EXAM_COUNT, examMinutes, selectQuestions, Session, type SessionOptions} from '../../practice/session.js';
import {LEVEL_NAMES, LEVELS, TOPIC_TITLES, TOPICS, type Level, type Topic} from '../../practice/types.js';
import {CancelledError, UsageError, type CommandRun, type Io, type RunContext} from '../command.js';

function listBank(json: boolean, io: Io): number {
  const rows = BANK.map((q) => ({id: q.id, topic: q.topic, level: q.level, kind: q.kind, usesLab: q.usesLab}));
  if (json) {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const idWidth = Math.max(...rows.map((r) => r.id.length));
  for (const t of TOPICS) {
    io.stdout(`${TOPIC_TITLES[t]} (${t})\n`);
    for (const r of rows.filter((x) => x.topic === t)) {
      io.stdout(`  ${r.id.padEnd(idWidth)}  level ${r.level} ${LEVEL_NAMES[r.level as Level].padEnd(10)} ${r.kind}${r.usesLab ? ', about the lab' : ''}\n`);
    }
  }
  io.stdout(`${rows.length} questions.\n`);
  return 0;
}

const positiveInt = (name: string, text: RunContext['values'][string], max: number): number | undefined => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${name} must be a whole number from 1 to ${max}, not ${JSON.stringify(text)}`);
  return n;
};

function sessionOptions(values: RunContext['values']): SessionOptions {
  const opts: SessionOptions = {};
  if (values.topic !== undefined) {
    if (!TOPICS.includes(values.topic as Topic)) throw new UsageError(`--topic must be one of ${TOPICS.join(', ')}, not ${JSON.stringify(values.topic)}`);
    opts.topic = values.topic as Topic;
  }
  const level = positiveInt('level', values.level, LEVELS.length);
  if (level) opts.level = level as Level;
  opts.count = positiveInt('count', values.count, BANK.length) ?? (values.exam ? EXAM_COUNT : DEFAULT_COUNT);
  const minutes = positiveInt('minutes', values.minutes, 240);
  if (minutes && !values.exam) throw new UsageError('--minutes goes with --exam');
  if (values.exam) opts.examMinutes = minutes ?? examMinutes(opts.count);
  if (!selectQuestions(opts).length) throw new UsageError('no question matches that topic and level');
  return opts;
}

async function labCommand(verb: string, id: string | undefined, values: RunContext['values'], io: Io): Promise<number> {
  const {LABS} = await import('../../practice/labs/definitions.js');
  const {checkLab, LabError, makeLab} = await import('../../practice/labs/run.js');
  if (verb === 'lab' && values.list) {
    if (values.json) io.stdout(`${JSON.stringify(LABS.map((l) => ({id: l.id, title: l.title, summary: l.summary})), null, 2)}\n`);
    else for (const l of LABS) io.stdout(`${l.id.padEnd(26)} ${l.summary}\n`);
    return 0;
  }
  if (!id) throw new UsageError(`practice ${verb} needs a lab id (kubepki practice lab --list)`);
  if (typeof values.dir !== 'string' || !values.dir) throw new UsageError(`practice ${verb} needs --dir DIR`);
  const dir = resolve(io.cwd, values.dir);
  try {
    if (verb === 'lab') {
      if (values.json) throw new UsageError('--json goes with practice check');
      const seed = positiveInt('seed', values.seed, 2 ** 31 - 1);
      await makeLab(id, dir, seed ? {seed} : {});
      io.stderr(`The lab is ready: read ${join(dir, 'TASK.md')}, then run kubepki practice check ${id} --dir ${values.dir}\n`);
      return 0;
    }
    const items = await checkLab(id, dir);
    const passed = items.every((i) => i.pass);
    if (values.json) io.stdout(`${JSON.stringify({lab: id, pass: passed, items}, null, 2)}\n`);
    else {
      const {checkSummary, itemLine} = await import('../../practice/lab-screen.js');
      for (const i of items) io.stdout(`${itemLine(i)}\n`);
      io.stdout(`${checkSummary(items)}\n`);
    }
    return passed ? 0 : 1;
  } catch (error) {
    if (error instanceof LabError) throw new UsageError(error.message);
    throw error;
  }
}

/** The options that say what to practise; with none of them, the runner asks (the chooser). */
const CHOICE_OPTIONS = ['topic', 'level', 'count', 'exam', 'minutes', 'dir', 'seed'] as const;

/** The lab work of the chooser's lab screen: the same making and grading as `practice lab` and `practice check`. */
async function labWork(io: Io): Promise<LabWork> {
  const [{makeLab, checkLab}, {TASK_FILE}, {suggestFolder}] = await Promise.all([
    import('../../practice/labs/run.js'), import('../../practice/labs/tree.js'), import('../../practice/chooser.js')]);
  const where = (folder: string) => resolve(io.cwd, folder.replace(/^~(?=$|\/)/, io.env.HOME ?? homedir()));
  const inUse = (folder: string) => {
    try {
      return readdirSync(where(folder)).length > 0;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code !== 'ENOENT';
    }
  };
  return {
    make: async (id, dir) => {
      await makeLab(id, dir);
      return readFile(join(dir, TASK_FILE), 'utf8');
    },
    check: (id, dir) => checkLab(id, dir),
    suggest: (id) => suggestFolder(id, inUse),
    resolve: where,
  };
}

/** Home → Practice and bare `kubepki practice`: the chooser, and a lab screen for as many labs as the learner
 *  makes; questions chosen there go on as --topic/--level/--exam would. */
async function choose(plain: boolean, io: Io): Promise<SessionOptions | undefined> {
  const work = await labWork(io);
  let outcome: PracticeOutcome;
  if (plain) {
    const [{runPlainPracticeHome}, {inquirerPrompter}] = await Promise.all([import('../../practice/plain-home.js'), import('../../ui/plain/prompter.js')]);
    outcome = await runPlainPracticeHome({work, prompter: await inquirerPrompter(), write: io.stderr, ...(process.stderr.columns ? {width: process.stderr.columns} : {})});
  } else {
    const {runInkPracticeHome} = await import('../../ui/ink/practice/run.js');
    outcome = await runInkPracticeHome(work);
  }
  const {labLeftParas} = await import('../../practice/lab-screen.js');
  for (const lab of outcome.labs) io.stderr(`${labLeftParas(lab.id, lab.dir).map((p) => p.text).join('\n')}\n`);
  if (outcome.type === 'cancelled') throw new CancelledError(outcome.labs.length ? 'Cancelled.' : 'Cancelled, nothing written.');
  if (outcome.type === 'quit') return undefined;
  const {choice} = outcome;
  const {runLength} = await import('../../practice/chooser.js');
  const count = runLength(selectQuestions(choice).length, choice.exam);
  return {...(choice.topic ? {topic: choice.topic} : {}), level: choice.level, count, ...(choice.exam ? {examMinutes: examMinutes(count)} : {})};
}

export const run: CommandRun = async ({values, positionals, io}) => {
  const [verb, id, ...rest] = positionals;
  if (verb !== undefined) {
    if (verb !== 'lab' && verb !== 'check') throw new UsageError(`unknown practice verb ${JSON.stringify(verb)} (lab or check)`);
    if (rest.length) throw new UsageError(`one lab at a time, not ${rest.length + 1}`);
    return labCommand(verb, id, values, io);
  }
  if (values.list) return listBank(values.json === true, io);
  if (values.json) throw new UsageError('--json goes with --list');
  // Options are checked before the terminal, so a typo is named even where no runner could start.
  const given = CHOICE_OPTIONS.some((o) => values[o] !== undefined) ? sessionOptions(values) : undefined;
  const plain = values.plain === true || io.env.TERM === 'dumb';
  if (!plain && !io.isTTY) throw new UsageError('practice needs a terminal; use --plain to answer line by line');
  const opts = given ?? (await choose(plain, io));
  if (!opts) return 0;
  const seed = positiveInt('seed', values.seed, 2 ** 31 - 1);

  let dir: string;
  const keep = typeof values.dir === 'string';
  if (keep) {
    dir = resolve(io.cwd, values.dir as string);
    const entries = await readdir(dir).catch(() => []);
    if (entries.length) throw new UsageError(`--dir ${values.dir as string} is not empty; the lab needs an empty or new folder`);
  } else {
    dir = await mkdtemp(join(tmpdir(), 'kubepki-practice-'));
  }
  try {
    io.stderr('Generating the lab cluster for this run…\n');
    const lab = await createLab(join(dir, 'lab'), seed ? {seed} : {});
    const progress = await loadProgress(io.env);
    const session = new Session(lab, progress, opts, new Date());
    if (plain) {
      const [{runPlainPractice}, {inquirerPrompter, isPromptExit}] = await Promise.all([import('../../practice/plain.js'), import('../../ui/plain/prompter.js')]);
      try {
        await runPlainPractice({session, prompter: await inquirerPrompter(), write: io.stderr});
      } catch (error) {
        if (!isPromptExit(error)) throw error;
        await saveProgress(progress, io.env);
        throw new CancelledError('Practice ended; progress saved.');
      }
    } else {
      const {runInkPractice} = await import('../../ui/ink/practice/run.js');
      await runInkPractice(session);
    }
    const file = await saveProgress(progress, io.env);
    io.stderr(`Progress saved in ${file}.${keep ? ` The lab stays in ${dir}.` : ''}\n`);
    return 0;
  } finally {
    if (!keep) await rm(dir, {recursive: true, force: true});
  }
};
