// Where a run's self-checks (build.ts) happen: inline for a small run, on worker threads for a large one, where
// they were a third of the main thread's work. Either way every check has passed before a file is moved into place.

import type {KeyObject} from 'node:crypto';
import {availableParallelism} from 'node:os';
import {Worker} from 'node:worker_threads';
import {CertCheckError, selfCheck} from './build.js';

export interface CheckRequest {
  id: number;
  certPem: string;
  issuerPem: string;
  key: KeyObject;
}

export interface CheckAnswer {
  id: number;
  check?: CertCheckError['check'];
  message?: string;
}

export interface CertChecks {
  /** Checks a new certificate against its issuer and its private key; a failure surfaces here or in settled(). */
  check(certPem: string, issuerPem: string, key: KeyObject): void;
  /** Checks handed over and not yet answered. */
  readonly pending: number;
  /** Resolves once `pending` is at most `atMost`; rejects with the first failed check. */
  settled(atMost?: number): Promise<void>;
  close(): Promise<void>;
}

/** A run making at least this many certificates checks them on worker threads (starting one costs ~40 ms). */
export const CHECK_WORKERS_FROM = 256;

export function inlineChecks(): CertChecks {
  return {
    check: (certPem, issuerPem, key) => selfCheck(certPem, issuerPem, key),
    pending: 0,
    settled: async () => {},
    close: async () => {},
  };
}

/** The compiled worker beside this module; tests run this module from src/, where only the build has it. */
const WORKER = import.meta.url.endsWith('.ts') ? new URL('../../dist/x509/check-worker.js', import.meta.url) : new URL('./check-worker.js', import.meta.url);

/** Checks on `count` worker threads (default: one per core but this one, at most four), handed out in turn. */
export function workerChecks(count = Math.max(1, Math.min(availableParallelism() - 1, 4))): CertChecks {
  const workers = Array.from({length: count}, () => new Worker(WORKER));
  let closed = false;
  let next = 0;
  let sent = 0;
  let answered = 0;
  let failure: Error | undefined;
  const waiters: {atMost: number; resolve: () => void; reject: (e: Error) => void}[] = [];
  const wake = () => {
    for (const w of [...waiters]) {
      if (failure) w.reject(failure);
      else if (sent - answered > w.atMost) continue;
      else w.resolve();
      waiters.splice(waiters.indexOf(w), 1);
    }
  };
  const fail = (error: Error) => {
    failure ??= error;
    wake();
  };
  for (const worker of workers) {
    worker.on('message', (a: CheckAnswer) => {
      answered++;
      if (a.check) fail(new CertCheckError(a.check, a.message ?? 'failed'));
      wake();
    });
    worker.on('error', (error) => fail(new Error(`a certificate check thread failed: ${error.message}`)));
    worker.on('exit', (code) => {
      if (code !== 0 && !closed) fail(new Error(`a certificate check thread stopped (exit code ${code})`));
    });
  }
  return {
    check(certPem, issuerPem, key) {
      if (failure) throw failure;
      const request: CheckRequest = {id: sent++, certPem, issuerPem, key};
      workers[next++ % count]!.postMessage(request);
    },
    get pending() {
      return sent - answered;
    },
    settled(atMost = 0) {
      return new Promise<void>((resolve, reject) => {
        waiters.push({atMost, resolve, reject});
        wake();
      });
    },
    async close() {
      closed = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
