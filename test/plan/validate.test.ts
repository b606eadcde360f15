// validatePlan against a catalogue of bad inputs (names, addresses, identities, durations…): each row mutates one valid plan
// and names the field path and a rule substring it must report. Good plans (IPv6, dual-stack, wildcards) pass.

import {describe, expect, it} from 'vitest';
import {defaultPlan, examplePlan} from '../../src/plan/defaults.js';
import type {FieldProblem} from '../../src/plan/types.js';
import {formatProblem, validatePlan, type PlanResult} from '../../src/plan/validate.js';

/** A valid plan as YAML would parse it: plain objects, freshly built for every row. */
function valid() {
  return {
    apiVersion: 'kubepki/v1',
    kind: 'ClusterPKI',
    clusterName: 'kubernetes',
    controlPlaneEndpoint: 'k8s-api.example.internal:6443',
    networking: {serviceSubnet: '10.96.0.0/12', dnsDomain: 'cluster.local'},
    nodes: [
      {name: 'cp-1', address: '192.168.56.11', role: 'control-plane'},
      {name: 'node01', address: '192.168.56.21', role: 'worker'},
    ] as Record<string, unknown>[],
    users: [{name: 'john', groups: ['developers']}] as Record<string, unknown>[],
    apiServer: {certSANs: ['192.168.56.10'] as unknown[]},
    certificates: {
      layout: 'kubeadm',
      authorities: 'separate',
      encryptionAlgorithm: 'RSA-2048',
      certificateValidityPeriod: '8760h',
      caCertificateValidityPeriod: '87600h',
    },
  };
}
type RawPlan = ReturnType<typeof valid> & Record<string, unknown>;

const DELETE = Symbol('delete');

/** Sets `value` at a dotted path (`nodes.1.name`), or deletes the key. */
function setAt(target: RawPlan, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  const last = keys.pop()!;
  let node = target as unknown as Record<string, unknown>;
  for (const key of keys) node = node[key] as Record<string, unknown>;
  if (value === DELETE) delete node[last];
  else node[last] = value;
}

type Mutation = [dotted: string, value: unknown] | ((plan: RawPlan) => void);
type BadRow = [label: string, mutation: Mutation, path: string, rule: string];

function mutated(mutation: Mutation): RawPlan {
  const plan = valid() as RawPlan;
  if (typeof mutation === 'function') mutation(plan);
  else setAt(plan, mutation[0], mutation[1]);
  return plan;
}

function problems(result: PlanResult): FieldProblem[] {
  return result.ok ? [] : result.problems;
}

