// displayValue: hostile values must print as one inert line, short enough for an error message.

import {describe, expect, it} from 'vitest';
import {displayValue, escapeText} from '../../src/plan/escape.js';

describe('displayValue', () => {
  it.each([
    ['plain', '"plain"'],
    ['a\nb', '"a\\nb"'],
    ['tab\there', '"tab\\there"'],
    ['nul\0', '"nul\\0"'],
    ['\x1b[31mred', '"\\u001b[31mred"'],
    ['evil\u202etxt.exe', '"evil\\u202etxt.exe"'],
    ['zero\u200bwidth', '"zero\\u200bwidth"'],
    ['line\u2028sep', '"line\\u2028sep"'],
    ['nb\u00a0sp', '"nb\\u00a0sp"'],
    ['say "hi" \\o/', '"say \\"hi\\" \\\\o/"'],
    ['ünï', '"ünï"'],
    ['', '""'],
  ])('%j → %s', (input, expected) => expect(displayValue(input)).toBe(expected));

  it('shows non-strings as YAML would have typed them', () => {
    expect(displayValue(undefined)).toBe('(missing)');
    expect(displayValue(null)).toBe('null');
    expect(displayValue(42)).toBe('42');
    expect(displayValue(true)).toBe('true');
    expect(displayValue(NaN)).toBe('NaN');
    expect(displayValue(['a', 1])).toBe('["a", 1]');
    expect(displayValue({name: 'x', n: 1})).toBe('{name: "x", n: 1}');
    expect(displayValue(new Uint8Array(3))).toBe('(binary data, 3 bytes)');
    expect(displayValue([[[[1]]]])).toBe('[[[…]]]');
  });

  it('truncates long values to about 60 characters with an ellipsis', () => {
    const shown = displayValue('x'.repeat(500));
    expect(shown).toBe(`"${'x'.repeat(60)}…"`);
    expect(displayValue(Array.from({length: 50}, (_, i) => `item-${i}`)).length).toBeLessThanOrEqual(61);
    expect(displayValue({k: 'y'.repeat(200)}).endsWith('…')).toBe(true);
  });

  it('never cuts an escape sequence in half', () => {
    const shown = displayValue(`${'x'.repeat(57)}\u202e`);
    expect(shown).toBe(`"${'x'.repeat(57)}…"`);
  });

  it('is always one line without raw control or bidi characters', () => {
    const nasty = ['\n', '\r\n', '\u0085', '\u2029', '\u202e', '\u2066', '\x7f', '\ud800', '\ufeff'].join('x');
    const shown = displayValue(nasty);
    expect(shown).not.toMatch(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u);
  });
});

describe('escapeText', () => {
  it('escapes invisibles without adding quotes', () => {
    expect(escapeText('a\nb "c"')).toBe('a\\nb "c"');
  });
});
