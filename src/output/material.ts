// What a backend produced for a model: each certificate with its key, and the service-account key pair.

export interface CertKeyPair {
  certPem: string;
  keyPem: string;
}

export interface Material {
  certs: Map<string, CertKeyPair>;
  sa: {privateKeyPem: string; publicKeyPem: string};
}
