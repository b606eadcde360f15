// `kubepki example single|ha`: print a complete, commented plan to start from.

import {EXAMPLE_NAMES, examplePlan, type ExampleName} from '../../plan/defaults.js';
import {planToYaml} from '../../plan/to-yaml.js';
import {UsageError, type CommandRun} from '../command.js';

export const run: CommandRun = async ({positionals, io}) => {
  const name = positionals[0] as ExampleName;
  if (!EXAMPLE_NAMES.includes(name)) throw new UsageError(`unknown example ${JSON.stringify(name)} (examples: ${EXAMPLE_NAMES.join(', ')})`);
  io.stdout(planToYaml(examplePlan(name)));
  return 0;
};
