// Item rules of the list editors, through the plan's own validation: groups with empty items are refused
// and the field says what it understood; a space in a user name is refused with the Kubernetes reason first.

import {describe, expect, it} from 'vitest';
import {basePlan} from '../../src/plan/defaults.js';
import {initialAnswers} from '../../src/ui/answers.js';
import {itemErrors} from '../../src/ui/form.js';
import {stepById, stepList} from '../../src/ui/steps.js';

const answers = () => initialAnswers(basePlan([{name: 'cp-1', address: '192.168.56.11', role: 'control-plane'}]));
const users = stepList(stepById('clients'))!;
const groupsField = users.fields.find((f) => f.id === 'groups')!;

describe('the people list', () => {
  it.each([['developers,,qa', 3], [' , ', 2], ['developers,', 2]])('refuses groups %j: an empty item is not quietly dropped', (groups, count) => {
    const draft = {name: 'john', groups, allowSystemGroups: 'no'};
    const errors = itemErrors(users, answers(), -1, draft);
    expect(errors.byField.groups?.join('\n')).toMatch(/groups\[\d\].*is empty/);
    expect(groupsField.note!(draft)).toContain(`understood as ${count} groups`);
    expect(groupsField.note!(draft)).toContain('(an empty item)');
  });

  it('says what it understood for good groups, and an empty field is no group', () => {
    const draft = {name: 'john', groups: 'developers, qa', allowSystemGroups: 'no'};
    expect(itemErrors(users, answers(), -1, draft).byField.groups).toEqual([]);
    expect(groupsField.note!(draft)).toBe('understood as 2 groups: O=developers, O=qa');
    const none = {name: 'john', groups: '  ', allowSystemGroups: 'no'};
    expect(itemErrors(users, answers(), -1, none).byField.groups).toEqual([]);
    expect(users.commit(answers(), [none]).plan.users[0]!.groups).toEqual([]);
  });

  it('refuses a space in a user name, with the Kubernetes reason first', () => {
    const errors = itemErrors(users, answers(), -1, {name: 'john smith', groups: '', allowSystemGroups: 'no'}).byField.name!;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('contains a space');
    const reason = errors[0]!.slice(errors[0]!.indexOf('contains a space'));
    expect(reason.indexOf('RBAC matches user names exactly')).toBeGreaterThan(0);
    expect(reason.indexOf('RBAC')).toBeLessThan(reason.indexOf('script'));
  });
});
