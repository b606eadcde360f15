// validatePlan: the only way untrusted input (parsed YAML, wizard answers) becomes a Plan. It reports every
// problem, in document order, as path + escaped value + rule + hint, and never returns the input's objects.

import {basePlan} from './defaults.js';
import {parseDurationHours} from './duration.js';
import {displayValue, escapeText} from './escape.js';
import type {RuleViolation} from './hazards.js';
import {MASTERS_GROUP} from './identities.js';
import {DEFAULT_KUBERNETES_VERSION, kubernetesVersionRule} from './kubernetes-version.js';
import {canonicalIp, parseCidr, splitHostPort} from './net.js';
import {
  authoritiesRule,
  clusterNameRule,
  dnsDomainRule,
  durationRule,
  endpointRule,
  groupNameRule,
  isSystemGroup,
  keyAlgorithmRule,
  layoutRule,
  nodeAddressRule,
  nodeNameRule,
  roleRule,
  sanKind,
  sanRule,
  serviceSubnetRule,
  userNameRule,
  type Rule,
} from './rules.js';
import {closest} from './suggest.js';
import {controlPlanes, isControlPlane, type Authorities, type FieldProblem, type KeyAlgorithm, type Layout, type NodeRole, type Plan, type PlanNode, type PlanUser} from './types.js';

export type PlanResult = {ok: true; plan: Plan; warnings: FieldProblem[]} | {ok: false; problems: FieldProblem[]};

/** Marks a problem about an absent field: no value to show. */
const ABSENT = Symbol('absent');

class Findings {
  readonly problems: FieldProblem[] = [];
  readonly warnings: FieldProblem[] = [];
  error(path: string, value: unknown, v: RuleViolation): void {
    this.problems.push(fieldProblem(path, value, v));
  }
  warn(path: string, value: unknown, v: RuleViolation): void {
    this.warnings.push(fieldProblem(path, value, v));
  }
}

function fieldProblem(path: string, value: unknown, v: RuleViolation): FieldProblem {
  // Rules may quote user text in hints; escaping again keeps every part on one line.
  return {path, value: value === ABSENT ? '' : displayValue(value), rule: escapeText(v.rule, 200), hint: escapeText(v.hint, 300)};
}

/** One line: `nodes[1].address: "10.0.0.256" is not an IP address — expected …` (`nodes: is missing — …`). */
export function formatProblem(p: FieldProblem): string {
  const line = `${p.path}: ${p.value === '' ? '' : `${p.value} `}${p.rule} — ${p.hint}`;
  return escapeText(line); // fields built by hand may hold anything: still one line
}

// ---------------------------------------------------------------- reading untyped values

type Mapping = Record<string, unknown>;
type Fields = Record<string, (value: unknown, path: string) => void>;

function isMapping(v: unknown): v is Mapping {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Uint8Array) return 'binary data';
  if (isMapping(v)) return 'a mapping';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return `a ${typeof v}`;
  return 'an unsupported value';
}

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_-]{0,39}$/;

