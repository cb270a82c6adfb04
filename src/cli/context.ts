import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeckSet } from '../deck/collection.js';
import { neutralize } from '../text/sanitize.js';
import type { CliOptions } from './args.js';
import type { CliIo, Env } from './io.js';
import { type Locations, locate, type Source } from './paths.js';

declare const KIOKU_VERSION: string;
declare const KIOKU_PARSER_HASH: string;
export const VERSION = typeof KIOKU_VERSION === 'string' ? KIOKU_VERSION : '0.0.0-dev';
/** Keys the parsed-deck cache: it changes whenever the parser's code does. */
export const PARSER_BUILD = typeof KIOKU_PARSER_HASH === 'string' ? KIOKU_PARSER_HASH : 'dev';

/**
 * The package root: the nearest folder above this module with a package.json
 * (dist/kioku.js when built, src/cli/ when run from source in tests).
 */
export const PACKAGE_DIR = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) {
    dir = path.dirname(dir);
  }
  return dir;
})();

/** An error for the user, not a bug: printed as `kioku: message`, exiting with `code`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

const FROM: Record<Source, string> = {
  flag: 'given by --%s',
  env: 'from KIOKU_%S',
  cwd: 'the ./%s folder of this deck repository',
  default: 'the default',
};

function origin(source: Source, name: 'decks' | 'data'): string {
  return FROM[source].replace('%s', name).replace('%S', name.toUpperCase());
}

function folderProblem(dir: string, mode: number): string | null {
  let info: ReturnType<typeof statSync>;
  try {
    info = statSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be read (${code})`;
  }
  if (!info.isDirectory()) return 'is not a folder';
  try {
    accessSync(dir, mode);
  } catch {
    return mode & constants.W_OK ? 'cannot be written to' : 'cannot be read';
  }
  return null;
}

/**
 * Fails with a message naming the path when a folder the command reads is
 * missing or unreadable, instead of reporting "nothing due" from nowhere. A
 * data folder that does not exist yet is fine where kioku would create it: on
 * the first review, or read as empty at its usual place; one named by --data or
 * KIOKU_DATA must exist for a command that only reads it.
 */
export function requireFolders(
  ctx: Context,
  needs: { readonly decks?: boolean; readonly data?: 'read' | 'write' | 'create' },
): void {
  const { where, display } = ctx;
  if (needs.decks) {
    const problem = folderProblem(where.decks, constants.R_OK | constants.X_OK);
    if (problem) {
      throw new CliError(
        `decks folder ${display(where.decks)} ${problem} (${origin(where.decksFrom, 'decks')}). Give the right one with --decks DIR or KIOKU_DECKS.`,
      );
    }
  }
  if (needs.data) {
    const writing = needs.data !== 'read';
    const mode = constants.R_OK | constants.X_OK | (writing ? constants.W_OK : 0);
    const explicit = where.dataFrom === 'flag' || where.dataFrom === 'env';
    if (existsSync(where.data) || (explicit && needs.data !== 'create')) {
      const problem = folderProblem(where.data, mode);
      if (problem) {
        throw new CliError(
          `data folder ${display(where.data)} ${problem} (${origin(where.dataFrom, 'data')}). Give the right one with --data DIR or KIOKU_DATA${problem === 'does not exist' ? '; a first "kioku review" creates it' : ''}.`,
        );
      }
    } else if (writing && explicit) {
      // Created on first use, but not under a parent that is itself missing (a typo).
      const parent = path.dirname(where.data);
      if (folderProblem(parent, constants.W_OK | constants.X_OK)) {
        throw new CliError(
          `data folder ${display(where.data)} cannot be created: ${display(parent)} ${folderProblem(parent, constants.W_OK | constants.X_OK)} (${origin(where.dataFrom, 'data')}).`,
        );
      }
    }
  }
}

/** What every command receives: its arguments, options, where things are, and how to print. */
export interface Context {
  readonly io: CliIo;
  readonly env: Env;
  readonly args: readonly string[];
  readonly options: CliOptions;
  readonly where: Locations;
  /** Prints a line to stdout. */
  out(line: string): void;
  /** Prints a line to stderr. */
  err(line: string): void;
  /** A path as the user would type it: relative to the working directory when inside it. */
  display(p: string): string;
  /** Whether stdout gets colour. */
  readonly color: boolean;
  /** Wraps text in an SGR sequence when colour is on. */
  sgr(code: string): (s: string) => string;
  readonly language: 'en' | 'ja';
  /** The time now (the io's clock). */
  now(): Date;
}

export function makeContext(
  io: CliIo,
  env: Env,
  args: readonly string[],
  options: CliOptions,
): Context {
  const where = locate({
    flags: options,
    env,
    cwd: io.cwd,
    home: io.home,
    bundledDecks: path.join(PACKAGE_DIR, 'decks'),
    isDirectory: (p) => existsSync(p) && statSync(p).isDirectory(),
  });
  const color = colorEnabled(options, env, io.stdout.isTTY);
  return {
    io,
    env,
    args,
    options,
    where,
    out: (line) => io.stdout.write(`${line}\n`),
    // Messages echo arguments, deck and file names: none may act on the terminal.
    err: (line) => io.stderr.write(`${neutralize(line)}\n`),
    display: (p) => {
      const rel = path.relative(io.cwd, p);
      return rel === '' ? '.' : rel.startsWith('..') ? p : rel;
    },
    color,
    sgr: (code) => (s) => (color ? `\u001B[${code}m${s}\u001B[0m` : s),
    language: uiLanguage(options, env),
    now: () => io.now(),
  };
}

function colorEnabled(options: CliOptions, env: Env, isTTY: boolean): boolean {
  if (options.color === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (options.color === true) return true;
  return isTTY;
}

function uiLanguage(options: CliOptions, env: Env): 'en' | 'ja' {
  if (options.lang) return options.lang;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/**
 * Columns to fit the output to: --width, else the terminal's width, else
 * `unbounded` (a pipe or a file takes whole lines).
 */
export function outputWidth<T extends number | null>(ctx: Context, unbounded: T): number | T {
  if (ctx.options.width) return Math.max(20, Number(ctx.options.width));
  if (ctx.io.stdout.isTTY && ctx.io.stdout.columns) return ctx.io.stdout.columns;
  return unbounded;
}

/** Deck names for an error message. */
export function deckNames(decks: DeckSet): string {
  return decks.decks.map((d) => d.name).join(', ');
}
