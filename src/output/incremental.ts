// Re-running `generate` on a folder that already holds a PKI: per certificate, keep it (it matches its spec and is
// not about to expire), create it, or re-issue it (with the reasons); per file, keep it, write it, or call it a
// conflict. Read-only and made before any key exists, so the wizard can show it and both backends apply it.

import {join} from 'node:path';
import {embeddedPem, kubeconfigDifferences, renderKubeconfig} from '../kube/kubeconfig.js';
import {conformance, FILE_WORDS, GENERATED_MARK} from '../pki/conformance.js';
import {layoutFiles, primaryPaths, type FileEntry} from '../pki/layout.js';
import {specById, type CertSpec, type KubeconfigSpec, type PkiModel} from '../pki/model.js';
import {resolve} from '../pki/resolve.js';
import {fillRule} from '../pki/reuse-rules.js';
import type {Plan} from '../plan/types.js';
import {examineExisting, type ExistingState} from './existing.js';
import type {CertKeyPair} from './material.js';
import {fixedContent} from './render.js';

/** `reused`/`new` for authorities (never replaced); the rest for leaves. */
export type CertStatus = 'reused' | 'new' | 'kept' | 'created' | 'reissue';

export interface CertDecision {
  id: string;
  /** Where the certificate shows up first (its .crt, or the kubeconfig embedding it). */
  path: string;
  status: CertStatus;
  /** For `reissue`: only because of time, so no --force is needed. */
  renewal: boolean;
  reasons: string[];
  /** The pair on disk, for kept leaves. */
  kept?: CertKeyPair;
}

export type FileStatus = 'kept' | 'write' | 'conflict';

export interface FileDecision {
  path: string;
  status: FileStatus;
  reasons: string[];
}

export interface Incremental {
  existing: ExistingState;
  certs: CertDecision[];
  /** Files that exist (kept, written over, or in conflict); absent ones are simply written. */
  files: FileDecision[];
}


export interface JudgeOptions {
  now: Date;
  /** Leaf validity, which a reused CA must outlive. */
  leafHours: number;
  warnDays?: number;
}

/** Where each leaf is read from: its first key pair, or else the kubeconfig that embeds it. */
function sourceOf(entries: FileEntry[], model: PkiModel): Map<string, {stem: string} | {kubeconfig: string}> {
  const out = new Map<string, {stem: string} | {kubeconfig: string}>();
  for (const e of entries) {
    if (e.source.type === 'key' && !out.has(e.source.spec)) out.set(e.source.spec, {stem: e.path.replace(/\.key$/, '')});
  }
  const certOf = new Map(model.kubeconfigs.map((k) => [k.id, k.cert]));
  for (const e of entries) {
    if (e.source.type !== 'kubeconfig') continue;
    const cert = certOf.get(e.source.kubeconfig)!;
    if (!out.has(cert)) out.set(cert, {kubeconfig: e.path});
  }
  return out;
}

function judgeLeaf(spec: CertSpec, model: PkiModel, existing: ExistingState, source: {stem: string} | {kubeconfig: string} | undefined, opts: JudgeOptions): Omit<CertDecision, 'id' | 'path'> {
  const text = (p: string) => existing.texts.get(p);
  let found: {certPem?: string; keyPem?: string} = {};
  if (source && 'stem' in source) {
    const certPem = text(`${source.stem}.crt`);
    const keyPem = text(`${source.stem}.key`);
    found = {...(certPem === undefined ? {} : {certPem}), ...(keyPem === undefined ? {} : {keyPem})};
  } else if (source) {
    const kc = text(source.kubeconfig);
    if (kc !== undefined) {
      const keyPem = embeddedPem(kc, 'client-key-data');
      found = {certPem: embeddedPem(kc, 'client-certificate-data') ?? '', ...(keyPem === undefined ? {} : {keyPem})};
    }
  }
  const verdict = conformance({
    spec, issuer: specById(model, spec.signer), authorityPem: existing.reusedCas.get(spec.signer)?.certPem, existing: found,
    now: opts.now, ...(opts.warnDays === undefined ? {} : {warnDays: opts.warnDays}),
  });
  const reasons = verdict.differences.map((d) => d.text);
  if (verdict.status === 'keep') return {status: 'kept', renewal: false, reasons, kept: {certPem: found.certPem!, keyPem: found.keyPem!}};
  return {status: verdict.status === 'create' ? 'created' : 'reissue', renewal: verdict.renewal, reasons};
}

