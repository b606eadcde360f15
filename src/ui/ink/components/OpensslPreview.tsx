// The openssl commands for the current answers, compact: the subject and SANs the cnf will carry, then
// one line per command, cut to the rows the screen can spare. While the answers are invalid the last
// good preview stays, dimmed, so the panel does not jump while the user types.

import {Box, Text} from 'ink';
import {useRef} from 'react';
import {oneLine, type Preview} from '../../preview.js';
import {theme} from '../theme.js';
import {cut, wrapWords} from '../layout.js';

interface Line {
  text: string;
  kind: 'label' | 'detail' | 'command';
}

/** The full multi-line commands when they fit in `maxLines`, else one cut line per command. */
export function fittedLines(p: Preview, width: number, maxLines: number): Line[] {
  const full = previewPanelLines(p, width, false);
  return full.length <= maxLines ? full : previewPanelLines(p, width, true);
}

export function previewPanelLines(p: Preview, width: number, compact = true): Line[] {
  if (!p.ok) return [];
  const lines: Line[] = [];
  for (const b of p.blocks) {
    if (p.blocks.length > 1) lines.push({text: `${b.spec}:`, kind: 'label'});
    if (b.subject) lines.push({text: cut(`subject  ${b.subject}`, width), kind: 'detail'});
    if (b.sans.length) {
      wrapWords(b.sans.join(', '), width - 9).forEach((text, i) => lines.push({text: `${i === 0 ? 'SANs   ' : '       '}  ${text}`, kind: 'detail'}));
    }
    for (const c of b.commands) {
      if (compact) lines.push({text: cut(`$ ${oneLine(c)}`, width), kind: 'command'});
      else c.split('\n').forEach((part, i) => lines.push({text: cut(`${i === 0 ? '$ ' : '  '}${part}`, width), kind: 'command'}));
    }
  }
  return lines;
}

export function OpensslPreview({preview, maxLines, width}: {preview: Preview; maxLines: number; width: number}) {
  const lastGood = useRef<Preview | undefined>(undefined);
  if (preview.ok) lastGood.current = preview;
  const shown = preview.ok ? preview : lastGood.current;
  const room = Math.max(1, maxLines);
  const lines = shown ? fittedLines(shown, width, room) : [];
  const visible = lines.length > room ? lines.slice(0, room - 1) : lines;
  const more = lines.length - visible.length;
  const stale = !preview.ok;
  const specs = shown?.ok ? shown.blocks.map((b) => b.spec).join(', ') : '';
  const status = stale ? ` (${preview.reason}${shown ? '; showing the last valid ones' : ''})` : '';
  return (
    <Box flexDirection="column" width={width}>
      <Text>
        <Text bold color={theme.command}>openssl</Text>
        <Text dimColor>{cut(` · ${specs}${status}`, width - 8)}</Text>
      </Text>
      {visible.map((line, i) => (
        <Text key={i} dimColor={stale || line.kind === 'detail'} bold={line.kind === 'label'}>{line.text}</Text>
      ))}
      {more > 0 ? <Text dimColor>{cut(`… ${more} more (? shows all)`, width)}</Text> : null}
    </Box>
  );
}
