// POSIX single quoting: inside '…' the shell expands nothing, so `$(…)`, backticks, `\` and newlines stay
// text. The only character that needs care is the quote itself: close, write \', reopen.

/** `s` as one shell word that means exactly `s`. Refuses NUL, which no shell variable can hold. */
export function shq(s: string): string {
  if (s.includes('\0')) throw new Error('a shell word cannot contain a NUL byte');
  return `'${s.replaceAll("'", "'\\''")}'`;
}
