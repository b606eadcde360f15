// layoutProblems: a valid plan can still lay out two files on one path, a file where a folder must go, or
// a node folder over the people's folders, also when only letter case differs. One pass with Maps: linear.

import {displayValue, escapeText} from '../plan/escape.js';
import type {FieldProblem, Plan} from '../plan/types.js';
import {layoutFiles, LOCK_FILE, MAP_FILE, README_FILE, STAGING_PREFIX} from './layout.js';
import {resolve} from './resolve.js';

/** One path the output folder needs, and who needs it. */
interface Claim {
  path: string;
  /** The plan field that put it there (`nodes[1].name`); absent for kubepki's own paths. */
  field?: string;
  /** That field's value: the node or user name. */
  value?: string;
  /** How messages name the claimant. */
  who: string;
  /** Whose top folder the path is in: a node folder is copied whole onto its node, so it holds that node's files only. */
  zone?: string;
}

/** What one side of a collision needs at `path`. */
interface Need {
  claim: Claim;
  path: string;
  as: 'file' | 'folder';
}

const lower = (s: string) => s.toLowerCase();
const shown = (n: Need) => (n.as === 'folder' ? `${n.path}/` : n.path);
const CASE_NOTE = 'the names differ only in case, which macOS and Windows ignore';

const STAGING: Need = {claim: {path: `${STAGING_PREFIX}*`, who: "kubepki's staging folders"}, path: `${STAGING_PREFIX}*`, as: 'folder'};

type Owner = Omit<Claim, 'path'>;
const owner = (field: string, value: string, zone: string): Owner => ({field, value, who: `${field} ${displayValue(value)}`, zone});

/** Every path the output needs: kubepki's own first, so that the plan's paths are reported against them. */
function claims(plan: Plan): Claim[] {
  // Owners are built once per node and user: escaping a name for every path would dominate the check.
  const nodes = new Map(plan.nodes.map((n, i) => [n.name, owner(`nodes[${i}].name`, n.name, `nodes[${i}]`)]));
  const users = new Map(plan.users.map((u, i) => [u.name, owner(`users[${i}].name`, u.name, 'users')]));
  const out: Claim[] = [{path: README_FILE, who: "kubepki's README"}, {path: LOCK_FILE, who: "kubepki's lock file"}, {path: MAP_FILE, who: "kubepki's map"}];
  for (const e of layoutFiles(resolve(plan))) {
    if (e.source.type === 'readme') continue; // claimed above
    const by = (e.node === undefined ? undefined : nodes.get(e.node)) ?? (e.user === undefined ? undefined : users.get(e.user));
    out.push({path: e.path, ...(by ?? {who: "kubepki's cluster-wide files"})});
  }
  return out;
}

/** The line for one collision, on the side a plan field caused (a node over a user: `users/` is kubepki's name). */
function problemFor(a: Need, b: Need): {problem: FieldProblem; other: string} {
  const nodeOverUser = b.claim.field?.startsWith('nodes[') === true && a.claim.field?.startsWith('users[') === true;
  const [mine, other] = a.claim.field && !nodeOverUser ? [a, b] : b.claim.field ? [b, a] : [a, b];
  const field = mine.claim.field ?? 'certificates.layout';
  const rename = mine.claim.field ? `pick another name for ${field}` : 'this is a kubepki bug: please report it';
  const differsInCase = lower(mine.path) === lower(other.path) && mine.path !== other.path;
  let rule: string;
  let hint: string;
  if (other === STAGING) {
    rule = `uses ${mine.path}, a name kubepki keeps for its staging folders (${STAGING.path})`;
    hint = `kubepki writes into such a folder first and removes leftovers on the next run; ${rename}`;
  } else if (mine.as === 'file' && other.as === 'file') {
    rule = differsInCase ? `writes ${mine.path}, and ${other.claim.who} writes ${other.path}` : `writes ${mine.path}, as ${other.claim.who} does`;
    hint = `${differsInCase ? `${CASE_NOTE}: ` : ''}one file would overwrite the other; ${rename}`;
  } else if (mine.as !== other.as) {
    const needs = (n: Need) => (n.as === 'file' ? `writes the file ${shown(n)}` : `needs the folder ${shown(n)}`);
    rule = `${needs(mine)}, where ${other.claim.who} ${needs(other)}`;
    hint = `${differsInCase ? `${CASE_NOTE}, and ` : ''}a path cannot be a file and a folder at once; ${rename}`;
  } else {
    rule = `puts ${mine.claim.path} in ${shown(mine)}, beside ${other.claim.path} of ${other.claim.who}`;
    hint = `${differsInCase ? `${CASE_NOTE}; ` : ''}a node folder is copied whole onto its node, so it must hold that node's files only; ${rename}`;
  }
  const value = mine.claim.value === undefined ? '' : displayValue(mine.claim.value);
  // One line per pair: per claimant, or per folder owner when a node folder holds others' files.
  const pair = mine.as === 'folder' && other.as === 'folder' ? `zone ${other.claim.zone}` : other.claim.who;
  return {problem: {path: field, value, rule: escapeText(rule), hint: escapeText(hint)}, other: pair};
}

/** Every path collision in the plan's layout, one line per pair of claimants; empty when it can be written. */
export function layoutProblems(plan: Plan): FieldProblem[] {
  const files = new Map<string, Claim>(); // lowercased path → the first file there
  const folders = new Map<string, Need>(); // lowercased path → the first claim needing a folder there
  const zones = new Map<string, Claim>(); // lowercased top folder → the first plan claim in it
  const problems: FieldProblem[] = [];
  const reported = new Set<string>();
  const clash = (a: Need, b: Need) => {
    const {problem, other} = problemFor(a, b);
    const key = `${problem.path}\0${other}`;
    if (reported.has(key)) return;
    reported.add(key);
    problems.push(problem);
  };
  for (const claim of claims(plan)) {
    const {path} = claim;
    const key = lower(path);
    const file = files.get(key);
    const folder = folders.get(key);
    if (file) clash({claim, path, as: 'file'}, {claim: file, path: file.path, as: 'file'});
    else if (folder) clash({claim, path, as: 'file'}, folder);
    else files.set(key, claim);
    // Its folders, deepest first, up to one seen before (whose own folders were seen with it): so each folder
    // is looked at once, and a file arriving later at a folder's path is caught above.
    for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      const dir = path.slice(0, slash);
      const dirKey = lower(dir);
      if (folders.has(dirKey)) break;
      const need: Need = {claim, path: dir, as: 'folder'};
      folders.set(dirKey, need);
      const blocking = files.get(dirKey);
      if (blocking) clash(need, {claim: blocking, path: blocking.path, as: 'file'});
    }
    const top = path.includes('/') ? path.slice(0, path.indexOf('/')) : path;
    const topKey = lower(top);
    if (topKey.startsWith(STAGING_PREFIX)) clash({claim, path: top, as: 'folder'}, STAGING);
    if (top === path || claim.zone === undefined) continue;
    const first = zones.get(topKey);
    if (!first) zones.set(topKey, claim);
    else if (first.zone !== claim.zone) clash({claim, path: top, as: 'folder'}, {claim: first, path: first.path.slice(0, first.path.indexOf('/')), as: 'folder'});
  }
  return problems;
}
