// One small pure rule per kind of plan field: a plain string in, `undefined` (fine) or {rule, hint} out.
// The plan validator and the wizard's inline validation share them, so they know nothing about the plan.
// The allow-lists here are the injection defence for the generated script, openssl.cnf and file names.

import {domainToASCII} from 'node:url';
import {describeHours, parseDurationHours} from './duration.js';
import {displayValue} from './escape.js';
import {textHazard, type RuleViolation} from './hazards.js';
import {NODE_USER_PREFIX, RESERVED_USER_NAMES, RESERVED_USER_PREFIXES} from './identities.js';
import {
  addressClass,
  canonicalIp,
  cidrSize,
  hostBitsClear,
  indexedIp,
  mappedIpv4,
  networkAddress,
  parseCidr,
  type AddressClass,
  type Cidr,
} from './net.js';
import {closest} from './suggest.js';
import {AUTHORITY_MODES, KEY_ALGORITHMS, LAYOUTS, NODE_ROLES} from './types.js';

export type {RuleViolation} from './hazards.js';
export type Rule = (value: string) => RuleViolation | undefined;

const EXPECT_IP = 'expected a canonical IPv4 or IPv6 address, e.g. 192.168.56.21';
const NON_ASCII = /[\u0080-\u{10ffff}]/u;
/** Windows cannot create these files (with any extension), so names we write to disk must avoid them. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;
const WINDOWS_HINT = 'con, prn, aux, nul, com1–com9 and lpt1–lpt9 cannot be file names on Windows: pick another name';
/** OpenSSL refuses CNs over 64 characters; the kubelet's is `system:node:<name>`. */
const CN_LIMIT = 64;

// ---------------------------------------------------------------- DNS-style names

/** RFC 1123 subdomain structure, for text already known to be lowercase ASCII without hazards. */
function subdomainViolation(name: string): RuleViolation | undefined {
  const bad = /[^a-z0-9.-]/.exec(name);
  if (bad) {
    const hint = "DNS names allow only a–z, 0–9, '-' and '.'";
    return bad[0] === '_' ? {rule: "contains '_'", hint: `use '-' instead: ${hint}`} : {rule: `contains '${bad[0]}'`, hint};
  }
  if (/^\.+$/.test(name)) return {rule: 'is only dots', hint: "'.' and '..' name folders, not hosts"};
  if (name.length > 253) return {rule: `is ${name.length} characters long`, hint: 'a DNS name holds at most 253 characters'};
  if (name.startsWith('.')) return {rule: "starts with '.'", hint: 'remove the leading dot'};
  if (name.endsWith('.')) return {rule: "ends with '.'", hint: `drop the trailing dot: ${displayValue(name.replace(/\.+$/, ''))}`};
  if (name.includes('..')) return {rule: "has an empty label ('..')", hint: 'remove the extra dot'};
  const labels = name.split('.');
  for (const label of labels) {
    if (label.length > 63) return {rule: `has a ${label.length}-character label`, hint: 'each dot-separated label holds at most 63 characters'};
    if (label.startsWith('-') || label.endsWith('-')) {
      return {rule: `has a label ${label.startsWith('-') ? 'starting' : 'ending'} with '-'`, hint: 'labels start and end with a letter or digit'};
    }
  }
  if (/^\d+$/.test(labels[labels.length - 1]!)) {
    return {rule: 'ends in a numeric label', hint: 'it reads as an IP address, not a DNS name; write IPs in canonical form, e.g. 192.168.56.21'};
  }
  if (labels.some((l) => l.startsWith('xn--')) && domainToASCII(name) === '') {
    return {rule: 'has an invalid punycode (xn--) label', hint: 'write the name in Unicode to see its punycode form, or fix the xn-- label'};
  }
  return undefined;
}

interface NameOptions {
  /** Non-ASCII gets the punycode form as a hint (DNS SANs); otherwise it is refused outright. */
  punycode: boolean;
  /** The name is also a file name. */
  path: boolean;
}

