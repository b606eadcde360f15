// A private or public key described by its public facts only: format, algorithm, size, and (filled in once the
// whole tree is read) the certificates it belongs to. An encrypted key is reported as such, never opened.

import {shellWord} from './certificate.js';
import {keyInfo} from './key-info.js';
import type {ParsedKey} from './recognise.js';
import type {KeySummary} from './report.js';

export function summariseKey(parsed: ParsedKey, file?: string, der = false): KeySummary {
  const facts = parsed.key ? keyInfo(parsed.key) : {algorithm: parsed.labelAlgorithm};
  const summary: KeySummary = {type: parsed.kind === 'private-key' ? 'private' : 'public', ...facts, format: parsed.format, encrypted: parsed.encrypted, matches: []};
  if (file !== undefined) {
    // -text_pub prints the public half only: the command is safe to run where others watch the screen.
    const pubin = parsed.kind === 'public-key' ? ' -pubin' : '';
    summary.openssl = `openssl pkey${pubin} -in ${shellWord(file)}${der ? ' -inform DER' : ''} -noout -text_pub`;
  }
  return summary;
}
