// Loader hooks for module-log.mjs: append each module's URL before it loads (synchronously, so none is lost at exit).

import {appendFileSync} from 'node:fs';

let file;

export function initialize(data) {
  file = data.file;
}

export async function load(url, context, nextLoad) {
  appendFileSync(file, `${url}\n`);
  return nextLoad(url, context);
}
