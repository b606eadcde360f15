// The openssl commands for the current answers, in the rows the screen can spare. While the answers are
// invalid the last good preview stays, dimmed, so the panel does not jump while the user types.

import {useRef} from 'react';
import type {Preview} from '../../preview.js';
import {previewPanelLines} from '../lines/preview.js';
import {Lines} from './Lines.js';

export function OpensslPreview({preview, maxLines, width}: {preview: Preview; maxLines: number; width: number}) {
  const lastGood = useRef<Preview | undefined>(undefined);
  if (preview.ok) lastGood.current = preview;
  return <Lines lines={previewPanelLines(preview, preview.ok ? preview : lastGood.current, width, maxLines)} width={width} />;
}
