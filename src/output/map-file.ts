// map.html in an output folder (`generate --map`, the wizard's Map choice): created with writeNewFile, never over
// a file kubepki did not draw. A map an earlier run drew is replaced whole (a new file renamed over it), so a
// re-run shows today's certificates; one with the same bytes is left as it is.

import {rename, unlink} from 'node:fs/promises';
import {join} from 'node:path';
import {randomBytes} from 'node:crypto';
import {GENERATED_MARK} from '../pki/conformance.js';
import {MAP_FILE, PUBLIC_MODE} from '../pki/layout.js';
import {escapeText} from '../plan/escape.js';
import {OutputError, ioFailure} from './errors.js';
import {writeNewFile} from './new-file.js';
import {describeExisting, readExisting} from './read-existing.js';

export type MapStatus = 'created' | 'replaced' | 'unchanged';

const drawnByUs = (text: string) => text.slice(0, GENERATED_MARK.within).toLowerCase().includes(GENERATED_MARK.text);

/** What writing the map into `dir` would do; throws when another file holds the name. Read-only. */
export async function mapFileStatus(dir: string, html?: string): Promise<MapStatus> {
  const path = join(dir, MAP_FILE);
  const found = await readExisting(path);
  if (found.kind === 'absent') return 'created';
  if (found.kind !== 'file') {
    throw new OutputError(`${escapeText(path, 200)} is ${describeExisting(found)}, not a map kubepki drew`, 'move it away, or leave the map out');
  }
  if (!drawnByUs(found.text)) {
    throw new OutputError(`${escapeText(path, 200)} exists and kubepki did not draw it`, 'move it away, or leave the map out');
  }
  return found.text === html ? 'unchanged' : 'replaced';
}

/** Writes `html` as `dir`/map.html (mode 0644); returns what happened. */
export async function writeMapFile(dir: string, html: string): Promise<{path: string; status: MapStatus}> {
  const path = join(dir, MAP_FILE);
  const status = await mapFileStatus(dir, html);
  if (status === 'unchanged') return {path, status};
  const target = status === 'created' ? path : join(dir, `.${MAP_FILE}.${randomBytes(6).toString('hex')}`);
  try {
    await writeNewFile(target, html, PUBLIC_MODE);
    // rename replaces the name itself: a link put there meanwhile is replaced, never written through.
    if (target !== path) await rename(target, path);
  } catch (error) {
    if (target !== path) await unlink(target).catch(() => undefined);
    throw ioFailure(error, path);
  }
  return {path, status};
}
