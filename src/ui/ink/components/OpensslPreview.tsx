// The openssl commands for the current answers, in the rows the screen can spare.

import type {Preview} from '../../preview.js';
import {previewPanelLines} from '../lines/preview.js';
import {Lines} from './Lines.js';

export function OpensslPreview({preview, maxLines, width}: {preview: Preview; maxLines: number; width: number}) {
  return <Lines lines={previewPanelLines(preview, width, maxLines)} width={width} />;
}