function lowercaseName(value: string, options: NameOptions): RuleViolation | undefined {
  const hazard = textHazard(value, {path: options.path});
  if (hazard) return hazard;
  if (NON_ASCII.test(value)) {
    if (!options.punycode) return {rule: 'contains non-ASCII characters', hint: "use a–z, 0–9, '-' and '.' only"};
    const ascii = domainToASCII(value);
    return ascii
      ? {rule: 'is not ASCII', hint: `use the punycode form ${displayValue(ascii)}`}
      : {rule: 'is not a valid international domain name', hint: "use a–z, 0–9, '-' and '.', or a valid Unicode name"};
  }
  if (/[A-Z]/.test(value)) {
    // Suggest a fixed name only when it is valid; "Node_1" → "node-1", not "node_1".
    const fixed = value.toLowerCase().replace(/_/g, '-').replace(/\.+$/, '');
    const valid = lowercaseName(fixed, options) === undefined;
    return {rule: 'contains uppercase letters', hint: valid ? `use lowercase: ${displayValue(fixed)}` : 'use lowercase'};
  }
  return subdomainViolation(value);
}

/** A Kubernetes node name: what the kubelet registers, a DNS SAN, part of a CN and a file name. */
export function nodeNameRule(name: string): RuleViolation | undefined {
  if (name === '') return {rule: 'is empty', hint: 'a node name is the hostname its kubelet registers, e.g. node01'};
  const problem = lowercaseName(name, {punycode: false, path: true});
  if (problem) return problem;
  const cnLength = NODE_USER_PREFIX.length + name.length;
  if (cnLength > CN_LIMIT) {
    return {
      rule: `makes the kubelet CN ${cnLength} characters long`,
      hint: `${NODE_USER_PREFIX}<name> must fit the ${CN_LIMIT}-character CN limit: use at most ${CN_LIMIT - NODE_USER_PREFIX.length} characters`,
    };
  }
  if (WINDOWS_RESERVED.test(name.split('.')[0]!)) return {rule: 'is a reserved file name on Windows', hint: WINDOWS_HINT};
  return undefined;
}

function dnsNameWithoutWildcard(name: string): RuleViolation | undefined {
  if (name === '') return {rule: 'is empty', hint: 'expected a DNS name such as k8s-api.example.internal'};
  return lowercaseName(name, {punycode: true, path: false});
}

/** A DNS name for a certificate SAN or an endpoint host; a wildcard only as a whole leftmost `*.` label. */
export function dnsNameRule(name: string): RuleViolation | undefined {
  if (!name.includes('*')) return dnsNameWithoutWildcard(name);
  const hazard = textHazard(name, {wildcard: true});
  if (hazard) return hazard;
  if (name === '*' || name === '*.') return {rule: 'is a bare wildcard', hint: 'a wildcard stands for one label of a domain, e.g. *.apps.example.com'};
  if (!name.startsWith('*.') || name.indexOf('*', 1) >= 0) {
    return {rule: "has '*' outside a whole leftmost label", hint: 'only the whole leftmost label may be *, e.g. *.apps.example.com'};
  }
  const rest = name.slice(2);
  const problem = dnsNameWithoutWildcard(rest);
  if (problem) return problem;
  if (rest.split('.').length < 2) {
    return {rule: 'is a wildcard over a top-level domain', hint: 'a wildcard needs at least two labels after *., e.g. *.example.com'};
  }
  return undefined;
}

/** The cluster name: used in kubeconfig cluster, context and user names. */
export function clusterNameRule(name: string): RuleViolation | undefined {
  if (name === '') return {rule: 'is empty', hint: "kubeadm's default is kubernetes"};
  return lowercaseName(name, {punycode: false, path: true});
}

/** The cluster DNS domain: `kubernetes.default.svc.<domain>` becomes an apiserver SAN. */
export function dnsDomainRule(domain: string): RuleViolation | undefined {
  if (domain === '') return {rule: 'is empty', hint: "kubeadm's default is cluster.local"};
  return lowercaseName(domain, {punycode: false, path: false});
}

// ---------------------------------------------------------------- addresses

function ipv4Advice(text: string): RuleViolation | undefined {
  const parts = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)?.slice(1);
  if (!parts || parts.some((p) => Number(p) > 255)) return undefined;
  const fixed = parts.map(Number).join('.');
  return {rule: 'has leading zeros', hint: `write ${fixed}: some tools read 010 as octal (8)`};
}

