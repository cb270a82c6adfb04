import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoFiles } from '../sync/repoLayout.js';

export interface InitResult {
  /** Paths written, relative to the repository. */
  readonly created: string[];
  /** Paths that were there already and were left alone. */
  readonly kept: string[];
  /** Deck files copied from the bundled decks. */
  readonly copied: number;
}

/**
 * Lays out a deck repository in `dir` (made if missing). Never overwrites: a
 * file that exists is kept, so running it again in a repository only fills in
 * what is missing. `bundled` is the folder of the decks that come with kioku,
 * copied into `decks/` when given.
 */
export function initRepository(dir: string, bundled: string | null): InitResult {
  mkdirSync(dir, { recursive: true });
  const created: string[] = [];
  const kept: string[] = [];
  let copied = 0;
  const decks = path.join(dir, 'decks');
  if (bundled) copied = copyTree(bundled, decks, 'decks', created, kept);
  const exampleDeck = !hasDeck(decks);
  for (const file of repoFiles({ exampleDeck })) {
    const target = path.join(dir, ...file.path.split('/'));
    if (existsSync(target)) {
      kept.push(file.path);
      continue;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.content, { flag: 'wx' });
    created.push(file.path);
  }
  mkdirSync(path.join(dir, 'data', 'log'), { recursive: true });
  return { created, kept, copied };
}

function hasDeck(dir: string): boolean {
  if (!existsSync(dir)) return false;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory() && hasDeck(path.join(dir, entry.name))) return true;
    if (entry.isFile() && entry.name.endsWith('.md') && entry.name.toLowerCase() !== 'readme.md') {
      return true;
    }
  }
  return false;
}

/** Copies the Markdown files of a deck tree; returns how many decks were copied. */
function copyTree(
  from: string,
  to: string,
  rel: string,
  created: string[],
  kept: string[],
): number {
  let decks = 0;
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    const relTarget = `${rel}/${entry.name}`;
    if (entry.isDirectory()) {
      decks += copyTree(source, target, relTarget, created, kept);
    } else if (entry.isFile() && entry.name.endsWith('.md')) {
      if (existsSync(target)) {
        kept.push(relTarget);
        continue;
      }
      copyFileSync(source, target);
      created.push(relTarget);
      if (entry.name.toLowerCase() !== 'readme.md') decks++;
    }
  }
  return decks;
}

/** True when `dir` is a folder. */
export function isDirectory(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}
