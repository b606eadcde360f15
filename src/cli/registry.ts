// Every subcommand, in the order `kubepki --help` lists them, and what bare `kubepki` runs.

import type {Command} from './command.js';
import {exampleCommand} from './commands/example.js';
import {generateCommand} from './commands/generate.js';
import {scriptCommand} from './commands/script.js';
import {wizardCommand} from './commands/wizard.js';

export const COMMANDS: Command[] = [wizardCommand, generateCommand, scriptCommand, exampleCommand];
export const DEFAULT_COMMAND: Command = wizardCommand;
