import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchPaths } from '../../src/cli/watch.js';
import { startKioku } from '../helpers/cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kioku-watch-'));
  mkdirSync(path.join(dir, 'decks', 'en'), { recursive: true });
  writeFileSync(path.join(dir, 'decks', 'en', 'a.md'), 'Q: one\nA: 1\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Resolves on the watcher's next batch of changes. */
function nextChange(roots: string[]) {
  let resolve!: (changed: string[]) => void;
  const changed = new Promise<string[]>((r) => {
    resolve = r;
  });
  const watcher = watchPaths(roots, (c) => resolve(c), { debounceMs: 50 });
  return { changed, close: () => watcher.close() };
}

describe('watchPaths', () => {
  it('reports a burst of saves once, for deck files and new folders, and ignores other files', async () => {
    const w = nextChange([path.join(dir, 'decks')]);
    writeFileSync(path.join(dir, 'decks', 'en', 'notes.txt'), 'x');
    const file = path.join(dir, 'decks', 'en', 'a.md');
    // An editor's save: write a temporary file, rename it over the deck.
    writeFileSync(`${file}.tmp`, 'Q: one\nA: 2\n');
    const { renameSync } = await import('node:fs');
    renameSync(`${file}.tmp`, file);
    writeFileSync(file, 'Q: one\nA: 3\n');
    expect(await w.changed).toEqual([file]);
    w.close();

    const folder = nextChange([path.join(dir, 'decks')]);
    mkdirSync(path.join(dir, 'decks', 'ja'));
    expect(await folder.changed).toEqual([path.join(dir, 'decks', 'ja')]);
    folder.close();
    // The new folder is watched too.
    const inside = nextChange([path.join(dir, 'decks')]);
    writeFileSync(path.join(dir, 'decks', 'ja', 'b.md'), 'Q: b\nA: b\n');
    expect(await inside.changed).toEqual([path.join(dir, 'decks', 'ja', 'b.md')]);
    inside.close();
  });
});

describe('kioku check --watch', () => {
  it('checks, then again on every save, appending on a pipe, until interrupted', async () => {
    const k = startKioku(dir, ['check', '--watch', '--no-color']);
    await k.waitFor('0 errors, 0 warnings in 1 deck (1 card)');
    expect(k.stdout()).toMatch(/^\[\d\d:\d\d:\d\d\] Checking\.\n/);
    writeFileSync(path.join(dir, 'decks', 'en', 'a.md'), 'Q: one\nA:\n');
    await k.waitFor('1 error, 0 warnings');
    expect(k.stdout()).toContain('decks/en/a.md changed. Checking again.');
    expect(k.stdout()).toContain('decks/en/a.md:2:1: error:');
    writeFileSync(path.join(dir, 'decks', 'en', 'b.md'), 'Q: two\nA: 2\n');
    await k.waitFor('1 error, 0 warnings in 2 decks (1 card)');
    unlinkSync(path.join(dir, 'decks', 'en', 'a.md'));
    await k.waitFor(
      /b\.md changed[\s\S]*a\.md changed\. Checking again\.\n0 errors, 0 warnings in 1 deck \(1 card\)/,
    );
    // Appended, never cleared, on a pipe: the first run is still there.
    expect(k.stdout()).not.toContain('\u001B[2J');
    expect(k.stdout().match(/Watching for changes\./g)!.length).toBeGreaterThanOrEqual(4);
    k.stop();
    expect((await k.done).status).toBe(0);
  });

  it('clears and redraws on a terminal, and exits 1 when the last check found errors', async () => {
    writeFileSync(path.join(dir, 'decks', 'en', 'a.md'), 'Q: one\nA:\n');
    const k = startKioku(dir, ['check', '--watch', '--no-color', 'decks/en/a.md'], { tty: true });
    await k.waitFor('1 error');
    expect(k.stdout().startsWith('\u001B[2J\u001B[3J\u001B[H')).toBe(true);
    expect(k.stdout()).toContain('(Ctrl-C to stop)');
    k.stop();
    expect((await k.done).status).toBe(1);
  });
});
