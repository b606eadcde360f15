// The field rules one by one: each row is an input and either `undefined` (accepted) or a substring of the
// rule it must break, so a reworded hint does not break the tests but a changed verdict does.

import {describe, expect, it} from 'vitest';
import {
  authoritiesRule,
  clusterNameRule,
  dnsDomainRule,
  dnsNameRule,
  durationRule,
  endpointRule,
  groupNameRule,
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
} from '../../src/plan/rules.js';

type Row = [input: string, rule: string | undefined, hint?: string];

function check(name: string, rule: Rule, rows: Row[]): void {
  describe(name, () => {
    it.each(rows)('%j → %s', (input, expected, hint) => {
      const result = rule(input);
      if (expected === undefined) {
        expect(result).toBeUndefined();
        return;
      }
      expect(result, `${JSON.stringify(input)} should break "${expected}"`).toBeDefined();
      expect(result!.rule).toContain(expected);
      if (hint) expect(result!.hint).toContain(hint);
    });
  });
}

/** Every rule refuses these, whatever the field: they would reach a bash script, openssl.cnf or a terminal. */
const HOSTILE: Row[] = [
  ['a\nb', 'line break'],
  ['a\rb', 'carriage return'],
  ['a\0b', 'NUL'],
  ['a\x1b[31mb', 'escape character'],
  ['a\u202eb', 'bidi control'],
  ['a\u200bb', 'invisible format character'],
  ['a\u2028b', 'line separator'],
  ['$(touch x)', 'command substitution'],
  ['`touch x`', 'command substitution'],
  ['-out', "starts with '-'"],
  [' a', 'whitespace'],
  ['a b', 'space'],
  ['a\u00a0b', 'space'],
  ['a;b', "';'"],
  ['a|b', "'|'"],
  ['a&&b', "'&'"],
  ["it's", 'quote'],
  ['a"b', 'quote'],
  ['a\\b', 'backslash'],
  ['$HOME', "'$'"],
  ['a#b', "'#'"],
  ['a>b', "'>'"],
];

describe('every rule refuses control characters, shell syntax and leading dashes', () => {
  const rules: Record<string, Rule> = {
    nodeNameRule, nodeAddressRule, dnsNameRule, sanRule, clusterNameRule, dnsDomainRule, serviceSubnetRule,
    endpointRule, userNameRule, groupNameRule, leaf: durationRule('leaf'), ca: durationRule('ca'),
    keyAlgorithmRule, layoutRule, authoritiesRule, roleRule,
  };
  // Choices are checked against their allow-list: anything else is "not a known …" before any character matters.
  const CHOICES: Record<string, string> = {
    keyAlgorithmRule: 'is not a known key algorithm', layoutRule: 'is not a known layout',
    authoritiesRule: 'is not a known authorities mode', roleRule: 'is not a known node role',
  };
  // A duration starting with '-' is first of all negative.
  const AS_DURATION = (input: string, expected: string) => (input.startsWith('-') ? 'is negative' : expected);
  for (const [name, rule] of Object.entries(rules)) {
    it.each(HOSTILE)(`${name} refuses %j, naming why`, (input, expected) => {
      const why = CHOICES[name] ?? (name === 'leaf' || name === 'ca' ? AS_DURATION(input, expected!) : expected!);
      expect(rule(input)?.rule).toContain(why);
    });
  }
  it('names the hazard precisely for identities', () => {
    for (const [input, expected] of HOSTILE) expect(userNameRule(input)?.rule).toContain(expected);
  });
  it('refuses glob characters except a leading wildcard label in DNS names', () => {
    expect(userNameRule('a*')?.rule).toContain("'*'");
    expect(nodeNameRule('node?')?.rule).toContain("'?'");
    expect(dnsNameRule('*.apps.example.com')).toBeUndefined();
  });
});