/** `networking.dnsDomain`; odd keys are quoted and escaped so a path is always one safe line. */
function keyPath(parent: string, key: string): string {
  if (!SIMPLE_KEY.test(key)) return `${parent}[${displayValue(key)}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** Walks a mapping in document order, dispatching known keys and refusing the rest. Returns the keys seen. */
function readMapping(f: Findings, raw: unknown, path: string, fields: Fields, example: string): Set<string> | undefined {
  if (!isMapping(raw)) {
    f.error(path || '(plan)', raw, {rule: `is ${kindOf(raw)}, not a mapping`, hint: `write ${example}`});
    return undefined;
  }
  const known = Object.keys(fields);
  const seen = new Set<string>();
  for (const key of Object.keys(raw)) {
    if (raw[key] === undefined) continue; // only JS callers (the wizard) can write this: same as absent
    const handler = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (handler) {
      seen.add(key);
      handler(raw[key], keyPath(path, key));
      continue;
    }
    const near = closest(key, known);
    f.error(keyPath(path, key), raw[key], {
      rule: `is not a known field${path ? ` of ${path}` : ''}`,
      hint: `${near ? `did you mean ${near}? ` : ''}known fields: ${known.join(', ')}`,
    });
  }
  return seen;
}

/** A string field; YAML numbers and booleans are refused (YAML may have changed their text, e.g. 0x1F → 31). */
function readString(f: Findings, raw: unknown, path: string, rule: Rule, set: (s: string) => void, example: string): void {
  if (typeof raw === 'string') {
    const v = rule(raw);
    if (v) f.error(path, raw, v);
    else set(raw);
    return;
  }
  if (typeof raw === 'number' || typeof raw === 'boolean') {
    const text = String(raw);
    f.error(path, raw, rule(text) ?? {rule: `is a ${typeof raw}, not a string`, hint: `YAML read this as the ${typeof raw} ${text}: put the value in quotes`});
    return;
  }
  f.error(path, raw, {rule: raw === null || raw === undefined ? 'is empty' : `is ${kindOf(raw)}, not a string`, hint: `write a single value, e.g. ${example}`});
}

/** A list field; empty (null) counts as an empty list. */
function readList(f: Findings, raw: unknown, path: string, example: string, each: (item: unknown, path: string, index: number) => void): void {
  if (raw === null) return;
  if (!Array.isArray(raw)) {
    f.error(path, raw, {rule: `is ${kindOf(raw)}, not a list`, hint: `write a YAML list, e.g. ${example}`});
    return;
  }
  raw.forEach((item, i) => each(item, `${path}[${i}]`, i));
}

function requireFields(f: Findings, seen: Set<string> | undefined, path: string, hints: Record<string, string>): void {
  if (!seen) return;
  for (const [key, hint] of Object.entries(hints)) if (!seen.has(key)) f.error(keyPath(path, key), ABSENT, {rule: 'is missing', hint});
}

/** IPv6 text is stored canonically (RFC 5952); the change is reported so the user's file can follow. */
function canonical(f: Findings, path: string, text: string, canonicalText: string): string {
  if (canonicalText !== text) {
    f.warn(path, text, {rule: `was rewritten to ${canonicalText}`, hint: 'IPv6 addresses are kept in canonical form (RFC 5952: lowercase, shortest)'});
  }
  return canonicalText;
}

const canonicalSubnet = (text: string) =>
  text
    .split(',')
    .map((part) => parseCidr(part))
    .map((c) => `${c!.network}/${c!.prefix}`)
    .join(',');

function canonicalEndpoint(text: string): string {
  const hp = splitHostPort(text);
  if (!text.startsWith('[') || !hp) return text;
  return `[${hp.host}]${hp.port === undefined ? '' : `:${hp.port}`}`;
}

// ---------------------------------------------------------------- the plan

const EXAMPLES = {
  plan: 'a YAML mapping starting with apiVersion: kubepki/v1 (see kubepki example single)',
  node: '{name: node01, address: 192.168.56.21, role: worker}',
  nodes: '[{name: cp-1, address: 192.168.56.11, role: control-plane}]',
  user: '{name: john, groups: [developers]}',
};
const NODE_HINTS = {
  name: "the node's hostname, e.g. node01",
  address: "the node's IP address, e.g. 192.168.56.21",
  role: 'control-plane or worker',
};
const NODES_HINT = `list at least one node with role control-plane, e.g. nodes: ${EXAMPLES.nodes}`;

function constant(expected: string, foreign: RegExp, foreignHint: string): Rule {
  return (value) => {
    if (value === expected) return undefined;
    return {rule: `is not ${expected}`, hint: foreign.test(value) ? foreignHint : `write ${expected}`};
  };
}

const apiVersionRule = constant('kubepki/v1', /^kubeadm\.k8s\.io\//, 'this is a kubeadm configuration, not a kubepki plan: write apiVersion: kubepki/v1');
const kindRule = constant('ClusterPKI', /^(ClusterConfiguration|InitConfiguration|JoinConfiguration)$/, 'this is a kubeadm kind, not a kubepki plan: write kind: ClusterPKI');

/** Valid plans that work but weaken the cluster: each risk names its field, its value and why. */
const RISKS: {path: string; found: (plan: Plan) => (RuleViolation & {value: unknown}) | undefined}[] = [
  {
    path: 'controlPlaneEndpoint',
    found: (plan) => {
      const cps = controlPlanes(plan);
      if (cps.length < 2 || plan.controlPlaneEndpoint !== '') return undefined;
      return {
        value: ABSENT,
        rule: `is empty, with ${cps.length} control-plane nodes`,
        hint: `every worker's kubelet.conf, kube-proxy's and users' kubeconfigs would point at ${cps[0]!.name} only, and kubeadm `
          + "refuses join --control-plane without an endpoint: set a load balancer's host[:port], e.g. k8s-api.example.internal:6443",
      };
    },
  },
  {
    path: 'certificates.authorities',
    found: (plan) => plan.certificates.authorities !== 'single' ? undefined : {
      value: 'single',
      rule: 'uses one CA for everything',
      hint: "etcd/ca.crt and front-proxy-ca.crt become copies of ca.crt: every certificate the cluster CA signs (a user's, kube-proxy's) "
        + 'can read and write etcd, and front-proxy trust rests on a name alone; kubeadm keeps three CAs for this reason',
    },
  },
];