const BAD: BadRow[] = [
  // #1 invalid characters in DNS names and node names
  ['#1 SAN with a space', ['apiServer.certSANs.0', 'bad host'], 'apiServer.certSANs[0]', 'contains a space'],
  ['#1 SAN with ;', ['apiServer.certSANs.0', 'a;b'], 'apiServer.certSANs[0]', "contains ';'"],
  ['#1 node name with _', ['nodes.1.name', 'node_1'], 'nodes[1].name', "contains '_'"],
  ['#1 uppercase node name', ['nodes.1.name', 'Node1'], 'nodes[1].name', 'uppercase'],
  // #2 DNS structure
  ['#2 label over 63', ['apiServer.certSANs.0', `${'a'.repeat(64)}.example.com`], 'apiServer.certSANs[0]', '64-character label'],
  ['#2 name over 253', ['apiServer.certSANs.0', `${'abc.'.repeat(64)}com`], 'apiServer.certSANs[0]', 'characters long'],
  ['#2 empty label', ['apiServer.certSANs.0', 'api..example.com'], 'apiServer.certSANs[0]', 'empty label'],
  ['#2 label edge dash', ['apiServer.certSANs.0', 'api-.example.com'], 'apiServer.certSANs[0]', "ending with '-'"],
  ['#2 leading dot', ['apiServer.certSANs.0', '.example.com'], 'apiServer.certSANs[0]', "starts with '.'"],
  // #3 trailing dot
  ['#3 trailing dot SAN', ['apiServer.certSANs.0', 'api.example.com.'], 'apiServer.certSANs[0]', "ends with '.'"],
  ['#3 trailing dot endpoint', ['controlPlaneEndpoint', 'api.example.com.:6443'], 'controlPlaneEndpoint', "host ends with '.'"],
  // #4 wildcards
  ['#4 double wildcard', ['apiServer.certSANs.0', '*.*.example.com'], 'apiServer.certSANs[0]', "'*' outside"],
  ['#4 inner wildcard', ['apiServer.certSANs.0', 'foo.*.example.com'], 'apiServer.certSANs[0]', "'*' outside"],
  ['#4 partial wildcard', ['apiServer.certSANs.0', '*foo.example.com'], 'apiServer.certSANs[0]', "'*' outside"],
  ['#4 bare wildcard', ['apiServer.certSANs.0', '*'], 'apiServer.certSANs[0]', 'bare wildcard'],
  ['#4 TLD wildcard', ['apiServer.certSANs.0', '*.com'], 'apiServer.certSANs[0]', 'top-level domain'],
  ['#4 wildcard node name', ['nodes.1.name', '*.lab'], 'nodes[1].name', "contains '*'"],
  ['#4 wildcard IP', ['apiServer.certSANs.0', '10.0.0.*'], 'apiServer.certSANs[0]', "'*' outside"],
  ['#4 wildcard endpoint', ['controlPlaneEndpoint', '*.example.com:6443'], 'controlPlaneEndpoint', 'host is a wildcard'],
  // #5 Unicode
  ['#5 IDN SAN', ['apiServer.certSANs.0', 'ünï.example'], 'apiServer.certSANs[0]', 'not ASCII'],
  ['#5 IDN node name', ['nodes.1.name', 'ünï'], 'nodes[1].name', 'non-ASCII'],
  ['#5 IDN user', ['users.0.name', 'jöhn'], 'users[0].name', 'non-ASCII'],
  // #6 IP where a name is expected, name where an IP is expected
  ['#6 IP as node name', ['nodes.1.name', '192.168.56.21'], 'nodes[1].name', 'numeric label'],
  ['#6 hostname as address', ['nodes.1.address', 'node01'], 'nodes[1].address', 'is not an IP address'],
  // #7 malformed IPv4
  ['#7 octet over 255', ['nodes.1.address', '10.0.0.256'], 'nodes[1].address', 'is not an IP address'],
  ['#7 leading zeros', ['nodes.1.address', '01.2.3.4'], 'nodes[1].address', 'leading zeros'],
  ['#7 three parts', ['nodes.1.address', '1.2.3'], 'nodes[1].address', 'is not an IP address'],
  ['#7 hex', ['nodes.1.address', '0x7f.0.0.1'], 'nodes[1].address', 'is not an IP address'],
  ['#7 trailing space', ['nodes.1.address', '10.0.0.1 '], 'nodes[1].address', 'whitespace'],
  ['#7 hex SAN', ['apiServer.certSANs.0', '0x7f.0.0.1'], 'apiServer.certSANs[0]', 'numeric label'],
  // #8 CIDR instead of an address
  ['#8 CIDR address', ['nodes.1.address', '10.96.0.0/12'], 'nodes[1].address', 'is a network'],
  ['#8 CIDR SAN', ['apiServer.certSANs.0', '10.96.0.0/12'], 'apiServer.certSANs[0]', 'is a network'],
  // SAN type prefixes as openssl writes them
  ['DNS: prefix', ['apiServer.certSANs.0', 'DNS:api.example.com'], 'apiServer.certSANs[0]', "has the type prefix 'DNS:'"],
  ['IP: prefix', ['apiServer.certSANs.0', 'IP:10.0.0.1'], 'apiServer.certSANs[0]', "has the type prefix 'IP:'"],
  ['URI SAN', ['apiServer.certSANs.0', 'URI:spiffe://x'], 'apiServer.certSANs[0]', 'is a URI SAN'],
  ['email SAN', ['apiServer.certSANs.0', 'email:a@b'], 'apiServer.certSANs[0]', 'is an email SAN'],
  // #9 IPv6 forms
  ['#9 bracketed', ['nodes.1.address', '[fd00::1]'], 'nodes[1].address', 'in brackets'],
  ['#9 zone', ['nodes.1.address', 'fe80::1%eth0'], 'nodes[1].address', 'zone index'],
  ['#9 mapped', ['apiServer.certSANs.0', '::ffff:10.0.0.1'], 'apiServer.certSANs[0]', 'IPv4-mapped'],
  // #10 meaningless addresses
  ['#10 0.0.0.0', ['nodes.1.address', '0.0.0.0'], 'nodes[1].address', 'unspecified'],
  ['#10 ::', ['apiServer.certSANs.0', '::'], 'apiServer.certSANs[0]', 'unspecified'],
  ['#10 multicast', ['nodes.1.address', '224.0.0.5'], 'nodes[1].address', 'multicast'],
  ['#10 IPv6 multicast', ['apiServer.certSANs.0', 'ff02::1'], 'apiServer.certSANs[0]', 'multicast'],
  ['#10 broadcast', ['apiServer.certSANs.0', '255.255.255.255'], 'apiServer.certSANs[0]', 'broadcast'],
  // #11 duplicates
  ['#11 duplicate node name', ['nodes.1.name', 'cp-1'], 'nodes[1].name', 'repeats nodes[0].name'],
  ['#11 duplicate node IP', ['nodes.1.address', '192.168.56.11'], 'nodes[1].address', 'repeats nodes[0].address'],
  ['#11 duplicate IPv6 in other case', (p) => {
    p.nodes[0]!.address = 'fd00::a';
    p.nodes[1]!.address = 'FD00:0::A';
  }, 'nodes[1].address', 'repeats nodes[0].address'],
  ['#11 duplicate user', (p) => p.users.push({name: 'john', groups: []}), 'users[1].name', 'repeats users[0].name'],
  // #13 empty identities
  ['#13 empty user name', ['users.0.name', ''], 'users[0].name', 'is empty'],
  ['#13 empty node name', ['nodes.0.name', ''], 'nodes[0].name', 'is empty'],
  ['#13 empty group', ['users.0.groups', ['']], 'users[0].groups[0]', 'is empty'],
  // #14 CN over 64
  ['#14 long user', ['users.0.name', 'u'.repeat(65)], 'users[0].name', '65 characters long'],
  ['#14 long node name', ['nodes.1.name', 'n'.repeat(53)], 'nodes[1].name', 'kubelet CN 65 characters long'],
  ['#14 long group', ['users.0.groups', ['g'.repeat(65)]], 'users[0].groups[0]', '65 characters long'],
  // #15 subject injection
  ['#15 alice/O=system:masters', ['users.0.name', 'alice/O=system:masters'], 'users[0].name', "contains '/'"],
  ['#15 multi-valued RDN', ['users.0.name', 'alice+O=x'], 'users[0].name', "contains '+'"],
  ['#15 comma', ['users.0.name', 'alice,O=x'], 'users[0].name', "contains ','"],
  ['#15 group injection', ['users.0.groups', ['dev/O=system:masters']], 'users[0].groups[0]', "contains '/'"],
  ['#15 angle bracket', ['users.0.name', 'a<b'], 'users[0].name', "contains '<'"],
  // #16 outside the allow-list
  ['#16 exclamation', ['users.0.name', 'hey!'], 'users[0].name', "contains '!'"],
  // #17 openssl.cnf hazards
  ['#17 hash in group', ['users.0.groups', ['dev # ops']], 'users[0].groups[0]', "contains '#'"],
  ['#17 edge space', ['users.0.groups', [' dev']], 'users[0].groups[0]', 'leading or trailing whitespace'],
  ['#17 hash in user', ['users.0.name', 'a#b'], 'users[0].name', "contains '#'"],
  ['#17 quote', ['users.0.name', "it's"], 'users[0].name', 'quote'],
  ['#17 backslash', ['users.0.name', 'x\\y'], 'users[0].name', 'backslash'],
  ['#17 variable', ['users.0.name', '$HOME'], 'users[0].name', "contains '$'"],
  ['#17 newline injecting O', ['users.0.name', 'alice\nO = system:masters'], 'users[0].name', 'line break'],
  // #18 control characters
  ['#18 NUL', ['nodes.1.name', 'node\0x'], 'nodes[1].name', 'NUL'],
  ['#18 ANSI escape', ['clusterName', '\x1b[2Jowned'], 'clusterName', 'escape character'],
  ['#18 bidi override', ['users.0.name', 'admin\u202enimda'], 'users[0].name', 'bidi control'],
  // #19 shell metacharacters
  ['#19 command substitution', ['nodes.1.name', 'w1$(touch x)'], 'nodes[1].name', 'command substitution'],
  ['#19 backticks', ['users.0.name', '`touch x`'], 'users[0].name', 'command substitution'],
  ['#19 and-and', ['clusterName', 'a&&b'], 'clusterName', "contains '&'"],
  ['#19 pipe', ['networking.dnsDomain', 'a|b'], 'networking.dnsDomain', "contains '|'"],
  ['#19 glob', ['users.0.groups', ['*']], 'users[0].groups[0]', "contains '*'"],
  ['#19 quote escape', ['apiServer.certSANs.0', "'; touch C3; '"], 'apiServer.certSANs[0]', 'quote'],
  // #20 leading dash
  ['#20 -out node', ['nodes.1.name', '-out'], 'nodes[1].name', "starts with '-'"],
  ['#20 --help user', ['users.0.name', '--help'], 'users[0].name', "starts with '-'"],
  ['#20 -passout group', ['users.0.groups', ['-passout']], 'users[0].groups[0]', "starts with '-'"],
  // #21 path traversal
  ['#21 ../../etc node', ['nodes.1.name', '../../etc/kubernetes/admin'], 'nodes[1].name', "contains '/'"],
  ['#21 ../ user', ['users.0.name', '../../etc'], 'users[0].name', "contains '/'"],
  ['#21 absolute', ['users.0.name', '/abs'], 'users[0].name', "contains '/'"],
  ['#21 dot', ['users.0.name', '.'], 'users[0].name', 'only dots'],
  ['#21 dot-dot node', ['nodes.1.name', '..'], 'nodes[1].name', 'only dots'],
  // #22 case collisions and reserved names
  ['#22 users differing in case', (p) => p.users.push({name: 'John'}), 'users[1].name', 'only in case'],
  ['#22 reserved node name', ['nodes.1.name', 'con'], 'nodes[1].name', 'reserved file name'],
  ['#22 reserved user name', ['users.0.name', 'NUL'], 'users[0].name', 'reserved file name'],
  // component identities as people's names
  ['reserved front-proxy-client', ['users.0.name', 'front-proxy-client'], 'users[0].name', 'is the identity of front-proxy-client'],
  ['reserved kubernetes-admin', ['users.0.name', 'kubernetes-admin'], 'users[0].name', 'is the identity of kubernetes-admin'],
  ['reserved cluster CA name', ['users.0.name', 'kubernetes'], 'users[0].name', 'is the identity of kubernetes'],
  ['reserved name in other case', ['users.0.name', 'Kube-APIServer-Kubelet-Client'], 'users[0].name', 'is the identity of kube-apiserver-kubelet-client, in other case'],
  ['reserved system: user', ['users.0.name', 'system:kube-proxy'], 'users[0].name', 'is the identity of system:kube-proxy'],
  // #30 validity periods
  ['#30 zero', ['certificates.certificateValidityPeriod', '0'], 'certificates.certificateValidityPeriod', 'is zero'],
  ['#30 negative', ['certificates.certificateValidityPeriod', '-1h'], 'certificates.certificateValidityPeriod', 'is negative'],
  ['#30 fraction', ['certificates.certificateValidityPeriod', '1.5h'], 'certificates.certificateValidityPeriod', 'fraction'],
  ['#30 days', ['certificates.certificateValidityPeriod', '365d'], 'certificates.certificateValidityPeriod', "unit 'd'"],
  ['#30 NaN', ['certificates.certificateValidityPeriod', 'NaN'], 'certificates.certificateValidityPeriod', 'not a Go duration'],
  ['#30 huge', ['certificates.caCertificateValidityPeriod', '99999999h'], 'certificates.caCertificateValidityPeriod', 'longer than 876000h'],
  ['#30 number', ['certificates.certificateValidityPeriod', 8760], 'certificates.certificateValidityPeriod', 'no unit'],
  ['#30 under a day', ['certificates.certificateValidityPeriod', '12h'], 'certificates.certificateValidityPeriod', 'shorter than 24h'],
  // #31 leaf outliving the CA
  ['#31 leaf beyond CA', ['certificates.caCertificateValidityPeriod', '4380h'], 'certificates.certificateValidityPeriod', 'longer than caCertificateValidityPeriod'],
  // #33 key algorithms
  ['#33 RSA-1024', ['certificates.encryptionAlgorithm', 'RSA-1024'], 'certificates.encryptionAlgorithm', 'too weak'],
  ['#33 odd size', ['certificates.encryptionAlgorithm', 'RSA-2047'], 'certificates.encryptionAlgorithm', 'not a known key algorithm'],
  ['#33 numeric', ['certificates.encryptionAlgorithm', 2048], 'certificates.encryptionAlgorithm', 'not a known key algorithm'],
  ['#33 RSA-8192', ['certificates.encryptionAlgorithm', 'RSA-8192'], 'certificates.encryptionAlgorithm', 'not supported'],
  ['#33 ECDSA without a curve', ['certificates.encryptionAlgorithm', 'ECDSA'], 'certificates.encryptionAlgorithm', 'names no curve'],
  ['#33 ECDSA-P521', ['certificates.encryptionAlgorithm', 'ECDSA-P521'], 'certificates.encryptionAlgorithm', 'not supported'],
  // #40 service subnet
  ['#40 not a CIDR', ['networking.serviceSubnet', 'ten-ninety-six'], 'networking.serviceSubnet', 'not a CIDR'],
  ['#40 host bits', ['networking.serviceSubnet', '10.96.0.1/12'], 'networking.serviceSubnet', 'host bits'],
  ['#40 bare IP', ['networking.serviceSubnet', '10.96.0.1'], 'networking.serviceSubnet', 'not a subnet'],
  ['#40 IPv4 too large', ['networking.serviceSubnet', '10.0.0.0/8'], 'networking.serviceSubnet', 'too large'],
  ['#40 IPv6 too large', ['networking.serviceSubnet', 'fd00::/64'], 'networking.serviceSubnet', 'too large'],
  ['#40 too few addresses', ['networking.serviceSubnet', '10.96.0.0/29'], 'networking.serviceSubnet', 'too small'],
  ['#40 same-family pair', ['networking.serviceSubnet', '10.96.0.0/12,172.16.0.0/16'], 'networking.serviceSubnet', 'two IPv4 subnets'],
  // #41 endpoint
  ['#41 scheme', ['controlPlaneEndpoint', 'https://k8s-api.example.internal'], 'controlPlaneEndpoint', 'URL scheme'],
  ['#41 http', ['controlPlaneEndpoint', 'http://10.0.0.1:6443'], 'controlPlaneEndpoint', 'URL scheme'],
  ['#41 port 0', ['controlPlaneEndpoint', 'lb.example:0'], 'controlPlaneEndpoint', 'invalid port'],
  ['#41 port too big', ['controlPlaneEndpoint', 'lb.example:70000'], 'controlPlaneEndpoint', 'invalid port'],
  ['#41 unbracketed IPv6', ['controlPlaneEndpoint', 'fd00::10:6443'], 'controlPlaneEndpoint', 'unbracketed IPv6'],
  ['#41 bad host', ['controlPlaneEndpoint', 'lb_1.example:6443'], 'controlPlaneEndpoint', "host contains '_'"],
  // #42 cluster domain
  ['#42 trailing dot domain', ['networking.dnsDomain', 'cluster.local.'], 'networking.dnsDomain', "ends with '.'"],
  ['#42 uppercase domain', ['networking.dnsDomain', 'Cluster.Local'], 'networking.dnsDomain', 'uppercase'],
  ['#42 empty domain', ['networking.dnsDomain', ''], 'networking.dnsDomain', 'is empty'],
  // #43 names that go into kubeconfigs
  ['#43 colon in cluster name', ['clusterName', 'lab:1'], 'clusterName', "contains ':'"],
  ['#43 hash in cluster name', ['clusterName', 'lab#1'], 'clusterName', "contains '#'"],
  ['#43 newline in cluster name', ['clusterName', 'lab\nuser: x'], 'clusterName', 'line break'],
  ['#43 leading dash cluster name', ['clusterName', '-lab'], 'clusterName', "starts with '-'"],
  ['#43 YAML alias-like cluster name', ['clusterName', '*lab'], 'clusterName', "contains '*'"],
  ['#43 YAML anchor-like cluster name', ['clusterName', '&lab'], 'clusterName', "contains '&'"],
  ['#43 colon in user name', ['users.0.name', 'system:anonymous'], 'users[0].name', "contains ':'"],
  // #44 system groups
  ['#44 system:masters', ['users.0.groups', ['system:masters']], 'users[0].groups[0]', 'system: group'],
  ['#44 system:nodes', ['users.0.groups', ['developers', 'system:nodes']], 'users[0].groups[1]', 'system: group'],
  // structure: types, unknown fields, required fields, constants
  ['missing nodes', ['nodes', DELETE], 'nodes', 'is missing'],
  ['empty nodes', ['nodes', []], 'nodes', 'is empty'],
  ['null nodes', ['nodes', null], 'nodes', 'is empty'],
  ['nodes as a string', ['nodes', 'cp-1'], 'nodes', 'not a list'],
  ['node as a string', ['nodes.1', 'node01'], 'nodes[1]', 'not a mapping'],
  ['no control plane', ['nodes.0.role', 'worker'], 'nodes', 'no control-plane node'],
  ['missing role', ['nodes.1.role', DELETE], 'nodes[1].role', 'is missing'],
  ['missing address', ['nodes.1.address', DELETE], 'nodes[1].address', 'is missing'],
  ['unknown role', ['nodes.1.role', 'master'], 'nodes[1].role', 'old name of control-plane'],
  ['numeric node name', ['nodes.1.name', 1], 'nodes[1].name', 'numeric label'],
  ['boolean node name', ['nodes.1.name', true], 'nodes[1].name', 'is a boolean, not a string'],
  ['numeric user name', ['users.0.name', 1234], 'users[0].name', 'is a number, not a string'],
  ['typo at top level', ['clusterNmae', 'x'], 'clusterNmae', 'not a known field'],
  ['typo in a node', ['nodes.1.adress', '10.0.0.1'], 'nodes[1].adress', 'not a known field'],
  ['unknown certificates field', ['certificates.keySize', 4096], 'certificates.keySize', 'not a known field'],
  ['prototype key', (p) => Object.defineProperty(p, '__proto__', {value: {polluted: true}, enumerable: true}), '__proto__', 'not a known field'],
  ['odd key', ['no\nde', 1], '["no\\nde"]', 'not a known field'],
  ['wrong apiVersion', ['apiVersion', 'kubepki/v2'], 'apiVersion', 'is not kubepki/v1'],
  ['kubeadm apiVersion', ['apiVersion', 'kubeadm.k8s.io/v1beta4'], 'apiVersion', 'is not kubepki/v1'],
  ['wrong kind', ['kind', 'ClusterConfiguration'], 'kind', 'is not ClusterPKI'],
  ['networking as a string', ['networking', '10.96.0.0/12'], 'networking', 'not a mapping'],
  ['groups as a string', ['users.0.groups', 'developers'], 'users[0].groups', 'not a list'],
  ['group as a number', ['users.0.groups', [42]], 'users[0].groups[0]', 'not a string'],
  ['duplicate group', ['users.0.groups', ['dev', 'dev']], 'users[0].groups[1]', 'repeats groups[0]'],
  ['allowSystemGroups as a string', ['users.0.allowSystemGroups', 'yes'], 'users[0].allowSystemGroups', 'not true or false'],
  ['user without name', ['users.0.name', DELETE], 'users[0].name', 'is missing'],
  ['certSANs as a string', ['apiServer.certSANs', 'api.example.com'], 'apiServer.certSANs', 'not a list'],
  ['binary value', ['clusterName', new Uint8Array([1, 2])], 'clusterName', 'binary data'],
  ['unknown layout', ['certificates.layout', 'tree'], 'certificates.layout', 'not a known layout'],
  ['unknown authorities', ['certificates.authorities', 'many'], 'certificates.authorities', 'not a known authorities mode'],
];

