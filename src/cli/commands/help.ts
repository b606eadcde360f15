// Bare `kubepki`: prints the help (the wizard takes this place on a terminal once it exists).

import type {Command} from '../command.js';

export const helpCommand: Command = {
  name: '',
  summary: 'show help',
  usage: [''],
  options: {},
  examples: ['kubepki --help'],
  run: async ({io}) => {
    const {mainHelp} = await import('../run.js');
    io.stdout(mainHelp());
    return 0;
  },
};