/** Validates anything (parsed YAML, wizard state) into a Plan with defaults filled in, or all its problems. */
export function validatePlan(input: unknown): PlanResult {
  const f = new Findings();
  const plan = basePlan([], []);
  if (input === null || input === undefined) {
    f.error('(plan)', ABSENT, {rule: 'is empty', hint: `a plan is ${EXAMPLES.plan}`});
    return {ok: false, problems: f.problems};
  }
  // A field that is present but empty (`clusterName:`) keeps its default, as in kubeadm's YAML.
  const text = (rule: Rule, set: (s: string) => void, example: string) => (v: unknown, p: string) => {
    if (v !== null) readString(f, v, p, rule, set, example);
  };
  let nodesSeen = false;
  const seen = readMapping(f, input, '', {
    apiVersion: text(apiVersionRule, () => undefined, 'kubepki/v1'),
    kind: text(kindRule, () => undefined, 'ClusterPKI'),
    clusterName: text(clusterNameRule, (s) => (plan.clusterName = s), 'kubernetes'),
    kubernetesVersion: text(kubernetesVersionRule, (s) => (plan.kubernetesVersion = s), DEFAULT_KUBERNETES_VERSION),
    controlPlaneEndpoint: text(endpointRule, (s) => (plan.controlPlaneEndpoint = canonical(f, 'controlPlaneEndpoint', s, canonicalEndpoint(s))), 'k8s-api.example.internal:6443'),
    networking: (v, p) => v !== null && readMapping(f, v, p, {
      serviceSubnet: text(serviceSubnetRule, (s) => (plan.networking.serviceSubnet = canonical(f, `${p}.serviceSubnet`, s, canonicalSubnet(s))), '10.96.0.0/12'),
      dnsDomain: text(dnsDomainRule, (s) => (plan.networking.dnsDomain = s), 'cluster.local'),
    }, '{serviceSubnet: 10.96.0.0/12, dnsDomain: cluster.local}'),
    nodes: (v, p) => {
      nodesSeen = true;
      plan.nodes = readNodes(f, v, p);
    },
    users: (v, p) => (plan.users = readUsers(f, v, p)),
    apiServer: (v, p) => v !== null && readMapping(f, v, p, {
      certSANs: (s, q) => (plan.apiServer.certSANs = readSans(f, s, q)),
    }, '{certSANs: [k8s-api.example.internal, 192.168.56.10]}'),
    certificates: (v, p) => v !== null && readCertificates(f, v, p, plan),
  }, EXAMPLES.plan);
  if (seen && !nodesSeen) f.error('nodes', ABSENT, {rule: 'is missing', hint: NODES_HINT});
  if (f.problems.length === 0) {
    for (const risk of RISKS) {
      const found = risk.found(plan);
      if (found) f.warn(risk.path, found.value, found);
    }
  }
  return f.problems.length > 0 ? {ok: false, problems: f.problems} : {ok: true, plan, warnings: f.warnings};
}

