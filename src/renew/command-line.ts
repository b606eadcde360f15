// The `kubepki renew` command line for one certificate of a folder, as check's findings suggest it and renew accepts it.

import {shellWord} from '../inspect/certificate.js';

export const renewCommandLine = (id: string, dir: string): string => `kubepki renew ${shellWord(id)} --dir ${shellWord(dir)}`;
