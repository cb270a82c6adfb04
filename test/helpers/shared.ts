import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The shared test material (`../shared` beside the clone; real users' Anki files
 * that must never be copied into the repository). KIOKU_SHARED overrides; a git
 * worktree one level further down finds it too. Missing material fails the test.
 */
export function sharedFile(...parts: string[]): string {
  const candidates = [
    process.env.KIOKU_SHARED,
    path.join(repo, '..', 'shared'),
    path.join(repo, '..', '..', 'shared'),
  ].filter((d): d is string => d !== undefined && d !== '');
  for (const dir of candidates) {
    const file = path.join(dir, ...parts);
    if (existsSync(file)) return file;
  }
  throw new Error(
    `test material ${parts.join('/')} not found in ../shared beside the repository (set KIOKU_SHARED)`,
  );
}

export const ANKI_FILES = {
  latest: 'tobenwarrior-backup-2025-04-10.colpkg',
  legacy2: 'chia-chih-collection-legacy2.colpkg',
  legacy1: 'maxproft-backup-158-legacy1.apkg',
  fsrs: 'cool-delete-fsrs-collection.anki2',
} as const;

export const ankiFile = (name: keyof typeof ANKI_FILES) => sharedFile('anki', ANKI_FILES[name]);