function readNodes(f: Findings, raw: unknown, path: string): PlanNode[] {
  if (raw === null || (Array.isArray(raw) && raw.length === 0)) {
    f.error(path, raw, {rule: 'is empty', hint: NODES_HINT});
    return [];
  }
  const nodes: PlanNode[] = [];
  const byName = new Map<string, number>();
  const byAddress = new Map<string, number>();
  let roleProblems = 0;
  let cpCount = 0;
  readList(f, raw, path, EXAMPLES.nodes, (item, p, i) => {
    const node: Partial<PlanNode> = {};
    const seen = readMapping(f, item, p, {
      name: (v, q) => readString(f, v, q, nodeNameRule, (s) => {
        const first = byName.get(s);
        if (first === undefined) byName.set(s, i);
        else f.error(q, s, {rule: `repeats nodes[${first}].name`, hint: 'each node needs its own name: two nodes would share certificates and files'});
        node.name = s;
      }, 'node01'),
      address: (v, q) => readString(f, v, q, nodeAddressRule, (s) => {
        const ip = canonical(f, q, s, canonicalIp(s)!);
        const first = byAddress.get(ip);
        if (first === undefined) byAddress.set(ip, i);
        else f.error(q, s, {rule: `repeats nodes[${first}].address`, hint: 'each node needs its own IP address'});
        node.address = ip;
      }, '192.168.56.21'),
      role: (v, q) => {
        const before = f.problems.length;
        readString(f, v, q, roleRule, (s) => (node.role = s as NodeRole), 'worker');
        roleProblems += f.problems.length - before;
      },
    }, EXAMPLES.node);
    requireFields(f, seen, p, NODE_HINTS);
    if (!seen?.has('role')) roleProblems++; // a node we could not read might be the control plane
    if (node.role !== undefined && isControlPlane({role: node.role})) cpCount++;
    if (node.name !== undefined && node.address !== undefined && node.role !== undefined) nodes.push(node as PlanNode);
  });
  if (Array.isArray(raw) && cpCount === 0 && roleProblems === 0) {
    f.error(path, ABSENT, {rule: 'has no control-plane node', hint: 'give at least one node role: control-plane (it runs the apiserver and etcd)'});
  }
  return nodes;
}

function readUsers(f: Findings, raw: unknown, path: string): PlanUser[] {
  const users: PlanUser[] = [];
  const byName = new Map<string, number>();
  const byFolded = new Map<string, number>();
  readList(f, raw, path, `[${EXAMPLES.user}]`, (item, p, i) => {
    const user: Partial<PlanUser> = {};
    const groups: string[] = [];
    // Peeked so that system: groups are judged where they appear, even when allowSystemGroups comes later.
    const allow = isMapping(item) && item.allowSystemGroups === true;
    const rawGroups = isMapping(item) && Array.isArray(item.groups) ? item.groups : [];
    const seen = readMapping(f, item, p, {
      name: (v, q) => readString(f, v, q, userNameRule, (s) => {
        const first = byName.get(s);
        const folded = byFolded.get(s.toLowerCase());
        if (first !== undefined) f.error(q, s, {rule: `repeats users[${first}].name`, hint: 'each user needs its own name: their certificates and files would collide'});
        else if (folded !== undefined) f.error(q, s, {rule: `differs from users[${folded}].name only in case`, hint: 'their files would collide on macOS and Windows: pick another name'});
        byName.set(s, byName.get(s) ?? i);
        byFolded.set(s.toLowerCase(), byFolded.get(s.toLowerCase()) ?? i);
        user.name = s;
      }, 'john'),
      groups: (v, q) => {
        const firstIndex = new Map<string, number>();
        readList(f, v, q, 'groups: [developers]', (g, gp, j) =>
          readString(f, g, gp, groupNameRule, (s) => {
            const first = firstIndex.get(s);
            if (first !== undefined) return f.error(gp, s, {rule: `repeats groups[${first}]`, hint: 'list each group once'});
            firstIndex.set(s, j);
            groups.push(s);
            if (isSystemGroup(s)) checkSystemGroup(f, gp, s, allow);
          }, 'developers'),
        );
      },
      allowSystemGroups: (v, q) => {
        if (typeof v === 'boolean') user.allowSystemGroups = v;
        if (v === true && !rawGroups.some((g) => typeof g === 'string' && isSystemGroup(g))) {
          f.warn(q, v, {rule: 'has no effect', hint: 'this user has no system: group; remove the line'});
        }
        if (typeof v !== 'boolean' && v !== null) f.error(q, v, {rule: `is ${kindOf(v)}, not true or false`, hint: 'write allowSystemGroups: true to allow system: groups for this user'});
      },
    }, EXAMPLES.user);
    requireFields(f, seen, p, {name: 'the user name, which becomes the certificate CN, e.g. john'});
    if (user.name !== undefined) users.push({...user, name: user.name, groups});
  });
  return users;
}

