// The wizard's build steps as data: for each step its question, its body (a lesson, fields or a list
// editor bound to the Answers, or the review), the plan paths whose problems block it, its lessons and the
// certificates whose openssl commands it previews. Both front ends walk this one table.

import {describeHours, parseDurationHours} from '../plan/duration.js';
import {firstServiceIp, splitHostPort} from '../plan/net.js';
import {kubernetesServiceFqdn} from '../pki/sans.js';
import {AUTHORITY_MODES, KEY_ALGORITHMS, LAYOUTS, NODE_ROLES, type Authorities, type KeyAlgorithm, type Layout, type NodeRole} from '../plan/types.js';
import {STEP_LESSONS, type LessonStep} from '../learn/topics.js';
import {PRODUCE_CHOICES, withPlan, type Answers, type Produce} from './answers.js';
import {SCRIPT_STYLES, type ScriptStyle} from '../output/script-folder.js';
import type {Draft, Field, ListSpec, Option} from './fields.js';
import {specId} from '../pki/catalog.js';
import {controlPlanes, isControlPlane} from '../plan/types.js';
import {nodeUser} from '../plan/identities.js';

export type StepId = LessonStep;

/** What the preview and the review are looking at: a list item or a review row. */
export interface PreviewFocus {
  item?: number;
  spec?: string;
}

/** What a step asks for. Front ends choose how to show and drive a step from this kind alone, through
 *  one table per front end (see BodyTable), never from the step's id. */
export type StepBody =
  /** Read-only teaching: Enter moves on. */
  | {kind: 'lesson'}
  /** Fields bound to the answers. */
  | {kind: 'form'; fields: Field[]}
  /** A list of items to add, edit and remove. */
  | {kind: 'list'; list: ListSpec}
  /** Every certificate of the plan, to look at before writing. */
  | {kind: 'review'};

export type BodyKind = StepBody['kind'];
export type BodyOf<K extends BodyKind> = Extract<StepBody, {kind: K}>;
export const BODY_KINDS: readonly BodyKind[] = ['lesson', 'form', 'list', 'review'];

/** One handler per body kind, each given its own body type; a missing kind fails to compile. */
export type BodyTable<A extends unknown[], R> = {[K in BodyKind]: (body: BodyOf<K>, ...args: A) => R};

/** Calls the table's handler for `body`'s kind. */
export function onBody<A extends unknown[], R>(table: BodyTable<A, R>, body: StepBody, ...args: A): R {
  // TypeScript cannot tie table[body.kind] to body's own member of the union; BodyTable's mapped type does.
  const handler = table[body.kind] as (body: StepBody, ...args: A) => R;
  return handler(body, ...args);
}

export interface StepDef {
  id: StepId;
  title: string;
  /** The question, one or two lines. */
  question: string;
  body: StepBody;
  /** Plan paths this step edits: their validation problems block Enter here. */
  paths: string[];
  /** Lesson ids, the first one giving the "why". */
  lessons: string[];
  /** Certificate spec ids whose openssl commands this step shows, for the current answers. */
  previewSpecs: (a: Answers, focus: PreviewFocus) => string[];
}

const firstControlPlane = (a: Answers): string | undefined => controlPlanes(a.plan)[0]?.name;
const opts = (values: readonly string[], labels: Record<string, string> = {}): Option[] =>
  values.map((value) => ({value, label: value, ...(labels[value] ? {hint: labels[value]} : {})}));

function validityNote(text: string): string | undefined {
  const hours = parseDurationHours(text);
  return hours === undefined ? undefined : describeHours(hours);
}

const basics: StepDef = {
  id: 'basics',
  title: 'TLS basics',
  question: 'Before the cluster: key pairs, CAs, CSRs and certificates, and which files are secret. Enter skips ahead.',
  body: {kind: 'lesson'},
  paths: [],
  lessons: STEP_LESSONS.basics,
  previewSpecs: () => ['ca'],
};

