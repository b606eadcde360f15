// Home → Inspect's reading: offers the wizard's output folder as the path when it exists, and reads the path when
// the reducer asks (a new runId), feeding the result or the one-line refusal back as actions.

import {useEffect, type Dispatch} from 'react';
import {isFolder, loadInspection} from '../../inspect-load.js';
import type {Action, WizardState} from '../../wizard-state.js';

export function useInspectWork(s: WizardState, dispatch: Dispatch<Action>): void {
  const is = s.inspect;
  const open = s.screen === 'inspect' && is !== undefined;
  const suggested = is?.suggested ?? true;
  useEffect(() => {
    if (!open || suggested) return;
    const out = s.answers.out;
    void isFolder(out).then((there) => {
      if (there) dispatch({type: 'inspect', action: {type: 'i-suggest', path: out}});
    });
  }, [open, suggested, s.answers.out, dispatch]);

  const runId = is?.runId ?? 0;
  useEffect(() => {
    if (!is || is.stage !== 'loading') return;
    void loadInspection(is.path).then((r) =>
      dispatch({type: 'inspect', action: r.ok ? {type: 'i-loaded', runId, inspection: r.inspection} : {type: 'i-failed', runId, message: r.message}}));
    // Only a new runId starts a read; the path is fixed while it lasts.
  }, [runId]); // eslint-disable-line react-hooks/exhaustive-deps
}
