// The one translation of a failed Generate (backend refusals, output-folder errors, aborts) into words: a kind,
// a message, details and a hint. The wizard shows them in place; the CLI turns the kind into its exit code.

import {GenerateError} from '../generate/events.js';
import {OutputError} from '../output/errors.js';
import {OutPathError} from '../output/out-path.js';

/** cancelled: the user stopped it; usage: the folder named cannot be used; failure: the work failed;
 *  unexpected: a bug or an error no one translated (the CLI keeps its stack for --debug). */
export type FailureKind = 'cancelled' | 'usage' | 'failure' | 'unexpected';

export interface Failure {
  kind: FailureKind;
  message: string;
  details: string[];
  hint?: string;
}

export interface DescribeOptions {
  /** The run's abort signal: once it fired, any error is the cancellation showing through. */
  signal?: AbortSignal | undefined;
  /** Details kept; the default is what fits on the wizard's screen, the CLI's scrolling log takes them all. */
  maxDetails?: number;
}

export const CANCELLED_MESSAGE = 'Cancelled: nothing was written (the staging folder was removed).';
const SCREEN_DETAILS = 8;

export const isAbort = (error: unknown, signal?: AbortSignal): boolean =>
  Boolean(signal?.aborted) || (error instanceof Error && (error.name === 'AbortError' || error.name === 'CancelledError'));

/** Backend errors already speak in sentences; their paths were escaped where the errors were made. */
export function describeFailure(error: unknown, {signal, maxDetails = SCREEN_DETAILS}: DescribeOptions = {}): Failure {
  const hintOf = (e: {hint?: string | undefined}) => (e.hint ? {hint: e.hint} : {});
  if (isAbort(error, signal)) return {kind: 'cancelled', message: CANCELLED_MESSAGE, details: []};
  if (error instanceof GenerateError) return {kind: 'failure', message: error.message, details: error.details.slice(0, maxDetails), ...hintOf(error)};
  // OutPathError before OutputError, its parent: a folder that may not be used is bad input, not a failed write.
  if (error instanceof OutPathError) return {kind: 'usage', message: error.message, details: [], ...hintOf(error)};
  if (error instanceof OutputError) return {kind: 'failure', message: error.message, details: [], ...hintOf(error)};
  const message = error instanceof Error ? error.message : String(error);
  return {kind: 'unexpected', message: message.split('\n')[0] ?? 'unknown error', details: []};
}
