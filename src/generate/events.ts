// What both backends take and give: options, progress events and results, so the CLI, the wizard and --json
// drive and show them alike.

import type {FileSource} from '../pki/layout.js';
import type {Plan} from '../plan/types.js';
import type {KeySource} from '../x509/keys.js';

export type ProgressEvent =
  | {type: 'keys'; total: number}
  | {type: 'key'; id: string; done: number; total: number}
  | {type: 'cert'; id: string; path: string; status: CertEventStatus; subject: string; signer: string; reasons?: string[]}
  | {type: 'written'; count: number; out: string};

/** An authority found on disk is `reused`; a leaf that matches its spec is `kept`; one that did not is `reissued`. */
export type CertEventStatus = 'created' | 'reused' | 'kept' | 'reissued';

export interface WrittenFile {
  path: string;
  mode: number;
  kind: FileSource['type'];
}

export interface GenerateResult {
  out: string;
  mode: 'native' | 'openssl';
  files: WrittenFile[];
  /** Spec ids of the authorities (and `sa`) found on disk and reused. */
  reused: string[];
  /** What happened to each certificate, and why when it was re-issued. */
  certificates: {id: string; path: string; status: CertEventStatus; reasons?: string[]}[];
}

/** A refusal or failure with a list of details (existing files, unusable CAs). */
export class GenerateError extends Error {
  override name = 'GenerateError';
  constructor(message: string, readonly details: string[] = [], readonly hint?: string) {
    super(message);
  }
}

export {subjectText} from '../pki/model.js';

export interface GenerateOptions {
  plan: Plan;
  out: string;
  force?: boolean;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /** The run's start time (kubeadm backdates notBefore 5 minutes from it). */
  now?: Date;
  /** Where the keys come from (default: new ones from node:crypto). The openssl backend makes its own. */
  keys?: KeySource;
}

/** A backend turns a plan into a PKI on disk: natively, or by running the openssl script. */
export type Backend = (opts: GenerateOptions) => Promise<GenerateResult>;
