// What to do with a person's files, in words and exact commands, for the CLI, the wizard and the file written
// beside them: the exam flow (the cluster signs through a CertificateSigningRequest an admin approves) and the
// manual flow (whoever holds the CA key signs), stage by stage so the two read side by side.

import {shq} from '../openssl/shell.js';
import {subjectText, type Subject} from '../pki/model.js';
import type {SigningMode} from './person.js';

export interface StepsInput {
  name: string;
  subject: Subject;
  mode: SigningMode;
  clusterName: string;
  contextName: string;
  /** Whole days the certificate is asked for (exam) or valid (manual). */
  days: number;
  /** Paths as the user reaches them from where they ran kubepki. */
  paths: {key: string; csr: string; manifest?: string; cert: string; kubeconfig?: string};
  /** The CA that signed, for the manual flow. */
  caCertPath?: string;
}

/** The kubectl commands of the exam flow, in order, ready to paste. */
export function examCommands(i: StepsInput): string[] {
  const q = {cert: shq(i.paths.cert), key: shq(i.paths.key)};
  return [
    ...(i.paths.manifest ? [`kubectl apply -f ${shq(i.paths.manifest)}`] : []),
    `kubectl get csr ${i.name}`,
    `kubectl certificate approve ${i.name}`,
    `kubectl get csr ${i.name} -o jsonpath='{.status.certificate}' | base64 -d > ${q.cert}`,
    `kubectl config set-credentials ${i.name} --client-certificate=${q.cert} --client-key=${q.key} --embed-certs=true`,
    `kubectl config set-context ${i.contextName} --cluster=${i.clusterName} --user=${i.name}`,
    `kubectl config use-context ${i.contextName}`,
    'kubectl auth can-i list pods',
  ];
}

const RBAC_NOTE = (i: StepsInput) =>
  `Until a RoleBinding or ClusterRoleBinding names ${i.name}${i.subject.o.length ? ` or one of the groups ${i.subject.o.join(', ')}` : ''}, ` +
  `${i.name} is authenticated but may do nothing: kubectl auth can-i answers "no".`;

function examLines(i: StepsInput): string[] {
  return [
    `The exam flow (this is how the CKA exam does it): the cluster signs ${i.name}'s request.`,
    `Run steps 1-4 as a cluster admin (admin.conf): approving is the admin's decision, and kube-controller-manager signs.`,
    ...examCommands(i).map((c, n) => `  ${n + 1}. ${c}`),
    `The request asks for ${i.days} days (expirationSeconds); kube-controller-manager caps it at --cluster-signing-duration (default 1 year).`,
    `Step 5 embeds the certificate and key in your current kubeconfig; step 7 switches it to ${i.name}: switch back with kubectl config use-context.`,
  ];
}

/** The four stages, exam and manual one under the other. */
function sideBySide(i: StepsInput): string[] {
  const ca = i.caCertPath ?? 'ca.crt';
  const stages: [string, string, string][] = [
    ['1 request', `kubectl apply -f ${i.paths.manifest ?? `the request in ${i.paths.csr}`}`, `the same ${i.paths.csr}, handed to whoever holds the CA key`],
    ['2 approve', `kubectl certificate approve ${i.name} (an admin decides; the cluster records it)`, 'none: holding the CA key is the approval, and nothing is recorded'],
    ['3 sign', 'kube-controller-manager signs; fetch it from .status.certificate', `done here with ${ca}'s key (as openssl x509 -req -CA would): ${i.paths.cert}`],
    ['4 use', 'kubectl config set-credentials/set-context/use-context', `ready: kubectl --kubeconfig ${shq(i.paths.kubeconfig ?? '')} get pods`],
  ];
  return stages.flatMap(([stage, exam, manual]) => [`  ${stage.padEnd(10)} exam:   ${exam}`, `  ${''.padEnd(10)} manual: ${manual}`]);
}

function manualLines(i: StepsInput): string[] {
  return [
    `The manual flow: kubepki signed ${i.name}'s request here with the CA key (${subjectText(i.subject)}, client auth, ${i.days} days).`,
    'Side by side with the exam flow, where the cluster signs:',
    ...sideBySide(i),
    `Anyone with ${i.caCertPath ?? 'the CA key'}'s key can mint any identity: keep it off shared machines. The exam flow never hands it out.`,
  ];
}

/** Every line to show or save after the files are written. */
export function personSteps(i: StepsInput): string[] {
  return [
    `${i.name}: ${subjectText(i.subject)}`,
    ...(i.mode === 'exam' ? examLines(i) : manualLines(i)),
    RBAC_NOTE(i),
  ];
}
