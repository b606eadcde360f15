// modelOf resolves a plan once: the same answers' plan gives the same model object on every frame, a
// changed plan a new one, and a plan with problems none.

import {describe, expect, it} from 'vitest';
import {basePlan} from '../../src/plan/defaults.js';
import {initialAnswers, withPlan} from '../../src/ui/answers.js';
import {modelOf, reviewRowsOf} from '../../src/ui/model.js';

const answers = () => initialAnswers(basePlan([{name: 'cp-1', address: '192.168.56.11', role: 'control-plane'}]));

describe('modelOf', () => {
  it('returns the same model for the same plan, and the same review rows', () => {
    const a = answers();
    const model = modelOf(a);
    expect(model).toBeDefined();
    expect(modelOf(a)).toBe(model);
    expect(modelOf({...a, out: '/elsewhere'})).toBe(model); // only the plan matters
    expect(reviewRowsOf(a)).toBe(reviewRowsOf(a));
    expect(reviewRowsOf(a).length).toBe(model!.certs.length + 1); // and the sa key pair
  });

  it('a changed plan gets its own model; a plan with problems has none', () => {
    const a = answers();
    const renamed = withPlan(a, (p) => void (p.clusterName = 'lab'));
    expect(modelOf(renamed)).not.toBe(modelOf(a));
    expect(modelOf(renamed)!.plan.clusterName).toBe('lab');
    const broken = withPlan(a, (p) => void (p.networking.serviceSubnet = 'nope'));
    expect(modelOf(broken)).toBeUndefined();
    expect(reviewRowsOf(broken)).toEqual([]);
  });
});
