// Plain mode (`kubepki --plain`): the same steps, fields, defaults and validation as the Ink wizard,
// asked line by line — for screen readers, logs and dumb terminals. Text goes to `write` (stderr).

import {lessonById} from '../../learn/lessons.js';
import {formatProblem} from '../../plan/validate.js';
import type {Answers} from '../answers.js';
import {checkPlan} from '../check.js';
import {doneLines} from '../done-text.js';
import {describeFailure, isAbort} from '../errors.js';
import {visibleFields, withArticle, type Draft, type Field, type ListSpec} from '../fields.js';
import {apiserverSans, componentIdentities, mastersWarning} from '../list-text.js';
import {wrapWords} from '../wrap.js';
import {itemErrors, itemHasErrors, stepErrors} from '../form.js';
import {modelOf, reviewRowsOf} from '../model.js';
import {commandsFor, previewLines, stepPreview} from '../preview.js';
import {produceOutput, type ProduceDeps} from '../produce.js';
import {existingLines, needsReissue, previewBlocked, previewRun} from '../existing-preview.js';
import {progressText} from '../progress-text.js';
import {onBody, STEPS, TOTAL_STEPS, type BodyTable, type StepDef} from '../steps.js';
import {HOME_LABELS, type HomeItem, type Outcome} from '../wizard-state.js';
import {inspectPlain} from './inspect.js';
import {isPromptExit, type Prompter} from './prompter.js';
import {fieldValidator, itemFieldValidator} from './validators.js';

/** The Home items plain mode runs line by line (Learn and Add a person are full-screen only). */
const PLAIN_HOME: readonly HomeItem[] = ['build', 'inspect', 'practice', 'quit'];

export interface PlainOptions {
  answers: Answers;
  prompter: Prompter;
  deps: ProduceDeps;
  write: (text: string) => void;
  /** Aborts a running generation (the CLI wires SIGINT to it). */
  signal?: AbortSignal;
  /** The terminal's width: lines wrap there with a hanging indent (80 when unknown). */
  columns?: number;
  /** Start at Home (build a PKI, inspect files, quit), as the CLI does; without it the build steps start at once. */
  home?: boolean;
}

/** What each list step teaches around its items, as in the Ink wizard (list-text.ts). */
const LIST_TEXT: Record<ListSpec['id'], (a: Answers) => string[]> = {
  nodes: () => [],
  users: (a) => [
    'Components log in with these fixed identities (CN = user, O = group):',
    ...componentIdentities(a).map((c) => `  ${c.who}: ${c.subject} — ${c.why}`),
    ...(mastersWarning(a) ? [mastersWarning(a)!] : []),
  ],
  sans: (a) => {
    const api = apiserverSans(a);
    if (!api) return [];
    return [
      api.title || 'The API server’s SANs from your answers, and why each is there:',
      ...api.rows.map((r) => `  ${r.kind} ${r.value}: ${r.reason}`),
      api.also,
    ];
  },
};

/** Where to go after a step: on, back, quit, or to the step with this index (review's "Edit …"). */
type Flow = 'next' | 'back' | 'quit' | number;

/** How plain mode asks a step, by what its body is. */
export const PLAIN_BODIES: BodyTable<[PlainSession, StepDef, number], Promise<Flow>> = {
  lesson: (_body, p, step) => p.lesson(step),
  form: ({fields}, p, step) => p.form(step, fields),
  list: ({list}, p, step) => p.editList(step, list),
  review: (_body, p, _step, index) => p.review(index),
};

class PlainSession {
  constructor(private answers: Answers, private readonly o: PlainOptions) {}

  /** Lines wrapped at the terminal's width, later rows under the text (after a bullet, a label or `: `). */
  private say(...lines: string[]): void {
    const width = this.width;
    const hang = (l: string) => {
      const lead = l.length - l.trimStart().length;
      const bullet = /^(\s*)(- |• |\d+\. |[✖!] )/.exec(l);
      return Math.min(width / 2, bullet ? bullet[0].length : lead + 2);
    };
    this.o.write(`${lines.flatMap((l) => wrapWords(l, width, hang(l))).join('\n')}\n`);
  }

