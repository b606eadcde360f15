// Key pairs from node:crypto's async generateKeyPair, which runs on libuv's thread pool, so parallel calls
// spread over cores. RSA keys are PKCS#1 and EC keys SEC1, the PEM forms kubeadm (Go's keyutil) writes.

import {generateKeyPair, type KeyObject} from 'node:crypto';
import {availableParallelism} from 'node:os';
import {KEY_SHAPES, type KeyAlgorithm, type KeyShape} from '../plan/types.js';
import {derToPem, toLf} from './pem.js';
import {spkiDer} from './spki.js';

export type RsaBits = 2048 | 3072 | 4096;

export interface KeyMaterial {
  /** PKCS#1 `RSA PRIVATE KEY` or SEC1 `EC PRIVATE KEY`, as kubeadm writes them; LF line endings. */
  privateKeyPem: string;
  /** SPKI `PUBLIC KEY`; LF line endings. */
  publicKeyPem: string;
  /** The key as node:crypto made it, when it was made in this run: decoding the PEM again costs OpenSSL 3 about
   *  0.7 ms per key, exporting it 0.1 ms. */
  privateKey?: KeyObject;
}

export interface KeyRequest {
  id: string;
  alg: KeyAlgorithm;
}

export interface GenerateKeysOptions {
  /** Keys generated at once; default os.availableParallelism(), capped at the libuv pool size. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Called as each key is ready (progress display); a throw here fails the whole run. */
  onKey?: (id: string) => void;
}


/** Where a run's keys come from: node:crypto by default; tests hand in keys made once for the whole suite. */
export type KeySource = (requests: readonly KeyRequest[], opts?: GenerateKeysOptions) => Promise<Map<string, KeyMaterial>>;

export function generateRsaKey(bits: RsaBits): Promise<KeyMaterial> {
  if (bits !== 2048 && bits !== 3072 && bits !== 4096) {
    return Promise.reject(new RangeError(`RSA key size must be 2048, 3072 or 4096, not ${String(bits)}`));
  }
  return generateKey({type: 'rsa', bits});
}

/** One key of `shape`: RSA with e = 65537, or EC on the named curve (written with the curve's OID, as Go does). */
export function generateKey(shape: KeyShape): Promise<KeyMaterial> {
  const done = (resolve: (k: KeyMaterial) => void, reject: (e: unknown) => void) => (err: Error | null, publicKey: KeyObject, privateKey: KeyObject) => {
    if (err) return reject(err);
    try {
      resolve({
        privateKeyPem: toLf(String(privateKey.export({type: shape.type === 'ec' ? 'sec1' : 'pkcs1', format: 'pem'}))),
        publicKeyPem: derToPem(spkiDer(publicKey), 'PUBLIC KEY'),
        privateKey,
      });
    } catch (error) {
      reject(error);
    }
  };
  return new Promise((resolve, reject) => {
    if (shape.type === 'ec') generateKeyPair('ec', {namedCurve: shape.curve}, done(resolve, reject));
    else generateKeyPair('rsa', {modulusLength: shape.bits, publicExponent: 0x10001}, done(resolve, reject));
  });
}

/** Threads in libuv's pool: read once at pool start-up from UV_THREADPOOL_SIZE (libuv default 4, max 1024). */
export function threadPoolSize(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.UV_THREADPOOL_SIZE);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, 1024) : 4;
}

/**
 * Generates one key per request with at most `concurrency` in flight; the map follows request order.
 * More jobs in flight than pool threads would only queue inside libuv, where an abort cannot reach
 * them, so the effective concurrency is also capped at the pool size: nothing needs
 * UV_THREADPOOL_SIZE raised to work, raising it only adds throughput on machines with > 4 cores.
 */
export async function generateKeys(
  requests: readonly KeyRequest[],
  opts: GenerateKeysOptions = {},
): Promise<Map<string, KeyMaterial>> {
  const {signal, onKey} = opts;
  const wanted = opts.concurrency ?? availableParallelism();
  if (!Number.isInteger(wanted) || wanted < 1) throw new RangeError(`concurrency must be a positive integer, not ${wanted}`);
  const ids = new Set<string>();
  for (const r of requests) {
    if (ids.has(r.id)) throw new Error(`duplicate key id ${JSON.stringify(r.id)}`);
    ids.add(r.id);
    if (KEY_SHAPES[r.alg] === undefined) throw new RangeError(`unsupported key algorithm ${JSON.stringify(r.alg)}`); // before any work starts
  }
  signal?.throwIfAborted();

  const done = new Map<string, KeyMaterial>();
  let next = 0;
  let stopped = false;
  // `stopped` covers a failed sibling; the signal is checked too because an abort inside onKey
  // fires before the race below has settled.
  const halted = () => stopped || signal?.aborted === true;
  const worker = async (): Promise<void> => {
    while (!halted() && next < requests.length) {
      const req = requests[next++]!;
      const key = await generateKey(KEY_SHAPES[req.alg]);
      if (halted()) return; // aborted or failed while this key was being made: drop it
      done.set(req.id, key);
      onKey?.(req.id);
    }
  };
  const lanes = Math.min(wanted, threadPoolSize(), requests.length);
  const all = Promise.all(Array.from({length: lanes}, worker));
  try {
    await (signal ? raceAbort(all, signal) : all);
  } finally {
    stopped = true;
  }
  return new Map(requests.map((r) => [r.id, done.get(r.id)!]));
}

/** Rejects with the signal's reason as soon as it fires; jobs already in libuv finish unobserved. */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, {once: true});
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
