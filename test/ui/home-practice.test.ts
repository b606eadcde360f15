// Home → Practice: choosing it ends the wizard with the `practice` outcome, which the wizard command turns into
// the practice runner; Home lists it with the other ways in.

import {describe, expect, it} from 'vitest';
import {initialAnswers} from '../../src/ui/answers.js';
import {HOME_ITEMS, initialState, wizardReducer} from '../../src/ui/wizard-state.js';
import {examplePlan} from '../../src/plan/defaults.js';

describe('Home → Practice', () => {
  it('is on Home, and choosing it hands over to the practice runner', () => {
    expect(HOME_ITEMS).toContain('practice');
    const home = initialState(initialAnswers(examplePlan('single'), './pki'), 'home');
    const chosen = wizardReducer(home, {type: 'home-select', item: 'practice'});
    expect(chosen.outcome).toEqual({type: 'practice'});
    const byCursor = wizardReducer({...home, homeCursor: HOME_ITEMS.indexOf('practice')}, {type: 'home-select'});
    expect(byCursor.outcome).toEqual({type: 'practice'});
  });
});
