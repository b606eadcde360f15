// Progress and results shared by both backends, so the CLI, the wizard and --json show them alike.

import type {FileSource} from '../pki/layout.js';

export type ProgressEvent =
  | {type: 'keys'; total: number}
  | {type: 'key'; id: string; done: number; total: number}
  | {type: 'cert'; id: string; path: string; status: 'created' | 'reused'; subject: string; signer: string}
  | {type: 'written'; count: number; out: string};

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
}

/** A refusal or failure with a list of details (existing files, unusable CAs). */
export class GenerateError extends Error {
  override name = 'GenerateError';
  constructor(message: string, readonly details: string[] = [], readonly hint?: string) {
    super(message);
  }
}

export {subjectText} from '../pki/model.js';
