import { vi } from 'vitest';

/** Named keys for ink-testing-library's stdin (what a terminal sends). */
export const KEY = {
  space: ' ',
  enter: '\r',
  escape: '\u001B',
  up: '\u001B[A',
  down: '\u001B[B',
  left: '\u001B[D',
  right: '\u001B[C',
  home: '\u001B[H',
  end: '\u001B[F',
  delete: '\u001B[3~',
  pageDown: '\u001B[6~',
  backspace: '\u007F',
  ctrl: (letter: string) => String.fromCharCode(letter.charCodeAt(0) - 0x60),
  paste: (text: string) => `\u001B[200~${text}\u001B[201~`,
} as const;

interface Rendered {
  readonly stdin: { write: (s: string) => void };
  readonly lastFrame: () => string | undefined;
}

/** Long enough for a loaded 2-core machine; a key that changes nothing fails the test, not hangs it. */
const WAIT_MS = 5_000;

/**
 * Writes each key by itself and waits until the frame changes, as a person
 * watching the screen would (Shopify cli-kit's sendInputAndWaitForChange).
 * Never a fixed sleep: the test is as fast as the renderer and no slower
 * than a loaded machine needs.
 */
export async function press(ui: Rendered, ...keys: string[]): Promise<void> {
  for (const key of keys) await sendAndWait(ui, key);
}

/** Several keys in one write (typed ahead, or a held-down key), then a wait for the frame to change. */
export async function together(ui: Rendered, ...keys: string[]): Promise<void> {
  await sendAndWait(ui, keys.join(''));
}

async function sendAndWait(ui: Rendered, chunk: string): Promise<void> {
  const before = ui.lastFrame();
  ui.stdin.write(chunk);
  await vi.waitFor(
    () => {
      if (ui.lastFrame() === before)
        throw new Error(`the frame did not change after ${JSON.stringify(chunk)}`);
    },
    { timeout: WAIT_MS, interval: 5 },
  );
  await flush();
}

/**
 * Types text as a fast typist would, a word (with the space before it) per
 * write: a lone space can leave the frame unchanged where the cursor is drawn
 * without colour, and a wait for a change would then time out.
 */
export async function type(ui: Rendered, text: string): Promise<void> {
  for (const word of text.match(/\s*\S+|\s+$/g) ?? []) await sendAndWait(ui, word);
}

/** Lets effects and a pending render run: for the first frame, and keys that end the app. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
}

/** Waits for the first frame to be drawn. */
export async function firstFrame(ui: Rendered): Promise<void> {
  await vi.waitFor(
    () => {
      if (!ui.lastFrame()) throw new Error('no frame yet');
    },
    { timeout: WAIT_MS, interval: 5 },
  );
  await flush();
}

/** A clock for the app's ticker that only moves when the test says so. */
export function manualTicker() {
  const callbacks = new Set<() => void>();
  return {
    every(_ms: number, callback: () => void) {
      callbacks.add(callback);
      return () => {
        callbacks.delete(callback);
      };
    },
    tick() {
      for (const c of callbacks) c();
    },
  };
}
