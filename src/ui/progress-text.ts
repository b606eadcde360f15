// Progress events as one human line each: the CLI's stderr, the Ink log and plain mode all print these.

import type {CertEventStatus, ProgressEvent} from '../generate/events.js';
import {escapeText} from '../plan/escape.js';

const CERT_MARKS: Record<CertEventStatus, string> = {created: '✔ created', reused: '↺ reused ', kept: '= kept   ', reissued: '↻ re-issued'};

export function progressText(e: ProgressEvent): string | undefined {
  switch (e.type) {
    case 'keys':
      return `generating ${e.total} keys…`;
    case 'key':
      return undefined; // the spinner shows the count; one line per key would drown the certificates
    case 'cert': {
      const why = e.reasons?.length ? ` — ${escapeText(e.reasons.join('; '))}` : '';
      return `${CERT_MARKS[e.status]} ${e.path}  (${e.subject}; signed by ${e.signer === e.id ? 'itself' : e.signer})${why}`;
    }
    case 'written':
      // The folder is the user's own text (--out, the wizard's answer): escaped so it stays on one safe line.
      return `✔ wrote ${e.count} files to ${escapeText(e.out)}`;
  }
}