describe('validatePlan refuses bad plans', () => {
  it('has a row for at least 30 bad plans', () => expect(BAD.length).toBeGreaterThanOrEqual(30));

  it.each(BAD)('%s', (_label, mutation, path, rule) => {
    const result = validatePlan(mutated(mutation));
    const found = problems(result);
    expect(result.ok).toBe(false);
    expect(found.map((p) => `${p.path}: ${p.rule}`)).toEqual([expect.stringContaining(`${path}: `)]);
    expect(found[0]!.rule).toContain(rule);
    // eslint-disable-next-line no-control-regex -- looking for raw control characters is the point
    for (const p of found) expect(formatProblem(p)).not.toMatch(/[\n\r\u2028\u2029\u202e\0\u001b]/u);
  });

  it('reports every problem, in document order', () => {
    const plan = valid() as RawPlan;
    plan.clusterName = 'Bad_Name';
    plan.nodes[1]!.address = '10.0.0.256';
    plan.nodes[1]!.name = 'node 1';
    plan.certificates.layout = 'tree';
    const paths = problems(validatePlan(plan)).map((p) => p.path);
    expect(paths).toEqual(['clusterName', 'nodes[1].name', 'nodes[1].address', 'certificates.layout']);
  });

  it('suggests the closest field name', () => {
    const plan = mutated(['nodes.1.adress', '10.0.0.9']);
    const [p] = problems(validatePlan(plan));
    expect(p!.hint).toContain('did you mean address?');
    expect(p!.hint).toContain('known fields: name, address, role');
  });

  it.each([null, undefined, 42, 'plan', [1, 2], true])('refuses %j as a whole plan', (input) => {
    const result = validatePlan(input);
    expect(result.ok).toBe(false);
    expect(problems(result)[0]!.path).toBe('(plan)');
  });

  it('does not let a bad role also claim there is no control plane', () => {
    const found = problems(validatePlan(mutated(['nodes.0.role', 'controlplane'])));
    expect(found.map((p) => p.path)).toEqual(['nodes[0].role']);
  });
});

