import {
  closeSync,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { writeCacheFile } from './files.js';

/**
 * The start-up index: what the deck list's first frame shows (each row's counts
 * for the current study day), with everything those numbers were computed
 * from, so a start can draw the list without reading the decks or the state.
 * Only a shortcut: it is used when every input is the same (same program, deck
 * files, log, settings, time zone, and the clock inside the span the counts
 * hold for), otherwise kioku loads everything and writes a new one.
 */
export const START_INDEX_FILE = 'start-index.json';
const FORMAT = 1;
const LOG_FILE = 'reviews.jsonl';
/** Each device's log, when the data folder is laid out for syncing. */
const LOG_DIR = 'log';
const SETTINGS_FILE = 'settings.json';
const TAIL_BYTES = 128;

export interface StartRow {
  readonly name: string;
  readonly label: string;
  readonly depth: number;
  readonly folder: boolean;
  readonly counts: { readonly new: number; readonly learning: number; readonly review: number };
  readonly problem: boolean;
}

/** What the counts depend on, besides the clock. Compared as a whole. */
export interface StartKey {
  /** Program version and parser build. */
  readonly program: string;
  readonly decksRoot: string;
  /** How the decks folder is shown (depends on the working directory). */
  readonly decksShown: string;
  /** [path, size, mtimeMs] of each deck file, in listing order. */
  readonly files: readonly (readonly [string, number, number])[];
  readonly timeZone: string;
  readonly data: DataKey;
}

/**
 * The data folder's part of the key: every log file (the truth: the legacy
 * `reviews.jsonl` and each device's `log/*.jsonl`) and the settings file.
 */
export interface DataKey {
  readonly logs: readonly LogFileKey[];
  readonly settings: { size: number; mtimeMs: number } | null;
}

export interface LogFileKey {
  /** The file's name in the data folder, with `/`. */
  readonly rel: string;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly tail: string;
}

export interface StartIndex {
  readonly format: typeof FORMAT;
  readonly key: StartKey;
  /** The counts hold from the start of their study day until `validUntil` (ms). */
  readonly validFrom: number;
  readonly validUntil: number;
  readonly studiedToday: number;
  /** The exam plan's figures in the header, when a plan is saved. */
  readonly exam: { readonly daysLeft: number; readonly recall: number | null } | null;
  readonly problems: readonly string[];
  /** Deck names in deck order (not folders). */
  readonly decks: readonly string[];
  readonly rows: readonly StartRow[];
}

/** Stats every log file and the settings file, and reads each log's last bytes. */
export function dataKey(dataDir: string): DataKey {
  const settings = statSync(path.join(dataDir, SETTINGS_FILE), { throwIfNoEntry: false });
  let device: string[] = [];
  try {
    device = readdirSync(path.join(dataDir, LOG_DIR), { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.jsonl'))
      .map((e) => `${LOG_DIR}/${e.name}`)
      .sort();
  } catch {
    // No log/ folder: the data folder keeps the single reviews.jsonl.
  }
  const rels = [LOG_FILE, ...device];
  const logs = rels.flatMap((rel) => {
    const key = logFileKey(dataDir, rel);
    return key ? [key] : [];
  });
  return {
    logs,
    settings: settings ? { size: settings.size, mtimeMs: settings.mtimeMs } : null,
  };
}

function logFileKey(dataDir: string, rel: string): LogFileKey | null {
  try {
    const fd = openSync(path.join(dataDir, ...rel.split('/')), 'r');
    try {
      const st = fstatSync(fd);
      const length = Math.min(TAIL_BYTES, st.size);
      const buf = Buffer.alloc(length);
      let read = 0;
      while (read < length) {
        const n = readSync(fd, buf, read, length - read, st.size - length + read);
        if (n === 0) break;
        read += n;
      }
      return {
        rel,
        ino: st.ino,
        size: st.size,
        mtimeMs: st.mtimeMs,
        tail: buf.subarray(0, read).toString('latin1'),
      };
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}

/** The index if there is a readable one; null otherwise (never throws). */
export function readStartIndex(dataDir: string): StartIndex | null {
  try {
    const raw = JSON.parse(readFileSync(path.join(dataDir, START_INDEX_FILE), 'utf8')) as unknown;
    return isStartIndex(raw) ? raw : null;
  } catch {
    return null;
  }
}

/** The index's rows when it was made from exactly `key` and still holds at `now`; else null. Pure. */
export function startIndexFor(
  index: StartIndex | null,
  key: StartKey,
  now: Date,
): StartIndex | null {
  if (!index) return null;
  const t = now.getTime();
  if (t < index.validFrom || t >= index.validUntil) return null;
  return JSON.stringify(index.key) === JSON.stringify(key) ? index : null;
}

/** Writes the index (temporary file, then rename); a failure only costs the next start time. */
export function writeStartIndex(dataDir: string, index: Omit<StartIndex, 'format'>): void {
  writeCacheFile(
    path.join(dataDir, START_INDEX_FILE),
    JSON.stringify({ format: FORMAT, ...index }),
  );
}

/** Removes the index (after a rebuild: the state it was counted from was wrong). */
export function removeStartIndex(dataDir: string): void {
  rmSync(path.join(dataDir, START_INDEX_FILE), { force: true });
}

function isStartIndex(raw: unknown): raw is StartIndex {
  if (!raw || typeof raw !== 'object') return false;
  const r = raw as Record<string, unknown>;
  return (
    r.format === FORMAT &&
    typeof r.key === 'object' &&
    r.key !== null &&
    typeof r.validFrom === 'number' &&
    typeof r.validUntil === 'number' &&
    typeof r.studiedToday === 'number' &&
    (r.exam === null ||
      (typeof r.exam === 'object' &&
        typeof (r.exam as Record<string, unknown>).daysLeft === 'number' &&
        ((r.exam as Record<string, unknown>).recall === null ||
          typeof (r.exam as Record<string, unknown>).recall === 'number'))) &&
    Array.isArray(r.problems) &&
    r.problems.every((p) => typeof p === 'string') &&
    Array.isArray(r.decks) &&
    r.decks.every((d) => typeof d === 'string') &&
    Array.isArray(r.rows) &&
    r.rows.every(isRow)
  );
}

function isRow(raw: unknown): raw is StartRow {
  if (!raw || typeof raw !== 'object') return false;
  const r = raw as Record<string, unknown>;
  const c = r.counts as Record<string, unknown> | null;
  return (
    typeof r.name === 'string' &&
    typeof r.label === 'string' &&
    typeof r.depth === 'number' &&
    typeof r.folder === 'boolean' &&
    typeof r.problem === 'boolean' &&
    !!c &&
    typeof c === 'object' &&
    [c.new, c.learning, c.review].every((n) => Number.isInteger(n) && (n as number) >= 0)
  );
}
