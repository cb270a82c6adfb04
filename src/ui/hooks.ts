import { useStdin, useStdout } from 'ink';
import { useEffect, useRef, useState } from 'react';

export interface Size {
  readonly columns: number;
  readonly rows: number;
}

/** The terminal's size now. Tests' fake stdout has no rows: 24 then. */
export function terminalSize(stdout: { columns?: number; rows?: number }): Size {
  return {
    columns: Math.max(20, stdout.columns || 80),
    rows: Math.max(10, stdout.rows || 24),
  };
}

/** The terminal's size, updated on resize. */
export function useTerminalSize(): Size {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => terminalSize(stdout));
  useEffect(() => {
    const onResize = () => setSize(terminalSize(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}

/**
 * The one place the UI reads the keyboard: one listener on Ink's input
 * events (each escape sequence on its own, a run of characters as one),
 * subscribed once and never re-created, so no key can fall between a render
 * and the effect that would re-subscribe a handler. Inactive where stdin
 * cannot be put in raw mode.
 */
export function useTerminalInput(onInput: (chunk: string) => void): void {
  const { setRawMode, isRawModeSupported, internal_eventEmitter: events } = useStdin();
  const handler = useRef(onInput);
  handler.current = onInput;
  useEffect(() => {
    if (!isRawModeSupported) return;
    setRawMode(true);
    const listener = (chunk: string) => handler.current(chunk);
    events.on('input', listener);
    return () => {
      events.removeListener('input', listener);
      setRawMode(false);
    };
  }, [isRawModeSupported, setRawMode, events]);
}

/** A clock that calls back every so often; injected so tests move time themselves. */
export interface Ticker {
  every(ms: number, callback: () => void): () => void;
}

export const realTicker: Ticker = {
  every(ms, callback) {
    const timer = setInterval(callback, ms);
    return () => clearInterval(timer);
  },
};
