// Plan files: YAML errors with line numbers, no aliases/anchors/tags, unreadable files as problems, and
// planToYaml output that reads back to an equal plan.

import {chmod, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {basePlan, defaultPlan, examplePlan} from '../../src/plan/defaults.js';
import type {ErrorCode} from 'yaml';
import {loadPlanFile, MAX_PLAN_BYTES, parsePlanText, yamlErrorText} from '../../src/plan/load.js';
import {planToYaml} from '../../src/plan/to-yaml.js';
import type {FieldProblem, Plan} from '../../src/plan/types.js';
import {formatProblem, type PlanResult} from '../../src/plan/validate.js';

const GOOD = `apiVersion: kubepki/v1
kind: ClusterPKI
nodes:
  - {name: cp-1, address: 192.168.56.11, role: control-plane}
`;

function problems(result: PlanResult): FieldProblem[] {
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

function plan(result: PlanResult): Plan {
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.plan;
}

describe('parsePlanText', () => {
  it('reads a minimal plan and fills defaults', () => {
    expect(plan(parsePlanText(GOOD, 'plan.yaml'))).toEqual(defaultPlan({hostname: 'cp-1', address: '192.168.56.11'}));
  });

  it('accepts a byte-order mark and CRLF line endings', () => {
    expect(parsePlanText(`\uFEFF${GOOD.replace(/\n/g, '\r\n')}`, 'plan.yaml').ok).toBe(true);
  });

  it('reports YAML syntax errors with the line number', () => {
    const text = 'apiVersion: kubepki/v1\nnodes:\n  - {name: cp-1, address: 10.0.0.1\nusers: []\n';
    const [p] = problems(parsePlanText(text, 'plan.yaml'));
    expect(p!.path).toBe('(plan)');
    expect(p!.value).toBe('"plan.yaml"');
    expect(p!.rule).toMatch(/^has a YAML error at line \d+, column \d+: /);
    expect(formatProblem(p!)).not.toContain('\n');
  });

  it.each([
    ['a tab indent', 'nodes:\n\t- x\n', 'line 2', 'tabs'],
    ['a duplicate key', 'clusterName: a\nclusterName: b\n', 'line 2', 'only once'],
    ['two documents', `${GOOD}---\n${GOOD}`, 'line 5', 'one YAML document'],
    ['an unquoted colon value', 'clusterName: a: b\n', 'line 1', 'quotes'],
  ])('reports %s', (_label, text, line, hint) => {
    const [p] = problems(parsePlanText(text, 'plan.yaml'));
    expect(p!.rule).toContain(line);
    expect(p!.hint).toContain(hint);
  });

  // Our words, not the YAML library's: its messages name its API (YAML.parseAllDocuments()) and internals.
  const LIBRARY_WORDING = /parseAllDocuments|YAML\.\w|\w\(\)|token|implicit|scalar|flow-seq|Source contains|Map keys/i;
  it.each([
    ['two documents', `${GOOD}---\n${GOOD}`, 'line 5, column 1: a second YAML document starts here', 'remove the extra ---'],
    ['two documents after ...', `${GOOD}...\nclusterName: x\n`, 'line 6, column 1: a second YAML document starts here', 'one YAML document'],
    ['a tab indent', 'nodes:\n\t- x\n', 'line 2, column 1: a tab indents this line', 'indent with spaces'],
    ['a duplicate key', 'clusterName: a\nclusterName: b\n', 'line 2, column 1: this field appears twice', 'only once'],
    ['an unclosed double quote', 'clusterName: "lab\nnodes: []\n', 'line 3, column 1: a quoted value is not closed', 'end the value with the quote it starts with'],
    ["an unclosed single quote", "clusterName: 'lab\n", 'line 2, column 1: a quoted value is not closed', 'end the value with the quote it starts with'],
    ['an unclosed bracket', 'nodes: [\n', 'line 2, column 1: a [ or { is not closed', 'close every'],
  ])('words %s in its own terms, keeping line and column', (_label, text, rule, hint) => {
    const found = problems(parsePlanText(text, 'plan.yaml'));
    expect(found[0]!.path).toBe('(plan)');
    expect(found[0]!.rule).toBe(`has a YAML error at ${rule}`);
    expect(found[0]!.hint).toContain(hint);
    for (const p of found) expect(formatProblem(p)).not.toMatch(LIBRARY_WORDING);
  });

  it('has its own words for every YAML error code', () => {
    const codes: Record<ErrorCode, true> = {
      ALIAS_PROPS: true, BAD_ALIAS: true, BAD_DIRECTIVE: true, BAD_DQ_ESCAPE: true, BAD_INDENT: true, BAD_PROP_ORDER: true,
      BAD_SCALAR_START: true, BLOCK_AS_IMPLICIT_KEY: true, BLOCK_IN_FLOW: true, DUPLICATE_KEY: true, IMPOSSIBLE: true,
      KEY_OVER_1024_CHARS: true, MISSING_CHAR: true, MULTILINE_IMPLICIT_KEY: true, MULTIPLE_ANCHORS: true, MULTIPLE_DOCS: true,
      MULTIPLE_TAGS: true, NON_STRING_KEY: true, RESOURCE_EXHAUSTION: true, TAB_AS_INDENT: true, TAG_RESOLVE_FAILED: true,
      UNEXPECTED_TOKEN: true, BAD_COLLECTION_TYPE: true,
    };
    const libraryMessage = 'Source contains multiple documents; please use YAML.parseAllDocuments()';
    for (const code of Object.keys(codes)) {
      const {text, hint} = yamlErrorText(code, libraryMessage);
      expect(text, code).not.toBe('');
      expect(`${text} ${hint}`, code).not.toMatch(LIBRARY_WORDING);
    }
  });

  it('cleans the message of a code it does not know, dropping API names', () => {
    const {text, hint} = yamlErrorText('SOMETHING_NEW', 'Odd thing happened at line 3, column 2; please use YAML.parseAllDocuments() or doc.toJS()');
    expect(text).toBe('odd thing happened');
    expect(hint).toContain('kubepki example single');
    expect(yamlErrorText('SOMETHING_NEW', 'Call YAML.parse() first').text).not.toMatch(LIBRARY_WORDING);
  });

  it('refuses aliases and anchors, so alias bombs never expand', () => {
    // billion laughs: each level references the previous one nine times
    const levels = 'abcdefghij';
    const bomb = [
      `a: &a [${Array(9).fill('"lol"').join(', ')}]`,
      ...[...levels.slice(1)].map((l, i) => `${l}: &${l} [${Array(9).fill(`*${levels[i]}`).join(', ')}]`),
    ].join('\n');
    const found = problems(parsePlanText(bomb, 'bomb.yaml'));
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThanOrEqual(10);
    expect(found[0]!.rule).toBe('uses a YAML anchor at line 1');
    const alias = problems(parsePlanText(`${GOOD}clusterName: *x\n`, 'plan.yaml'));
    expect(alias.some((p) => p.rule.startsWith('uses a YAML alias'))).toBe(true);
  });

  it('refuses explicit tags such as !!binary', () => {
    const [p] = problems(parsePlanText(`${GOOD}clusterName: !!binary aGk=\n`, 'plan.yaml'));
    expect(p!.rule).toBe('uses the YAML tag !!binary at line 5');
  });

  it('allows !!str, the tag that only forces a string', () => {
    expect(plan(parsePlanText(`${GOOD}clusterName: !!str lab\n`, 'plan.yaml')).clusterName).toBe('lab');
  });

  it.each(['', '   \n', '# only a comment\n', '---\n'])('refuses an empty document %j', (text) => {
    const [p] = problems(parsePlanText(text, 'plan.yaml'));
    expect(p!.path).toBe('(plan)');
    expect(p!.rule).toBe('is empty');
  });

  it('refuses a document that is not a mapping', () => {
    expect(problems(parsePlanText('- a\n- b\n', 'plan.yaml'))[0]!.rule).toContain('not a mapping');
  });

  it('refuses very large input', () => {
    expect(problems(parsePlanText('#'.repeat(MAX_PLAN_BYTES + 1), 'big.yaml'))[0]!.rule).toContain('larger than');
  });

  it('survives deep nesting', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    expect(parsePlanText(deep, 'deep.yaml').ok).toBe(false);
  });

  it('refuses numbers YAML would rewrite (0x1F is 31)', () => {
    const [p] = problems(parsePlanText(`${GOOD}users: [{name: 0x1F}]\n`, 'plan.yaml'));
    expect(formatProblem(p!)).toBe('users[0].name: 31 is a number, not a string — YAML read this as the number 31: put the value in quotes');
  });

  it('passes validation problems through with field paths', () => {
    const found = problems(parsePlanText(`${GOOD}clusterName: "lab\\nx"\ncertificates: {layout: tree}\n`, 'plan.yaml'));
    expect(found.map((p) => p.path)).toEqual(['clusterName', 'certificates.layout']);
  });
});

describe('loadPlanFile', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubepki-plan-'));
  });
  afterAll(async () => {
    await rm(dir, {recursive: true, force: true});
  });

  it('reads a plan file', async () => {
    const file = join(dir, 'plan.yaml');
    await writeFile(file, planToYaml(examplePlan('ha')));
    expect(plan(await loadPlanFile(file))).toEqual(examplePlan('ha'));
  });

  it('reports a missing file as a (plan) problem', async () => {
    const [p] = problems(await loadPlanFile(join(dir, 'nope.yaml')));
    expect(p!.path).toBe('(plan)');
    expect(p!.rule).toBe('does not exist');
    expect(p!.hint).toContain('kubepki example single');
  });

  it('reports a folder', async () => {
    expect(problems(await loadPlanFile(dir))[0]!.rule).toBe('is a folder');
  });

  it('reports an unreadable file', async () => {
    const file = join(dir, 'secret.yaml');
    await writeFile(file, GOOD);
    await chmod(file, 0o000);
    const result = await loadPlanFile(file);
    // root reads anything; everyone else gets a problem, never an exception
    if (!result.ok) expect(result.problems[0]!.rule).toContain('permission denied');
  });

  it('reports text that is not UTF-8', async () => {
    const file = join(dir, 'latin1.yaml');
    await writeFile(file, Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]));
    expect(problems(await loadPlanFile(file))[0]!.rule).toBe('is not UTF-8 text');
  });

  it('stops reading an oversized file', async () => {
    const file = join(dir, 'big.yaml');
    await writeFile(file, '#'.repeat(MAX_PLAN_BYTES + 10));
    expect(problems(await loadPlanFile(file))[0]!.rule).toContain('larger than');
  });
});

