// Home → Inspect in plain mode: the same reading and the same text as the Ink screen, asked and printed line by
// line: a path (the output folder by default), the entries with their marks, then every field of one, the
// findings, the map or the timeline on request.

import {isFolder, loadInspection} from '../inspect-load.js';
import {detailLines, EMPTY_PATH, entryText, findingsPane, mapPane, PATH_RULE, tallyText, timelinePane, type Inspection} from '../inspect-text.js';
import type {Prompter} from './prompter.js';

export interface PlainInspect {
  prompter: Prompter;
  say: (...lines: string[]) => void;
  width: number;
  /** The wizard's output folder: offered as the path when it exists. */
  out: string;
}

/** Asks for paths until the user goes back to Home. */
export async function inspectPlain(o: PlainInspect): Promise<void> {
  for (;;) {
    const path = await o.prompter.input({message: `Path or HOST:PORT to inspect (${PATH_RULE})`,
      ...(await isFolder(o.out) ? {default: o.out} : {}),
      validate: (v) => (v.trim() === '' ? EMPTY_PATH : true)});
    o.say(`Reading ${path.trim()}…`);
    const loaded = await loadInspection(path);
    if (!loaded.ok) o.say(`✖ ${loaded.message}`);
    else if (await browse(o, loaded.inspection) === 'home') return;
    const next = loaded.ok ? 'again' : await o.prompter.select({message: 'What now?', choices: [
      {value: 'again', name: 'Inspect another path'}, {value: 'home', name: 'Back to Home'}]});
    if (next === 'home') return;
  }
}

async function browse(o: PlainInspect, x: Inspection): Promise<'again' | 'home'> {
  const text = (lines: {text: string}[]) => o.say(...lines.map((l) => l.text));
  o.say('', tallyText(x.entries), ...x.entries.map((e) => {
    const {head, rest} = entryText(e);
    return `${head}  ${rest}`;
  }));
  if (x.entries.length === 1) text(detailLines(x.entries[0]!, o.width));
  if (x.folder) text([{text: ''}, ...findingsPane(x, o.width)]);
  for (;;) {
    const choice = await o.prompter.select({message: `${x.path}: what next?`, choices: [
      ...(x.entries.length > 0 ? [{value: 'file', name: 'Every field of one entry, with its openssl command'}] : []),
      ...(x.folder ? [{value: 'findings', name: 'The findings of check'}, {value: 'map', name: 'The map: who signs what, which flag reads which file'},
        {value: 'timeline', name: 'The expiry timeline'}] : []),
      {value: 'again', name: 'Inspect another path'},
      {value: 'home', name: 'Back to Home'},
    ]});
    if (choice === 'again' || choice === 'home') return choice;
    if (choice === 'findings') text(findingsPane(x, o.width));
    if (choice === 'map') text(mapPane(x, o.width));
    if (choice === 'timeline') text(timelinePane(x, o.width));
    if (choice === 'file') {
      const pick = await o.prompter.select({message: 'Which one?', choices: x.entries.map((e, i) => {
        const {head, rest} = entryText(e);
        return {value: String(i), name: head, description: rest};
      })});
      text(detailLines(x.entries[Number(pick)]!, o.width));
    }
  }
}
