// The facts the reuse rules judge, read from an existing CA's files with node:crypto and our own DER reader
// (never node-forge: the files are untrusted). The openssl script finds the same facts with openssl.

import {createPrivateKey, createPublicKey, X509Certificate, type KeyObject} from 'node:crypto';
import {KEY_SHAPES, keyTypeName as shapeName} from '../plan/types.js';
import type {CaFacts} from '../pki/reuse-rules.js';
import {decodePrivateKey} from './private-key.js';
import {readProfile} from './profile.js';

const BEGIN = /^-----BEGIN ([A-Z0-9 ]+)-----\s*$/gm;

/** Labels of the PEM blocks in `text`, in order. */
export function pemLabels(text: string): string[] {
  return [...text.matchAll(BEGIN)].map((m) => m[1]!);
}

/** The private key in `pem`, or undefined when it is not a readable, unencrypted one (never prompts). */
export function readablePrivateKey(pem: string): KeyObject | undefined {
  const labels = pemLabels(pem);
  if (labels.length !== 1 || /ENCRYPTED/.test(pem)) return undefined;
  try {
    return decodePrivateKey(pem, labels[0]!);
  } catch {
    return undefined;
  }
}

export function caFacts(certText: string, keyText: string): CaFacts {
  const labels = pemLabels(certText);
  const certBlocks = labels.filter((l) => l === 'CERTIFICATE').length;
  const facts: CaFacts = {
    certBlocks, otherBlocks: labels.length - certBlocks, readable: false, isCA: false, keyCertSign: undefined,
    notBefore: new Date(0), notAfter: new Date(0), keyType: 'unknown', rsaBits: 0, keyReadable: false, keyMatches: false,
  };
  if (certBlocks !== 1) return facts;
  let cert: X509Certificate;
  let profile;
  try {
    cert = new X509Certificate(certText);
    profile = readProfile(certText);
  } catch {
    return facts;
  }
  // X509Certificate.ca is false for a CA whose keyUsage lacks keyCertSign: read basicConstraints ourselves.
  facts.readable = true;
  facts.isCA = profile.basicConstraints?.ca === true;
  facts.keyCertSign = profile.keyUsage ? profile.keyUsage.usages.includes('keyCertSign') : undefined;
  facts.notBefore = profile.notBefore;
  facts.notAfter = profile.notAfter;
  facts.keyType = keyTypeName(cert.publicKey);
  facts.rsaBits = cert.publicKey.asymmetricKeyType === 'rsa' ? cert.publicKey.asymmetricKeyDetails?.modulusLength ?? 0 : 0;
  const key = readablePrivateKey(keyText);
  facts.keyReadable = key !== undefined;
  facts.keyMatches = key !== undefined && cert.publicKey.equals(createPublicKey(key));
  return facts;
}

/** `rsa`, `EC P-256`, `ed25519`: the key type as the messages name it (the script prints the same). */
export function keyTypeName(key: KeyObject): string {
  const type = key.asymmetricKeyType ?? 'unknown';
  if (type !== 'ec') return type;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  const shape = Object.values(KEY_SHAPES).find((k) => k.type === 'ec' && k.opensslCurve === curve);
  return shape ? shapeName(shape) : `EC ${curve ?? '?'}`;
}

/** The SPKI public key PEM of a private key (sa.pub rebuilt from a reused sa.key). */
export function publicKeyOf(keyPem: string): string {
  return createPublicKey(createPrivateKey(keyPem)).export({type: 'spki', format: 'pem'}).toString();
}
