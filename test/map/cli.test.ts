// `kubepki map` and `kubepki check --timeline` as a user runs them: the terminal map within $COLUMNS, the page
// and SVG files (never over an existing file without --force), bad usage, and the timeline after check's tables.

import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {examplePlan} from '../../src/plan/defaults.js';
import {planToYaml} from '../../src/plan/to-yaml.js';
import {hasBinary} from '../support/binaries.js';
import {kubepki} from '../support/cli.js';
import {healthyTree, removeTrees} from '../support/openssl-tree.js';

const dir = mkdtempSync(join(tmpdir(), 'kubepki-map-cli-'));
const planFile = join(dir, 'ha.yaml');
writeFileSync(planFile, planToYaml(examplePlan('ha')));
afterAll(async () => {
  rmSync(dir, {recursive: true, force: true});
  await removeTrees();
});

describe('kubepki map', () => {
  it('draws the plan within $COLUMNS, without colour off a terminal', async () => {
    const r = await kubepki(['map', '--plan', planFile], {env: {COLUMNS: '80'}});
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    const rows = r.stdout.trimEnd().split('\n');
    expect(rows[0]).toBe('PKI map of cluster kubernetes, from the plan (nothing written yet; dates as if');
    expect(rows.filter((l) => [...l].length > 80)).toEqual([]);
    expect(r.stdout).not.toContain('\u001b[');
    expect(r.stdout).toContain('▸ kube-apiserver on cp-1, cp-2, cp-3');
  });

  it('writes the page and the SVG, refuses to replace them without --force', async () => {
    const html = join(dir, 'map.html');
    const svg = join(dir, 'map.svg');
    const first = await kubepki(['map', '--plan', planFile, '--html', html, '--svg', svg]);
    expect(first).toMatchObject({exitCode: 0, stdout: ''});
    expect(first.stderr).toContain(`wrote ${html} and ${svg}`);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const again = await kubepki(['map', '--plan', planFile, '--html', html]);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain(`${html} already exists`);
    expect((await kubepki(['map', '--plan', planFile, '--html', html, '--force'])).exitCode).toBe(0);
  });

  it('exits 2 for a folder that is not there', async () => {
    const r = await kubepki(['map', join(dir, 'nope')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('is not a folder');
  });
});

describe.skipIf(!hasBinary('openssl'))('kubepki check --timeline', () => {
  it('draws the expiry timeline after the tables, within 80 columns', async () => {
    const r = await kubepki(['check', await healthyTree(), '--timeline'], {env: {COLUMNS: '80'}});
    expect(r.exitCode).toBe(0);
    const rows = r.stdout.split('\n');
    const start = rows.findIndex((l) => l.startsWith('Expiry timeline of '));
    expect(start).toBeGreaterThan(0);
    expect(rows.slice(start).join('\n')).toMatch(/▼ today \d{4}-\d\d-\d\d/);
    expect(rows.slice(start).filter((l) => [...l].length > 80)).toEqual([]);
    expect(rows.slice(start).find((l) => l.startsWith('ca '))).toMatch(/█+ ok, until \d{4}-\d\d-\d\d$/);
  });
});
