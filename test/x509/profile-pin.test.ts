// The certificate profile may only change on purpose: every certificate of four plans, read back field by field
// (without per-run values), must equal what an earlier version produced (test/fixtures/profiles.json). A change
// that is meant shows up here first; regenerate with KUBEPKI_PIN_PROFILES=write and review the diff.

import {readFileSync, writeFileSync} from 'node:fs';
import {afterAll, describe, expect, it} from 'vitest';
import {PLANS, tmpDirs} from '../openssl/helpers.js';
import {pinnedProfiles, type PinnedProfile} from '../support/profile-pin.js';

const FILE = new URL('../fixtures/profiles.json', import.meta.url);
const tmp = tmpDirs('kubepki-pin-');
afterAll(tmp.cleanup);

describe('certificate profiles', () => {
  it('are what they were, for every certificate of every plan', async () => {
    const now: Record<string, Record<string, PinnedProfile>> = {};
    for (const [name, plan] of Object.entries(PLANS)) now[name] = await pinnedProfiles(plan(), tmp.make());
    if (process.env.KUBEPKI_PIN_PROFILES === 'write') writeFileSync(FILE, `${JSON.stringify(now, null, 1)}\n`);
    const pinned = JSON.parse(readFileSync(FILE, 'utf8')) as typeof now;
    for (const name of Object.keys(PLANS)) {
      expect(Object.keys(now[name]!).sort(), name).toEqual(Object.keys(pinned[name]!).sort());
      for (const [path, profile] of Object.entries(now[name]!)) expect(profile, `${name}: ${path}`).toEqual(pinned[name]![path]);
    }
  }, 60_000);
});
