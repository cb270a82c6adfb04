import { useInput, useStdin, useStdout } from 'ink';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type keyEvent, splitKeys } from './keys.js';

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

/**
 * The screens' key input: one call per key press. Keys that arrive together (a
 * held-down `j`) are split, except while text is typed, where a chunk is a
 * paste and stays whole. Inactive where stdin cannot be put in raw mode.
 */
export function useKeys(
  onKey: (input: string, key: Parameters<typeof keyEvent>[1]) => void,
  options: { readonly text?: boolean } = {},
): void {
  const { isRawModeSupported } = useStdin();
  useInput(
    (chunk, chunkKey) => {
      const keys = options.text ? [{ input: chunk, key: chunkKey }] : splitKeys(chunk, chunkKey);
      for (const { input, key } of keys) onKey(input, key);
    },
    { isActive: isRawModeSupported },
  );
}

/**
 * State that a key handler reads through `latest`: keys that arrive together
 * (`jjj` then Enter, or keys pressed before React redraws) each see what the
 * key before them did, where the render's value would still be the old one.
 */
export function useLatestState<T>(
  initial: T,
): [T, (next: T | ((previous: T) => T)) => void, { readonly current: T }] {
  const [value, setValue] = useState(initial);
  const latest = useRef(value);
  const set = useCallback((next: T | ((previous: T) => T)) => {
    latest.current =
      typeof next === 'function' ? (next as (previous: T) => T)(latest.current) : next;
    setValue(latest.current);
  }, []);
  return [value, set, latest];
}
