// The one way a map.html lands in a folder next to a PKI, for `generate --map` and the wizard alike: drawn from
// the files just written (their real dates, and check's findings), or from the plan when only a script was written.

import {writeMapFile, type MapStatus} from '../output/map-file.js';
import {escapeText} from '../plan/escape.js';
import type {Plan} from '../plan/types.js';
import {graphFromFiles} from './from-files.js';
import {graphFromPlan} from './from-plan.js';
import {mapHtml} from './page.js';

export interface MapWritten {
  path: string;
  status: MapStatus;
}

export async function writeTreeMap(dir: string, plan: Plan, from: 'files' | 'plan'): Promise<MapWritten> {
  const graph = from === 'files' ? await graphFromFiles(dir, {plan}) : graphFromPlan(plan);
  return writeMapFile(dir, mapHtml(graph));
}

/** The line both `generate --map` and the wizard print for it. */
export const mapNote = (m: MapWritten): string =>
  `✔ ${m.status === 'unchanged' ? 'kept the map (unchanged)' : 'drew the map'}: ${escapeText(m.path)} (open it in a browser; it loads nothing from the network)`;