describe('planToYaml', () => {
  const roundTrip = (p: Plan) => plan(parsePlanText(planToYaml(p), 'written.yaml'));

  it('starts with apiVersion and comments the fields', () => {
    const text = planToYaml(examplePlan('single'));
    expect(text).toMatch(/^apiVersion: kubepki\/v1 +# /);
    expect(text).toContain('  serviceSubnet: 10.96.0.0/12           # first IP (10.96.0.1) goes into apiserver SANs');
    expect(text).toContain('  layout: kubeadm                       # kubeadm | flat');
    expect(text).toContain('  - {name: controlplane, address: 192.168.56.11, role: control-plane}');
    expect(text).toContain('  - {name: john, groups: [developers]}');
  });

  it.each([
    ['single', examplePlan('single')],
    ['ha', examplePlan('ha')],
    ['default', defaultPlan({hostname: 'cp-1', address: '10.0.0.5'})],
  ])('round-trips the %s plan without warnings', (_name, p) => {
    const result = parsePlanText(planToYaml(p), 'written.yaml');
    expect(result.ok && result.warnings).toEqual([]);
    expect(plan(result)).toEqual(p);
  });

  it('quotes values YAML would otherwise retype or misread', () => {
    const p = basePlan(
      [
        {name: 'null', address: 'fd00::1', role: 'control-plane'},
        {name: 'true', address: '10.0.0.2', role: 'worker'},
        {name: 'yes', address: '10.0.0.3', role: 'worker'},
      ],
      [
        {name: '1e3', groups: ['0x1F', 'system:masters', 'a@b'], allowSystemGroups: true},
        {name: '0755', groups: []},
      ],
    );
    p.apiServer.certSANs = ['*.apps.example.com', 'fd00::10', '10.0.0.10'];
    p.controlPlaneEndpoint = '[fd00::10]:6443';
    p.networking.serviceSubnet = 'fd00:10:96::/112,10.96.0.0/12';
    p.certificates = {layout: 'flat', authorities: 'single', encryptionAlgorithm: 'RSA-4096', certificateValidityPeriod: '720h0m0s', caCertificateValidityPeriod: '175200h'};
    expect(roundTrip(p)).toEqual(p);
  });

  it('writes empty lists and an empty endpoint explicitly', () => {
    const text = planToYaml(defaultPlan({hostname: 'cp-1', address: '10.0.0.5'}));
    expect(text).toMatch(/^users: \[\] +# /m);
    expect(text).toMatch(/^ {2}certSANs: \[\] +# /m);
    expect(text).toMatch(/^controlPlaneEndpoint: "" +# /m);
  });

  it('keeps a hostile (unvalidated) value inside its quotes and comments on one line', () => {
    const p = defaultPlan({hostname: 'cp-1', address: '10.0.0.5'});
    p.networking.dnsDomain = 'x\nkind: Evil # $(touch x)';
    const text = planToYaml(p);
    expect(text).not.toMatch(/^kind: Evil/m);
    const [problem] = problems(parsePlanText(text, 'written.yaml'));
    expect(problem!.path).toBe('networking.dnsDomain');
  });
});