/** Every decision for `model` over the files in `out`: read-only, before any key exists. */
export async function judgeExisting(out: string, model: PkiModel, entries: FileEntry[], opts: JudgeOptions): Promise<Incremental> {
  const existing = await examineExisting(out, model, entries, opts);
  const paths = primaryPaths(model, entries);
  const sources = sourceOf(entries, model);
  const certs: CertDecision[] = model.certs.map((spec) => {
    const head = {id: spec.id, path: paths.get(spec.id) ?? spec.id};
    if (spec.isCA) return {...head, status: existing.reusedCas.has(spec.id) ? 'reused' : 'new', renewal: false, reasons: []};
    return {...head, ...judgeLeaf(spec, model, existing, sources.get(spec.id), opts)};
  });
  const byId = new Map(certs.map((c) => [c.id, c]));
  // Only files already there are compared, so the plan's configs are rendered here just for those.
  const fixed = (entry: FileEntry) => fixedContent(model, entries, entry);
  const kubeconfigs = new Map(model.kubeconfigs.map((k) => [k.id, k]));
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const files = existing.pending.map((path): FileDecision => {
    const entry = byPath.get(path)!;
    return {path, ...judgeFile(entry, existing.texts.get(path)!, byId, fixed, kubeconfigs, existing)};
  });
  return {existing, certs, files};
}

function judgeFile(
  entry: FileEntry,
  actual: string,
  certs: Map<string, CertDecision>,
  fixed: (entry: FileEntry) => string | undefined,
  kubeconfigs: Map<string, KubeconfigSpec>,
  existing: ExistingState,
): Omit<FileDecision, 'path'> {
  const s = entry.source;
  const follows: Omit<FileDecision, 'path'> = {status: 'write', reasons: [FILE_WORDS.follows]};
  switch (s.type) {
    case 'cert':
    case 'key': {
      const cert = certs.get(s.spec)!;
      if (!cert.kept) return follows;
      const want = s.type === 'cert' ? cert.kept.certPem : cert.kept.keyPem;
      return want === actual ? {status: 'kept', reasons: []} : {status: 'conflict', reasons: [fillRule(FILE_WORDS.copyDiffers, {source: cert.path})]};
    }
    case 'kubeconfig': {
      const kc = kubeconfigs.get(s.kubeconfig)!;
      const cert = certs.get(kc.cert)!;
      const ca = existing.reusedCas.get(kc.authority);
      if (!cert.kept || !ca) return follows;
      const want = renderKubeconfig(kc, {caPem: ca.certPem, certPem: cert.kept.certPem, keyPem: cert.kept.keyPem});
      if (want === actual) return {status: 'kept', reasons: []};
      return {status: 'conflict', reasons: [fillRule(FILE_WORDS.kubeconfig, {keys: kubeconfigDifferences(want, actual).join(', ')})]};
    }
    default: {
      // The README and installers follow the plan: refreshed when kubepki wrote them, a conflict otherwise.
      if (fixed(entry) === actual) return {status: 'kept', reasons: []};
      return actual.slice(0, GENERATED_MARK.within).toLowerCase().includes(GENERATED_MARK.text) ? {status: 'write', reasons: []} : {status: 'conflict', reasons: [FILE_WORDS.notOurs]};
    }
  }
}

/** What a run would need --force for: one line per file, naming each difference. */
export function refusals(judged: Incremental): string[] {
  const certs = judged.certs.filter((c) => c.status === 'reissue' && !c.renewal).map((c) => `${c.path}: ${c.reasons.join('; ')}`);
  const files = judged.files.filter((f) => f.status === 'conflict').map((f) => `${f.path}: ${f.reasons.join('; ')}`);
  return [...certs, ...files];
}

/**
 * The preview of a run on `dir`: what it would keep, create and re-issue (and why), without a lock or a key.
 * For the wizard's Build on an existing folder; `generate` makes the same decisions under its lock.
 */
export async function incrementalPlan(plan: Plan, dir: string, now = new Date()): Promise<Incremental> {
  const model = resolve(plan);
  const leafHours = Math.max(0, ...model.certs.filter((c) => !c.isCA).map((c) => c.validityHours));
  return judgeExisting(join(dir), model, layoutFiles(model), {now, leafHours});
}
