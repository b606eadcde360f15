// Progress events as one human line each, for the Ink log and plain mode's stderr.

import type {ProgressEvent} from '../generate/events.js';

export function progressText(e: ProgressEvent): string | undefined {
  switch (e.type) {
    case 'keys':
      return `generating ${e.total} keys…`;
    case 'key':
      return undefined; // the spinner shows the count; one line per key would drown the certificates
    case 'cert':
      return `${e.status === 'reused' ? '↺ reused ' : '✔ created'} ${e.path}  (${e.subject}; signed by ${e.signer === e.id ? 'itself' : e.signer})`;
    case 'written':
      return `✔ wrote ${e.count} files to ${e.out}`;
  }
}