/** An IP address that can identify a host in a certificate: canonical, no zone, not a network. */
function addressViolation(text: string, emptyHint: string): RuleViolation | undefined {
  if (text === '') return {rule: 'is empty', hint: emptyHint};
  const hazard = textHazard(text);
  if (hazard) return hazard;
  if (text.includes('/')) {
    const cidr = parseCidr(text);
    const first = cidr && indexedIp({...cidr, network: networkAddress(cidr.network, cidr.prefix)}, 1);
    const detail = first ? ` (the first address in ${text} is ${first})` : '';
    return {rule: 'is a network, not an address', hint: `expected an address, not a network${detail}`};
  }
  if (text.includes('%')) {
    return {rule: 'has a zone index', hint: `a zone such as %eth0 only means something on one host: write ${displayValue(text.slice(0, text.indexOf('%')))}`};
  }
  if (/[[\]]/.test(text)) return {rule: 'is in brackets', hint: `brackets belong in URLs only: write ${displayValue(text.replace(/[[\]]/g, ''))}`};
  const ip = canonicalIp(text);
  if (ip === undefined) return ipv4Advice(text) ?? {rule: 'is not an IP address', hint: EXPECT_IP};
  const refused: Partial<Record<AddressClass, RuleViolation>> = {
    unspecified: {rule: 'is the unspecified address', hint: `${ip} means "any address", not a host: use the host's real IP`},
    broadcast: {rule: 'is the broadcast address', hint: '255.255.255.255 cannot identify a host: use its real IP'},
    multicast: {rule: 'is a multicast address', hint: 'multicast addresses (224.0.0.0/4, ff00::/8) cannot identify a host'},
    'ipv4-mapped': {rule: 'is an IPv4-mapped IPv6 address', hint: `write the IPv4 address ${mappedIpv4(ip)}: Go rejects mapped addresses in certificates`},
  };
  return refused[addressClass(ip)];
}

/** A node's IP address (IPv4 or IPv6; loopback is allowed for single-machine labs). */
export function nodeAddressRule(address: string): RuleViolation | undefined {
  return addressViolation(address, "the node's IP address, e.g. 192.168.56.21");
}

/** Whether a SAN entry is meant as an IP (then IP rules apply) or a DNS name. */
export function sanKind(value: string): 'ip' | 'dns' {
  return /[:[\]%]/.test(value) || /^[\d.]+(\/\d*)?$/.test(value) ? 'ip' : 'dns';
}

/** `DNS:x`, `IP:x` as openssl writes SANs: kubeadm types each entry by its value, and has no URI or email SANs. */
const SAN_TYPE_PREFIX = /^(dns|ip|uri|email):/i;
const ONLY_DNS_AND_IP = "kubeadm's certSANs hold only DNS names and IP addresses: remove it";
const bareValue = (prefix: string, rest: string): RuleViolation =>
  ({rule: `has the type prefix '${prefix}'`, hint: `the prefix is not written here: write the bare value ${displayValue(rest)}`});
const SAN_TYPES: Record<string, (prefix: string, rest: string) => RuleViolation> = {
  dns: bareValue,
  ip: bareValue,
  uri: () => ({rule: 'is a URI SAN', hint: ONLY_DNS_AND_IP}),
  email: () => ({rule: 'is an email SAN', hint: ONLY_DNS_AND_IP}),
};

/** An extra apiserver SAN: an IP address or a DNS name (wildcards allowed), classified like kubeadm does. */
export function sanRule(value: string): RuleViolation | undefined {
  if (value === '') return {rule: 'is empty', hint: 'expected a DNS name or an IP address, e.g. k8s-api.example.internal'};
  const typed = SAN_TYPE_PREFIX.exec(value);
  if (typed) return textHazard(value, {wildcard: true}) ?? SAN_TYPES[typed[1]!.toLowerCase()]!(typed[0], value.slice(typed[0].length));
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return {rule: 'has a URL scheme', hint: 'write only the name or the address, without https://'};
  if (/^[^:[\]]+:\d+$/.test(value)) return {rule: 'has a port', hint: 'a SAN is a name or an address: drop the :port'};
  return sanKind(value) === 'ip' ? addressViolation(value, EXPECT_IP) : dnsNameRule(value);
}

// ---------------------------------------------------------------- endpoint and service subnet

const ENDPOINT_EXAMPLE = 'k8s-api.example.internal:6443';

