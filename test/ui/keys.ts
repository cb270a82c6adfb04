/** Named keys for ink-testing-library's stdin (what a terminal sends). */
export const KEY = {
  space: ' ',
  enter: '\r',
  escape: '\u001B',
  up: '\u001B[A',
  down: '\u001B[B',
  pageDown: '\u001B[6~',
  backspace: '\u007F',
} as const;

export const tick = () => new Promise((r) => setTimeout(r, 25));

/** Writes keys one at a time, letting Ink re-render after each. */
export async function press(stdin: { write: (s: string) => void }, ...keys: string[]) {
  for (const key of keys) {
    stdin.write(key);
    await tick();
  }
}
