import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deckName, listDeckFiles, parseDeckFiles } from '../../src/deck/load.js';
import { DECK_CACHE_FILE, readDeckCache, writeDeckCache } from '../../src/store/deckCache.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kioku-cache-'));
  mkdirSync(path.join(dir, 'decks'));
  mkdirSync(path.join(dir, 'data'));
  writeFileSync(path.join(dir, 'decks', 'a.md'), 'Q: one\nA: 1\n');
  writeFileSync(path.join(dir, 'decks', 'b.md'), 'Q: two\nA: 2\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const display = (p: string) => path.relative(dir, p);

async function load(version = 'v1') {
  const files = await listDeckFiles({ root: path.join(dir, 'decks'), display });
  const set = await parseDeckFiles(files, readDeckCache(path.join(dir, 'data'), version));
  return { files, set };
}

async function save(version = 'v1') {
  const { files, set } = await load(version);
  writeDeckCache(
    path.join(dir, 'data'),
    version,
    set,
    files.files,
    (f) => deckName(files.root, f),
    display,
  );
  return set;
}

describe('parsed-deck cache', () => {
  it('gives back the same decks without reading unchanged files', async () => {
    const file = path.join(dir, 'decks', 'a.md');
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const first = await save();
    // Overwrite the deck but keep its size and time: the cache answers, the file is not read.
    writeFileSync(file, 'Q: One\nA: 1\n');
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const again = await load();
    expect(again.set.cards.map((c) => c.front)).toEqual(first.cards.map((c) => c.front));
    expect(again.set.cards[0]!.front).toBe('one');
  });

  it('reparses a file whose size or time changed', async () => {
    await save();
    writeFileSync(path.join(dir, 'decks', 'a.md'), 'Q: one, edited\nA: 1\n');
    const { set } = await load();
    expect(set.cards.map((c) => c.front)).toEqual(['one, edited', 'two']);
  });

  it('ignores a cache from another parser build, or a damaged one', async () => {
    await save('v1');
    writeFileSync(path.join(dir, 'decks', 'a.md'), 'Q: ONE\nA: 1\n');
    const stat = await import('node:fs').then((fs) => fs.statSync(path.join(dir, 'decks', 'b.md')));
    utimesSync(path.join(dir, 'decks', 'a.md'), stat.mtime, stat.mtime);
    expect((await load('v2')).set.cards[0]!.front).toBe('ONE');
    writeFileSync(path.join(dir, 'data', DECK_CACHE_FILE), '{"version": "v1", "entr');
    expect((await load('v1')).set.cards[0]!.front).toBe('ONE');
  });
});

describe('seeded deck cache', () => {
  it('falls back on a cache shipped beside the program when data/ has none', async () => {
    const seedDir = path.join(dir, 'dist');
    mkdirSync(seedDir);
    const file = path.join(dir, 'decks', 'a.md');
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const files = await listDeckFiles({ root: path.join(dir, 'decks'), display });
    const set = await parseDeckFiles(files);
    writeDeckCache(seedDir, 'v1', set, files.files, (f) => deckName(files.root, f), display);
    // Same size and time, other text: only a cache hit can still say "one".
    writeFileSync(file, 'Q: One\nA: 1\n');
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const again = await parseDeckFiles(
      await listDeckFiles({ root: path.join(dir, 'decks'), display }),
      readDeckCache(path.join(dir, 'data'), 'v1', [
        { file: path.join(seedDir, DECK_CACHE_FILE), root: path.join(dir, 'decks') },
      ]),
    );
    expect(again.cards[0]!.front).toBe('one');
    // A seed speaks for its own folder only: decks elsewhere are parsed.
    const elsewhere = await parseDeckFiles(
      await listDeckFiles({ root: path.join(dir, 'decks'), display }),
      readDeckCache(path.join(dir, 'data'), 'v1', [
        { file: path.join(seedDir, DECK_CACHE_FILE), root: path.join(dir, 'other') },
      ]),
    );
    expect(elsewhere.cards[0]!.front).toBe('One');
  });
});
