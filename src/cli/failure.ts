// A failed Generate or write, described once for the CLI and the wizard, as the CLI error carrying its exit code:
// 130 cancelled, 2 a folder that may not be used, 1 a failure. Untranslated errors stay themselves (exit 1, --debug).

import {describeFailure, type Failure, type FailureKind} from '../ui/errors.js';
import {CancelledError, FailureError, UsageError} from './command.js';

const detailLines = (f: Failure): string => (f.details.length > 0 ? `:\n${f.details.map((d) => `  ${d}`).join('\n')}` : '');

const ERROR_FOR: Record<Exclude<FailureKind, 'unexpected'>, (f: Failure) => Error> = {
  cancelled: (f) => new CancelledError(f.message),
  usage: (f) => new UsageError(f.message, f.hint),
  failure: (f) => new FailureError(`${f.message}${detailLines(f)}`, f.hint),
};

/** The error to throw in place of `error`; the CLI lists every detail (its log scrolls, unlike the wizard's screen). */
export function cliError(error: unknown, signal?: AbortSignal): unknown {
  const failure = describeFailure(error, {signal, maxDetails: Infinity});
  return failure.kind === 'unexpected' ? error : ERROR_FOR[failure.kind](failure);
}