const cluster: StepDef = {
  id: 'cluster',
  title: 'Cluster',
  question: 'Name the cluster and its service network. These answers decide the API server’s names and addresses.',
  body: {kind: 'form', fields: [
    {kind: 'text', id: 'clusterName', label: 'Cluster name', path: 'clusterName',
      get: (a) => a.plan.clusterName, set: (a, v) => withPlan(a, (p) => void (p.clusterName = v)),
      note: () => 'used in kubeconfigs: context USER@CLUSTER'},
    {kind: 'text', id: 'serviceSubnet', label: 'Service subnet', path: 'networking.serviceSubnet',
      get: (a) => a.plan.networking.serviceSubnet, set: (a, v) => withPlan(a, (p) => void (p.networking.serviceSubnet = v)),
      note: (a) => {
        const ip = firstServiceIp(a.plan.networking.serviceSubnet);
        return ip ? `first IP ${ip}: the kubernetes Service, so it must be an API server SAN` : undefined;
      }},
    {kind: 'text', id: 'dnsDomain', label: 'DNS domain', path: 'networking.dnsDomain',
      get: (a) => a.plan.networking.dnsDomain, set: (a, v) => withPlan(a, (p) => void (p.networking.dnsDomain = v)),
      note: (a) => `SAN ${kubernetesServiceFqdn(a.plan.networking.dnsDomain)}`},
    {kind: 'text', id: 'controlPlaneEndpoint', label: 'Endpoint (optional)', path: 'controlPlaneEndpoint',
      get: (a) => a.plan.controlPlaneEndpoint, set: (a, v) => withPlan(a, (p) => void (p.controlPlaneEndpoint = v)),
      note: (a) => {
        if (!a.plan.controlPlaneEndpoint) return 'empty: kubeconfigs use the first control-plane node’s address';
        const hp = splitHostPort(a.plan.controlPlaneEndpoint);
        return hp ? `load balancer: ${hp.isIp ? 'IP' : 'DNS'} SAN ${hp.host}, kubeconfigs use it` : undefined;
      }},
  ]},
  paths: ['clusterName', 'networking', 'controlPlaneEndpoint'],
  lessons: STEP_LESSONS.cluster,
  previewSpecs: (a) => {
    const cp = firstControlPlane(a);
    return cp ? [specId('apiserver', {node: cp})] : [];
  },
};

function nextNodeDraft(a: Answers): Draft {
  const names = new Set(a.plan.nodes.map((n) => n.name));
  let i = 1;
  while (names.has(`node${String(i).padStart(2, '0')}`)) i++;
  const last = a.plan.nodes.at(-1)?.address ?? '';
  const v4 = /^(\d+\.\d+\.\d+\.)(\d+)$/.exec(last);
  const address = v4 && Number(v4[2]) < 254 ? `${v4[1]}${Number(v4[2]) + 1}` : '';
  return {name: `node${String(i).padStart(2, '0')}`, address, role: 'worker'};
}

const nodesList: ListSpec = {
  id: 'nodes',
  noun: 'node',
  path: 'nodes',
  items: (a) => a.plan.nodes.map((n) => ({name: n.name, address: n.address, role: n.role})),
  commit: (a, drafts) => withPlan(a, (p) => {
    p.nodes = drafts.map((d) => ({name: d.name ?? '', address: d.address ?? '', role: (d.role ?? 'worker') as NodeRole}));
  }),
  blank: nextNodeDraft,
  fields: [
    {id: 'name', label: 'Name', kind: 'text', path: 'name', note: (d) => (d.name ? `kubelet logs in as ${nodeUser(d.name)}` : undefined)},
    {id: 'address', label: 'Address', kind: 'text', path: 'address', note: () => 'the IP other nodes and clients dial'},
    {id: 'role', label: 'Role', kind: 'select', path: 'role', options: opts(NODE_ROLES, {
      'control-plane': 'runs the API server and etcd: gets their certificates',
      worker: 'runs a kubelet and kube-proxy only'})},
  ],
  summary: (d) => `${(d.name ?? '').padEnd(16)} ${(d.address ?? '').padEnd(16)} ${d.role ?? ''}`,
  min: 1,
  keep: (a, index) => {
    const node = a.plan.nodes[index];
    return node && isControlPlane(node) && controlPlanes(a.plan).length === 1
      ? `${node.name} is the only control-plane node: the API server and etcd run there. Add another control-plane node first.`
      : undefined;
  },
};

