// The step data and the reducer without a terminal: defaults give a valid plan, every step has a why and
// a preview, and the lessons cover the course.

import {describe, expect, it} from 'vitest';
import {LESSONS} from '../../src/learn/lessons.js';
import {STEP_LESSONS} from '../../src/learn/topics.js';
import {basePlan, examplePlan} from '../../src/plan/defaults.js';
import {initialAnswers, withPlan} from '../../src/ui/answers.js';
import {checkPlan, warningsUnderAny} from '../../src/ui/check.js';
import {stepErrors} from '../../src/ui/form.js';
import {keymap} from '../../src/ui/keymap.js';
import {stepPreview} from '../../src/ui/preview.js';
import {formFields, stepById, STEPS} from '../../src/ui/steps.js';
import {initialState, wizardReducer, type Action, type WizardState} from '../../src/ui/wizard-state.js';

const answers = () => initialAnswers(basePlan([{name: 'cp-1', address: '192.168.56.11', role: 'control-plane'}]));
const key = (input: string, k: Record<string, boolean> = {}): Action => ({type: 'key', input, key: k});
const apply = (s: WizardState, ...actions: Action[]) => actions.reduce(wizardReducer, s);

describe('steps as data', () => {
  it('the defaults pass every step and each step has a why and an openssl preview', () => {
    const a = answers();
    expect(checkPlan(a.plan).problems).toEqual([]);
    for (const step of STEPS) {
      expect(stepErrors(step, a), step.id).toEqual([]);
      expect(step.lessons.length, step.id).toBeGreaterThan(0);
      if (step.body.kind !== 'review') expect(stepPreview(step, a, {}).ok, step.id).toBe(true);
    }
  });

  it('a burst of keys in one chunk is replayed key by key (no stale state)', () => {
    let s = initialState(answers(), 'step');
    s = apply(s, key('\r'), key('\t'), key('\u007f'.repeat(2)), key('16\r'));
    expect(s.answers.plan.networking.serviceSubnet).toBe('10.96.0.0/16');
    expect(STEPS[s.step]!.id).toBe('nodes');
  });

  it('letters are commands only when no text field has focus', () => {
    const s = apply(initialState(answers(), 'step'), key('\r'));
    expect(keymap(s).map((b) => b.keys)).not.toContain('q');
    const q = apply(s, key('q'));
    expect(q.answers.plan.clusterName).toBe('kubernetesq');
    expect(q.outcome).toBeUndefined();
  });

  it('the last control-plane node cannot be removed, and Esc on the first step returns home', () => {
    let s = apply(initialState(answers(), 'step'), key('\r'), key('\r'));
    expect(STEPS[s.step]!.id).toBe('nodes');
    s = apply(s, key('d'));
    expect(s.answers.plan.nodes).toHaveLength(1);
    s = apply(s, key('', {escape: true, meta: true}), key('', {escape: true}), key('', {escape: true}));
    expect(s.screen).toBe('home');
  });
});

describe('path collisions block the wizard', () => {
  const flatClash = () => {
    const plan = basePlan([
      {name: 'cp-1', address: '192.168.56.11', role: 'control-plane'},
      {name: 'x', address: '192.168.56.21', role: 'worker'},
      {name: 'client-x', address: '192.168.56.22', role: 'worker'},
    ]);
    plan.certificates.layout = 'flat';
    return initialAnswers(plan);
  };
  const step = (id: string) => STEPS.find((s) => s.id === id)!;

  it('checkPlan reports them as problems, with no plan to generate from', () => {
    const check = checkPlan(flatClash().plan);
    expect(check.plan).toBeUndefined();
    expect(check.problems.map((p) => [p.path, p.rule])).toEqual([['nodes[2].name', 'writes kubelet-client-x.crt, as nodes[1].name "x" does']]);
  });

  it('the nodes step and the output step (where the layout is chosen) cannot be left', () => {
    const a = flatClash();
    for (const id of ['nodes', 'output']) {
      expect(stepErrors(step(id), a), id).toEqual([expect.stringMatching(/^nodes\[2\]\.name: "client-x" writes kubelet-client-x\.crt/)]);
    }
    const s = apply({...initialState(a, 'step'), step: STEPS.indexOf(step('output'))}, {type: 'next'});
    expect(s.screen).toBe('step');
    expect(s.showErrors).toBe(true);
  });

  it('a node named users blocks once a user is added', () => {
    const a = initialAnswers(basePlan([
      {name: 'cp-1', address: '192.168.56.11', role: 'control-plane'},
      {name: 'users', address: '192.168.56.21', role: 'worker'},
    ], [{name: 'john', groups: []}]));
    expect(stepErrors(step('output'), a)).toEqual([expect.stringMatching(/^nodes\[1\]\.name: "users" puts users\/etc\/kubernetes\/pki\/ca\.crt in users\/, beside users\/john\/john\.crt/)]);
  });
});

describe('lessons', () => {
  const text = LESSONS.map((l) => [l.title, l.why, ...l.body].join('\n')).join('\n');
  // Every concept of the course notes, in a phrase the lessons must contain.
  const concepts = [
    'public key', 'private key', '*.crt', '*.pem', '*.key', '*-key.pem', 'Certificate Authority',
    'Certificate Signing Request', 'PEM', 'Privacy Enhanced Mail', 'server certificate', 'client certificate',
    'at least one CA', 'kube-apiserver', 'etcd', 'kubelet', 'kube-scheduler', 'kube-controller-manager', 'kube-proxy',
    'admin', 'john', 'developers', 'system:masters', 'system:node:', 'system:nodes', 'Node authorizer', 'kubeconfig',
    'peer', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', 'openssl.cnf',
    'Subject Alternative Name', 'kubelet-config.yaml', 'Issuer', 'Not After', 'Subject: CN', 'manifest',
    'reuse apiserver.crt',
  ];
  it.each(concepts)('teach %s', (concept) => {
    expect(text.toLowerCase()).toContain(concept.toLowerCase());
  });

  it('every step has lessons that exist', () => {
    for (const ids of Object.values(STEP_LESSONS)) for (const id of ids) expect(LESSONS.some((l) => l.id === id), id).toBe(true);
  });
});

describe('the authorities choice', () => {
  it('says what one CA for everything costs, and the plan warns about it', () => {
    const field = formFields(stepById('authorities')).find((f) => f.id === 'authorities')!;
    const single = field.kind === 'select' ? field.options.find((o) => o.value === 'single') : undefined;
    expect(single?.hint).toBe('one CA for everything — any client certificate can then read etcd');
    const a = withPlan(initialAnswers(examplePlan('single')), (p) => void (p.certificates.authorities = 'single'));
    expect(warningsUnderAny(a.plan, ['certificates.authorities']).join('\n')).toContain('can read and write etcd');
  });
});
