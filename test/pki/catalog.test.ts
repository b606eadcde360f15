// The catalog's identities come from plan/identities.ts, and every fixed one is refused as a person's name.

import {describe, expect, it} from 'vitest';
import {examplePlan} from '../../src/plan/defaults.js';
import {NODE_USER_PREFIX, RESERVED_USER_NAMES} from '../../src/plan/identities.js';
import {userNameRule} from '../../src/plan/rules.js';
import {validatePlan} from '../../src/plan/validate.js';
import {resolve} from '../../src/pki/resolve.js';

describe('component identities', () => {
  const model = resolve(examplePlan('ha'));
  // etcd's serving and peer certificates are named after their node, users after themselves.
  const fixed = model.certs.filter((c) => c.kind !== 'user' && c.kind !== 'etcd-server' && c.kind !== 'etcd-peer');

  it('reserves every CN the catalog gives a component', () => {
    for (const spec of fixed) {
      const cn = spec.subject.cn;
      expect(Object.hasOwn(RESERVED_USER_NAMES, cn) || cn.startsWith(NODE_USER_PREFIX), `${spec.id}: ${cn}`).toBe(true);
    }
  });

  it('refuses each of them as a plan user, naming the identity', () => {
    for (const cn of new Set(fixed.map((c) => c.subject.cn))) {
      const result = validatePlan({nodes: [{name: 'cp-1', address: '10.0.0.5', role: 'control-plane'}], users: [{name: cn}]});
      expect(result.ok, cn).toBe(false);
      if (result.ok) continue;
      expect(result.problems.map((p) => p.path)).toEqual(['users[0].name']);
      expect(result.problems[0]!.rule).toContain('is the identity of');
      expect(userNameRule(cn)?.rule).toBe(result.problems[0]!.rule);
    }
  });
});
