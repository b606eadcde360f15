// A plan whose values are valid but awkward for a shell script and openssl.cnf: IPv6 everywhere, a 52-character
// dotted and dashed node name (the longest that fits system:node:<name> in 64 characters), '@' and ':' in identities.

import {basePlan} from '../../src/plan/defaults.js';
import type {Plan} from '../../src/plan/types.js';
import {valid} from './helpers.js';

export const LONG_NODE = 'worker-01.rack-02.dc-west.k8s.example-corp.internal0';

export function awkwardPlan(): Plan {
  if (LONG_NODE.length !== 52) throw new Error(`LONG_NODE is ${LONG_NODE.length} characters`);
  const plan = basePlan(
    [
      {name: 'cp-1.example.internal', address: 'fd00::11', role: 'control-plane'},
      {name: LONG_NODE, address: 'fd00:0:0:1::21', role: 'worker'},
      {name: 'n-2', address: '10.0.0.22', role: 'worker'},
    ],
    [{name: 'jane.doe@example.com', groups: ['team-a:ops.read', 'x', 'a.b-c_d']}],
  );
  plan.clusterName = 'prod-eu.west-1';
  plan.controlPlaneEndpoint = '[fd00::10]:6443';
  plan.networking.serviceSubnet = 'fd00:10:96::/112';
  plan.networking.dnsDomain = 'cluster.example-corp.internal';
  plan.apiServer.certSANs = ['*.apps.example.internal', '2001:db8::7', 'k-8.s'];
  plan.certificates.layout = 'kubeadm';
  return valid(plan);
}
