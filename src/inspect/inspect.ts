// The reading layer's entry point: paths (files, folders walked recursively, endpoints) → one InspectReport.
// Files are read safely (no links followed while walking, FIFOs and devices refused, size capped), recognised
// by content, and every key is paired with the certificates of the tree that carry its public key.

import {lstat, readdir, realpath, stat} from 'node:fs/promises';
import {dirname, join, resolve} from 'node:path';
import {describeExisting, readExisting} from '../output/read-existing.js';
import {summariseCertificate} from './certificate.js';
import {kindWords, type InspectContext} from './context.js';
import {summariseCsr} from './csr.js';
import {badPort, inspectEndpoint, parseEndpoint} from './endpoint.js';
import {summariseKey} from './key.js';
import {summariseKubeconfig} from './kubeconfig.js';
import {summariseKubeletConfig, summariseManifest} from './manifest.js';
import {resolveNodePath} from './node-paths.js';
import {kindByName, recognise} from './recognise.js';
import type {FileKind, FileRef, FileReport, InputProblem, InspectReport, KeySummary, Location} from './report.js';
import {shellWord} from './certificate.js';
import {forEachKey, visitReport} from './walk-report.js';

export interface InspectOptions {
  /** Maps node paths (/etc/kubernetes/…) named in manifests and kubeconfigs into this folder. */
  root?: string;
  /** The moment time left is measured from; default now. */
  now?: Date;
  /** For endpoints: the name to ask for and check (default: the host dialled). */
  servername?: string;
  /** For endpoints: PEM text of the CA(s) to verify the presented chain against. */
  caPem?: string;
  timeoutMs?: number;
}

/** A folder walk stops here: inspect is for PKI trees, not for whole disks. */
export const MAX_FILES = 10_000;
/** References are followed this deep (a manifest → its kubeconfig → the kubeconfig's certificate file). */
const MAX_REF_DEPTH = 2;

const modeText = (mode: number) => (mode & 0o7777).toString(8).padStart(4, '0');

class Reader {
  private readonly cache = new Map<string, Promise<FileReport>>();
  constructor(private readonly opts: InspectOptions & {now: Date}) {}

  /** The report of one file (cached per depth, so a reference cycle cannot wait on itself). */
  file(path: string, shown: string, depth = 0): Promise<FileReport> {
    const key = `${depth}\u0000${path}`;
    let report = this.cache.get(key);
    if (!report) {
      report = this.read(path, shown, depth);
      this.cache.set(key, report);
    }
    return report;
  }

  private context(depth: number): InspectContext {
    return {
      now: this.opts.now,
      ref: (value, from, expects) => this.ref(value, from, expects, depth + 1),
    };
  }

  private async ref(value: string, from: string, expects: FileKind | readonly FileKind[] | undefined, depth: number): Promise<FileRef> {
    const resolved = await resolveNodePath(value, from, this.opts.root);
    const ref: FileRef = {value, ...resolved};
    if (!resolved.found) {
      ref.problem = 'missing';
      return ref;
    }
    if (depth > MAX_REF_DEPTH) return ref;
    // A reference may be a link (kubelet-client-current.pem is one): follow it to its target, then read safely.
    const target = await realpath(resolved.resolvedPath).catch(() => resolved.resolvedPath);
    ref.file = await this.file(target, resolved.resolvedPath, depth);
    const wanted = expects === undefined ? [] : typeof expects === 'string' ? [expects] : expects;
    const holdsKey = ref.file.kind === 'certificate' && ref.file.key !== undefined && wanted.includes('private-key');
    if (wanted.length > 0 && !wanted.includes(ref.file.kind) && !holdsKey) ref.problem = `expected ${kindWords(wanted[0]!)}, found ${kindWords(ref.file.kind)}`;
    return ref;
  }

  private async read(path: string, shown: string, depth: number): Promise<FileReport> {
    const base = {path: shown};
    const existing = await readExisting(path);
    if (existing.kind === 'absent') return {...base, kind: 'unreadable', problem: 'missing'};
    if (existing.kind !== 'file') return {...base, kind: 'unreadable', problem: describeExisting(existing)};
    const mode = await lstat(path).then((st) => modeText(st.mode), () => undefined);
    const nameSays = kindByName(shown);
    let report: FileReport;
    try {
      report = await this.describe(existing.bytes, existing.text, shown, path, depth);
    } catch (error) {
      report = {...base, kind: 'unreadable', problem: `not readable as what it looks like: ${(error as Error).message.split('\n')[0]}`};
    }
    if (mode !== undefined) report.mode = mode;
    if (nameSays !== undefined) {
      report.nameSays = nameSays;
      // A `.conf` that is not YAML says little; a `.crt` or `.key` that holds something else is worth a warning.
      const pemName = nameSays !== 'kubeconfig';
      report.nameLies = report.kind !== nameSays && report.kind !== 'unreadable' && (report.kind !== 'unknown' || pemName);
    }
    return report;
  }

