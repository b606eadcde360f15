// `kubepki example single|ha`: print a complete, commented plan to start from.

import {EXAMPLE_NAMES, examplePlan, type ExampleName} from '../../plan/defaults.js';
import {planToYaml} from '../../plan/load.js';
import {UsageError, type Command} from '../command.js';

export const exampleCommand: Command = {
  name: 'example',
  summary: 'print an example plan file (single: 1 control plane + 1 worker; ha: 3 + 3, 2 users)',
  usage: ['example single|ha'],
  options: {},
  positionals: {min: 1, max: 1},
  examples: ['kubepki example single > plan.yaml', 'kubepki generate --plan <(kubepki example ha) --out /tmp/pki'],
  run: async ({positionals, io}) => {
    const name = positionals[0] as ExampleName;
    if (!EXAMPLE_NAMES.includes(name)) throw new UsageError(`unknown example ${JSON.stringify(name)} (examples: ${EXAMPLE_NAMES.join(', ')})`);
    io.stdout(planToYaml(examplePlan(name)));
    return 0;
  },
};