function portViolation(port: string): RuleViolation | undefined {
  const n = Number(port);
  if (/^[1-9]\d{0,4}$/.test(port) && n <= 65535) return undefined;
  return {rule: 'has an invalid port', hint: 'a port is a number from 1 to 65535 without leading zeros, e.g. 6443'};
}

const prefixed = (what: string, v: RuleViolation | undefined): RuleViolation | undefined => v && {rule: `${what} ${v.rule}`, hint: v.hint};

/** `controlPlaneEndpoint`: empty, or host[:port] of a load balancer; `[v6]` or `[v6]:port` for IPv6. */
export function endpointRule(endpoint: string): RuleViolation | undefined {
  if (endpoint === '') return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint)) return {rule: 'has a URL scheme', hint: `no scheme: write host[:port], e.g. ${ENDPOINT_EXAMPLE}`};
  const hazard = textHazard(endpoint, {wildcard: true}); // a '*' host gets its own message below
  if (hazard) return hazard;
  if (endpoint.includes('/')) return {rule: "contains '/'", hint: `no path: write host[:port], e.g. ${ENDPOINT_EXAMPLE}`};
  if (endpoint.startsWith('[')) {
    const m = /^\[([^\]]*)\](?::(.*))?$/.exec(endpoint);
    if (!m) return {rule: 'has unbalanced brackets', hint: 'write [fd00::10]:6443 or [fd00::10]'};
    const host = m[1]!;
    if (!host.includes(':')) return {rule: 'brackets a non-IPv6 host', hint: 'brackets are for IPv6 addresses only: write host:port'};
    return prefixed('host', addressViolation(host, EXPECT_IP)) ?? (m[2] === undefined ? undefined : portViolation(m[2]));
  }
  const colons = endpoint.split(':').length - 1;
  if (colons > 1) {
    return {rule: 'is an unbracketed IPv6 address', hint: 'the port would be ambiguous: write [fd00::10]:6443 or [fd00::10]'};
  }
  const [host = '', port] = endpoint.split(':');
  const hostProblem = /^[\d.]+$/.test(host) ? addressViolation(host, EXPECT_IP) : host.includes('*')
    ? {rule: 'is a wildcard', hint: `the endpoint is one host, e.g. ${ENDPOINT_EXAMPLE}`}
    : dnsNameWithoutWildcard(host);
  return prefixed('host', hostProblem) ?? (port === undefined ? undefined : portViolation(port));
}

/** kubeadm: at most 20 host bits (IPv4 ≥ /12, IPv6 ≥ /108); we also want ≥ 10 addresses (IPv4 ≤ /28, IPv6 ≤ /124). */
const SUBNET_PREFIX = {4: {min: 12, max: 28}, 6: {min: 108, max: 124}} as const;
const SUBNET_EXAMPLE = '10.96.0.0/12';

/** Ranges whose addresses cannot serve as service IPs (the first one becomes the apiserver's SAN). */
const SUBNET_CLASS_RULES: Partial<Record<AddressClass, string>> = {
  unspecified: 'starts at the unspecified address',
  loopback: 'is a loopback range',
  multicast: 'is a multicast range',
  broadcast: 'is the broadcast address',
  'ipv4-mapped': 'is an IPv4-mapped range',
};

function cidrViolation(text: string): RuleViolation | undefined {
  if (text === '') return {rule: 'has an empty entry', hint: `write one CIDR like ${SUBNET_EXAMPLE}, or an IPv4,IPv6 pair`};
  const slash = text.indexOf('/');
  if (slash < 0) {
    return canonicalIp(text)
      ? {rule: 'is an address, not a subnet', hint: `a subnet needs a prefix, like ${SUBNET_EXAMPLE}`}
      : {rule: 'is not a CIDR', hint: `expected a subnet like ${SUBNET_EXAMPLE} or fd00:10:96::/112`};
  }
  const cidr = parseCidr(text);
  if (!cidr) {
    const ipText = text.slice(0, slash);
    return addressViolation(ipText, EXPECT_IP) ?? {rule: 'has an invalid prefix', hint: 'the prefix is /0–/32 for IPv4 and /0–/128 for IPv6, without leading zeros'};
  }
  const network = networkAddress(cidr.network, cidr.prefix);
  if (!hostBitsClear(cidr)) return {rule: 'has host bits set', hint: `did you mean ${network}/${cidr.prefix}?`};
  const bounds = SUBNET_PREFIX[cidr.family];
  const family = `IPv${cidr.family}`;
  if (cidr.prefix < bounds.min) {
    return {rule: `is too large (/${cidr.prefix})`, hint: `kubeadm allows at most 20 host bits: use /${bounds.min} to /${bounds.max} for ${family}`};
  }
  if (cidr.prefix > bounds.max) {
    return {rule: `is too small (/${cidr.prefix}: ${cidrSize(cidr)} addresses)`, hint: `services need at least 10 addresses: use /${bounds.min} to /${bounds.max} for ${family}`};
  }
  const refused = SUBNET_CLASS_RULES[addressClass(cidr.network)];
  return refused ? {rule: refused, hint: `use a private range such as ${SUBNET_EXAMPLE} or fd00:10:96::/112`} : undefined;
}

