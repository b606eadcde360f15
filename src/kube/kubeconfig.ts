// kubeconfig files in kubeadm's shape (cluster = clusterName, user = CN, context USER@CLUSTER, data embedded).
// One fixed template, so the openssl script's heredoc writes byte-identical files around its own base64.

import type {KubeconfigSpec} from '../pki/model.js';

export interface KubeconfigData {
  /** Base64 of the PEM files, on one line each (as `openssl base64 -A` prints them). */
  caData: string;
  certData: string;
  keyData: string;
}

/** The kubeconfig text; `data` fields are inserted verbatim (the script passes shell expansions). */
export function kubeconfigTemplate(spec: KubeconfigSpec, data: KubeconfigData): string {
  // Names are allow-listed by plan validation (no quotes, backslashes or `$`), so double quotes are safe YAML.
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- cluster:',
    `    certificate-authority-data: ${data.caData}`,
    `    server: ${spec.server}`,
    `  name: "${spec.clusterName}"`,
    'contexts:',
    '- context:',
    `    cluster: "${spec.clusterName}"`,
    `    user: "${spec.userName}"`,
    `  name: "${spec.contextName}"`,
    `current-context: "${spec.contextName}"`,
    'preferences: {}',
    'users:',
    `- name: "${spec.userName}"`,
    '  user:',
    `    client-certificate-data: ${data.certData}`,
    `    client-key-data: ${data.keyData}`,
    '',
  ].join('\n');
}

const b64 = (pem: string): string => Buffer.from(pem, 'utf8').toString('base64');

export function renderKubeconfig(spec: KubeconfigSpec, pems: {caPem: string; certPem: string; keyPem: string}): string {
  return kubeconfigTemplate(spec, {caData: b64(pems.caPem), certData: b64(pems.certPem), keyData: b64(pems.keyPem)});
}

/** The PEM a kubeconfig in kubepki's shape embeds as `field` (base64 on one line, as the script's kubeconfig_data reads it). */
export function embeddedPem(text: string, field: 'certificate-authority-data' | 'client-certificate-data' | 'client-key-data'): string | undefined {
  const prefix = `    ${field}: `;
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  const data = line?.slice(prefix.length);
  if (!data || !/^[A-Za-z0-9+/=]+$/.test(data)) return undefined;
  return Buffer.from(data, 'base64').toString('utf8');
}

/** The keys whose lines differ between the kubeconfig this run would write and the one on disk (`server`, `user`…);
 *  the script's kubeconfig_keys says the same. */
export function kubeconfigDifferences(expected: string, actual: string): string[] {
  const a = expected.replace(/\n$/, '').split('\n');
  const b = actual.replace(/\n$/, '').split('\n');
  const keys = new Set<string>();
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    keys.add((a[i] || b[i] || '').replace(/^[- ]*/, '').split(':')[0]!);
  }
  return [...keys];
}