const nodes: StepDef = {
  id: 'nodes',
  title: 'Nodes',
  question: 'Which machines are in the cluster? Each node gets its own kubelet certificates; control-plane nodes also get API server and etcd ones.',
  body: {kind: 'list', list: nodesList},
  paths: ['nodes'],
  lessons: STEP_LESSONS.nodes,
  previewSpecs: (a, focus) => {
    const node = a.plan.nodes[focus.item ?? 0];
    return node ? [specId('kubelet-client', {node: node.name}), specId('kubelet-serving', {node: node.name})] : [];
  },
};

const authorities: StepDef = {
  id: 'authorities',
  title: 'Certificate authorities',
  question: 'Who signs the certificates? Choose one CA for everything or kubeadm’s three, the key type and how long they last.',
  body: {kind: 'form', fields: [
    {kind: 'select', id: 'authorities', label: 'Authorities', path: 'certificates.authorities',
      options: opts(AUTHORITY_MODES, {separate: 'cluster CA + etcd CA + front-proxy CA (kubeadm)', single: 'one CA for everything — any client certificate can then read etcd'}),
      get: (a) => a.plan.certificates.authorities,
      set: (a, v) => withPlan(a, (p) => void (p.certificates.authorities = v as Authorities))},
    {kind: 'select', id: 'encryptionAlgorithm', label: 'Key algorithm', path: 'certificates.encryptionAlgorithm',
      options: opts(KEY_ALGORITHMS, {
        'RSA-2048': 'kubeadm’s default; every tool reads it',
        'RSA-3072': 'stronger RSA; keys ~4× slower to make',
        'RSA-4096': 'strongest RSA; slowest keys and handshakes',
        'ECDSA-P256': 'strong as RSA-3072, tiny keys made in µs',
        'ECDSA-P384': 'stronger curve, SHA-384; still fast',
      }),
      get: (a) => a.plan.certificates.encryptionAlgorithm,
      set: (a, v) => withPlan(a, (p) => void (p.certificates.encryptionAlgorithm = v as KeyAlgorithm))},
    {kind: 'text', id: 'caCertificateValidityPeriod', label: 'CA validity', path: 'certificates.caCertificateValidityPeriod',
      get: (a) => a.plan.certificates.caCertificateValidityPeriod,
      set: (a, v) => withPlan(a, (p) => void (p.certificates.caCertificateValidityPeriod = v)),
      note: (a) => validityNote(a.plan.certificates.caCertificateValidityPeriod)},
    {kind: 'text', id: 'certificateValidityPeriod', label: 'Leaf validity', path: 'certificates.certificateValidityPeriod',
      get: (a) => a.plan.certificates.certificateValidityPeriod,
      set: (a, v) => withPlan(a, (p) => void (p.certificates.certificateValidityPeriod = v)),
      note: (a) => validityNote(a.plan.certificates.certificateValidityPeriod)},
  ]},
  paths: ['certificates.authorities', 'certificates.encryptionAlgorithm', 'certificates.caCertificateValidityPeriod',
    'certificates.certificateValidityPeriod'],
  lessons: STEP_LESSONS.authorities,
  previewSpecs: (a) => (a.plan.certificates.authorities === 'separate' ? ['ca', 'etcd-ca'] : ['ca']),
};

/** Comma-separated groups as typed: empty items stay (plan validation refuses them, so `developers,,qa` is not
 *  quietly two groups); an empty field is no group. */
