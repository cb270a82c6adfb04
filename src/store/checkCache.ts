import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeCacheFile } from './files.js';
import { STATE_FILE } from './stateFile.js';

/**
 * The last whole-folder `kioku check`'s result, with everything it was computed
 * from (the program, every deck file's size and time, every log file's size and
 * tail, the settings, the state file): when none of it changed, the result is the same, and a
 * check prints it without reading the decks or the state. A cache only: any
 * difference in the key, a damaged file or another format is a full check.
 */
export const CHECK_CACHE_FILE = 'check-cache.json';
const FORMAT = 1;

interface CheckCacheFile<T> {
  readonly format: number;
  readonly key: string;
  readonly result: T;
}

/** The cached result for `key`, or null. */
export function readCheckCache<T>(dataDir: string, key: unknown): T | null {
  try {
    const raw = JSON.parse(
      readFileSync(path.join(dataDir, CHECK_CACHE_FILE), 'utf8'),
    ) as CheckCacheFile<T>;
    if (raw?.format === FORMAT && raw.key === JSON.stringify(key) && raw.result) return raw.result;
  } catch {
    // No cache, or one that cannot be read: check in full.
  }
  return null;
}

/** Saves a result (temporary file, then rename); only where the data folder exists. */
export function writeCheckCache<T>(dataDir: string, key: unknown, result: T): void {
  if (!existsSync(dataDir)) return;
  writeCacheFile(
    path.join(dataDir, CHECK_CACHE_FILE),
    JSON.stringify({ format: FORMAT, key: JSON.stringify(key), result }),
  );
}

/**
 * The state file's size and time: part of a check's key, since `kioku drop`
 * changes the orphans it reports without writing to any log.
 */
export function stateStamp(dataDir: string): readonly [number, number] | null {
  const info = statSync(path.join(dataDir, STATE_FILE), { throwIfNoEntry: false });
  return info ? [info.size, info.mtimeMs] : null;
}