/** The service CIDR: one CIDR, or a dual-stack pair of different families ("v4,v6" or "v6,v4"). */
export function serviceSubnetRule(text: string): RuleViolation | undefined {
  if (text === '') return {rule: 'is empty', hint: `kubeadm's default is ${SUBNET_EXAMPLE}`};
  const hazard = textHazard(text);
  if (hazard) return hazard;
  const parts = text.split(',');
  if (parts.length > 2) return {rule: `has ${parts.length} subnets`, hint: 'at most two: one IPv4 and one IPv6 CIDR, e.g. 10.96.0.0/12,fd00:10:96::/112'};
  if (parts.length === 1) return cidrViolation(text);
  const ordinals = ['first subnet', 'second subnet'];
  for (const [i, part] of parts.entries()) {
    const problem = prefixed(ordinals[i]!, cidrViolation(part));
    if (problem) return problem;
  }
  const [a, b] = parts.map((p) => parseCidr(p)) as [Cidr, Cidr];
  if (a.family === b.family) {
    return {rule: `has two IPv${a.family} subnets`, hint: 'a dual-stack pair is one IPv4 and one IPv6 CIDR, e.g. 10.96.0.0/12,fd00:10:96::/112'};
  }
  return undefined;
}

// ---------------------------------------------------------------- identities (certificate CN and O)

interface IdentityKind {
  pattern: RegExp;
  allowed: string;
  what: string;
  emptyHint: string;
  /** Why a space is refused, in Kubernetes terms first. */
  spaceHint: string;
}

const USER: IdentityKind = {
  pattern: /^[A-Za-z0-9][A-Za-z0-9._@-]*$/,
  allowed: "letters, digits, '.', '_', '@' and '-'",
  what: 'CN',
  emptyHint: 'a user name becomes the certificate CN (an empty CN is unauthenticated), e.g. john',
  spaceHint: 'Kubernetes accepts it, but RBAC matches user names exactly, so every RoleBinding must spell "john smith" with its space: a trap. '
    + 'kubepki refuses it (it would also split words in the generated script): use john.smith or john-smith',
};
const GROUP: IdentityKind = {
  pattern: /^[A-Za-z0-9][A-Za-z0-9._:@-]*$/,
  allowed: "letters, digits, '.', '_', ':', '@' and '-'",
  what: 'O',
  emptyHint: 'a group name becomes an O (organization) in the certificate, e.g. developers',
  spaceHint: 'Kubernetes accepts it, but RBAC matches group names exactly, so every RoleBinding must spell it with its space: a trap. '
    + 'kubepki refuses it (it would also split words in the generated script): use dev-team or dev.team',
};

function identityViolation(value: string, kind: IdentityKind): RuleViolation | undefined {
  if (value === '') return {rule: 'is empty', hint: kind.emptyHint};
  const hazard = textHazard(value, {subject: true});
  if (hazard?.rule === 'contains a space') return {rule: hazard.rule, hint: kind.spaceHint};
  if (hazard) return hazard;
  if (NON_ASCII.test(value)) return {rule: 'contains non-ASCII characters', hint: `use ${kind.allowed}`};
  if (/^\.+$/.test(value)) return {rule: 'is only dots', hint: "'.' and '..' are folder names"};
  if (kind === USER && value.includes(':')) {
    return {rule: "contains ':'", hint: `':' is kept for Kubernetes identities such as ${NODE_USER_PREFIX}<name>: pick a plain name`};
  }
  const bad = /[^A-Za-z0-9._:@-]/.exec(value);
  if (bad) return {rule: `contains '${bad[0]}'`, hint: `allowed: ${kind.allowed}`};
  if (!/^[A-Za-z0-9]/.test(value)) return {rule: `starts with '${value[0]}'`, hint: 'start with a letter or a digit'};
  if (value.length > CN_LIMIT) return {rule: `is ${value.length} characters long`, hint: `a certificate ${kind.what} holds at most ${CN_LIMIT} characters`};
  if (!kind.pattern.test(value)) return {rule: 'is not allowed', hint: `use ${kind.allowed}`};
  return undefined;
}