export const splitGroups = (text: string): string[] => (text.trim() === '' ? [] : text.split(',').map((g) => g.trim()));

/** What the groups field was understood as, so a typo shows before it becomes a certificate. */
function groupsNote(d: Draft): string {
  const groups = splitGroups(d.groups ?? '');
  if (groups.length === 0) return 'no groups: RBAC sees only the user name; each group becomes one O, e.g. developers, qa';
  const shown = groups.map((g) => (g === '' ? '(an empty item)' : `O=${g}`)).join(', ');
  const masters = groups.includes('system:masters') ? '; ! system:masters bypasses RBAC and cannot be revoked' : '';
  return `understood as ${groups.length} group${groups.length > 1 ? 's' : ''}: ${shown}${masters}`;
}
const hasSystemGroup = (d: Draft): boolean => splitGroups(d.groups ?? '').some((g) => g.startsWith('system:'));


const usersList: ListSpec = {
  id: 'users',
  noun: 'user',
  path: 'users',
  items: (a) => a.plan.users.map((u) => ({name: u.name, groups: u.groups.join(', '), allowSystemGroups: u.allowSystemGroups ? 'yes' : 'no'})),
  commit: (a, drafts) => withPlan(a, (p) => {
    p.users = drafts.map((d) => ({
      name: d.name ?? '',
      groups: splitGroups(d.groups ?? ''),
      ...(hasSystemGroup(d) && d.allowSystemGroups === 'yes' ? {allowSystemGroups: true} : {}),
    }));
  }),
  blank: () => ({name: '', groups: '', allowSystemGroups: 'no'}),
  fields: [
    {id: 'name', label: 'User name (CN)', kind: 'text', path: 'name', note: () => 'RBAC sees this as the user, e.g. john'},
    {id: 'groups', label: 'Groups (O), comma-separated', kind: 'text', path: 'groups',
      note: groupsNote},
    {id: 'allowSystemGroups', label: 'Allow system: groups', kind: 'select', path: 'allowSystemGroups', visible: hasSystemGroup,
      options: opts(['no', 'yes'], {no: 'refuse: use a group bound with RBAC instead', yes: 'I understand this certificate cannot be revoked'})},
  ],
  summary: (d) => `${(d.name ?? '').padEnd(16)} ${d.groups ? `groups: ${d.groups}` : '(no groups)'}`,
  min: 0,
};

const clients: StepDef = {
  id: 'clients',
  title: 'Client certificates and groups',
  question: 'Components log in with fixed names (below). Add the people who use kubectl: the CN is the user, each O a group.',
  body: {kind: 'list', list: usersList},
  paths: ['users'],
  lessons: STEP_LESSONS.clients,
  previewSpecs: (a, focus) => {
    const user = a.plan.users[focus.item ?? 0];
    const cp = firstControlPlane(a);
    return user ? [specId('user', {user: user.name})] : cp ? [specId('admin', {node: cp})] : [];
  },
};

const sansList: ListSpec = {
  id: 'sans',
  noun: 'extra SAN',
  path: 'apiServer.certSANs',
  items: (a) => a.plan.apiServer.certSANs.map((value) => ({value})),
  commit: (a, drafts) => withPlan(a, (p) => void (p.apiServer.certSANs = drafts.map((d) => d.value ?? ''))),
  blank: () => ({value: ''}),
  fields: [
    {id: 'value', label: 'DNS name or IP', kind: 'text', path: '', note: () => 'another name clients use: a load balancer, a VIP, api.example.com'},
  ],
  summary: (d) => d.value ?? '',
  min: 0,
};

const servers: StepDef = {
  id: 'servers',
  title: 'Server certificates and SANs',
  question: 'The API server must be valid for every name clients dial. These come from your answers; add any others.',
  body: {kind: 'list', list: sansList},
  paths: ['apiServer'],
  lessons: STEP_LESSONS.servers,
  previewSpecs: (a) => {
    const cp = firstControlPlane(a);
    return cp ? [specId('apiserver', {node: cp})] : [];
  },
};

