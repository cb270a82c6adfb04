import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface Size {
  readonly columns: number;
  readonly rows: number;
}

/** The terminal's size, updated on resize. Tests' fake stdout has no rows: 24 then. */
export function useTerminalSize(): Size {
  const { stdout } = useStdout();
  const read = (): Size => ({
    columns: Math.max(20, stdout.columns || 80),
    rows: Math.max(10, stdout.rows || 24),
  });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  });
  return size;
}
