// What is already in the output folder, judged before any key is made: authorities and the service-account
// key that are reused (never replaced, by any option), what stops the run whatever the options (an unusable
// CA, a link or FIFO where a file goes), and the other files found, which incremental.ts judges.

import {createPublicKey, X509Certificate} from 'node:crypto';
import {readdir} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import type {FileEntry} from '../pki/layout.js';
import type {CertSpec, PkiModel} from '../pki/model.js';
import {KEY_SHAPES, keyTypeName} from '../plan/types.js';
import {caProblem, EXISTING_MESSAGES as M, fillRule, KEY_TYPE_NAMES, SA_RULES, SIGNING_RSA_BITS} from '../pki/reuse-rules.js';
import {caFacts, keyTypeName as keyTypeOf, publicKeyOf, readablePrivateKey} from '../x509/ca-facts.js';
import {readProfile} from '../x509/profile.js';
import type {CertKeyPair} from './material.js';
import {describeExisting, readExisting, type Existing} from './read-existing.js';

export interface ExistingState {
  /** Leaves, kubeconfigs and the README or installers that exist: judged against the plan by incremental.ts. */
  pending: string[];
  /** The text of every regular file found where the layout puts one. */
  texts: Map<string, string>;
  /** Why the run cannot go on whatever the options: each line names a path. */
  blockers: string[];
  /** Authorities found on disk that sign instead of new ones. */
  reusedCas: Map<string, CertKeyPair & {path: string}>;
  reusedSa?: {privateKeyPem: string; publicKeyPem: string; path: string};
  /** Paths whose file already holds exactly what this run would write: left untouched. */
  unchanged: Set<string>;
}

export interface ExamineOptions {
  now: Date;
  /** Leaf validity, which a reused CA must outlive. */
  leafHours: number;
}

const READ_BATCH = 64;

/** A name as a case-insensitive file system may match it: such a match is opened, never assumed absent. */
const folded = (name: string) => name.normalize('NFC').toLowerCase();

/**
 * Which layout paths may hold something, from one listing per folder: on a fresh 5,000-node run this opens no
 * file at all (an open per path, 30,000 failing, was most of the preparation). A path counts as absent only when
 * its folder's listing has no name equal to it ignoring case; a folder that cannot be listed (not a folder,
 * unreadable) leaves its paths to readExisting, which reports them as before.
 */
function mayExist(out: string): (path: string) => Promise<boolean> {
  const listings = new Map<string, Promise<Set<string> | 'unknown' | 'absent'>>();
  const listing = (dir: string): Promise<Set<string> | 'unknown' | 'absent'> => {
    let known = listings.get(dir);
    if (!known) {
      known = (async () => {
        if (dir !== '.') {
          const parent = await listing(dirname(dir));
          if (parent === 'absent' || (parent !== 'unknown' && !parent.has(folded(basename(dir))))) return 'absent';
        }
        try {
          return new Set((await readdir(join(out, dir))).map(folded));
        } catch {
          return 'unknown';
        }
      })();
      listings.set(dir, known);
    }
    return known;
  };
  return async (path) => {
    const names = await listing(dirname(path));
    return names === 'unknown' || (names !== 'absent' && names.has(folded(basename(path))));
  };
}

async function readAll(out: string, entries: FileEntry[]): Promise<Map<string, Existing>> {
  const found = new Map<string, Existing>();
  const present = mayExist(out);
  const candidates: FileEntry[] = [];
  for (const e of entries) {
    if (await present(e.path)) candidates.push(e);
    else found.set(e.path, {kind: 'absent'});
  }
  for (let i = 0; i < candidates.length; i += READ_BATCH) {
    const batch = candidates.slice(i, i + READ_BATCH);
    const results = await Promise.all(batch.map((e) => readExisting(join(out, e.path))));
    batch.forEach((e, j) => found.set(e.path, results[j]!));
  }
  return new Map(entries.map((e) => [e.path, found.get(e.path)!])); // the layout's order
}

/** "the etcd CA (CN=etcd-ca)": what an existing certificate is, for messages about files we will not replace. */
function whatCertIs(text: string): string {
  try {
    const cert = new X509Certificate(text);
    const cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1] ?? '';
    return `a ${readProfile(text).basicConstraints?.ca ? 'CA' : 'certificate'} with CN=${cn}`;
  } catch {
    return 'something that is not a certificate';
  }
}

