// The openssl panel as rows: a title, then per certificate the exam-style commands (wrapped with a hanging
// indent, never cut), the cnf section they read, and the line on how the safe script differs. What does not
// fit the rows given is counted on a last row; F1 shows it all.

import {EXAM_CNF} from '../../../openssl/exam-script.js';
import {PREVIEW_SOURCE, SAFE_SCRIPT_DIFFERS, type Preview} from '../../preview.js';
import {theme} from '../theme.js';
import {hanging, text, wrapped, type Line} from './line.js';

function panelRows(p: Preview & {ok: true}, width: number): Line[] {
  const rows: Line[] = [];
  for (const b of p.blocks) {
    if (p.blocks.length > 1) rows.push(text(`${b.spec}:`, {bold: true}));
    for (const c of b.commands) {
      c.split('\n').forEach((part, i) => rows.push(...hanging([{text: i === 0 ? '$ ' : '  ', color: theme.command}], part.trim(), width)));
    }
    if (b.cnf.length) {
      rows.push(text(`${EXAM_CNF}:`, {dim: true}));
      for (const line of b.cnf) if (line !== '') rows.push(...wrapped(line, width, {dim: true}, 2, 4));
    }
  }
  rows.push(...wrapped(SAFE_SCRIPT_DIFFERS, width, {dim: true}));
  return rows;
}

/** The panel for `preview` in at most 1 + `maxLines` rows. While the answers are invalid it shows no
 *  commands at all: names from the last valid answers would teach the wrong file names. */
export function previewPanelLines(preview: Preview, width: number, maxLines: number): Line[] {
  const room = Math.max(1, maxLines);
  if (!preview.ok) {
    return hanging([{text: 'openssl ', bold: true, color: theme.command}], preview.reason, width, {dim: true}).slice(0, room + 1);
  }
  const specs = preview.blocks.map((b) => b.spec).join(', ');
  const title = hanging([{text: 'openssl ', bold: true, color: theme.command}], `· ${specs}, ${PREVIEW_SOURCE}`, width, {dim: true});
  const rows = [...title, ...panelRows(preview, width)];
  if (rows.length <= room + 1) return rows;
  const visible = rows.slice(0, room);
  return [...visible, text(`↓ ${rows.length - visible.length} more rows: F1 shows them all`, {dim: true})];
}
