// kubeadm-style checks before an existing CA (or sa key) is reused: is it a CA, does the key match,
// is it still valid. Uses node:crypto's X509Certificate, never node-forge, since the files are untrusted.

import {createPrivateKey, createPublicKey, X509Certificate} from 'node:crypto';
import {readProfile} from './profile.js';

/** Problems that make an existing CA unusable; empty when it can sign. */
export function reusableCaProblems(certPem: string, keyPem: string, now = new Date()): string[] {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch {
    return ['the certificate is not a readable PEM certificate'];
  }
  const problems: string[] = [];
  if (!cert.ca) problems.push('it is not a CA (basicConstraints CA:FALSE or missing)');
  else if (!safeKeyUsage(certPem).includes('keyCertSign')) problems.push('its keyUsage lacks keyCertSign, so nothing it signs would verify');
  if (new Date(cert.validTo) <= now) problems.push(`it expired on ${cert.validTo}`);
  if (cert.publicKey.asymmetricKeyType !== 'rsa') problems.push(`its key is ${cert.publicKey.asymmetricKeyType}, kubepki signs with RSA CAs only`);
  try {
    const key = createPrivateKey(keyPem);
    if (!cert.checkPrivateKey(key)) problems.push('the private key does not belong to the certificate');
  } catch {
    problems.push('the key is not a readable, unencrypted PEM private key');
  }
  return problems;
}

export function caNotAfter(certPem: string): Date {
  return new Date(new X509Certificate(certPem).validTo);
}

/** Problems with an existing sa.key (and sa.pub, when present). */
export function reusableKeyPairProblems(keyPem: string, pubPem: string | undefined): string[] {
  try {
    const key = createPrivateKey(keyPem);
    if (key.asymmetricKeyType !== 'rsa') return [`sa.key is ${key.asymmetricKeyType}, expected RSA`];
    if (pubPem !== undefined) {
      const derived = createPublicKey(key).export({type: 'spki', format: 'pem'}).toString();
      if (createPublicKey(pubPem).export({type: 'spki', format: 'pem'}).toString() !== derived) return ['sa.pub does not match sa.key'];
    }
    return [];
  } catch {
    return ['sa.key/sa.pub are not readable, unencrypted PEM keys'];
  }
}

/** The SPKI public key PEM of a private key (to rebuild sa.pub from a reused sa.key). */
export function publicKeyOf(keyPem: string): string {
  return createPublicKey(createPrivateKey(keyPem)).export({type: 'spki', format: 'pem'}).toString();
}

function safeKeyUsage(certPem: string): string[] {
  try {
    return readProfile(certPem).keyUsage?.usages ?? ['keyCertSign']; // no keyUsage extension: any use is allowed
  } catch {
    return [];
  }
}
