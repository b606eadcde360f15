// The map's page and SVG in headless Chromium: every authority, certificate, program and flag of `example ha`
// is in the DOM with its edges, keyboard focus shows a card, a screenshot renders, and the page asks for
// nothing but itself (no request, no CSP refusal, no console message).

import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {graphFromPlan} from '../../src/map/from-plan.js';
import {allCerts, type PkiGraph} from '../../src/map/graph.js';
import {mapHtml, mapSvg} from '../../src/map/page.js';
import {examplePlan} from '../../src/plan/defaults.js';
import {hasBinary} from '../support/binaries.js';
import {CHROMIUM, openPage} from '../support/chromium.js';

const NOW = new Date('2026-12-02T00:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'kubepki-map-page-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

function graph(): PkiGraph {
  const g = graphFromPlan(examplePlan('ha'), NOW);
  // One expired and one expiring leaf, so the page has to say so.
  const [expired, expiring] = [g.leaves.find((c) => c.id === 'super-admin')!, g.leaves.find((c) => c.id === 'apiserver@cp-2')!];
  Object.assign(expired, {status: 'expired', notBefore: new Date('2025-09-01T00:00:00Z'), notAfter: new Date('2026-09-01T00:00:00Z')});
  Object.assign(expiring, {status: 'expiring', notAfter: new Date('2026-12-20T00:00:00Z')});
  return g;
}

const edgeKeys = (g: PkiGraph) => g.edges.map((e) => `${e.component}|${e.flag}|${e.cert}|${e.file}`).sort();
const DOM_EDGES = `[...document.querySelectorAll('.edges .edge')].map((e) => [e.dataset.component, e.dataset.flag, e.dataset.cert, e.dataset.file].join('|')).sort()`;
const DOM_IDS = (selector: string) => `[...document.querySelectorAll('${selector}')].map((e) => e.getAttribute('data-id'))`;

describe('the page and the SVG as files', () => {
  const g = graph();
  it('name no network address: a CSP without sources, no http(s) URL but the SVG namespace', () => {
    const html = mapHtml(g);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[^"]+; script-src &#39;sha256-/);
    expect(html).not.toMatch(/https?:/i);
    expect(mapSvg(g).replace(' xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:/i);
  });

  it('escape what they show: a hostile user name stays text', () => {
    const hostile = graphFromPlan(examplePlan('single'), NOW);
    hostile.leaves[0]!.cn = '<script>alert(1)</script>"&';
    const html = mapHtml(hostile);
    expect(html).toContain('CN=&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;');
    expect(html.match(/<script>/g)).toHaveLength(1);
  });
});

describe.skipIf(!hasBinary(CHROMIUM))('the page and the SVG in headless Chromium', () => {
  const g = graph();
  const html = join(dir, 'map.html');
  const svg = join(dir, 'map.svg');
  writeFileSync(html, mapHtml(g));
  writeFileSync(svg, mapSvg(g));

  it('the page: every node and edge in the DOM, keyboard focus shows a card, nothing requested', async () => {
    const page = await openPage(html);
    try {
      expect(await page.evaluate<string[]>(DOM_IDS('.pki-map .cert'))).toEqual(allCerts(g).map((c) => c.id));
      expect(await page.evaluate<string[]>(DOM_IDS('.pki-map .component'))).toEqual(g.components.map((c) => c.id));
      expect(await page.evaluate<string[]>(DOM_EDGES)).toEqual(edgeKeys(g));
      expect(await page.evaluate<string[]>(DOM_IDS('.timeline .row'))).toHaveLength(allCerts(g).length);
      // Expired and expiring say so in words, in the timeline and the table.
      const timeline = await page.evaluate<string>(`document.querySelector('.timeline').textContent`);
      expect(timeline).toContain('EXPIRED 2026-09-01');
      expect(timeline).toContain('EXPIRING, until 2026-12-20');
      expect(await page.evaluate<string>(`document.querySelector('tr[data-id="super-admin"] td.alarm').textContent`)).toBe('EXPIRED');

      // Tab reaches the first authority; its card shows and its edges light up; arrows move on.
      // Tab: first the map itself (announced by its name), then the first authority.
      await page.press('Tab', 'Tab', 9);
      expect(await page.evaluate<string>(`document.activeElement.closest('svg').getAttribute('aria-label')`)).toBe('PKI map of cluster kubernetes');
      if (await page.evaluate<boolean>(`document.activeElement.tagName === 'svg'`)) await page.press('Tab', 'Tab', 9);
      expect(await page.evaluate<string>(`document.activeElement.getAttribute('data-id')`)).toBe('ca');
      const card = `document.querySelector('.card.shown')`;
      expect(await page.evaluate<string>(`${card}.textContent`)).toMatch(/certificate: ca.*subject: CN=kubernetes/);
      expect(await page.evaluate<number>(`document.querySelectorAll('.edge.lit').length`)).toBe(g.edges.filter((e) => e.cert === 'ca').length);
      await page.press('ArrowDown', 'ArrowDown', 40);
      expect(await page.evaluate<string>('document.activeElement.dataset.id')).toBe(allCerts(g)[1]!.id);
      await page.press('Escape', 'Escape', 27);
      expect(await page.evaluate<number>(`document.querySelectorAll('.card.shown').length`)).toBe(0);

      const png = await page.screenshot();
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.length).toBeGreaterThan(50_000);
      expect(page.requests).toEqual([pathToFileURL(html).href]);
      expect(page.messages).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('the SVG alone: every node and edge, its own style and script, nothing requested', async () => {
    const page = await openPage(svg);
    try {
      expect(await page.evaluate<string[]>(DOM_IDS('.cert'))).toEqual(allCerts(g).map((c) => c.id));
      expect(await page.evaluate<string[]>(DOM_IDS('.component'))).toEqual(g.components.map((c) => c.id));
      expect(await page.evaluate<string[]>(DOM_EDGES)).toEqual(edgeKeys(g));
      // The style applies (authorities are filled dark) and the script runs (focus shows the card).
      expect(await page.evaluate<string>(`getComputedStyle(document.querySelector('.role-authority .box')).fill`)).toBe('rgb(35, 64, 107)');
      await page.evaluate(`document.querySelector('[data-id="apiserver@cp-1"]').focus()`);
      expect(await page.evaluate<string>(`document.querySelector('.card.shown').textContent`)).toContain('SANs: cp-1, k8s-api.example.internal');
      const png = await page.screenshot();
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(page.requests).toEqual([pathToFileURL(svg).href]);
      expect(page.messages).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
