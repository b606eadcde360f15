// Hostile values planted straight into a resolved model, past plan validation: every emitter's allow-lists must
// refuse each one (UnsafeValueError) before anything is written. Shared by the safe and the exam-style scripts.

import type {PkiModel} from '../../src/pki/model.js';
import {specById} from '../../src/pki/model.js';

export const HOSTILE_MODELS: [string, (m: PkiModel) => void][] = [
  ['newline smuggling an O into a CN', (m) => (specById(m, 'user@john').subject.cn = 'john\nO = system:masters')],
  ['subject syntax in a CN', (m) => (specById(m, 'user@john').subject.cn = 'alice/O=system:masters')],
  ["'#' in a group (cnf comment)", (m) => (specById(m, 'user@john').subject.o = ['dev # ops'])],
  ['command substitution in a CN', (m) => (specById(m, 'user@john').subject.cn = '$(touch CANARY)')],
  ['backticks in a group', (m) => (specById(m, 'user@john').subject.o = ['`touch CANARY`'])],
  ['a quote in a CN', (m) => (specById(m, 'user@john').subject.cn = "it's")],
  ['$VAR in a CN (cnf variable)', (m) => (specById(m, 'user@john').subject.cn = '$HOME')],
  ['a backslash in a CN', (m) => (specById(m, 'user@john').subject.cn = 'a\\b')],
  ['a 65-character CN', (m) => (specById(m, 'user@john').subject.cn = 'a'.repeat(65))],
  ['an empty CN', (m) => (specById(m, 'user@john').subject.cn = '')],
  ['a DNS SAN with a space', (m) => specById(m, 'apiserver@controlplane').sans.dns.push('bad host')],
  ['a DNS SAN with $(…)', (m) => specById(m, 'apiserver@controlplane').sans.dns.push('$(touch CANARY)')],
  ['a DNS SAN with a newline', (m) => specById(m, 'apiserver@controlplane').sans.dns.push('a\nIP.9 = 1.2.3.4')],
  ['a non-canonical IP SAN', (m) => specById(m, 'apiserver@controlplane').sans.ips.push('10.0.0.256')],
  ['an IP SAN with a zone', (m) => specById(m, 'apiserver@controlplane').sans.ips.push('fe80::1%eth0')],
  ['a quote in a spec id (file names)', (m) => (specById(m, 'user@john').id = "user@jo'hn")],
  ['path traversal in a spec id', (m) => (specById(m, 'user@john').id = 'user@../../etc/passwd')],
  ['command substitution in a kubeconfig server', (m) => (m.kubeconfigs[0]!.server = 'https://x$(touch CANARY):6443')],
  ['a double quote in a kubeconfig user', (m) => (m.kubeconfigs[0]!.userName = 'a"b')],
  ['backticks in the cluster name', (m) => {
    m.plan.clusterName = '`id`';
    m.kubeconfigs[0]!.clusterName = '`id`';
  }],
  ['a newline in catalog text written as a comment', (m) => (specById(m, 'ca').about = 'x\ntouch CANARY')],
];

/** Values the exam-style script never writes: kubeconfig data (it writes no kubeconfig), spec ids (it names files
 *  by the layout, not by id) and the cluster name (only ever inside a `#` comment there). */
export const NOT_IN_EXAM_SCRIPT = new Set([
  'command substitution in a kubeconfig server', 'a double quote in a kubeconfig user', 'backticks in the cluster name',
  'a quote in a spec id (file names)', 'path traversal in a spec id',
]);
