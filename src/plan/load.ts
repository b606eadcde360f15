// Plan files: YAML text → validated Plan (syntax errors with line numbers, in our words; no aliases, anchors or
// tags, so no alias bombs or exotic types). Writing a plan is to-yaml.ts.

import {open} from 'node:fs/promises';
import {isAlias, isNode, LineCounter, parseDocument, visit, type Document, type ErrorCode} from 'yaml';
import {displayValue, escapeText} from './escape.js';
import type {FieldProblem} from './types.js';
import {validatePlan, type PlanResult} from './validate.js';

/** Real plans are a few kilobytes; anything near this is the wrong file. */
export const MAX_PLAN_BYTES = 1024 * 1024;
const MAX_REPORTED = 10;
const EXAMPLE_HINT = 'kubepki example single prints a valid plan to start from';

function planProblem(source: string, rule: string, hint: string): FieldProblem {
  return {path: '(plan)', value: displayValue(source), rule: escapeText(rule, 200), hint: escapeText(hint, 300)};
}

const failed = (problems: FieldProblem[]): PlanResult => ({ok: false, problems: problems.slice(0, MAX_REPORTED)});

interface YamlWords {
  /** What is wrong, in our words: the library's messages name its own API and internals. */
  text: string;
  hint: string;
}

const ANCHORS_HINT = 'anchors (&), aliases (*) and tags (!!) are not allowed in plan files: write each value out';
const INDICATOR_HINT = 'quote values that start with a YAML indicator such as *, &, !, %, @ or `';

/** One entry per error code of the YAML library; the compiler checks none is missing. */
const YAML_ERRORS: Record<ErrorCode, YamlWords> = {
  ALIAS_PROPS: {text: 'an alias carries an anchor or a tag', hint: ANCHORS_HINT},
  BAD_ALIAS: {text: 'an anchor or alias is malformed', hint: ANCHORS_HINT},
  BAD_COLLECTION_TYPE: {text: 'a tag does not fit its value', hint: ANCHORS_HINT},
  BAD_DIRECTIVE: {text: 'a % directive is not understood', hint: 'remove lines starting with %: a plan is plain YAML'},
  BAD_DQ_ESCAPE: {text: 'a double-quoted value has an unknown \\ escape', hint: "plan values never need '\\': remove it"},
  BAD_INDENT: {text: 'the indentation does not line up', hint: 'indent nested fields with spaces, the same amount for every sibling'},
  BAD_PROP_ORDER: {text: 'an anchor or tag is out of place', hint: ANCHORS_HINT},
  BAD_SCALAR_START: {text: 'a value starts with a character YAML reserves', hint: INDICATOR_HINT},
  BLOCK_AS_IMPLICIT_KEY: {text: "a value holds ': ', which starts a mapping", hint: "put values that contain ': ' in quotes"},
  BLOCK_IN_FLOW: {text: 'an indented list or mapping sits inside [ ] or { }', hint: 'inside brackets write the items on one line, separated by commas, e.g. [a, b]'},
  DUPLICATE_KEY: {text: 'this field appears twice', hint: 'each field may appear only once in a mapping'},
  IMPOSSIBLE: {text: 'the YAML cannot be read', hint: `fix the YAML syntax; ${EXAMPLE_HINT}`},
  KEY_OVER_1024_CHARS: {text: 'a field name is over 1024 characters long', hint: 'field names are short words such as clusterName'},
  MISSING_CHAR: {text: 'a closing quote, bracket or separator is missing', hint: "check quotes, [ ] and { }, the commas between items and the space after ':'"},
  MULTILINE_IMPLICIT_KEY: {text: 'a field name runs over more than one line', hint: "put values that contain ': ' in quotes"},
  MULTIPLE_ANCHORS: {text: 'a value has two anchors', hint: ANCHORS_HINT},
  MULTIPLE_DOCS: {text: 'a second YAML document starts here', hint: 'a plan file holds one YAML document: remove the extra --- or ...'},
  MULTIPLE_TAGS: {text: 'a value has two tags', hint: ANCHORS_HINT},
  NON_STRING_KEY: {text: 'a field name is not plain text', hint: 'field names are plain words such as clusterName'},
  RESOURCE_EXHAUSTION: {text: 'the document nests too deeply', hint: 'a plan nests a few levels at most: is this the right file?'},
  TAB_AS_INDENT: {text: 'a tab indents this line', hint: 'indent with spaces, not tabs'},
  TAG_RESOLVE_FAILED: {text: 'a tag (!) is not known', hint: ANCHORS_HINT},
  UNEXPECTED_TOKEN: {text: 'a character is out of place', hint: `check brackets, braces and commas; ${INDICATOR_HINT}`},
};

/** Finer words where one code covers several mistakes, told apart by the library's message. */
const YAML_VARIANTS: [code: ErrorCode, message: RegExp, words: YamlWords][] = [
  ['MISSING_CHAR', /closing .?quote/i, {text: 'a quoted value is not closed', hint: 'end the value with the quote it starts with'}],
  ['MISSING_CHAR', /missing , /i, {text: 'a comma is missing between items', hint: 'separate the items in [ ] and { } with commas'}],
  ['MISSING_CHAR', /space after :/i, {text: "':' has no space after it", hint: "write key: value, with a space after ':'"}],
  ['BAD_INDENT', /end with a [\]}]/, {text: 'a [ or { is not closed', hint: 'close every [ with ] and every { with }'}],
  ['UNEXPECTED_TOKEN', /unexpected , /i, {text: 'an item between commas is empty', hint: 'remove the extra comma'}],
];