check('nodeNameRule', nodeNameRule, [
  ['cp-1', undefined],
  ['node01', undefined],
  ['worker-1.lab.example', undefined],
  ['a'.repeat(52), undefined],
  ['', 'is empty'],
  ['Node1', 'uppercase', 'use lowercase: "node1"'],
  ['node_1', "contains '_'"],
  ['bad host', 'space'],
  ['a;b', "';'"],
  ['*.node', "'*'"],
  ['ünï', 'non-ASCII'],
  ['10.0.0.1', 'numeric label'],
  ['a'.repeat(53), 'kubelet CN 65 characters long', 'at most 52'],
  ['a'.repeat(64), '64-character label'],
  [`${'a.'.repeat(130)}a`, '261 characters long'],
  ['a..b', 'empty label'],
  ['.a', "starts with '.'"],
  ['a.', "ends with '.'", 'drop the trailing dot'],
  ['a-.b', "ending with '-'"],
  ['a.-b', "starting with '-'"],
  ['-a', "starts with '-'"],
  ['../../etc/kubernetes/admin', "contains '/'", 'outside the output folder'],
  ['a/b', "contains '/'"],
  ['..', 'only dots'],
  ['.', 'only dots'],
  ['con', 'reserved file name on Windows'],
  ['nul', 'reserved'],
  ['aux.lab', 'reserved'],
  ['com1', 'reserved'],
  ['lpt9', 'reserved'],
  ['console', undefined],
]);

