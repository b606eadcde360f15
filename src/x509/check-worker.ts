// Worker thread entry: runs build.ts's selfCheck on the certificates a large run hands over, so OpenSSL's parsing
// and verification use another core while the main thread builds and writes.

import {parentPort} from 'node:worker_threads';
import {CertCheckError, selfCheck} from './build.js';
import type {CheckAnswer, CheckRequest} from './check-pool.js';

parentPort!.on('message', ({id, certPem, issuerPem, key}: CheckRequest) => {
  let answer: CheckAnswer = {id};
  try {
    selfCheck(certPem, issuerPem, key);
  } catch (error) {
    answer = {id, check: error instanceof CertCheckError ? error.check : 'parse', message: (error as Error).message};
  }
  parentPort!.postMessage(answer);
});