const review: StepDef = {
  id: 'review',
  title: 'Review',
  question: 'Every certificate this PKI consists of. ↑↓ to look at one, o to see the openssl commands that make it.',
  body: {kind: 'review'},
  paths: [],
  lessons: STEP_LESSONS.review,
  previewSpecs: (_a, focus) => (focus.spec ? [focus.spec] : []),
};

const output: StepDef = {
  id: 'output',
  title: 'Output',
  question: 'Where should the PKI go, in which layout, and what should be written?',
  body: {kind: 'form', fields: [
    {kind: 'text', id: 'out', label: 'Folder', path: 'out', get: (a) => a.out, set: (a, v) => ({...a, out: v}),
      check: (v) => (v.trim() === '' ? 'out: the output folder is empty — type a folder such as ./pki'
        : /[\p{Cc}\p{Cf}]/u.test(v) ? 'out: the folder name contains a control character — remove it' : undefined),
      note: () => 'kubepki.yaml is saved next to it, to repeat the run with kubepki generate --plan'},
    {kind: 'select', id: 'layout', label: 'Layout', path: 'certificates.layout',
      options: opts(LAYOUTS, {kubeadm: 'one folder per node, mirroring /etc/kubernetes', flat: 'one folder, course-style names'}),
      get: (a) => a.plan.certificates.layout, set: (a, v) => withPlan(a, (p) => void (p.certificates.layout = v as Layout))},
    {kind: 'select', id: 'produce', label: 'Write', path: 'produce',
      options: opts(PRODUCE_CHOICES, {both: 'certificates now and the openssl script to study', native: 'certificates only', script: 'the openssl script only (run it yourself)'}),
      get: (a) => a.produce, set: (a, v) => ({...a, produce: v as Produce})},
    {kind: 'select', id: 'scriptStyle', label: 'Script', path: 'scriptStyle',
      options: opts(SCRIPT_STYLES, {safe: 'for real machines: locks, stages, never replaces a CA, backdates 5 minutes',
        exam: 'for learning: the course’s genrsa, req -subj, x509 -req and one openssl.cnf'}),
      note: (a) => (a.produce === 'native' ? 'no script is written with Write native' : undefined),
      get: (a) => a.scriptStyle, set: (a, v) => ({...a, scriptStyle: v as ScriptStyle})},
    {kind: 'select', id: 'map', label: 'Map', path: 'map',
      options: opts(['no', 'yes'], {no: 'no map.html', yes: 'also map.html: the PKI as one page for any browser, loading nothing'}),
      note: (a) => (a.map && a.produce === 'script' ? 'drawn from the plan into the script folder: no certificate exists yet' : undefined),
      get: (a) => (a.map ? 'yes' : 'no'), set: (a, v) => ({...a, map: v === 'yes'})},
  ]},
  // '' is every path: the layout chosen here can make node and user names collide as files, and nothing
  // is written while the plan has any problem.
  paths: ['certificates.layout', ''],
  lessons: STEP_LESSONS.output,
  previewSpecs: () => ['ca'],
};

export const STEPS: StepDef[] = [basics, cluster, nodes, authorities, clients, servers, review, output];

/** Generate and Done follow the build steps in the header's count. */
export const TOTAL_STEPS = STEPS.length + 2;

export function stepById(id: StepId): StepDef {
  return STEPS.find((s) => s.id === id)!;
}

/** The step's fields (none unless it is a form). */
export const formFields = (step: StepDef): Field[] => (step.body.kind === 'form' ? step.body.fields : []);

/** The step's list editor, if it is a list step. */
export const stepList = (step: StepDef): ListSpec | undefined => (step.body.kind === 'list' ? step.body.list : undefined);

/** The last build step: Enter there starts Generate. */
export const isLastStep = (step: StepDef): boolean => step === STEPS.at(-1);