check('nodeAddressRule', nodeAddressRule, [
  ['192.168.56.21', undefined],
  ['127.0.0.1', undefined],
  ['::1', undefined],
  ['fd00::a', undefined],
  ['FD00::A', undefined], // accepted; the validator canonicalises it
  ['2001:db8::10', undefined],
  ['', 'is empty'],
  ['10.0.0.256', 'is not an IP address', 'expected a canonical IPv4 or IPv6 address'],
  ['01.2.3.4', 'leading zeros', 'write 1.2.3.4'],
  ['10.0.0.010', 'leading zeros', 'write 10.0.0.10'],
  ['1.2.3', 'is not an IP address'],
  ['0x7f.0.0.1', 'is not an IP address'],
  ['10.0.0.1 ', 'whitespace'],
  ['node01', 'is not an IP address'],
  ['10.96.0.0/12', 'is a network', 'expected an address, not a network'],
  ['fd00::/64', 'is a network'],
  ['fe80::1%eth0', 'zone index', 'fe80::1'],
  ['[fd00::1]', 'in brackets', 'fd00::1'],
  ['::ffff:10.0.0.1', 'IPv4-mapped', '10.0.0.1'],
  ['0.0.0.0', 'unspecified'],
  ['::', 'unspecified'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['ff02::1', 'multicast'],
  ['255.255.255.255', 'broadcast'],
]);

check('dnsNameRule', dnsNameRule, [
  ['k8s-api.example.internal', undefined],
  ['localhost', undefined],
  ['*.apps.example.com', undefined],
  ['*.example.com', undefined],
  ['xn--n-nga1b.example', undefined],
  ['', 'is empty'],
  ['bad host', 'space'],
  ['a;b', "';'"],
  ['node_1.example', "'_'"],
  ['API.example.com', 'uppercase', 'use lowercase'],
  ['api.example.com.', "ends with '.'", '"api.example.com"'],
  ['*', 'bare wildcard'],
  ['*.*.example.com', "'*' outside"],
  ['foo.*.example.com', "'*' outside"],
  ['*foo.example.com', "'*' outside"],
  ['*.com', 'top-level domain'],
  ['ünï.example', 'not ASCII', 'xn--n-nga1b.example'],
  ['xn--zz.example', 'punycode'],
  ['-leading.example', "starts with '-'"],
  [`${'a'.repeat(64)}.example`, '64-character label'],
  ['0x7f.0.0.1', 'numeric label'],
]);

describe('sanRule classifies IPs and names', () => {
  it.each([
    ['10.0.0.1', 'ip'],
    ['fd00::1', 'ip'],
    ['10.0.0.256', 'ip'],
    ['10.96.0.0/12', 'ip'],
    ['[fd00::1]', 'ip'],
    ['api.example.com', 'dns'],
    ['*.example.com', 'dns'],
  ] as const)('%s is %s', (value, kind) => expect(sanKind(value)).toBe(kind));
});

check('sanRule', sanRule, [
  ['192.168.56.10', undefined],
  ['fd00::10', undefined],
  ['k8s-api.example.internal', undefined],
  ['*.apps.example.com', undefined],
  ['127.0.0.1', undefined],
  ['', 'is empty'],
  ['10.0.0.256', 'not an IP address'],
  ['10.96.0.0/12', 'network', '10.96.0.1'],
  ['https://api.example.com', 'URL scheme'],
  ['api.example.com:6443', 'has a port'],
  ['0.0.0.0', 'unspecified'],
  ['bad host', 'space'],
  ['Node1', 'uppercase'],
  ['DNS:api.example.com', "has the type prefix 'DNS:'", 'write the bare value "api.example.com"'],
  ['dns:api.example.com', "has the type prefix 'dns:'", 'write the bare value "api.example.com"'],
  ['IP:10.0.0.1', "has the type prefix 'IP:'", 'write the bare value "10.0.0.1"'],
  ['ip:fd00::1', "has the type prefix 'ip:'", 'write the bare value "fd00::1"'],
  ['IP Address:10.0.0.1', 'space'],
  ['URI:spiffe://x', 'is a URI SAN', "kubeadm's certSANs hold only DNS names and IP addresses"],
  ['uri:https://api.example.com', 'is a URI SAN', 'only DNS names and IP addresses'],
  ['email:a@b', 'is an email SAN', "kubeadm's certSANs hold only DNS names and IP addresses"],
  ['EMAIL:ops@example.com', 'is an email SAN', 'only DNS names and IP addresses'],
  ['DNS:$(id)', 'command substitution'],
]);

check('clusterNameRule', clusterNameRule, [
  ['kubernetes', undefined],
  ['lab-1.example', undefined],
  ['', 'is empty'],
  ['My_Cluster', 'uppercase'],
  ['a:b', "':'"],
  ['a#b', "'#'"],
  ['*a', "'*'"],
  ['&a', "'&'"],
  ['-a', "starts with '-'"],
  ['a/b', "'/'"],
]);

check('dnsDomainRule', dnsDomainRule, [
  ['cluster.local', undefined],
  ['k8s.example.com', undefined],
  ['', 'is empty'],
  ['cluster.local.', "ends with '.'", 'drop the trailing dot'],
  ['Cluster.Local', 'uppercase', 'use lowercase: "cluster.local"'],
  ['cluster..local', 'empty label'],
]);

check('serviceSubnetRule', serviceSubnetRule, [
  ['10.96.0.0/12', undefined],
  ['172.16.0.0/16', undefined],
  ['10.96.0.0/28', undefined],
  ['fd00:10:96::/112', undefined],
  ['fd00::/108', undefined],
  ['10.96.0.0/12,fd00:10:96::/112', undefined],
  ['fd00:10:96::/112,10.96.0.0/12', undefined],
  ['', 'is empty'],
  ['10.96.0.1/12', 'host bits', 'did you mean 10.96.0.0/12?'],
  ['10.96.0.1', 'an address, not a subnet', 'a subnet needs a prefix, like 10.96.0.0/12'],
  ['not-a-cidr', 'not a CIDR'],
  ['10.0.0.0/8', 'too large'],
  ['10.96.0.0/29', 'too small'],
  ['fd00::/64', 'too large'],
  ['fd00::/125', 'too small'],
  ['10.96.0.0/33', 'invalid prefix'],
  ['10.96.0.0/012', 'invalid prefix'],
  ['10.96.0.256/12', 'not an IP address'],
  ['0.0.0.0/12', 'unspecified'],
  ['224.0.0.0/12', 'multicast'],
  ['127.0.0.0/12', 'loopback'],
  ['10.96.0.0/12,10.112.0.0/12', 'two IPv4 subnets'],
  ['10.96.0.0/12,fd00::/108,fd01::/108', 'has 3 subnets'],
  ['10.96.0.0/12,', 'second subnet has an empty entry'],
  ['10.96.0.0/12,fd00::1/108', 'second subnet has host bits set'],
  ['10.96.0.0/12, fd00::/108', 'space'],
]);

check('endpointRule', endpointRule, [
  ['', undefined],
  ['k8s-api.example.internal', undefined],
  ['k8s-api.example.internal:6443', undefined],
  ['192.168.56.10:6443', undefined],
  ['192.168.56.10', undefined],
  ['[fd00::10]:6443', undefined],
  ['[fd00::10]', undefined],
  ['https://k8s-api.example.internal:6443', 'URL scheme', 'no scheme: write host[:port]'],
  ['http://x', 'URL scheme'],
  ['x:0', 'invalid port'],
  ['x:65536', 'invalid port'],
  ['x:06443', 'invalid port'],
  ['x:abc', 'invalid port'],
  ['x:', 'invalid port'],
  [':6443', 'host is empty'],
  ['fd00::10:6443', 'unbracketed IPv6'],
  ['fd00::10', 'unbracketed IPv6'],
  ['[10.0.0.1]:6443', 'non-IPv6'],
  ['[fd00::10', 'unbalanced brackets'],
  ['[fe80::1%eth0]:6443', 'host has a zone index'],
  ['Bad_Host:6443', 'host contains uppercase'],
  ['*.example.com:6443', 'host is a wildcard'],
  ['10.0.0.256:6443', 'host is not an IP address'],
  ['0.0.0.0:6443', 'host is the unspecified address'],
  ['x/y', "'/'"],
]);

check('userNameRule', userNameRule, [
  ['john', undefined],
  ['Jane.Doe', undefined],
  ['ci-bot_1', undefined],
  ['alice@example.com', undefined],
  ['a'.repeat(64), undefined],
  ['', 'is empty', 'unauthenticated'],
  ['alice/O=system:masters', "contains '/'", 'O=system:masters'],
  ['a+b', "'+'", 'subject syntax'],
  ['a=b', "'='", 'subject syntax'],
  ['a,b', "','", 'subject syntax'],
  ['a;b', "';'"],
  ['a"b', 'quote'],
  ["a'b", 'quote'],
  ['a\\b', 'backslash'],
  ['a#b', "'#'"],
  ['$USER', "'$'"],
  ['`id`', 'command substitution'],
  ['a b', 'space'],
  ['a\nO = system:masters', 'line break'],
  ['system:admin', "contains ':'"],
  ['jöhn', 'non-ASCII'],
  ['a!b', "'!'"],
  ['.', 'only dots'],
  ['..', 'only dots'],
  ['../../etc', "contains '/'"],
  ['.hidden', "starts with '.'"],
  ['_x', "starts with '_'"],
  ['--help', "starts with '-'"],
  ['a'.repeat(65), '65 characters long'],
  ['alice.', "ends with '.'"],
  ['CON', 'reserved'],
  ['nul.txt', 'reserved'],
]);

describe('userNameRule refuses the identities of Kubernetes components', () => {
  it.each([
    ['front-proxy-client', 'is the identity of front-proxy-client', 'system:masters included'],
    ['kubernetes-admin', 'is the identity of kubernetes-admin', 'admin.conf'],
    ['kubernetes-super-admin', 'is the identity of kubernetes-super-admin', 'break-glass'],
    ['kube-apiserver-kubelet-client', 'is the identity of kube-apiserver-kubelet-client', 'exec into'],
    ['kube-apiserver-etcd-client', 'is the identity of kube-apiserver-etcd-client', 'Secrets'],
    ['kube-etcd-healthcheck-client', 'is the identity of kube-etcd-healthcheck-client', 'etcd'],
    ['kube-apiserver', 'is the identity of kube-apiserver', 'API server'],
    ['kubernetes', 'is the identity of kubernetes', 'cluster CA'],
    ['etcd-ca', 'is the identity of etcd-ca', 'etcd CA'],
    ['front-proxy-ca', 'is the identity of front-proxy-ca', 'front-proxy CA'],
    ['system:kube-controller-manager', 'is the identity of system:kube-controller-manager', 'service account'],
    ['system:kube-scheduler', 'is the identity of system:kube-scheduler', 'binding pods'],
    ['system:kube-proxy', 'is the identity of system:kube-proxy', 'system:node-proxier'],
    ['system:node:cp-1', 'is the identity of system:node:<node>', 'Node authorizer'],
    ['Front-Proxy-Client', 'is the identity of front-proxy-client, in other case', 'would pass for front-proxy-client'],
    ['KUBERNETES-ADMIN', 'is the identity of kubernetes-admin, in other case', 'macOS'],
    ['System:Node:x', 'is the identity of system:node:<node>', 'Node authorizer'],
  ])('%s → %s', (input, rule, hint) => {
    const v = userNameRule(input);
    expect(v?.rule).toBe(rule);
    expect(v?.hint).toContain(hint);
    expect(v?.hint).toContain('pick a personal name');
  });

  it('still accepts names that only resemble them', () => {
    for (const name of ['admin', 'kubernetes-admin2', 'front-proxy', 'kube', 'etcd', 'constructor', 'toString', 'hasOwnProperty']) expect(userNameRule(name), name).toBeUndefined();
  });
});

check('groupNameRule', groupNameRule, [
  ['developers', undefined],
  ['kubeadm:cluster-admins', undefined],
  ['system:masters', undefined], // refused by the plan validator unless allowSystemGroups
  ['ops@example.com', undefined],
  ['', 'is empty'],
  ['dev/O=system:masters', "contains '/'"],
  ['dev,O=system:masters', "','"],
  ['-passout', "starts with '-'"],
  ['a b', 'space'],
  [':x', "starts with ':'"],
  ['a'.repeat(65), '65 characters long'],
]);

check("durationRule('leaf')", durationRule('leaf'), [
  ['8760h', undefined],
  ['24h', undefined],
  ['8760h0m0s', undefined],
  ['87600h', undefined],
  ['1440m', undefined],
  ['', 'is empty'],
  ['0', 'is zero'],
  ['0h', 'is zero'],
  ['-1h', 'is negative'],
  ['1.5h', 'fraction', '1h30m'],
  ['365d', "unit 'd'", 'Go durations have no d unit: write 8760h'],
  ['1y', "unit 'y'", '8760h'],
  ['8760', 'no unit', '8760h'],
  ['8760H', 'uppercase unit', '8760h'],
  ['500ms', 'below one second'],
  ['1h', 'shorter than 24h'],
  ['87601h', 'longer than 87600h (3650 days (10 years))'],
  ['99999999h', 'longer than'],
  ['NaN', 'not a Go duration'],
  ['8760h; rm -rf /', "';'"],
]);

check("durationRule('ca')", durationRule('ca'), [
  ['87600h', undefined],
  ['876000h', undefined],
  ['876001h', 'longer than 876000h'],
  ['3650d', "unit 'd'", '87600h'],
]);

check('keyAlgorithmRule', keyAlgorithmRule, [
  ['RSA-2048', undefined],
  ['RSA-3072', undefined],
  ['RSA-4096', undefined],
  ['', 'is empty'],
  ['ECDSA-P256', undefined],
  ['ECDSA-P384', undefined],
  ['ECDSA', 'names no curve', 'kubeadm renamed ECDSA to ECDSA-P256'],
  ['ECDSA-P521', 'not supported', 'use RSA-2048, RSA-3072, RSA-4096, ECDSA-P256 or ECDSA-P384'],
  ['ecdsa-p256', 'not a known key algorithm', 'did you mean ECDSA-P256?'],
  ['rsa-2048', 'not a known key algorithm', 'did you mean RSA-2048?'],
  ['RSA', 'no key size'],
  ['RSA-1024', 'too weak'],
  ['RSA-8192', 'not supported'],
  ['RSA-1000', 'not a known key algorithm'],
  ['Ed25519', 'not supported'],
  ['DSA', 'not a known key algorithm', 'RSA-2048, RSA-3072, RSA-4096, ECDSA-P256, ECDSA-P384'],
]);

check('layoutRule', layoutRule, [
  ['kubeadm', undefined],
  ['flat', undefined],
  ['kubadm', 'not a known layout', 'did you mean kubeadm?'],
  ['tree', 'not a known layout', 'kubeadm, flat'],
]);

check('authoritiesRule', authoritiesRule, [
  ['separate', undefined],
  ['single', undefined],
  ['seperate', 'not a known authorities mode', 'did you mean separate?'],
  ['shared', 'not a known authorities mode', 'single'],
]);

check('roleRule', roleRule, [
  ['control-plane', undefined],
  ['worker', undefined],
  ['master', 'old name of control-plane'],
  ['controlplane', 'not a known node role', 'did you mean control-plane?'],
  ['Worker', 'not a known node role', 'did you mean worker?'],
]);
