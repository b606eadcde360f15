// Failures during Generate as a message, details and a hint, for showing in place (never a stack trace).

import {GenerateError} from '../generate/events.js';
import {OutputError} from '../output/errors.js';

export interface Failure {
  message: string;
  details: string[];
  hint?: string;
}

export function describeFailure(error: unknown): Failure {
  if (error instanceof GenerateError) return {message: error.message, details: error.details.slice(0, 8), ...(error.hint ? {hint: error.hint} : {})};
  if (error instanceof OutputError) return {message: error.message, details: [], ...(error.hint ? {hint: error.hint} : {})};
  const message = error instanceof Error ? error.message : String(error);
  return {message: message.split('\n')[0] ?? 'unknown error', details: []};
}

export const isAbort = (error: unknown, signal?: AbortSignal): boolean =>
  Boolean(signal?.aborted) || (error instanceof Error && (error.name === 'AbortError' || error.name === 'CancelledError'));
