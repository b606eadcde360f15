// The two ways to a PKI, side by side behind one interface: native (node:crypto keys, certificates built in
// process) and openssl (the emitted script run with real openssl). Both prepare and refuse alike (prepare.ts).

import type {Backend} from './events.js';
import {generateNative} from './native.js';
import {generateWithOpenssl} from './openssl.js';

export type BackendName = 'native' | 'openssl';

export const BACKENDS: Readonly<Record<BackendName, Backend>> = {native: generateNative, openssl: generateWithOpenssl};

export const isBackendName = (name: string): name is BackendName => Object.hasOwn(BACKENDS, name);
