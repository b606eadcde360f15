// The map as one self-contained HTML page (diagram, expiry timeline, and the same facts as tables for print
// and screen readers) or as one SVG file. Nothing is fetched at view time: the Content-Security-Policy allows
// no source at all except the page's own inline style and script, by hash.

import {createHash} from 'node:crypto';
import {allCerts, ALARMING, STATUS_TEXT, type PkiGraph} from './graph.js';
import {day, edgeTarget, ROLE_TEXT} from './describe.js';
import {diagramSvg} from './diagram.js';
import {el, esc} from './markup.js';
import {DIAGRAM_CSS, DIAGRAM_SCRIPT, PAGE_CSS} from './page-assets.js';
import {timelineSvg} from './timeline-svg.js';
import {GENERATED_MARK} from '../pki/conformance.js';

const MAP_MARK = `${GENERATED_MARK.text}: kubepki map draws it again`;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

function certTable(g: PkiGraph): string {
  const head = el('tr', {}, ...['certificate', 'role', 'subject / groups', 'SANs', 'signed by', 'valid until', 'status'].map((h) => el('th', {scope: 'col'}, h)));
  const rows = allCerts(g).map((c) => el('tr', {'data-id': c.id},
    el('th', {scope: 'row'}, esc(c.id)),
    el('td', {}, esc(ROLE_TEXT[c.role])),
    el('td', {}, esc(`CN=${c.cn}${c.groups.length ? `; groups: ${c.groups.join(', ')}` : ''}`)),
    el('td', {}, esc(c.sans.join(', '))),
    el('td', {}, esc(c.role === 'authority' ? '(itself)' : c.issuer)),
    el('td', {}, esc(day(c.notAfter))),
    el('td', {class: ALARMING.has(c.status) ? 'alarm' : undefined}, esc([STATUS_TEXT[c.status], ...c.notes].join(': ')))));
  return el('div', {class: 'scroll'}, el('table', {}, el('caption', {}, 'Every certificate'), el('thead', {}, head), el('tbody', {}, ...rows)));
}

function edgeTable(g: PkiGraph): string {
  const head = el('tr', {}, ...['program', 'flag', 'file', 'certificate', 'status'].map((h) => el('th', {scope: 'col'}, h)));
  const rows = g.edges.map((e) => el('tr', {},
    el('td', {}, esc(e.component)), el('td', {}, esc(e.flag)), el('td', {}, esc(e.file)),
    el('td', {}, esc(`${e.cert} ${edgeTarget(e, g)}`)),
    el('td', {class: ALARMING.has(e.status) ? 'alarm' : undefined}, esc([STATUS_TEXT[e.status], ...e.notes].join(': ')))));
  return el('div', {class: 'scroll'}, el('table', {}, el('caption', {}, 'Every flag that reads a file'), el('thead', {}, head), el('tbody', {}, ...rows)));
}

function findingList(g: PkiGraph): string {
  if (g.findings.length === 0) return '';
  return el('section', {'aria-labelledby': 'h-findings'}, el('h2', {id: 'h-findings'}, 'Other findings'),
    el('ul', {class: 'findings'}, ...g.findings.map((f) => el('li', {}, esc(`${f.severity.toUpperCase()} ${f.code} ${f.path}: ${f.message}`)))));
}

const sourceText = (g: PkiGraph) => g.source === 'plan'
  ? `Drawn from the plan: nothing is generated yet, so dates assume generation on ${day(g.now)}.`
  : `Drawn from the files, read on ${day(g.now)}.`;

/** The whole page. */
export function mapHtml(g: PkiGraph): string {
  const css = PAGE_CSS;
  const script = DIAGRAM_SCRIPT;
  const csp = `default-src 'none'; style-src ${sha256(css)}; script-src ${sha256(script)}; img-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'`;
  const title = `PKI map of cluster ${g.title}`;
  // The mark lets a later run tell its own map (drawn again) from a file of the same name it must not replace.
  return `<!DOCTYPE html>\n<!-- ${MAP_MARK} -->\n${el('html', {lang: 'en'},
    el('head', {},
      '<meta charset="utf-8">',
      el('meta', {'http-equiv': 'Content-Security-Policy', content: csp}).replace(/<\/meta>$/, ''),
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      el('title', {}, esc(title)),
      el('style', {}, css)),
    el('body', {},
      el('header', {}, el('h1', {}, esc(title)), el('p', {class: 'source'}, esc(sourceText(g)))),
      el('main', {},
        el('section', {'aria-labelledby': 'h-map'},
          el('h2', {id: 'h-map'}, 'Map'),
          el('p', {}, 'Each authority sits on top of the certificates it signs; programs are on the right, one line per flag that reads a file. Hover a box, or move to it with Tab or the arrow keys, to see its fields and light up its lines.'),
          el('div', {class: 'scroll'}, diagramSvg(g, {standalone: false, css: '', script: ''}))),
        el('section', {'aria-labelledby': 'h-timeline'},
          el('h2', {id: 'h-timeline'}, 'Expiry timeline'),
          el('p', {}, 'One bar per certificate, authorities above their leaves; the red line is today. Expired and expiring certificates are red or orange and say so in words.'),
          el('div', {class: 'scroll'}, timelineSvg(g))),
        findingList(g),
        el('section', {'aria-labelledby': 'h-certs'}, el('h2', {id: 'h-certs'}, 'Certificates'), certTable(g)),
        el('section', {'aria-labelledby': 'h-flags'}, el('h2', {id: 'h-flags'}, 'Flags and files'), edgeTable(g))),
      el('script', {}, script)))}\n`;
}

/** The diagram alone, as a standalone SVG file (its style and script inside). */
export function mapSvg(g: PkiGraph): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${diagramSvg(g, {standalone: true, css: DIAGRAM_CSS, script: DIAGRAM_SCRIPT})}\n`;
}