  /** Home: build a PKI, inspect what is on disk or on the wire, or practise, until the user builds, practises or quits. */
  async home(): Promise<Outcome> {
    for (;;) {
      const choice = await this.o.prompter.select({message: 'kubepki: what would you like to do?', choices: PLAIN_HOME.map((value) => {
        const [name, description] = HOME_LABELS[value];
        return {value, name, ...(description ? {description} : {})};
      })});
      if (choice === 'quit') return {type: 'quit'};
      // Practice has its own line-by-line runner: the command hands over to it, as from the Ink Home.
      if (choice === 'practice') return {type: 'practice'};
      if (choice === 'build') return this.run();
      await inspectPlain({prompter: this.o.prompter, say: (...l) => this.say(...l), width: this.width, out: this.answers.out});
    }
  }

  private get width(): number {
    return Math.max(40, this.o.columns ?? 80);
  }

  async run(): Promise<Outcome> {
    this.say('kubepki: build a Kubernetes cluster PKI, step by step. Press Enter to accept each default.');
    let i = 0;
    while (i < STEPS.length) {
      const step = STEPS[i]!;
      this.intro(step, i);
      const flow = await onBody(PLAIN_BODIES, step.body, this, step, i);
      if (flow === 'quit') return {type: 'cancelled'};
      if (flow === 'back') i = Math.max(0, i - 1);
      else if (typeof flow === 'number') i = flow;
      else i++;
    }
    return this.generate();
  }

  private intro(step: StepDef, i: number): void {
    const why = lessonById(step.lessons[0]!).why;
    this.say('', `Step ${i + 1} of ${TOTAL_STEPS}: ${step.title}`, step.question, `Why: ${why}`);
  }

  private showPreview(step: StepDef, item?: number): void {
    const lines = previewLines(stepPreview(step, this.answers, {...(item !== undefined ? {item} : {})}));
    this.say('openssl:', ...lines.map((l) => `  ${l}`));
  }

  /** A lesson step: the lessons in full on request. */
  async lesson(step: StepDef): Promise<Flow> {
    const choice = await this.o.prompter.select({message: step.title, choices: [
      {value: 'skip', name: 'Continue (I know key pairs, CAs and CSRs)'},
      {value: 'read', name: 'Read the basics first'},
    ]});
    if (choice === 'read') {
      for (const id of step.lessons) {
        const lesson = lessonById(id);
        this.say('', lesson.title, ...lesson.body);
      }
      this.showPreview(step);
    }
    return 'next';
  }

  /** A form step: each field in turn, again while the step's checks fail. */
  async form(step: StepDef, fields: Field[]): Promise<Flow> {
    const p = this.o.prompter;
    for (;;) {
      for (const field of fields) {
        if (field.kind === 'text') {
          const note = field.note?.(this.answers);
          const value = await p.input({message: `${field.label}${note ? ` (${note})` : ''}`, default: field.get(this.answers),
            validate: fieldValidator(field, () => this.answers)});
          this.answers = field.set(this.answers, value);
        } else {
          const value = await p.select({message: field.label, default: field.get(this.answers),
            choices: field.options.map((o) => ({value: o.value, name: o.value, ...(o.hint ? {description: o.hint} : {})}))});
          this.answers = field.set(this.answers, value);
        }
      }
      const errors = stepErrors(step, this.answers);
      if (errors.length === 0) break;
      this.say(...errors.map((e) => `✖ ${e}`));
    }
    this.showPreview(step);
    return 'next';
  }