describe('validatePlan accepts good plans', () => {
  const ok = (input: unknown) => {
    const result = validatePlan(input);
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    return result;
  };

  it('accepts the examples and the default plan unchanged, without warnings', () => {
    for (const plan of [examplePlan('single'), examplePlan('ha'), defaultPlan({hostname: 'cp-1', address: '10.0.0.5'})]) {
      const result = ok(structuredClone(plan));
      expect(result.plan).toEqual(plan);
      expect(result.warnings).toEqual([]);
    }
  });

  it('fills defaults for everything but nodes', () => {
    const {plan} = ok({nodes: [{name: 'cp-1', address: '10.0.0.5', role: 'control-plane'}]});
    expect(plan).toEqual(defaultPlan({hostname: 'cp-1', address: '10.0.0.5'}));
  });

  it('treats empty (null) fields as absent', () => {
    const {plan} = ok({clusterName: null, users: null, apiServer: {certSANs: null}, nodes: [{name: 'cp-1', address: '10.0.0.5', role: 'control-plane'}]});
    expect(plan.clusterName).toBe('kubernetes');
    expect(plan.users).toEqual([]);
    expect(plan.apiServer.certSANs).toEqual([]);
  });

  it('accepts IPv6, dual-stack, wildcards and loopback', () => {
    const raw = valid() as RawPlan;
    raw.nodes = [
      {name: 'cp-1', address: 'fd00:56::11', role: 'control-plane'},
      {name: 'node01', address: '192.168.56.21', role: 'worker'},
      {name: 'lab', address: '127.0.0.1', role: 'worker'},
    ];
    raw.networking.serviceSubnet = 'fd00:10:96::/112,10.96.0.0/12';
    raw.controlPlaneEndpoint = '[fd00:56::10]:6443';
    raw.apiServer.certSANs = ['*.apps.example.com', 'fd00:56::10', 'k8s-api.example.internal', '::1'];
    const {plan, warnings} = ok(raw);
    expect(plan.networking.serviceSubnet).toBe('fd00:10:96::/112,10.96.0.0/12');
    expect(plan.apiServer.certSANs).toEqual(['*.apps.example.com', 'fd00:56::10', 'k8s-api.example.internal', '::1']);
    expect(warnings).toEqual([]);
  });

  it('canonicalises IPv6 text everywhere, with a warning per change', () => {
    const raw = valid() as RawPlan;
    raw.nodes[0]!.address = 'FD00::A';
    raw.apiServer.certSANs = ['FD00:0:0::B'];
    raw.controlPlaneEndpoint = '[FD00::10]:6443';
    raw.networking.serviceSubnet = 'FD00:10:96:0::/112';
    const {plan, warnings} = ok(raw);
    expect(plan.nodes[0]!.address).toBe('fd00::a');
    expect(plan.apiServer.certSANs).toEqual(['fd00::b']);
    expect(plan.controlPlaneEndpoint).toBe('[fd00::10]:6443');
    expect(plan.networking.serviceSubnet).toBe('fd00:10:96::/112');
    expect(warnings.map((w) => w.path)).toEqual(['controlPlaneEndpoint', 'networking.serviceSubnet', 'nodes[0].address', 'apiServer.certSANs[0]']);
    expect(formatProblem(warnings[2]!)).toBe(
      'nodes[0].address: "FD00::A" was rewritten to fd00::a — IPv6 addresses are kept in canonical form (RFC 5952: lowercase, shortest)',
    );
  });

  it('removes duplicate certSANs with a warning, also after canonicalising', () => {
    const raw = valid() as RawPlan;
    raw.apiServer.certSANs = ['api.example.com', 'fd00::1', 'api.example.com', 'FD00::1', 'kubernetes'];
    const {plan, warnings} = ok(raw);
    expect(plan.apiServer.certSANs).toEqual(['api.example.com', 'fd00::1', 'kubernetes']);
    expect(warnings.filter((w) => w.rule.startsWith('repeats')).map((w) => w.path)).toEqual(['apiServer.certSANs[2]', 'apiServer.certSANs[3]']);
  });

  it('allows system: groups only with allowSystemGroups, and still warns', () => {
    const raw = valid() as RawPlan;
    raw.users = [{name: 'root-ish', groups: ['system:masters'], allowSystemGroups: true}];
    const {plan, warnings} = ok(raw);
    expect(plan.users[0]).toEqual({name: 'root-ish', groups: ['system:masters'], allowSystemGroups: true});
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.path).toBe('users[0].groups[0]');
    expect(warnings[0]!.hint).toContain('system:masters cannot be revoked, it bypasses RBAC');
  });

  it('judges system: groups even when allowSystemGroups comes after groups', () => {
    const result = validatePlan({...valid(), users: [{groups: ['system:masters'], name: 'x', allowSystemGroups: false}]});
    expect(problems(result).map((p) => p.path)).toEqual(['users[0].groups[0]']);
  });

  it('lets a user share a node name, and defaults missing groups to []', () => {
    const raw = valid() as RawPlan;
    raw.users = [{name: 'cp-1'}];
    expect(ok(raw).plan.users).toEqual([{name: 'cp-1', groups: []}]);
  });

  it('keeps automatic SANs listed again in certSANs', () => {
    const raw = valid() as RawPlan;
    raw.apiServer.certSANs = ['kubernetes.default.svc.cluster.local', '10.96.0.1', 'cp-1'];
    expect(ok(raw).warnings).toEqual([]);
  });

  it('never returns the input objects', () => {
    const raw = valid() as RawPlan;
    const {plan} = ok(raw);
    expect(plan.nodes[0]).not.toBe(raw.nodes[0]);
    expect(plan.users[0]!.groups).not.toBe(raw.users[0]!.groups);
  });
});

