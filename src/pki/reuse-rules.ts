// What an authority (or the service-account key) already in the output folder must be for kubepki to sign
// with it instead of making a new one, as kubeadm reuses an existing CA. One table: native generation checks
// it with node:crypto, the openssl script with openssl, and both say the same words for the same rule.

import {KEY_ALGORITHMS, KEY_SHAPES, keyTypeName} from '../plan/types.js';

/** What both backends find out about an existing CA before applying the rules. */
export interface CaFacts {
  /** `-----BEGIN CERTIFICATE-----` blocks in the .crt file, and any other PEM blocks there. */
  certBlocks: number;
  otherBlocks: number;
  /** The one certificate parses. The fields below are meaningful only when it does. */
  readable: boolean;
  isCA: boolean;
  /** undefined when the certificate has no keyUsage extension (then any use is allowed). */
  keyCertSign: boolean | undefined;
  notBefore: Date;
  notAfter: Date;
  /** `rsa`, `ec`, `ed25519`… and the RSA modulus size (0 for other types). */
  keyType: string;
  rsaBits: number;
  keyReadable: boolean;
  keyMatches: boolean;
}

/** What the plan asks of a CA it reuses: it must outlive the leaves it signs from `now`, and have the plan's kind of key. */
export interface CaLimits {
  now: Date;
  leafHours: number;
  /** The plan's key type as keyTypeName names it (`rsa`, `EC P-256`): the CA's key decides every signature. */
  keyType: string;
}

export type CaRuleId =
  | 'one-certificate'
  | 'readable'
  | 'is-ca'
  | 'key-cert-sign'
  | 'not-yet-valid'
  | 'expired'
  | 'outlived'
  | 'key-type'
  | 'key-size'
  | 'key-readable'
  | 'key-matches';

export interface CaRule {
  id: CaRuleId;
  /** True when the CA breaks the rule. */
  broken: (f: CaFacts, l: CaLimits) => boolean;
  /** The words, with `{name}` placeholders for values each backend fills in the same way (see caRuleValues). */
  problem: string;
}

/** The RSA sizes a reused CA or sa.key may have: those a plan may ask for. */
export const SIGNING_RSA_BITS: readonly number[] = KEY_ALGORITHMS.flatMap((a) => (KEY_SHAPES[a].type === 'rsa' ? [KEY_SHAPES[a].bits] : []));
/** Every key type a plan may ask for, as keyTypeName names them (`rsa`, `EC P-256`, `EC P-384`). */
export const KEY_TYPE_NAMES: readonly string[] = [...new Set(KEY_ALGORITHMS.map((a) => keyTypeName(KEY_SHAPES[a])))];
const ALLOWED = `RSA keys of ${SIGNING_RSA_BITS.join(', ')} bits`;
const ALLOWED_SA = `${ALLOWED}, or ${KEY_TYPE_NAMES.filter((t) => t !== 'rsa').join(' or ')} keys`;

const HOUR_MS = 3600_000;

