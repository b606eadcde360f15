// The openssl panel as rows: a title, the subject and SANs the cnf will carry, then the commands, in full
// when they fit the rows given and one cut line each when not.

import {oneLine, type Preview} from '../../preview.js';
import {cut, wrapWords} from '../layout.js';
import {theme} from '../theme.js';
import {cutText, text, type Line} from './line.js';

interface Row {
  text: string;
  kind: 'label' | 'detail' | 'command';
}

function panelRows(p: Preview, width: number, compact: boolean): Row[] {
  if (!p.ok) return [];
  const rows: Row[] = [];
  for (const b of p.blocks) {
    if (p.blocks.length > 1) rows.push({text: `${b.spec}:`, kind: 'label'});
    if (b.subject) rows.push({text: cut(`subject  ${b.subject}`, width), kind: 'detail'});
    if (b.sans.length) {
      wrapWords(b.sans.join(', '), width - 9).forEach((t, i) => rows.push({text: `${i === 0 ? 'SANs   ' : '       '}  ${t}`, kind: 'detail'}));
    }
    for (const c of b.commands) {
      if (compact) rows.push({text: cut(`$ ${oneLine(c)}`, width), kind: 'command'});
      else c.split('\n').forEach((part, i) => rows.push({text: cut(`${i === 0 ? '$ ' : '  '}${part}`, width), kind: 'command'}));
    }
  }
  return rows;
}

/**
 * The panel for `preview` in at most 1 + `maxLines` rows. `shown` is what to list: the preview itself, or
 * while the answers are invalid the last good one (dimmed), so the panel does not jump while the user types.
 */
export function previewPanelLines(preview: Preview, shown: Preview | undefined, width: number, maxLines: number): Line[] {
  const room = Math.max(1, maxLines);
  const full = shown ? panelRows(shown, width, false) : [];
  const rows = full.length <= room ? full : panelRows(shown!, width, true);
  const visible = rows.length > room ? rows.slice(0, room - 1) : rows;
  const more = rows.length - visible.length;
  const stale = !preview.ok;
  const specs = shown?.ok ? shown.blocks.map((b) => b.spec).join(', ') : '';
  const status = stale ? ` (${preview.reason}${shown ? '; showing the last valid ones' : ''})` : '';
  return [
    [{text: 'openssl', bold: true, color: theme.command}, {text: cut(` · ${specs}${status}`, width - 8), dim: true}],
    ...visible.map((r) => text(r.text, {dim: stale || r.kind === 'detail', bold: r.kind === 'label'})),
    ...(more > 0 ? [cutText(`… ${more} more (? shows all)`, width, {dim: true})] : []),
  ];
}
