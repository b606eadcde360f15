// Looks at the output folder when the reducer asks (a new previewId) and hands the preview back as an action;
// reading it writes nothing. A folder that cannot be read goes on to Generate, which says why.

import {useEffect, type Dispatch} from 'react';
import {previewRun} from '../../existing-preview.js';
import type {Action, WizardState} from '../../wizard-state.js';

export function usePreview(s: WizardState, dispatch: Dispatch<Action>): void {
  useEffect(() => {
    if (s.previewId === 0 || s.existing?.status !== 'checking') return;
    const id = s.previewId;
    previewRun(s.answers).then(
      (preview) => dispatch({type: 'preview-ready', id, ...(preview ? {preview} : {})}),
      () => dispatch({type: 'preview-ready', id}),
    );
    // Only a new previewId looks again; the answers are fixed on this screen.
  }, [s.previewId]); // eslint-disable-line react-hooks/exhaustive-deps
}