  async editList(step: StepDef, list: ListSpec): Promise<Flow> {
    const p = this.o.prompter;
    for (;;) {
      const items = list.items(this.answers);
      this.say(...LIST_TEXT[list.id](this.answers));
      this.say(items.length ? `${list.noun}s:` : `No ${list.noun}s yet.`, ...items.map((d, i) => `  ${i + 1}. ${list.summary(d)}`));
      const kept = items.map((_, i) => list.keep?.(this.answers, i)).filter((w): w is string => Boolean(w));
      if (items.length > list.min) this.say(...kept);
      const choices = [
        {value: 'next', name: 'Continue'},
        {value: 'add', name: `Add ${withArticle(list.noun)}`},
        ...items.map((d, i) => ({value: `edit:${i}`, name: `Edit ${list.summary(d).trim().split(/\s+/)[0] ?? i + 1}`})),
        ...(items.length > list.min ? items.flatMap((d, i) => (list.keep?.(this.answers, i) ? []
          : [{value: `remove:${i}`, name: `Remove ${list.summary(d).trim().split(/\s+/)[0] ?? i + 1}`}])) : []),
        {value: 'back', name: '← Back'},
      ];
      const choice = await p.select({message: `${step.title}: what next?`, choices});
      if (choice === 'back') return 'back';
      if (choice === 'next') {
        const errors = stepErrors(step, this.answers);
        if (errors.length === 0) {
          this.showPreview(step);
          return 'next';
        }
        this.say(...errors.map((e) => `✖ ${e}`));
        continue;
      }
      const [verb, n] = choice.split(':');
      const index = n === undefined ? -1 : Number(n);
      if (verb === 'remove') {
        this.answers = list.commit(this.answers, items.filter((_, i) => i !== index));
        continue;
      }
      await this.editItem(list, index, index < 0 ? list.blank(this.answers) : items[index]!);
      this.showPreview(step, index < 0 ? list.items(this.answers).length - 1 : index);
    }
  }

  private async editItem(list: ListSpec, index: number, start: Draft): Promise<void> {
    const p = this.o.prompter;
    let draft = {...start};
    for (;;) {
      // The visible fields are asked again after each answer: groups with system: bring up the opt-in.
      for (let f = 0; f < visibleFields(list, draft).length; f++) {
        const field = visibleFields(list, draft)[f]!;
        if (field.kind === 'text') {
          const note = field.note?.(draft);
          const value = await p.input({message: `${field.label}${note ? ` (${note})` : ''}`, default: draft[field.id] ?? '',
            validate: itemFieldValidator(list, field, () => this.answers, index, () => draft)});
          draft = {...draft, [field.id]: value};
        } else {
          const value = await p.select({message: field.label, default: draft[field.id],
            choices: (field.options ?? []).map((o) => ({value: o.value, name: o.value, ...(o.hint ? {description: o.hint} : {})}))});
          draft = {...draft, [field.id]: value};
        }
      }
      const errors = itemErrors(list, this.answers, index, draft);
      for (const w of errors.warnings) this.say(`! ${w}`);
      if (!itemHasErrors(errors)) break;
      this.say(...[...Object.values(errors.byField).flat(), ...errors.other].map((e) => `✖ ${e}`));
    }
    const drafts = list.items(this.answers);
    if (index < 0) drafts.push(draft);
    else drafts[index] = draft;
    this.answers = list.commit(this.answers, drafts);
  }

  /** The review at step `index`: the table, then on, a certificate's commands, or back to an earlier step. */
  async review(index: number): Promise<Flow> {
    if (!modelOf(this.answers)) {
      this.say(...checkPlan(this.answers.plan).problems.map((p) => `✖ ${formatProblem(p)}`));
      return 'back';
    }
    const rows = reviewRowsOf(this.answers);
    for (const r of rows) this.say(`  ${r.file}${r.node ? ` [${r.node}]` : ''}: CN=${r.cn}${r.o ? ` O=${r.o}` : ''}; issuer ${r.issuer}; ${r.usages}; ${r.validity}${r.sans.length ? `; SANs ${r.sans.join(', ')}` : ''}`);
    for (;;) {
      const choice = await this.o.prompter.select({message: 'Review: what next?', choices: [
        {value: 'next', name: 'Continue to the output'},
        {value: 'openssl', name: 'Show the openssl commands for one certificate'},
        // Every earlier step that takes answers.
        ...STEPS.slice(0, index).filter((s) => s.body.kind === 'form' || s.body.kind === 'list')
          .map((s) => ({value: `edit:${STEPS.indexOf(s)}`, name: `Edit: ${s.title}`})),
        {value: 'quit', name: 'Quit without writing anything'},
      ]});
      if (choice === 'next') return 'next';
      if (choice === 'quit') return 'quit';
      if (choice.startsWith('edit:')) return Number(choice.slice(5));
      const id = await this.o.prompter.select({message: 'Which certificate?', choices: rows.map((r) => ({value: r.id, name: `${r.file}${r.node ? ` [${r.node}]` : ''}`}))});
      this.say(...previewLines(commandsFor(this.answers, [id])).map((l) => `  ${l}`));
    }
  }