const PERSONAL = 'pick a personal name, e.g. jane';

/** A component's identity as a person's name would inherit what Kubernetes grants that component. */
function reservedViolation(name: string): RuleViolation | undefined {
  // Case-insensitive too: Kubernetes compares names exactly, but file names collide on macOS and Windows.
  const lower = name.toLowerCase();
  if (Object.hasOwn(RESERVED_USER_NAMES, lower)) {
    const exact = lower === name;
    return {
      rule: `is the identity of ${lower}${exact ? '' : ', in other case'}`,
      hint: exact
        ? `${RESERVED_USER_NAMES[lower]}; ${PERSONAL}`
        : `people reading logs and macOS file names ignore case, so it would pass for ${lower}; ${PERSONAL}`,
    };
  }
  const prefix = Object.keys(RESERVED_USER_PREFIXES).find((p) => lower.startsWith(p));
  return prefix === undefined ? undefined : {rule: `is the identity of ${prefix}<node>`, hint: `${RESERVED_USER_PREFIXES[prefix]}; ${PERSONAL}`};
}

/** A person's user name: the certificate CN, and also a folder/file name. Component identities are refused. */
export function userNameRule(name: string): RuleViolation | undefined {
  const reserved = reservedViolation(name); // reserved names hold no hazards, so this may come first
  if (reserved) return reserved;
  const problem = identityViolation(name, USER);
  if (problem) return problem;
  if (name.endsWith('.')) return {rule: "ends with '.'", hint: 'Windows drops trailing dots from file names: remove it'};
  if (WINDOWS_RESERVED.test(name.split('.')[0]!)) return {rule: 'is a reserved file name on Windows', hint: WINDOWS_HINT};
  return undefined;
}

/** A group: one O attribute of the user's certificate. `system:` groups are a plan-level decision. */
export function groupNameRule(group: string): RuleViolation | undefined {
  return identityViolation(group, GROUP);
}

/** Groups Kubernetes reserves for itself; `system:masters` bypasses RBAC and cannot be revoked. */
export function isSystemGroup(group: string): boolean {
  return group.startsWith('system:');
}

// ---------------------------------------------------------------- durations

const DURATION_LIMITS = {
  leaf: {maxHours: 87600, example: '8760h', what: 'a certificate'},
  ca: {maxHours: 876000, example: '87600h', what: 'a CA'},
} as const;
const MIN_HOURS = 24;
const UNIT_HOURS: Record<string, number> = {d: 24, w: 168, y: 8760};

