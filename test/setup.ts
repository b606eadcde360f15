// Test setup: a still spinner, so Ink frames are deterministic.

import {vi} from 'vitest';

vi.mock('@inkjs/ui', async (importOriginal) => {
  const ui = await importOriginal<typeof import('@inkjs/ui')>();
  const {createElement} = await import('react');
  const {Text} = await import('ink');
  return {...ui, Spinner: ({label = ''}: {label?: string}) => createElement(Text, null, `* ${label}`)};
});
