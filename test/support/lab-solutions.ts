// A learner's correct solution of a lab, done with real openssl in the lab folder, and the lab work the
// practice runners get in tests (the same making and grading as the CLI, keys from the pool).

import {readFile, writeFile} from 'node:fs/promises';
import {join, resolve} from 'node:path';
import {execa} from 'execa';
import type {LabWork} from '../../src/practice/home-state.js';
import {checkLab, makeLab} from '../../src/practice/labs/run.js';
import {TASK_FILE} from '../../src/practice/labs/tree.js';
import {poolKeys} from './key-pool.js';

const PKI = 'etc/kubernetes/pki';

/** The kubelet-client-cert lab done right: an EC key, a CSR for system:node:node01 in system:nodes, signed by the
 *  cluster CA as a client certificate. */
export async function solveKubeletClient(dir: string): Promise<void> {
  const ossl = (...args: string[]) => execa('openssl', args, {cwd: dir});
  await ossl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'node01.key');
  await ossl('req', '-new', '-key', 'node01.key', '-subj', '/CN=system:node:node01/O=system:nodes', '-out', 'node01.csr');
  await writeFile(join(dir, 'ext.cnf'), '[v3]\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n');
  await ossl('x509', '-req', '-in', 'node01.csr', '-CA', `${PKI}/ca.crt`, '-CAkey', `${PKI}/ca.key`, '-CAcreateserial', '-days', '365',
    '-extfile', 'ext.cnf', '-extensions', 'v3', '-out', 'node01.crt');
}

/** Lab work for a runner under test: folders relative to `root`, the suggestion `root/ID-tag`. */
export function testLabWork(root: string, tag: string): LabWork {
  return {
    make: async (id, dir) => {
      await makeLab(id, dir, {keys: poolKeys});
      return readFile(join(dir, TASK_FILE), 'utf8');
    },
    check: (id, dir) => checkLab(id, dir),
    suggest: (id) => join(root, `${id}-${tag}`),
    resolve: (folder) => resolve(root, folder),
  };
}