/** "1h30m" for 5400 seconds. */
function goDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round(seconds % 60);
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}` || '0s';
}

function durationSyntax(text: string, example: string): RuleViolation {
  if (/^0+$/.test(text)) return {rule: 'is zero', hint: `a certificate must be valid for at least ${MIN_HOURS}h; e.g. ${example}`};
  if (/^\d+$/.test(text)) return {rule: 'has no unit', hint: `Go durations need a unit: ${text}h is ${describeHours(Number(text))}`};
  const unit = /^(\d+(?:\.\d+)?)([dwy])$/i.exec(text);
  if (unit) {
    const letter = unit[2]!.toLowerCase();
    return {rule: `uses the unit '${letter}'`, hint: `Go durations have no ${letter} unit: write ${Math.round(Number(unit[1]) * UNIT_HOURS[letter]!)}h`};
  }
  if (/(ms|us|µs|ns)$/.test(text)) return {rule: 'uses a unit below one second', hint: `certificate lifetimes are written in hours, e.g. ${example}`};
  if (/[HMS]/.test(text) && parseDurationHours(text.toLowerCase()) !== undefined) {
    return {rule: 'has an uppercase unit', hint: `units are lowercase: ${text.toLowerCase()}`};
  }
  const fraction = /^(\d*\.\d+|\d+\.\d*)([hms])$/.exec(text);
  if (fraction) {
    const seconds = Number(fraction[1]) * ({h: 3600, m: 60, s: 1} as Record<string, number>)[fraction[2]!]!;
    return {rule: 'has a fraction', hint: `write whole units: ${goDuration(seconds)}`};
  }
  return {rule: 'is not a Go duration', hint: `write hours, minutes and seconds like ${example} or ${example}0m0s (units h, m, s)`};
}

/** A validity period as kubeadm writes it (Go duration), between 24h and 87600h (leaf) or 876000h (CA). */
export function durationRule(kind: 'leaf' | 'ca'): Rule {
  const {maxHours, example, what} = DURATION_LIMITS[kind];
  return (text) => {
    if (text === '') return {rule: 'is empty', hint: `write a Go duration such as ${example}`};
    if (text.startsWith('-')) return {rule: 'is negative', hint: `a validity period counts forward, e.g. ${example}`};
    const hazard = textHazard(text);
    if (hazard) return hazard;
    const hours = parseDurationHours(text);
    if (hours === undefined) return durationSyntax(text, example);
    if (hours === 0) return {rule: 'is zero', hint: `a certificate must be valid for at least ${MIN_HOURS}h; e.g. ${example}`};
    if (hours < MIN_HOURS) return {rule: `is shorter than ${MIN_HOURS}h`, hint: `a certificate must be valid for at least ${MIN_HOURS}h (1 day); e.g. ${example}`};
    if (hours > maxHours) {
      return {rule: `is longer than ${maxHours}h (${describeHours(maxHours)})`, hint: `${what} may be valid for at most ${maxHours}h; kubeadm's default is ${example}`};
    }
    return undefined;
  };
}

// ---------------------------------------------------------------- choices

function choiceRule(allowed: readonly string[], noun: string, advice: Record<string, RuleViolation> = {}): Rule {
  const list = allowed.join(', ');
  return (value) => {
    if (allowed.includes(value)) return undefined;
    if (value === '') return {rule: 'is empty', hint: `use one of ${list}`};
    const known = advice[value.toLowerCase()];
    if (known) return known;
    const near = closest(value, allowed);
    return {rule: `is not a known ${noun}`, hint: near ? `did you mean ${near}? (${list})` : `use one of ${list}`};
  };
}

const CHOICES = 'use RSA-2048, RSA-3072, RSA-4096, ECDSA-P256 or ECDSA-P384';

/** `certificates.encryptionAlgorithm`: kubeadm's names and nothing else. */
export const keyAlgorithmRule: Rule = choiceRule(KEY_ALGORITHMS, 'key algorithm', {
  ecdsa: {rule: 'names no curve', hint: `${CHOICES} (kubeadm renamed ECDSA to ECDSA-P256)`},
  rsa: {rule: 'names no key size', hint: `${CHOICES} (kubeadm renamed RSA to RSA-2048)`},
  'rsa-1024': {rule: 'is too weak', hint: `${CHOICES}: Go refuses RSA keys below 2048 bits in current releases`},
  'rsa-8192': {rule: 'is not supported', hint: `${CHOICES}, the algorithms kubeadm offers`},
  'ecdsa-p521': {rule: 'is not supported', hint: `${CHOICES}, the algorithms kubeadm offers`},
  ed25519: {rule: 'is not supported', hint: `${CHOICES}: Kubernetes certificates cannot use Ed25519 keys with kubeadm`},
});

/** `certificates.layout`: kubeadm's /etc/kubernetes tree, or one flat folder. */
export const layoutRule: Rule = choiceRule(LAYOUTS, 'layout');

/** `certificates.authorities`: three CAs as kubeadm makes them, or one CA for everything. */
export const authoritiesRule: Rule = choiceRule(AUTHORITY_MODES, 'authorities mode', {
  shared: {rule: 'is not a known authorities mode', hint: 'write single for one CA, separate for kubernetes, etcd and front-proxy CAs'},
});

/** A node's role. */
export const roleRule: Rule = choiceRule(NODE_ROLES, 'node role', {
  master: {rule: 'is the old name of control-plane', hint: 'write control-plane (Kubernetes renamed the master role)'},
});
