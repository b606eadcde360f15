// Grading a learner's kubeconfig: it parses, its current context names a cluster at the lab's server that
// trusts the lab CA, and a user whose certificate and key are the ones the task asked for.

import {X509Certificate} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {isAbsolute, join} from 'node:path';
import {parse as parseYaml} from 'yaml';
import {certMatchesKey} from '../../x509/profile.js';
import {item} from './grade.js';
import type {CheckItem} from './types.js';

interface Kubeconfig {
  'current-context'?: string;
  contexts?: {name: string; context?: {cluster?: string; user?: string}}[];
  clusters?: {name: string; cluster?: Record<string, string>}[];
  users?: {name: string; user?: Record<string, string>}[];
}

/** Embedded data or a file the kubeconfig names (relative to the kubeconfig's folder, as kubectl resolves it). */
async function material(dir: string, entry: Record<string, string> | undefined, field: string): Promise<string | undefined> {
  const data = entry?.[`${field}-data`];
  if (data) return Buffer.from(data, 'base64').toString('utf8');
  const path = entry?.[field];
  if (!path) return undefined;
  return readFile(isAbsolute(path) ? path : join(dir, path), 'utf8').catch(() => undefined);
}

export async function gradeKubeconfig(dir: string, file: string, want: {server: string; caFile: string; certFile: string; keyFile: string; user: string}): Promise<CheckItem[]> {
  const id = file;
  const raw = await readFile(join(dir, file), 'utf8').catch(() => undefined);
  if (raw === undefined) return [item(`${id}:exists`, false, `${file} is missing`)];
  let doc: Kubeconfig;
  try {
    doc = (parseYaml(raw) ?? {}) as Kubeconfig;
  } catch (error) {
    return [item(`${id}:exists`, false, `${file} is not YAML: ${(error as Error).message.split('\n')[0]}`)];
  }
  const items: CheckItem[] = [];
  const ctx = doc.contexts?.find((c) => c.name === doc['current-context']);
  if (!ctx) return [item(`${id}:context`, false, `${file} has no current-context naming one of its contexts: kubectl config use-context NAME --kubeconfig ${file}`)];
  items.push(item(`${id}:context`, true, `current context ${ctx.name}`));
  const cluster = doc.clusters?.find((c) => c.name === ctx.context?.cluster)?.cluster;
  const user = doc.users?.find((u) => u.name === ctx.context?.user)?.user;
  items.push(cluster?.server === want.server ? item(`${id}:server`, true, `server ${want.server}`)
    : item(`${id}:server`, false, `the cluster’s server must be ${want.server}, found ${cluster?.server ?? 'none'}`));
  const ca = await material(dir, cluster, 'certificate-authority');
  const labCa = await readFile(join(dir, want.caFile), 'utf8');
  items.push(ca && same(ca, labCa) ? item(`${id}:ca`, true, `trusts ${want.caFile}`)
    : item(`${id}:ca`, false, `the cluster must trust ${want.caFile} (certificate-authority-data, or --certificate-authority with --embed-certs)`));
  const cert = await material(dir, user, 'client-certificate');
  const wanted = await readFile(join(dir, want.certFile), 'utf8').catch(() => undefined);
  items.push(cert && wanted && same(cert, wanted) ? item(`${id}:cert`, true, `user ${ctx.context?.user} presents ${want.certFile}`)
    : item(`${id}:cert`, false, `the user must present ${want.certFile} (kubectl config set-credentials ${want.user} --client-certificate=${want.certFile} --client-key=${want.keyFile} --embed-certs)`));
  const key = await material(dir, user, 'client-key');
  let keyOk = false;
  try {
    keyOk = Boolean(cert && key && certMatchesKey(cert, key));
  } catch {
    keyOk = false;
  }
  items.push(keyOk ? item(`${id}:key`, true, 'the client key matches the certificate')
    : item(`${id}:key`, false, `the user’s client key must be ${want.keyFile}, the key of the certificate`));
  return items;
}

function same(a: string, b: string): boolean {
  try {
    return new X509Certificate(a).fingerprint256 === new X509Certificate(b).fingerprint256;
  } catch {
    return false;
  }
}
