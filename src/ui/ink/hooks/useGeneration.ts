// Runs Generate when the reducer asks for it (a new runId) and feeds events, the result or the failure
// back as actions; Ctrl+C (status 'aborting') aborts the run through its AbortController.

import {useEffect, useRef, type Dispatch} from 'react';
import {describeFailure, isAbort} from '../../errors.js';
import {produceOutput, type ProduceDeps} from '../../produce.js';
import {progressText} from '../../progress-text.js';
import type {Action, WizardState} from '../../wizard-state.js';

export function useGeneration(s: WizardState, dispatch: Dispatch<Action>, deps: ProduceDeps): void {
  const controller = useRef<AbortController | undefined>(undefined);
  useEffect(() => {
    if (s.runId === 0 || s.gen?.status !== 'running') return;
    const ac = new AbortController();
    controller.current = ac;
    produceOutput(s.answers, {
      signal: ac.signal,
      force: s.force,
      onNote: (line) => dispatch({type: 'gen-note', line}),
      onProgress: (event) => {
        const line = progressText(event);
        dispatch({type: 'gen-event', event, ...(line ? {line} : {})});
      },
    }, deps).then(
      (result) => dispatch({type: 'gen-done', result}),
      (error: unknown) => dispatch(isAbort(error, ac.signal) ? {type: 'gen-cancelled'} : {type: 'gen-failed', ...describeFailure(error)}),
    );
    // Only a new runId starts a run; the answers are fixed while it lasts.
  }, [s.runId]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (s.gen?.status === 'aborting') controller.current?.abort();
  }, [s.gen?.status]);
}