  /** The Output step again, to choose another folder. */
  private async askOutput(): Promise<void> {
    const last = STEPS.length - 1;
    const out = STEPS[last]!;
    this.intro(out, last);
    await onBody(PLAIN_BODIES, out.body, this, out, last);
  }

  /** A PKI already in the output folder is shown before anything is written, with what can be done about it. */
  private async confirmExisting(): Promise<'write' | 'reissue' | 'out' | 'quit'> {
    const preview = await previewRun(this.answers).catch(() => undefined);
    if (!preview) return 'write';
    this.say('', ...existingLines(preview).map((l) => l.text));
    const go = preview.by === 'script' ? [{value: 'write', name: 'Write the script'}]
      : previewBlocked(preview) ? []
        : needsReissue(preview) ? [{value: 'reissue', name: 'Re-issue only these (as generate --force)'}]
          : [{value: 'write', name: 'Write: keep and create as listed'}];
    const choice = await this.o.prompter.select({message: `${this.answers.out} already holds a PKI: what now?`, choices: [
      ...go,
      {value: 'out', name: '← Back to the output step (another folder or layout)'},
      {value: 'quit', name: 'Quit without writing anything'},
    ]});
    return choice as 'write' | 'reissue' | 'out' | 'quit';
  }

  private async generate(): Promise<Outcome> {
    for (;;) {
      const decided = await this.confirmExisting();
      if (decided === 'quit') return {type: 'cancelled'};
      if (decided === 'out') {
        await this.askOutput();
        continue;
      }
      this.say('', `Step ${TOTAL_STEPS - 1} of ${TOTAL_STEPS}: Generate (${this.answers.produce}) into ${this.answers.out}`);
      try {
        const result = await produceOutput(this.answers, {
          ...(this.o.signal ? {signal: this.o.signal} : {}),
          force: decided === 'reissue',
          onNote: (line) => this.say(line),
          onProgress: (e) => {
            const line = progressText(e);
            if (line) this.say(line);
          },
        }, this.o.deps);
        this.say('', `Step ${TOTAL_STEPS} of ${TOTAL_STEPS}: Done`, ...doneLines(result).map((l) => l.text));
        return {type: 'done', result};
      } catch (error) {
        if (isAbort(error, this.o.signal)) return {type: 'cancelled'};
        const f = describeFailure(error);
        this.say(`✖ ${f.message}`, ...f.details.map((d) => `  ${d}`), ...(f.hint ? [`  hint: ${f.hint}`] : []), 'Nothing was written.');
        const choice = await this.o.prompter.select({message: 'What now?', choices: [
          {value: 'out', name: 'Choose another output folder'},
          {value: 'retry', name: 'Try again'},
          {value: 'quit', name: 'Quit'},
        ]});
        if (choice === 'quit') return {type: 'cancelled'};
        if (choice === 'out') await this.askOutput();
      }
    }
  }
}

/** Runs the plain wizard; Ctrl+C/EOF in a prompt ends it as cancelled. */
export async function runPlainWizard(o: PlainOptions): Promise<Outcome> {
  try {
    const session = new PlainSession(o.answers, o);
    return await (o.home ? session.home() : session.run());
  } catch (error) {
    if (isPromptExit(error)) return {type: 'cancelled'};
    throw error;
  }
}
