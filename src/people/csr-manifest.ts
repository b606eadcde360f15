// The CertificateSigningRequest object the exam flow creates with kubectl: the person's PKCS#10 request, for
// the signer that issues client certificates the API server accepts, for client auth only.

/** The built-in signer whose certificates kube-apiserver trusts for client authentication. */
export const KUBE_APISERVER_CLIENT_SIGNER = 'kubernetes.io/kube-apiserver-client';
/** The only usage a person's certificate needs (the API's spelling of clientAuth). */
export const CLIENT_AUTH_USAGE = 'client auth';

export interface CsrManifestInput {
  /** The object's name (`kubectl certificate approve NAME`): the person's name, which plan validation allow-lists. */
  name: string;
  csrPem: string;
  /** What the request asks for; kube-controller-manager caps it at --cluster-signing-duration. */
  expirationSeconds: number;
}

export function csrManifest(input: CsrManifestInput): string {
  // spec.request is the PEM's bytes, which YAML carries as base64 on one line.
  const request = Buffer.from(input.csrPem, 'utf8').toString('base64');
  return [
    'apiVersion: certificates.k8s.io/v1',
    'kind: CertificateSigningRequest',
    'metadata:',
    `  name: "${input.name}"`,
    'spec:',
    `  request: ${request}`,
    `  signerName: ${KUBE_APISERVER_CLIENT_SIGNER}`,
    `  expirationSeconds: ${input.expirationSeconds}`,
    '  usages:',
    `  - ${CLIENT_AUTH_USAGE}`,
    '',
  ].join('\n');
}
