// A key's public facts (algorithm, size, curve, SHA-256 of its SubjectPublicKeyInfo) from a node:crypto
// KeyObject. The public-key hash pairs a certificate with its private key across a whole tree in one lookup.

import {createHash, createPublicKey, type KeyObject} from 'node:crypto';
import type {KeyInfo} from './report.js';

const ALGORITHMS: Readonly<Record<string, string>> = {rsa: 'RSA', 'rsa-pss': 'RSA-PSS', ec: 'EC', ed25519: 'Ed25519', ed448: 'Ed448', dsa: 'DSA'};
/** OpenSSL's curve names as kubeadm's settings name them (ECDSA-P256…), with their sizes. */
const CURVES: Readonly<Record<string, [name: string, bits: number]>> = {
  prime256v1: ['P-256', 256],
  secp384r1: ['P-384', 384],
  secp521r1: ['P-521', 521],
};

/** Public facts of a public or private key; key material never leaves this function. */
export function keyInfo(key: KeyObject): KeyInfo {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  const type = pub.asymmetricKeyType ?? 'unknown';
  const details = pub.asymmetricKeyDetails ?? {};
  const curve = details.namedCurve ? CURVES[details.namedCurve] : undefined;
  const info: KeyInfo = {
    algorithm: ALGORITHMS[type] ?? type,
    bits: details.modulusLength ?? curve?.[1] ?? (type === 'ed25519' ? 256 : type === 'ed448' ? 456 : 0),
    publicKeySha256: createHash('sha256').update(pub.export({type: 'spki', format: 'der'})).digest('hex'),
  };
  if (details.namedCurve) info.curve = curve?.[0] ?? details.namedCurve;
  return info;
}

/** `RSA 2048`, `EC P-256`: a key in two words. */
export const keyText = (k: Pick<KeyInfo, 'algorithm' | 'bits' | 'curve'>): string => (k.curve ? `${k.algorithm} ${k.curve}` : `${k.algorithm} ${k.bits}`);
