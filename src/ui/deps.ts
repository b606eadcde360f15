// The real work behind Generate, for both front ends: native generation, the openssl script folder,
// and saving the plan. Tests pass their own ProduceDeps.

import {generateNative} from '../generate/native.js';
import {savePlan} from '../output/save-plan.js';
import type {ProduceDeps} from './produce.js';
import {checkScriptFolder, writeScriptForWizard} from './script-output.js';

export const realDeps: ProduceDeps = {generate: generateNative, checkScript: checkScriptFolder, writeScript: writeScriptForWizard, savePlan};
