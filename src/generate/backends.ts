// The two ways to a PKI, side by side behind one interface: native (node:crypto keys, certificates built in
// process) and openssl (the emitted script run with real openssl). Both prepare and refuse alike (prepare.ts).
// Each is loaded only when chosen: the openssl backend's process runner costs a native run start-up time.

import type {Backend} from './events.js';

export type BackendName = 'native' | 'openssl';

export const BACKENDS: Readonly<Record<BackendName, () => Promise<Backend>>> = {
  native: async () => (await import('./native.js')).generateNative,
  openssl: async () => (await import('./openssl.js')).generateWithOpenssl,
};

export const isBackendName = (name: string): name is BackendName => Object.hasOwn(BACKENDS, name);
