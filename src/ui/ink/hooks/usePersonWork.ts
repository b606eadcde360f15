// Runs "Add a person" when the reducer asks for it (a new person runId): the same onboarding as `kubepki user`,
// with the result or the failure fed back as actions.

import {useEffect, type Dispatch} from 'react';
import {onboard} from '../../../people/onboard.js';
import {describeFailure} from '../../errors.js';
import {personFeedback} from '../../person.js';
import type {ProduceDeps} from '../../produce.js';
import type {Action, WizardState} from '../../wizard-state.js';

export function usePersonWork(s: WizardState, dispatch: Dispatch<Action>, deps: ProduceDeps): void {
  const runId = s.person?.runId ?? 0;
  useEffect(() => {
    const ps = s.person;
    if (!ps || ps.stage !== 'working') return;
    const fb = personFeedback(s.answers, ps.form);
    if (!fb.check.ok) return;
    const local = ps.form.signing === 'local';
    const out = ps.form.out.trim();
    onboard({
      checked: fb.check,
      mode: local ? 'local' : 'exam',
      ...(local ? {source: {kind: 'tree', dir: ps.form.caDir}, dir: ps.form.caDir} : {}),
      ...(out ? {out} : {}),
      ...(deps.keys ? {keys: deps.keys} : {}),
    }).then(
      (r) => dispatch({type: 'person', action: {type: 'p-done', done: {steps: r.steps, files: r.files.map((f) => `${r.shownRoot}/${f.path}`)}}}),
      (error: unknown) => {
        // The people module's refusals carry their own hint; output-folder errors go through the shared translator.
        const f = describeFailure(error);
        const hint = (error as {hint?: unknown}).hint;
        dispatch({type: 'person', action: {type: 'p-failed', message: f.message, ...(typeof hint === 'string' ? {hint} : f.hint ? {hint: f.hint} : {})}});
      },
    );
    // Only a new runId starts a run; the form is fixed while it lasts.
  }, [runId]); // eslint-disable-line react-hooks/exhaustive-deps
}
