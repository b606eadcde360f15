// Onboarding a checked person, the same for the CLI and the wizard: where the files go (the tree's users/NAME/
// with a tree and no output folder, else a folder of their own), the CA for local signing, then the files.

import type {CaSource} from './ca.js';
import {loadCa} from './ca.js';
import {issuePerson, personModel, type IssueResult, type Placement} from './issue.js';
import type {PersonCheck, SigningMode} from './person.js';
import type {KeySource} from '../x509/keys.js';

export interface OnboardRequest {
  checked: Extract<PersonCheck, {ok: true}>;
  mode: SigningMode;
  /** The CA for local signing. */
  source?: CaSource;
  /** The output folder the user chose, if any. */
  out?: string;
  /** The kubepki tree the person joins, if any. */
  dir?: string;
  keys?: KeySource;
  signal?: AbortSignal;
  cwd?: string;
  now?: Date;
}

export interface Onboarded extends IssueResult {
  /** The output folder as the user named it (paths in messages start from it). */
  shownRoot: string;
}

export async function onboard(req: OnboardRequest): Promise<Onboarded> {
  const {checked} = req;
  const placement: Placement = req.out === undefined && req.dir !== undefined ? 'tree' : 'folder';
  const root = req.out ?? req.dir ?? checked.user.name;
  const pm = personModel(checked.plan, checked.user);
  const now = req.now ?? new Date();
  const ca = req.source ? await loadCa(req.source, pm.model, pm.spec, now) : undefined;
  const result = await issuePerson({
    pm, mode: req.mode, root, placement, now,
    ...(ca ? {ca} : {}), ...(req.keys ? {keys: req.keys} : {}), ...(req.signal ? {signal: req.signal} : {}), ...(req.cwd ? {cwd: req.cwd} : {}),
  });
  return {...result, shownRoot: root};
}
