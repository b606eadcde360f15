// The question bank: every topic's questions in one list, in the order topics are taught.

import {CSR_KUBECONFIG} from './csr-kubeconfig.js';
import {FILES_FLAGS} from './files-flags.js';
import {IDENTITIES} from './identities.js';
import {INSPECT} from './inspect.js';
import {RBAC} from './rbac.js';
import {SANS} from './sans.js';
import {TLS_BASICS} from './tls-basics.js';
import {TROUBLESHOOTING} from './troubleshooting.js';
import type {Question} from '../types.js';

export const BANK: readonly Question[] = [...TLS_BASICS, ...IDENTITIES, ...SANS, ...FILES_FLAGS, ...INSPECT, ...CSR_KUBECONFIG, ...RBAC, ...TROUBLESHOOTING];