/** "Map keys must be unique at line 2, column 1; please use X()" → "map keys must be unique", without API names. */
function cleanedMessage(message: string): string {
  const text = (message.split('\n')[0] ?? '')
    .split(';')[0]!
    .replace(/ at line \d+, column \d+:?/g, '')
    .replace(/\S*\(\)|\bYAML\.\w+/g, '') // API names: YAML.parseAllDocuments(), doc.toJS()
    .replace(/\s+/g, ' ')
    .trim();
  return escapeText(text.charAt(0).toLowerCase() + text.slice(1), 120);
}

/** Our words for a YAML library error: its code decides; an unknown code keeps its cleaned message. */
export function yamlErrorText(code: string, message: string): YamlWords {
  const variant = YAML_VARIANTS.find(([c, pattern]) => c === code && pattern.test(message));
  if (variant) return variant[2];
  if (Object.hasOwn(YAML_ERRORS, code)) return YAML_ERRORS[code as ErrorCode];
  return {text: cleanedMessage(message) || 'the YAML cannot be read', hint: `fix the YAML syntax; ${EXAMPLE_HINT}`};
}

/** Aliases, anchors and tags have no place in a plan: refusing them closes alias bombs and `!!binary` values. */
function structureProblems(doc: Document, lines: LineCounter, source: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const at = (offset: number | undefined) => `line ${lines.linePos(offset ?? 0).line}`;
  const refuse = (what: string, offset: number | undefined) =>
    problems.push(planProblem(source, `uses ${what} at ${at(offset)}`, 'anchors (&), aliases (*) and tags (!!) are not allowed in plan files: write each value out'));
  visit(doc, (_key, node) => {
    if (isAlias(node)) refuse('a YAML alias', node.range?.[0]);
    else if (isNode(node)) {
      if (node.anchor) refuse('a YAML anchor', node.range?.[0]);
      if (node.tag && node.tag !== 'tag:yaml.org,2002:str') refuse(`the YAML tag ${escapeText(node.tag.replace('tag:yaml.org,2002:', '!!'), 40)}`, node.range?.[0]);
    }
  });
  return problems;
}

/** Parses and validates a plan file's text; `source` (a file name) is shown in file-level problems. */
export function parsePlanText(text: string, source: string): PlanResult {
  if (text.length > MAX_PLAN_BYTES) return failed([planProblem(source, `is larger than ${MAX_PLAN_BYTES / 1024} KiB`, 'a plan file is a few kilobytes: is this the right file?')]);
  const lines = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text.replace(/^\uFEFF/, ''), {lineCounter: lines, uniqueKeys: true, prettyErrors: true});
  } catch (error) {
    const {text} = yamlErrorText(String((error as {code?: unknown}).code ?? ''), String((error as Error).message ?? error));
    return failed([planProblem(source, `cannot be parsed as YAML: ${text}`, EXAMPLE_HINT)]);
  }
  const syntax = [...doc.errors, ...doc.warnings].map((e) => {
    const pos = e.linePos?.[0];
    const where = pos ? `line ${pos.line}, column ${pos.col}` : 'an unknown line';
    const {text, hint} = yamlErrorText(e.code, e.message);
    return planProblem(source, `has a YAML error at ${where}: ${text}`, hint);
  });
  if (syntax.length > 0) return failed(syntax);
  const structure = structureProblems(doc, lines, source);
  if (structure.length > 0) return failed(structure);
  if (doc.contents === null) return failed([planProblem(source, 'is empty', `a plan is a YAML mapping starting with apiVersion: kubepki/v1; ${EXAMPLE_HINT}`)]);
  return validatePlan(doc.toJS({maxAliasCount: 0}));
}

const READ_ERRORS: Record<string, [rule: string, hint: string]> = {
  ENOENT: ['does not exist', `check the path, or create one: kubepki example single > plan.yaml`],
  EACCES: ['cannot be read (permission denied)', 'check the file permissions'],
  EPERM: ['cannot be read (permission denied)', 'check the file permissions'],
  EISDIR: ['is a folder', 'give the path of a plan file (YAML)'],
  ENOTDIR: ['is not a file path', 'a part of the path is a file, not a folder'],
  ELOOP: ['is a symbolic link loop', 'point to the plan file itself'],
};

class TooLarge extends Error {}

/** Reads at most MAX_PLAN_BYTES + 1 bytes, so pipes (`--plan <(kubepki example ha)`) work and endless ones stop. */
async function readCapped(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.alloc(64 * 1024);
      const {bytesRead} = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return Buffer.concat(chunks);
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > MAX_PLAN_BYTES) throw new TooLarge();
    }
  } finally {
    await handle.close();
  }
}

/** Reads, parses and validates a plan file; unreadable files become a `(plan)` problem, never a throw. */
export async function loadPlanFile(path: string): Promise<PlanResult> {
  let bytes: Buffer;
  try {
    bytes = await readCapped(path);
  } catch (error) {
    if (error instanceof TooLarge) return failed([planProblem(path, `is larger than ${MAX_PLAN_BYTES / 1024} KiB`, 'a plan file is a few kilobytes: is this the right file?')]);
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    const [rule, hint] = READ_ERRORS[code] ?? [`cannot be read (${code})`, 'check the path'];
    return failed([planProblem(path, rule, hint)]);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
  } catch {
    return failed([planProblem(path, 'is not UTF-8 text', 'save the plan as UTF-8 YAML')]);
  }
  return parsePlanText(text, path);
}
