import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DeckSet } from '../deck/collection.js';
import type { DeckCache, DeckFile } from '../deck/load.js';
import type { ParsedDeck } from '../deck/types.js';
import { writeCacheFile } from './files.js';

export const DECK_CACHE_FILE = 'decks-cache.json';

/**
 * Bumped whenever the parser's output changes shape or meaning. The program's
 * own version is part of the key too, so an upgrade never reads an old cache.
 */
export const PARSER_VERSION = 1;

interface Entry {
  readonly size: number;
  readonly mtimeMs: number;
  readonly name: string;
  readonly display: string;
  readonly deck: ParsedDeck;
}

interface CacheFile {
  readonly version: string;
  readonly entries: Record<string, Entry>;
}

/**
 * The parsed-deck cache in data/: a start-up shortcut, never the truth. A
 * missing, unreadable or foreign cache is simply not used; it is rebuilt on
 * the next save.
 */
export function readDeckCache(
  dataDir: string,
  programVersion: string,
  /**
   * Further cache files to fall back on (the one the build made for the bundled
   * decks), each for the deck files under its `root` only: a seed is a megabyte
   * to read and parse, for nothing when the decks are the user's own.
   */
  seeds: readonly { readonly file: string; readonly root: string }[] = [],
): DeckCache {
  const version = `${PARSER_VERSION}/${programVersion}`;
  const read = (file: string): Record<string, Entry> => {
    try {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      if (raw && raw.version === version && raw.entries && typeof raw.entries === 'object') {
        return raw.entries;
      }
    } catch {
      // No cache yet, or a damaged one: parse the decks.
    }
    return {};
  };
  // Read when first needed: on an everyday start the first file answers every
  // deck, and each further one costs a megabyte read and parsed.
  const files = [path.join(dataDir, DECK_CACHE_FILE), ...seeds.map((s) => s.file)];
  const roots = [null, ...seeds.map((s) => path.resolve(s.root) + path.sep)];
  const sources: Record<string, Entry>[] = [];
  const source = (i: number) => {
    sources[i] ??= read(files[i]!);
    return sources[i];
  };
  return {
    get(file, name, display) {
      for (let i = 0; i < files.length; i++) {
        const root = roots[i];
        if (root && !path.resolve(file.path).startsWith(root)) continue;
        const e = source(i)[file.path];
        if (
          e &&
          e.size === file.size &&
          e.mtimeMs === file.mtimeMs &&
          e.name === name &&
          e.display === display
        ) {
          return e.deck;
        }
      }
      return undefined;
    },
  };
}

/** Saves the decks just loaded (write to a temporary file, then rename: never half-written). */
export function writeDeckCache(
  dataDir: string,
  programVersion: string,
  set: DeckSet,
  files: readonly DeckFile[],
  nameOf: (file: string) => string,
  display: (file: string) => string,
): void {
  if (!existsSync(dataDir)) return;
  const byName = new Map(set.decks.map((d) => [d.name, d]));
  const entries: Record<string, Entry> = {};
  for (const file of files) {
    const name = nameOf(file.path);
    const deck = byName.get(name);
    if (!deck) continue;
    entries[file.path] = {
      size: file.size,
      mtimeMs: file.mtimeMs,
      name,
      display: display(file.path),
      deck,
    };
  }
  const version = `${PARSER_VERSION}/${programVersion}`;
  writeCacheFile(
    path.join(dataDir, DECK_CACHE_FILE),
    JSON.stringify({ version, entries } satisfies CacheFile),
  );
}
