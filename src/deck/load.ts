import { constants, readdirSync, realpathSync, type Stats, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { collectDecks, type DeckSet } from './collection.js';
import type { Diagnostic, ParsedDeck } from './types.js';

/** A deck larger than this is almost certainly not a deck (a log, a dump): report it. */
export const MAX_DECK_BYTES = 4 * 1024 * 1024;

export interface LoadOptions {
  /** The decks directory: deck names are paths relative to it. */
  readonly root: string;
  /** Files or folders to load; default: the root. */
  readonly paths?: readonly string[];
  /** How a path is shown in diagnostics; default: relative to the working directory. */
  readonly display?: (absolute: string) => string;
}

export interface DeckFile {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface DeckFiles {
  readonly root: string;
  readonly files: readonly DeckFile[];
  readonly diagnostics: readonly Diagnostic[];
  readonly display: (absolute: string) => string;
}

/** Reads deck files from disk. Problems become diagnostics; it never throws for bad decks. */
export async function loadDecks(options: LoadOptions): Promise<DeckSet> {
  return parseDeckFiles(await listDeckFiles(options));
}

/**
 * Finds the deck files (walking folders, following symlinks once, skipping
 * README.md) with their size and modification time, without reading them.
 * Metadata only, so the calls are synchronous: a promise per stat cost more
 * than the stat, and this runs before anything is drawn.
 */
export async function listDeckFiles(options: LoadOptions): Promise<DeckFiles> {
  const root = path.resolve(options.root);
  const display = options.display ?? ((p: string) => path.relative(process.cwd(), p) || p);
  const diagnostics: Diagnostic[] = [];
  const problem = (severity: Diagnostic['severity'], file: string, message: string) =>
    diagnostics.push({ severity, file: display(file), line: 1, column: 1, message });

  const files = new Map<string, DeckFile>();
  const add = (file: string, info: { size: number; mtimeMs: number }) =>
    files.set(file, { path: file, size: info.size, mtimeMs: info.mtimeMs });
  const visited = new Set<string>();

  function walk(dir: string): void {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (err) {
      problem('error', dir, `cannot read folder: ${errorText(err)}`);
      return;
    }
    if (visited.has(real)) {
      problem('warning', dir, 'symlink loop: this folder was already read, skipped');
      return;
    }
    visited.add(real);
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch (err) {
      problem('error', dir, `cannot read folder: ${errorText(err)}`);
      return;
    }
    for (const entry of entries) {
      if (entry.startsWith('.') || entry === 'node_modules') continue;
      const full = path.join(dir, entry);
      let info: Stats;
      try {
        info = statSync(full);
      } catch (err) {
        problem('error', full, `cannot read: ${errorText(err)}`);
        continue;
      }
      if (info.isDirectory()) walk(full);
      else if (isDeckFile(entry)) addFile(full, info);
    }
  }

  // A FIFO would block the read forever, a device could be endless: only regular files are decks.
  const addFile = (file: string, info: Stats) => {
    if (info.isFile()) add(file, info);
    else problem('warning', file, `skipped: ${kindOf(info)}, not a regular file`);
  };

  for (const p of options.paths ?? [root]) {
    const full = path.resolve(p);
    let info: Stats;
    try {
      info = statSync(full);
    } catch (err) {
      problem('error', full, `cannot read: ${errorText(err)}`);
      continue;
    }
    if (info.isDirectory()) walk(full);
    else addFile(full, info);
  }
  return { root, files: [...files.values()], diagnostics, display };
}

/**
 * Parsed decks from an earlier run, by absolute path; an entry is used only
 * while its file keeps the same size and modification time.
 */
export interface DeckCache {
  get(file: DeckFile, name: string, display: string): ParsedDeck | undefined;
}

/**
 * Reads and parses listed deck files into one deck set. With a cache, files
 * that did not change are not read again, and when none changed the parser
 * (and its YAML library) is not even loaded.
 */
export async function parseDeckFiles(list: DeckFiles, cache?: DeckCache): Promise<DeckSet> {
  const { root, display } = list;
  const diagnostics: Diagnostic[] = [...list.diagnostics];
  const problem = (severity: Diagnostic['severity'], file: string, message: string) =>
    diagnostics.push({ severity, file: display(file), line: 1, column: 1, message });
  let parser: Promise<typeof import('./parse.js')> | null = null;
  const decks = await Promise.all(
    list.files.map(async (entry): Promise<ParsedDeck | null> => {
      const { path: file, size } = entry;
      const name = deckName(root, file);
      const cached = cache?.get(entry, name, display(file));
      if (cached) return cached;
      try {
        if (size > MAX_DECK_BYTES) {
          problem('error', file, tooLarge(size));
          return null;
        }
        parser ??= import('./parse.js');
        const [{ parseDeck }, source] = await Promise.all([parser, readDeckFile(file)]);
        if (typeof source !== 'string') {
          problem('error', file, source.problem);
          return null;
        }
        return parseDeck({ name, file: display(file), source });
      } catch (err) {
        problem('error', file, `cannot read: ${errorText(err)}`);
        return null;
      }
    }),
  );
  return collectDecks(
    decks.filter((d): d is ParsedDeck => d !== null),
    diagnostics,
  );
}

/**
 * Reads a deck file listed earlier. The file may have been replaced since it
 * was listed (by a FIFO, or grown past the limit): it is opened without
 * blocking and checked again, and never more than the limit is read.
 */
async function readDeckFile(file: string): Promise<string | { problem: string }> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { problem: `skipped: ${kindOf(info)}, not a regular file` };
    if (info.size > MAX_DECK_BYTES) return { problem: tooLarge(info.size) };
    // Sized to the file (a byte more, to see it grow while read), grown if it does:
    // a buffer of the size limit per file cost more than parsing the file.
    let buffer = Buffer.allocUnsafe(info.size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const bigger = Buffer.allocUnsafe(Math.min(MAX_DECK_BYTES + 1, buffer.length * 2));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_DECK_BYTES) return { problem: tooLarge(length) };
    }
    return buffer.toString('utf8', 0, length);
  } finally {
    await handle.close();
  }
}

function tooLarge(bytes: number): string {
  return `file too large: ${megabytes(bytes)} MB (a deck may be at most ${MAX_DECK_BYTES / 1024 / 1024} MB; split it into several files)`;
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a file';
}

/** README files document a deck folder; they are not decks. */
export function isDeckFile(name: string): boolean {
  return name.toLowerCase().endsWith('.md') && name.toLowerCase() !== 'readme.md';
}

/** `ja/architecture` for `<root>/ja/architecture.md`; files outside the root keep their base name. */
export function deckName(root: string, file: string): string {
  const rel = path.relative(root, file);
  const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  const name = inside ? rel : path.basename(file);
  return name.replace(/\.md$/i, '').split(path.sep).join('/');
}

/** Rounded up, so a file just over the limit never reads as "4.0 MB (at most 4 MB)". */
function megabytes(bytes: number): string {
  return (Math.ceil((bytes / 1024 / 1024) * 10) / 10).toFixed(1);
}

function errorText(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err) {
    const code = String((err as { code: unknown }).code);
    const known: Record<string, string> = {
      ENOENT: 'no such file or folder',
      EACCES: 'permission denied',
      ELOOP: 'too many symbolic links (a loop?)',
      EISDIR: 'is a folder',
    };
    return known[code] ?? code;
  }
  return err instanceof Error ? err.message : String(err);
}