describe('validatePlan warns about plans that work but weaken the cluster', () => {
  const ok = (input: unknown) => {
    const result = validatePlan(input);
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    return result;
  };
  const twoControlPlanes = () => {
    const raw = valid() as RawPlan;
    raw.nodes.push({name: 'cp-2', address: '192.168.56.12', role: 'control-plane'});
    return raw;
  };

  it.each([
    ['empty', ''],
    ['absent', DELETE],
  ])('warns when several control-plane nodes have no endpoint (%s)', (_label, endpoint) => {
    const raw = twoControlPlanes();
    setAt(raw, 'controlPlaneEndpoint', endpoint);
    const {warnings} = ok(raw);
    expect(warnings.map((w) => w.path)).toEqual(['controlPlaneEndpoint']);
    expect(warnings[0]!.rule).toBe('is empty, with 2 control-plane nodes');
    expect(warnings[0]!.hint).toContain('point at cp-1 only');
    expect(warnings[0]!.hint).toContain('join --control-plane');
    expect(warnings[0]!.hint).toContain("load balancer's host[:port]");
  });

  it('does not warn with an endpoint or a single control-plane node', () => {
    expect(ok(twoControlPlanes()).warnings).toEqual([]);
    expect(ok(mutated(['controlPlaneEndpoint', ''])).warnings).toEqual([]);
  });

  it('warns that one CA lets every cluster certificate into etcd', () => {
    const {warnings} = ok(mutated(['certificates.authorities', 'single']));
    expect(warnings.map((w) => w.path)).toEqual(['certificates.authorities']);
    expect(warnings[0]!.rule).toBe('uses one CA for everything');
    expect(warnings[0]!.hint).toContain('etcd/ca.crt and front-proxy-ca.crt become copies of ca.crt');
    expect(warnings[0]!.hint).toContain('kubeadm keeps three CAs');
    expect(formatProblem(warnings[0]!)).not.toContain('…');
  });
});

describe('formatProblem', () => {
  it('writes one line: path, escaped value, rule, hint', () => {
    const [p] = problems(validatePlan(mutated(['nodes.1.address', '10.0.0.256'])));
    expect(formatProblem(p!)).toBe(
      'nodes[1].address: "10.0.0.256" is not an IP address — expected a canonical IPv4 or IPv6 address, e.g. 192.168.56.21',
    );
  });

  it('stays on one line when the value had newlines', () => {
    const [p] = problems(validatePlan(mutated(['users.0.name', 'alice\nO = system:masters\r\n\u2028'])));
    const line = formatProblem(p!);
    expect(line).not.toContain('\n');
    expect(line).toContain('"alice\\nO = system:masters');
  });

  it('leaves out the value for a missing field', () => {
    const [p] = problems(validatePlan(mutated(['nodes', DELETE])));
    expect(formatProblem(p!)).toMatch(/^nodes: is missing — list at least one node/);
  });

  it('escapes whatever a caller put in the fields', () => {
    expect(formatProblem({path: 'a\nb', value: '"x"', rule: 'is\rbad', hint: 'do\u202ethis'})).toBe('a\\nb: "x" is\\rbad — do\\u202ethis');
  });
});
