// POSIX single quoting: inside '…' the shell expands nothing, so `$(…)`, backticks, `\` and newlines stay
// text. The only character that needs care is the quote itself: close, write \', reopen.

/** `s` as one shell word that means exactly `s`. Refuses NUL, which no shell variable can hold. */
export function shq(s: string): string {
  if (s.includes('\0')) throw new Error('a shell word cannot contain a NUL byte');
  return `'${s.replaceAll("'", "'\\''")}'`;
}

/**
 * A message template as one double-quoted bash word: literal text escaped, each `{name}` replaced by the bash
 * expression `vars[name]` (a variable, `${x}`), so the script prints the words kubepki itself would print.
 */
export function dq(template: string, vars: Record<string, string>): string {
  let out = '';
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    out += template.slice(last, m.index).replace(/["$`\\]/g, (c) => `\\${c}`);
    const expr = vars[m[1]!];
    if (expr === undefined) throw new Error(`internal: no bash value for {${m[1]}}`);
    out += expr;
    last = m.index + m[0].length;
  }
  return `"${out}${template.slice(last).replace(/["$`\\]/g, (c) => `\\${c}`)}"`;
}
