// Preload (`node --import`) for the startup test: records the URL of every module the process loads, one a line,
// in the file named by KUBEPKI_MODULE_LOG. The hooks run on the loader thread, so they append to the file directly.

import {register} from 'node:module';

register(new URL('./module-log-hooks.mjs', import.meta.url), {data: {file: process.env.KUBEPKI_MODULE_LOG}});