/** In order: the first rules make the later ones meaningless, so only the first broken one is reported. */
export const CA_RULES: readonly CaRule[] = [
  {id: 'one-certificate', broken: (f) => f.certBlocks !== 1 || f.otherBlocks !== 0,
    problem: 'it holds {certBlocks} certificate(s) and {otherBlocks} other PEM block(s); a CA file holds exactly one certificate'},
  {id: 'readable', broken: (f) => !f.readable, problem: 'it is not a certificate OpenSSL can read'},
  {id: 'is-ca', broken: (f) => !f.isCA, problem: 'it is not a CA (basicConstraints CA:TRUE is missing)'},
  {id: 'key-cert-sign', broken: (f) => f.keyCertSign === false, problem: 'its keyUsage lacks keyCertSign, so nothing it signs would verify'},
  {id: 'not-yet-valid', broken: (f, l) => f.notBefore > l.now, problem: 'it is not valid before {notBefore}; check this machine’s clock'},
  {id: 'expired', broken: (f, l) => f.notAfter <= l.now, problem: 'it expired on {notAfter}'},
  {id: 'outlived', broken: (f, l) => f.notAfter.getTime() < l.now.getTime() + l.leafHours * HOUR_MS,
    problem: 'it expires on {notAfter}, before the certificates it would sign ({leafHours}h from now): renew the CA, or shorten certificateValidityPeriod'},
  // A CA's key decides the signature on everything it signs, so it must be of the kind the plan's profiles describe.
  {id: 'key-type', broken: (f, l) => f.keyType !== l.keyType,
    problem: 'its key is {keyType}, but this plan’s encryptionAlgorithm makes {planKeyType} keys: choose the CA’s algorithm in the plan, or move the CA away'},
  {id: 'key-size', broken: (f) => f.keyType === 'rsa' && !SIGNING_RSA_BITS.includes(f.rsaBits), problem: `its RSA key has {rsaBits} bits; kubepki signs with ${ALLOWED}`},
  {id: 'key-readable', broken: (f) => !f.keyReadable, problem: 'its key file holds no readable, unencrypted private key'},
  {id: 'key-matches', broken: (f) => !f.keyMatches, problem: 'its key file holds another key than the certificate’s'},
];

/** `2026-12-02 06:10:40Z`: how both backends print a date in these messages (openssl's iso_8601 form). */
export const ruleDate = (d: Date): string => d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');

export function caRuleValues(f: CaFacts, l: CaLimits): Record<string, string> {
  return {
    certBlocks: String(f.certBlocks), otherBlocks: String(f.otherBlocks), notBefore: ruleDate(f.notBefore),
    notAfter: ruleDate(f.notAfter), leafHours: String(l.leafHours), keyType: f.keyType, rsaBits: String(f.rsaBits), planKeyType: l.keyType,
  };
}

export const fillRule = (text: string, values: Record<string, string>): string =>
  text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);

/** The first rule the CA breaks, in words; undefined when it can sign for this plan. */
export function caProblem(f: CaFacts, l: CaLimits): {id: CaRuleId; text: string} | undefined {
  const rule = CA_RULES.find((r) => r.broken(f, l));
  return rule && {id: rule.id, text: fillRule(rule.problem, caRuleValues(f, l))};
}

/** The service-account key pair is never replaced: tokens signed with sa.key stop working when it changes. Like kubeadm,
 *  any usable key is kept whatever the plan's algorithm (the API server signs tokens with RSA and ECDSA keys alike). */
export const SA_RULES = {
  keyReadable: 'it holds no readable, unencrypted private key',
  keyType: `its key is {keyType}; kubepki uses ${ALLOWED_SA}`,
  keySize: `its RSA key has {rsaBits} bits; kubepki uses ${ALLOWED_SA}`,
  pubMatches: 'the sa.pub beside it ({pub}) holds another public key; remove that sa.pub and kubepki writes it again from sa.key',
} as const;

/** A file a run will not read: its largest size, and what the messages call each kind of non-file. */
export const MAX_EXISTING_BYTES = 1024 * 1024;

/** What both backends say about files already in the output folder that stop a run ({placeholders} as above). */
export const EXISTING_MESSAGES = {
  special: '{path} is {what}: kubepki never reads or replaces such a file; move it away',
  halfCa: '{missing} is missing but {present} exists: kubepki never replaces half a CA; restore or remove both',
  twoCas: '{path} differs from {first}: two different {id} authorities in one tree',
  caBlocked: '{stem}.crt cannot be reused: {problem}. kubepki never replaces a CA: move {stem}.crt and {stem}.key away to make a new one',
  caCopy: '{path} holds {what}, and this run would put {source} there: kubepki never replaces a CA; move it away',
  saBlocked: '{path} cannot be reused: {problem}. kubepki never replaces sa.key (every ServiceAccount token signed with it would stop working): fix it or move it away',
  twoSa: '{path} differs from {first}: two different service-account keys in one tree',
} as const;
