// Characters no plan value may hold, whatever the field. Values end up in a bash script, openssl.cnf, YAML,
// file names and terminal output; the allow-lists in rules.ts are the defence, these checks name the reason.

import {codePointEscape, INVISIBLE} from './escape.js';

/** Why a value is refused: `rule` says what is wrong ("contains '#'"), `hint` what to do instead. */
export interface RuleViolation {
  rule: string;
  hint: string;
}

interface Hazard {
  pattern: RegExp;
  rule: (found: string) => string;
  hint: string;
}

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const CHAR_NAMES: Record<string, string> = {
  '\n': 'a line break (\\n)',
  '\r': 'a carriage return (\\r)',
  '\t': 'a tab (\\t)',
  '\0': 'a NUL byte (\\0)',
  '\x1b': 'an escape character (\\u001b)',
};

/** "a line break (\n)", "a bidi control (\u202e)": names an invisible character without printing it. */
export function describeChar(ch: string): string {
  const named = CHAR_NAMES[ch];
  if (named) return named;
  const escaped = codePointEscape(ch);
  if (BIDI.test(ch)) return `a bidi control (${escaped})`;
  if (/\p{Cf}/u.test(ch)) return `an invisible format character (${escaped})`;
  if (/[\p{Zl}\p{Zp}]/u.test(ch)) return `a line separator (${escaped})`;
  return `a control character (${escaped})`;
}

const quoteChar = (c: string) => `'${c}'`;

/** Checked first for every field: what breaks lines, runs commands or injects options, whatever the context. */
const HEAD: Hazard[] = [
  {pattern: INVISIBLE, rule: (c) => `contains ${describeChar(c)}`, hint: 'remove it: plan values are written into a shell script, openssl.cnf and terminal output'},
  {pattern: /\$\(|`/, rule: () => 'contains a command substitution', hint: '$(…) and backticks run commands in a shell: they are never allowed'},
  {pattern: /^-/, rule: () => "starts with '-'", hint: "a leading '-' reads as an option to openssl and other commands"},
];

/** After the shell checks, so `'; touch x; '` is reported for its quotes rather than its spaces. */
const SPACES: Hazard[] = [
  {pattern: /^\s|\s$/u, rule: () => 'has leading or trailing whitespace', hint: 'remove the surrounding spaces'},
  {pattern: /\s/u, rule: () => 'contains a space', hint: 'spaces split words in the generated script: remove them'},
];

/** Certificate subjects (CN, O): `alice/O=system:masters` must never become a second attribute. */
const SUBJECT: Hazard[] = [
  {
    pattern: /\//,
    rule: () => "contains '/'",
    hint: "'/' starts a new attribute in an openssl subject (alice/O=system:masters would add a group) and a folder in a path",
  },
  {pattern: /[=+,]/, rule: (c) => `contains ${quoteChar(c)}`, hint: "'=', '+' and ',' are subject syntax: they could smuggle in attributes such as O=system:masters"},
];

/** Names that become file names. */
const PATH: Hazard[] = [
  {pattern: /\//, rule: () => "contains '/'", hint: "this name is also a file name: '/' could write outside the output folder"},
];

const SHELL: Hazard[] = [
  {pattern: /\$/, rule: () => "contains '$'", hint: "'$' expands variables in the shell and in openssl.cnf"},
  {pattern: /['"]/, rule: () => 'contains a quote', hint: 'quotes would break the quoting in the generated script and openssl.cnf'},
  {pattern: /[;|&]/, rule: (c) => `contains ${quoteChar(c)}`, hint: "';', '|' and '&' are shell operators"},
  {pattern: /\\/, rule: () => 'contains a backslash', hint: "'\\' is an escape character in the shell, openssl.cnf and YAML"},
  {pattern: /#/, rule: () => "contains '#'", hint: "'#' starts a comment in openssl.cnf and YAML: the rest of the value would be lost"},
  {pattern: /[<>]/, rule: (c) => `contains ${quoteChar(c)}`, hint: "'<' and '>' redirect input and output in the shell"},
  {pattern: /[()]/, rule: (c) => `contains ${quoteChar(c)}`, hint: 'parentheses are shell syntax'},
];

const GLOB: Hazard = {pattern: /[*?]/, rule: (c) => `contains ${quoteChar(c)}`, hint: "'*' and '?' are shell wildcards"};

export interface HazardOptions {
  /** CN/O text: refuse subject syntax with a hint about attribute injection. */
  subject?: boolean;
  /** A file name: refuse '/' with a hint about leaving the output folder. */
  path?: boolean;
  /** DNS names check '*' themselves (a leftmost `*.` label is a wildcard SAN). */
  wildcard?: boolean;
}

/** The first hazard in `value`, most dangerous first; undefined when none applies. */
export function textHazard(value: string, options: HazardOptions = {}): RuleViolation | undefined {
  const table = [
    ...HEAD,
    ...(options.subject ? SUBJECT : []),
    ...(options.path ? PATH : []),
    ...SHELL,
    ...SPACES,
    ...(options.wildcard ? [] : [GLOB]),
  ];
  for (const hazard of table) {
    const found = hazard.pattern.exec(value);
    if (found) return {rule: hazard.rule(found[0]), hint: hazard.hint};
  }
  return undefined;
}