/** `system:` groups are refused unless the user opts in; even then the irrevocable grant is called out. */
function checkSystemGroup(f: Findings, path: string, group: string, allowed: boolean): void {
  const why = group === MASTERS_GROUP
    ? `${MASTERS_GROUP} cannot be revoked, it bypasses RBAC`
    : 'system: groups belong to Kubernetes components, and a certificate cannot be revoked';
  if (allowed) f.warn(path, group, {rule: 'is a system: group (allowed by allowSystemGroups)', hint: why});
  else f.error(path, group, {rule: 'is a system: group', hint: `${why}: grant access with RBAC to a normal group, or set allowSystemGroups: true for this user`});
}

function readSans(f: Findings, raw: unknown, path: string): string[] {
  const sans: string[] = [];
  const firstIndex = new Map<string, number>();
  readList(f, raw, path, '[k8s-api.example.internal, 192.168.56.10]', (item, p, i) =>
    readString(f, item, p, sanRule, (s) => {
      const value = sanKind(s) === 'ip' ? canonical(f, p, s, canonicalIp(s)!) : s;
      const first = firstIndex.get(value);
      if (first !== undefined) {
        f.warn(p, s, {rule: `repeats ${path}[${first}]`, hint: 'the duplicate was removed'});
        return;
      }
      firstIndex.set(value, i);
      sans.push(value);
    }, 'k8s-api.example.internal'),
  );
  return sans;
}

function readCertificates(f: Findings, raw: unknown, path: string, plan: Plan): void {
  const c = plan.certificates;
  const valid = {leaf: true, ca: true};
  const field = (rule: Rule, set: (s: string) => void, example: string, which?: 'leaf' | 'ca') => (v: unknown, p: string) => {
    if (v === null) return;
    const before = f.problems.length;
    readString(f, v, p, rule, set, example);
    if (which && f.problems.length > before) valid[which] = false;
  };
  readMapping(f, raw, path, {
    layout: field(layoutRule, (s) => (c.layout = s as Layout), 'kubeadm'),
    authorities: field(authoritiesRule, (s) => (c.authorities = s as Authorities), 'separate'),
    encryptionAlgorithm: field(keyAlgorithmRule, (s) => (c.encryptionAlgorithm = s as KeyAlgorithm), 'RSA-2048'),
    certificateValidityPeriod: field(durationRule('leaf'), (s) => (c.certificateValidityPeriod = s), '8760h', 'leaf'),
    caCertificateValidityPeriod: field(durationRule('ca'), (s) => (c.caCertificateValidityPeriod = s), '87600h', 'ca'),
  }, '{layout: kubeadm, authorities: separate, encryptionAlgorithm: RSA-2048}');
  const leaf = parseDurationHours(c.certificateValidityPeriod);
  const ca = parseDurationHours(c.caCertificateValidityPeriod);
  if (valid.leaf && valid.ca && leaf !== undefined && ca !== undefined && leaf > ca) {
    f.error(`${path}.certificateValidityPeriod`, c.certificateValidityPeriod, {
      rule: `is longer than caCertificateValidityPeriod (${c.caCertificateValidityPeriod})`,
      hint: 'a certificate cannot outlive its CA: it would stop working when the CA expires; shorten it or lengthen the CA period',
    });
  }
}
