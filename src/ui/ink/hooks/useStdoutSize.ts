// The terminal's size, updated on resize. Ink 6 has no hook for it, so read useStdout().stdout and listen
// for 'resize'; tests redefine `columns`/`rows` and emit the event.

import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

export interface Size {
  columns: number;
  rows: number;
}

const read = (stdout: NodeJS.WriteStream): Size => ({
  // A PTY may report 0 columns: treat unknown sizes as the classic 80×24.
  columns: stdout.columns > 0 ? stdout.columns : 80,
  rows: stdout.rows > 0 ? stdout.rows : 24,
});

export function useStdoutSize(): Size {
  const {stdout} = useStdout();
  const [size, setSize] = useState(() => read(stdout));
  useEffect(() => {
    const onResize = () => setSize(read(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