  private async describe(bytes: Buffer, text: string, shown: string, path: string, depth: number): Promise<FileReport> {
    const content = recognise(bytes, text);
    const ctx = this.context(depth);
    const base = {path: shown};
    switch (content.kind) {
      case 'certificate':
        return {
          ...base, kind: 'certificate', format: content.format, otherBlocks: content.otherBlocks,
          certificates: content.certificates.map((c, index) =>
            summariseCertificate(c, {now: this.opts.now, path: shown, source: {file: shown, der: content.format === 'der', index}})),
          ...(content.key ? {key: summariseKey(content.key, shown)} : {}),
        };
      case 'csr':
        return {...base, kind: 'csr', format: content.format,
          csr: summariseCsr(content.der, `openssl req -in ${shellWord(shown)}${content.format === 'der' ? ' -inform DER' : ''} -noout -text`, shown)};
      case 'private-key':
      case 'public-key':
        return {...base, kind: content.kind, format: content.format, key: summariseKey(content.key, shown, content.format === 'der')};
      case 'kubeconfig':
        return {...base, kind: 'kubeconfig', kubeconfig: await summariseKubeconfig(content.doc, path, ctx)};
      case 'manifest':
        return {...base, kind: 'manifest', manifest: await summariseManifest(content.doc, path, ctx)};
      case 'kubelet-config':
        return {...base, kind: 'kubelet-config', manifest: await summariseKubeletConfig(content.doc, path, ctx)};
      case 'unknown':
        return {...base, kind: 'unknown', note: content.note};
    }
  }
}

/** Every regular file below `dir` in name order; links are listed as they are, never followed. */
async function walk(dir: string, shown: string, out: {path: string; shown: string}[], problems: InputProblem[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, {withFileTypes: true});
  } catch (error) {
    problems.push({path: shown, problem: `cannot list the folder (${(error as NodeJS.ErrnoException).code ?? 'EIO'})`});
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (out.length >= MAX_FILES) return;
    const path = join(dir, e.name);
    const display = join(shown, e.name);
    if (e.isDirectory()) await walk(path, display, out, problems);
    else out.push({path, shown: display});
  }
}

/** Reads every path (file, folder or `https://HOST:PORT` / `HOST:PORT`) into one report. */
export async function inspectPaths(paths: readonly string[], options: InspectOptions = {}): Promise<InspectReport> {
  const now = options.now ?? new Date();
  const reader = new Reader({...options, now});
  const report: InspectReport = {at: now.toISOString(), files: [], endpoints: [], problems: []};
  if (options.root !== undefined) report.root = options.root;
  const files: {path: string; shown: string}[] = [];
  for (const arg of paths) {
    const st = await stat(arg).catch((error: NodeJS.ErrnoException) => error);
    if (st instanceof Error) {
      const endpoint = parseEndpoint(arg);
      if (endpoint && st.code === 'ENOENT') {
        report.endpoints.push(await inspectEndpoint(arg, endpoint, {now, servername: options.servername, caPem: options.caPem, timeoutMs: options.timeoutMs}));
      } else if (st.code === 'ENOENT' && badPort(arg)) {
        report.problems.push({path: arg, problem: 'not a file, and not an endpoint either: a port is 1 to 65535'});
      } else report.problems.push({path: arg, problem: st.code === 'ENOENT' ? 'no such file or folder' : `cannot read it (${st.code ?? 'EIO'})`});
      continue;
    }
    if (st.isDirectory()) {
      await walk(arg, arg, files, report.problems);
      continue;
    }
    // A path the user names may be a link (kubelet-client-current.pem is one): read its target.
    files.push({path: await realpath(arg), shown: arg});
  }
  for (const f of files) {
    const fileReport = await reader.file(resolve(f.path), f.shown);
    if (fileReport.kind === 'unreadable' && paths.includes(f.shown)) report.problems.push({path: f.shown, problem: fileReport.problem});
    report.files.push(fileReport);
  }
  pairKeys(report);
  await pairWithSiblings(report, reader);
  return report;
}

/** A key read on its own is paired with the certificates in its folder (kubeadm keeps X.key beside X.crt). */
async function pairWithSiblings(report: InspectReport, reader: Reader): Promise<void> {
  const lonely = report.files.filter((f): f is FileReport & {kind: 'private-key' | 'public-key'} =>
    (f.kind === 'private-key' || f.kind === 'public-key') && f.key.matches.length === 0 && f.key.publicKeySha256 !== undefined);
  for (const dir of new Set(lonely.map((f) => dirname(f.path)))) {
    const names = await readdir(dir, {withFileTypes: true}).catch(() => []);
    const near: InspectReport = {at: report.at, files: [], endpoints: [], problems: []};
    for (const e of names) if (e.isFile()) near.files.push(await reader.file(resolve(dir, e.name), join(dir, e.name)));
    near.files.push(...lonely.filter((f) => dirname(f.path) === dir));
    pairKeys(near);
  }
}

const KEY_ROLES = new Set(['its private key', 'its public key']);

/** Fills each key's `matches`: the certificates anywhere in the report that carry its public key, and the key
 *  files holding the other half of the pair (sa.key ↔ sa.pub). */
function pairKeys(report: InspectReport): void {
  type Match = KeySummary['matches'][number];
  const byHash = new Map<string, Match[]>();
  const seen = new Set<string>();
  const add = (hash: string | undefined, at: Location, role: string) => {
    const id = `${at.path}\u0000${at.index ?? 0}\u0000${at.field ?? ''}`;
    if (hash === undefined || seen.has(id)) return;
    seen.add(id);
    byHash.set(hash, [...(byHash.get(hash) ?? []), {...at, role}]);
  };
  visitReport(report, {
    certificate: (cert, at) => add(cert.key.publicKeySha256, at, cert.role.text),
    key: (key, at) => add(key.publicKeySha256, at, key.type === 'private' ? 'its private key' : 'its public key'),
  });
  forEachKey(report, (key, at) => {
    if (key.publicKeySha256 === undefined) return;
    // Every certificate with this public key, and the other half of a bare key pair; never the key itself.
    const own = key.type === 'private' ? 'its private key' : 'its public key';
    key.matches = (byHash.get(key.publicKeySha256) ?? []).filter((m) => m.role !== own && !(m.path === at.path && m.field === at.field && KEY_ROLES.has(m.role)));
  });
}
