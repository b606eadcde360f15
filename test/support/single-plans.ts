// The example single plan and the two ways tests grow it: a new user (bob in qa) and an extra apiserver SAN.
// Shared by the incremental-generate tests of the CLI, the script and the wizard, which must agree on them.

import {examplePlan} from '../../src/plan/defaults.js';
import type {Plan} from '../../src/plan/types.js';

/** The single plan's control-plane pki folder, as the kubeadm layout writes it. */
export const SINGLE_PKI = 'controlplane/etc/kubernetes/pki';

export const single = (): Plan => examplePlan('single');

export const withBob = (p = single()): Plan => ({...p, users: [...p.users, {name: 'bob', groups: ['qa']}]});

export const withSan = (p = single()): Plan => {
  p.apiServer.certSANs = ['10.0.0.5'];
  return p;
};