export async function examineExisting(out: string, model: PkiModel, entries: FileEntry[], opts: ExamineOptions): Promise<ExistingState> {
  const found = await readAll(out, entries);
  const texts = new Map([...found].flatMap(([path, e]) => (e.kind === 'file' ? [[path, e.text] as const] : [])));
  const state: ExistingState = {pending: [], texts, blockers: [], reusedCas: new Map(), unchanged: new Set()};
  const text = (path: string): string | undefined => {
    const e = found.get(path);
    return e?.kind === 'file' ? e.text : undefined;
  };
  const exists = (path: string) => found.get(path)?.kind !== 'absent';
  const handled = new Set<string>();

  for (const e of entries) {
    const got = found.get(e.path)!;
    if (got.kind === 'absent' || got.kind === 'file') continue;
    state.blockers.push(fillRule(M.special, {path: e.path, what: describeExisting(got)}));
    handled.add(e.path);
  }

  const specs = new Map(model.certs.map((c) => [c.id, c]));
  const keyPaths = new Set(entries.filter((e) => e.source.type === 'key').map((e) => e.path));
  for (const ca of model.certs.filter((c) => c.isCA)) examineAuthority(ca, entries, state, handled, text, exists, opts);

  // Copies of a CA certificate without its key (a worker's ca.crt; etcd/ca.crt under `authorities: single`).
  for (const e of entries) {
    if (e.source.type !== 'cert' || handled.has(e.path) || !exists(e.path)) continue;
    const spec = specs.get(e.source.spec)!;
    if (!spec.isCA || keyPaths.has(e.path.replace(/\.crt$/, '.key'))) continue;
    handled.add(e.path);
    const current = text(e.path)!;
    const reused = state.reusedCas.get(spec.id);
    if (reused && reused.certPem === current) state.unchanged.add(e.path);
    else state.blockers.push(fillRule(M.caCopy, {path: e.path, what: whatCertIs(current), source: reused ? reused.path : `a new ${spec.id}`}));
  }

  examineServiceAccount(entries, state, handled, text, exists);

  for (const e of entries) if (!handled.has(e.path) && exists(e.path)) state.pending.push(e.path);
  return state;
}

function examineAuthority(
  ca: CertSpec,
  entries: FileEntry[],
  state: ExistingState,
  handled: Set<string>,
  text: (path: string) => string | undefined,
  exists: (path: string) => boolean,
  opts: ExamineOptions,
): void {
  const pairs = entries.filter((e) => e.source.type === 'key' && e.source.spec === ca.id).map((e) => e.path.replace(/\.key$/, ''));
  let reused: (CertKeyPair & {path: string}) | undefined;
  for (const stem of pairs) {
    const certPath = `${stem}.crt`;
    const keyPath = `${stem}.key`;
    if (handled.has(certPath) || handled.has(keyPath)) continue; // a link or FIFO: already a blocker
    if (!exists(certPath) && !exists(keyPath)) continue;
    handled.add(certPath).add(keyPath);
    const cert = text(certPath);
    const key = text(keyPath);
    if (cert === undefined || key === undefined) {
      const [missing, present] = cert === undefined ? [certPath, keyPath] : [keyPath, certPath];
      state.blockers.push(fillRule(M.halfCa, {missing, present}));
      continue;
    }
    if (reused) {
      if (reused.certPem !== cert || reused.keyPem !== key) state.blockers.push(fillRule(M.twoCas, {path: certPath, first: reused.path, id: ca.id}));
      else state.unchanged.add(certPath).add(keyPath);
      continue;
    }
    const problem = caProblem(caFacts(cert, key), {now: opts.now, leafHours: opts.leafHours, keyType: keyTypeName(KEY_SHAPES[ca.keyAlgorithm])});
    if (problem) {
      state.blockers.push(fillRule(M.caBlocked, {stem, problem: problem.text}));
      continue;
    }
    reused = {certPem: cert, keyPem: key, path: certPath};
    state.reusedCas.set(ca.id, reused);
    state.unchanged.add(certPath).add(keyPath);
  }
}

function examineServiceAccount(
  entries: FileEntry[],
  state: ExistingState,
  handled: Set<string>,
  text: (path: string) => string | undefined,
  exists: (path: string) => boolean,
): void {
  const keys = entries.filter((e) => e.source.type === 'sa-key');
  const pubs = new Map(entries.filter((e) => e.source.type === 'sa-pub').map((e) => [e.path.replace(/\.pub$/, '.key'), e.path]));
  for (const entry of keys) {
    if (handled.has(entry.path) || !exists(entry.path)) continue;
    handled.add(entry.path);
    const keyText = text(entry.path)!;
    const refuse = (problem: string) => state.blockers.push(fillRule(M.saBlocked, {path: entry.path, problem}));
    const key = readablePrivateKey(keyText);
    if (!key) {
      refuse(SA_RULES.keyReadable);
      continue;
    }
    const keyType = keyTypeOf(key);
    if (!KEY_TYPE_NAMES.includes(keyType)) {
      refuse(fillRule(SA_RULES.keyType, {keyType}));
      continue;
    }
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (keyType === 'rsa' && !SIGNING_RSA_BITS.includes(bits)) {
      refuse(fillRule(SA_RULES.keySize, {rsaBits: String(bits)}));
      continue;
    }
    const publicKeyPem = publicKeyOf(keyText);
    const pubPath = pubs.get(entry.path);
    if (pubPath && exists(pubPath) && !handled.has(pubPath)) {
      handled.add(pubPath);
      const pub = text(pubPath)!;
      let same = false;
      try {
        same = createPublicKey(pub).equals(createPublicKey(publicKeyPem));
      } catch {
        same = false;
      }
      if (!same) {
        refuse(fillRule(SA_RULES.pubMatches, {pub: pubPath}));
        continue;
      }
      state.unchanged.add(pubPath); // the same key, perhaps in another PEM form: left as it is
    }
    if (state.reusedSa) {
      if (state.reusedSa.privateKeyPem !== keyText) state.blockers.push(fillRule(M.twoSa, {path: entry.path, first: state.reusedSa.path}));
      else state.unchanged.add(entry.path);
      continue;
    }
    state.reusedSa = {privateKeyPem: keyText, publicKeyPem, path: entry.path};
    state.unchanged.add(entry.path);
  }
}
