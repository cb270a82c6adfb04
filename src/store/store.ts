import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { DataFile, JSONFile } from 'lowdb/node';
import type { DeckRegistry } from '../deck/registry.js';
import type { CardRecord } from '../model/record.js';
import { DEFAULT_SETTINGS, readSettings, type Settings } from '../model/settings.js';
import { applyEvent, compareEvents, type Replay, type ReviewEvent } from './events.js';
import { acquireLock, type Lock } from './lock.js';
import { foldLogFile, type ScanStats, scanLog } from './logfile.js';

export const STATE_FILE = 'state.json';
export const LOG_FILE = 'reviews.jsonl';
export const LOCK_FILE = 'kioku.lock';
export const SETTINGS_FILE = 'settings.json';

/** How far into the log the state file has applied, so start-up reads only the new tail. */
interface LogMark {
  readonly bytes: number;
  /** The last bytes of the applied prefix: if they changed, the log was rewritten. */
  readonly tail: string;
  /** Time of the latest applied event; an older event in the tail means a merge. */
  readonly lastAt: string;
  /** Ids of the applied events at `lastAt`: a repeat of one of them in the tail is skipped. */
  readonly lastIds?: readonly string[];
}

interface StateFile {
  readonly format: 1;
  readonly log: LogMark;
  readonly cards: Record<string, CardRecord>;
  /** Deck files as last read: lets `kioku due` skip parsing unchanged decks. */
  readonly decks?: DeckRegistry;
}

const TAIL_BYTES = 128;
const STATE_WRITE_DELAY_MS = 1000;

export interface Store {
  readonly dir: string;
  /** Cards with history, by id. Read-only to callers: change it through `append`. */
  readonly cards: Readonly<Record<string, CardRecord>>;
  /** The state was replayed from the whole log at open (no usable state file). */
  readonly replayedAtOpen: boolean;
  /**
   * Things the user should know about (a corrupt state file set aside, a torn log
   * line); it grows if the log is replaced while the store is open.
   */
  readonly warnings: readonly string[];
  /** The deck registry saved with the state, if any (see `DeckRegistry`). */
  readonly deckRegistry: DeckRegistry | null;
  /** Replaces the saved deck registry (written with the next state write). */
  saveDeckRegistry(registry: DeckRegistry): void;
  /** Appends one event and fsyncs: when this returns, the event survives a crash. */
  append(event: ReviewEvent): void;
  /** A fresh, time-sortable event id. */
  newEventId(at: Date): string;
  /**
   * Recomputes every card from the whole log, replaces the state with it, and
   * says how many cards differed from the incremental state (0 when all is well).
   */
  rebuild(): Promise<{ cards: number; differing: string[] }>;
  /** Writes the state file now (it otherwise lags behind the log). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  readonly dir: string;
  /** Read without locking or writing anything (for `kioku due`, `kioku check`). */
  readonly readOnly?: boolean;
  /** How to name the folder in messages. */
  readonly displayDir?: string;
  /**
   * Makes the function that recomputes answers whose `before` does not match
   * (merged logs; see `applyEvent`), given the deck registry saved with the state:
   * its decks' scheduling overrides as kioku last read them.
   */
  readonly replay?: (decks: DeckRegistry | null) => Replay;
}

export async function openStore(options: OpenOptions): Promise<Store> {
  const dir = path.resolve(options.dir);
  const display = options.displayDir ?? dir;
  const readOnly = options.readOnly ?? false;
  const warnings: string[] = [];
  const logPath = path.join(dir, LOG_FILE);
  const statePath = path.join(dir, STATE_FILE);

  let lock: Lock | null = null;
  if (!readOnly) {
    mkdirSync(dir, { recursive: true });
    lock = acquireLock(path.join(dir, LOCK_FILE), display);
  }

  try {
    // Compact, unlike settings.json: nobody edits this cache, and with 10,000 cards
    // indentation makes it half as big again and slower to parse at every start.
    const db = new Low<StateFile | null>(
      new DataFile(statePath, { parse: JSON.parse, stringify: (data) => JSON.stringify(data) }),
      null,
    );
    let saved: StateFile | null = null;
    let setAside = false;
    if (existsSync(statePath)) {
      try {
        await db.read();
        saved = isStateFile(db.data) ? db.data : null;
        if (!saved) throw new Error('not a kioku state file');
      } catch (err) {
        const aside = `${statePath}.corrupt-${timestamp()}`;
        if (!readOnly) {
          renameSync(statePath, aside);
          warnings.push(
            `${path.join(display, STATE_FILE)} could not be read (${errorMessage(err)}); kept as ${path.basename(aside)} and rebuilt from the review log`,
          );
        }
        saved = null;
        setAside = true;
      }
    }

    const replay = options.replay?.(saved?.decks ?? null);
    const loaded = reconcile(logPath, saved, warnings, display, replay);
    const cards = loaded.cards;
    let mark = loaded.mark;
    let needsNewline = loaded.needsNewline;
    let dirty = loaded.changed;
    let logFile = loaded.file;

    let fd: number | null = null;
    let writing: Promise<void> = Promise.resolve();
    let lastSeq = 0;

    let registry: DeckRegistry | null = saved?.decks ?? null;
    const writeState = async () => {
      while (dirty) {
        dirty = false;
        db.data = { format: 1, log: mark, cards, ...(registry ? { decks: registry } : {}) };
        await db.write();
      }
    };
    // The log is what makes an answer durable; the state file is a cache, so it is
    // written at most every STATE_WRITE_DELAY_MS instead of after every answer
    // (serialising a large state blocks the event loop).
    let timer: NodeJS.Timeout | null = null;
    const writeNow = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      writing = writing.then(writeState, writeState);
      return writing;
    };
    const scheduleWrite = () => {
      dirty = true;
      if (timer || readOnly) return;
      timer = setTimeout(writeNow, STATE_WRITE_DELAY_MS);
      timer.unref();
    };

    if (!readOnly && dirty) await writeState();

    let replayCache: { registry: DeckRegistry | null; replay: Replay | undefined } | null = null;
    const replayNow = (): Replay | undefined => {
      if (replayCache?.registry !== registry) {
        replayCache = { registry, replay: options.replay?.(registry) };
      }
      return replayCache.replay;
    };

    /**
     * The log to append to. If the file on disk is no longer the one the cards were
     * folded from and appended to (a `git pull` replaced it, another device's lines
     * were added, it was deleted), the cards first catch up with it: an answer
     * written to a replaced file would vanish with it, and the state would miss
     * the other device's answers.
     */
    const openLog = (): number => {
      const onDisk = statSync(logPath, { throwIfNoEntry: false });
      const current =
        onDisk !== undefined &&
        logFile !== null &&
        onDisk.dev === logFile.dev &&
        onDisk.ino === logFile.ino &&
        onDisk.size === mark.bytes;
      if (current && fd !== null) return fd;
      if (fd !== null) closeSync(fd);
      fd = null;
      if (!onDisk) {
        if (mark.bytes > 0) {
          warnings.push(
            `${path.join(display, LOG_FILE)} was removed while kioku ran; your cards are kept, and new answers start a new log`,
          );
        }
        mark = { bytes: 0, tail: '', lastAt: '' };
        needsNewline = false;
      } else if (!current) {
        const reader = openSync(logPath, 'r');
        try {
          const size = fstatSync(reader).size;
          const folded = foldLogFile(reader, size, replayNow());
          for (const id of Object.keys(cards)) delete cards[id];
          Object.assign(cards, folded.cards);
          mark = markFor(reader, size, folded.lastAt, folded.lastIds);
          needsNewline = endsWithoutNewline(reader, size);
          if (logFile !== null) {
            warnings.push(
              `${path.join(display, LOG_FILE)} changed while kioku ran (git pull?); your cards now include its answers, and new answers go to it`,
            );
          }
        } finally {
          closeSync(reader);
        }
        dirty = true;
      }
      const opened = openSync(logPath, 'a');
      if (!onDisk) syncDir(dir);
      logFile = fileId(opened);
      return opened;
    };

    return {
      dir,
      cards,
      warnings,
      replayedAtOpen: loaded.replayed || setAside,
      get deckRegistry() {
        return registry;
      },
      saveDeckRegistry(next) {
        if (JSON.stringify(next) === JSON.stringify(registry)) return;
        registry = next;
        scheduleWrite();
      },
      newEventId(at: Date) {
        // Time first so ids sort like events; the counter keeps ids from one process ordered.
        lastSeq = (lastSeq + 1) % 1296;
        return `${at.getTime().toString(36)}-${lastSeq.toString(36).padStart(2, '0')}${randomBytes(4).toString('hex')}`;
      },
      append(event) {
        if (readOnly) throw new Error('store opened read-only');
        fd = openLog();
        const line = `${needsNewline ? '\n' : ''}${JSON.stringify(event)}\n`;
        writeSync(fd, line);
        fsyncSync(fd);
        needsNewline = false;
        // With the replay: if `openLog` just folded in another device's answer to
        // this card, the answer lands on that memory, as a rebuild would put it.
        applyEvent(cards, event, replayNow());
        const buf = Buffer.from(line);
        mark = {
          bytes: mark.bytes + buf.length,
          tail: Buffer.concat([Buffer.from(mark.tail, 'latin1'), buf])
            .subarray(-TAIL_BYTES)
            .toString('latin1'),
          // biome-ignore lint/complexity/useMathMinMax: ISO strings, compared as text
          lastAt: event.at > mark.lastAt ? event.at : mark.lastAt,
          lastIds:
            event.at > mark.lastAt
              ? [event.id]
              : event.at === mark.lastAt
                ? [...(mark.lastIds ?? []), event.id]
                : (mark.lastIds ?? []),
        };
        scheduleWrite();
      },
      async rebuild() {
        let rebuilt: Record<string, CardRecord> = {};
        let lastAt = '';
        let size = 0;
        if (existsSync(logPath)) {
          const fd = openSync(logPath, 'r');
          try {
            size = fstatSync(fd).size;
            const folded = foldLogFile(fd, size, replayNow());
            rebuilt = folded.cards;
            lastAt = folded.lastAt;
            if (!readOnly) {
              mark = markFor(fd, size, lastAt, folded.lastIds);
              logFile = fileId(fd);
            }
          } finally {
            closeSync(fd);
          }
        }
        const ids = new Set([...Object.keys(rebuilt), ...Object.keys(cards)]);
        const differing = [...ids].filter(
          (id) => JSON.stringify(rebuilt[id]) !== JSON.stringify(cards[id]),
        );
        for (const id of Object.keys(cards)) delete cards[id];
        Object.assign(cards, rebuilt);
        if (!readOnly) {
          dirty = true;
          await writeNow();
        }
        return { cards: Object.keys(rebuilt).length, differing };
      },
      async flush() {
        if (readOnly) return;
        dirty = true;
        await writeNow();
      },
      async close() {
        try {
          if (!readOnly && (dirty || timer)) await writeNow();
          else await writing;
        } finally {
          if (fd !== null) closeSync(fd);
          fd = null;
          lock?.release();
        }
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

interface Reconciled {
  cards: Record<string, CardRecord>;
  mark: LogMark;
  /** The log file the cards were folded from; null when there was none. */
  file: FileId | null;
  needsNewline: boolean;
  /** The state differs from the state file (tail applied or rebuilt). */
  changed: boolean;
  replayed: boolean;
}

/** Brings saved state up to date with the log: applies the new tail, or rebuilds. */
function reconcile(
  logPath: string,
  saved: StateFile | null,
  warnings: string[],
  display: string,
  replay: Replay | undefined,
): Reconciled {
  if (!existsSync(logPath)) {
    const empty = { bytes: 0, tail: '', lastAt: '' };
    if (saved && saved.log.bytes > 0) {
      warnings.push(
        `${path.join(display, LOG_FILE)} is missing; the state file still has your cards, but new answers start a new log`,
      );
      return {
        cards: saved.cards,
        mark: empty,
        file: null,
        needsNewline: false,
        changed: true,
        replayed: false,
      };
    }
    return {
      cards: saved?.cards ?? {},
      mark: empty,
      file: null,
      needsNewline: false,
      changed: false,
      replayed: false,
    };
  }
  const fd = openSync(logPath, 'r');
  try {
    const size = fstatSync(fd).size;
    if (saved && saved.log.bytes <= size && tailMatches(fd, saved.log)) {
      const tail: ReviewEvent[] = [];
      const stats = scanLog(fd, saved.log.bytes, size, (e) => tail.push(e));
      const older = tail.some((e) => e.at < saved.log.lastAt);
      if (!older) {
        reportScan(stats, warnings, display);
        const cards = saved.cards;
        let lastAt = saved.log.lastAt;
        // Ids already applied: repeats (a line pasted twice) count once, as in a full replay.
        const seen = new Set(saved.log.lastIds ?? []);
        let lastIds = [...seen];
        for (const event of tail.sort(compareEvents)) {
          if (seen.has(event.id)) continue;
          seen.add(event.id);
          applyEvent(cards, event, replay);
          if (event.at > lastAt) {
            lastAt = event.at;
            lastIds = [event.id];
          } else if (event.at === lastAt) lastIds.push(event.id);
        }
        return {
          cards,
          mark: markFor(fd, size, lastAt, lastIds),
          file: fileId(fd),
          needsNewline: endsWithoutNewline(fd, size),
          changed: size > saved.log.bytes,
          replayed: false,
        };
      }
    }
    // No usable state, or the log was edited or merged: replay all of it.
    const folded = foldLogFile(fd, size, replay);
    reportScan(folded, warnings, display);
    return {
      cards: folded.cards,
      mark: markFor(fd, size, folded.lastAt, folded.lastIds),
      file: fileId(fd),
      needsNewline: endsWithoutNewline(fd, size),
      changed: true,
      replayed: true,
    };
  } finally {
    closeSync(fd);
  }
}

function reportScan(stats: ScanStats, warnings: string[], display: string) {
  const file = path.join(display, LOG_FILE);
  if (stats.torn) {
    warnings.push(
      `the last line of ${file} is incomplete (the program was stopped while writing it); it was skipped and left in the file`,
    );
  }
  const other = stats.skipped.length - (stats.torn ? 1 : 0);
  if (other > 0) {
    const lines = stats.skipped.slice(0, other);
    warnings.push(
      `${other} unreadable line(s) in ${file} skipped and kept in the file (line ${lines.slice(0, 5).join(', ')}${other > 5 ? ', …' : ''})`,
    );
  }
}

interface FileId {
  readonly dev: number;
  readonly ino: number;
}

function fileId(fd: number): FileId {
  const { dev, ino } = fstatSync(fd);
  return { dev, ino };
}

function markFor(fd: number, size: number, lastAt: string, lastIds: readonly string[]): LogMark {
  return {
    bytes: size,
    tail: readRange(fd, Math.max(0, size - TAIL_BYTES), size, 'latin1'),
    lastAt,
    lastIds,
  };
}

function endsWithoutNewline(fd: number, size: number): boolean {
  return size > 0 && readRange(fd, size - 1, size, 'latin1') !== '\n';
}

function tailMatches(fd: number, mark: LogMark): boolean {
  const tailLength = Buffer.byteLength(mark.tail, 'latin1');
  return readRange(fd, mark.bytes - tailLength, mark.bytes, 'latin1') === mark.tail;
}

function readRange(fd: number, start: number, end: number, encoding: BufferEncoding = 'utf8') {
  const length = Math.max(0, end - start);
  const buf = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const n = readSync(fd, buf, read, length - read, start + read);
    if (n === 0) break;
    read += n;
  }
  return buf.subarray(0, read).toString(encoding);
}

function isStateFile(data: unknown): data is StateFile {
  if (!data || typeof data !== 'object') return false;
  const d = data as Record<string, unknown>;
  const log = d.log as Record<string, unknown> | undefined;
  return (
    d.format === 1 &&
    !!d.cards &&
    typeof d.cards === 'object' &&
    !!log &&
    typeof log.bytes === 'number' &&
    typeof log.tail === 'string' &&
    typeof log.lastAt === 'string'
  );
}

/** Makes a newly created file's directory entry durable too. */
function syncDir(dir: string) {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems refuse fsync on a directory; the file's own fsync still holds.
  }
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0]! : String(err);
}

/** Recomputes the card map from the whole log (for `kioku rebuild` and tests). */
export function readLogEvents(dir: string): ReviewEvent[] {
  const logPath = path.join(path.resolve(dir), LOG_FILE);
  if (!existsSync(logPath)) return [];
  const fd = openSync(logPath, 'r');
  try {
    const events: ReviewEvent[] = [];
    scanLog(fd, 0, fstatSync(fd).size, (e) => events.push(e));
    return events;
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads `settings.json`, creating it with the defaults on first use so users can
 * see what there is to change. A file that is not JSON is kept aside, never
 * overwritten in place; a bad value keeps its default and is reported.
 */
export async function loadSettings(
  dir: string,
  options: { readOnly?: boolean; displayDir?: string } = {},
): Promise<{ settings: Settings; warnings: string[] }> {
  const file = path.join(path.resolve(dir), SETTINGS_FILE);
  const shown = path.join(options.displayDir ?? dir, SETTINGS_FILE);
  const db = new Low<unknown>(new JSONFile(file), null);
  const warnings: string[] = [];
  if (existsSync(file)) {
    try {
      await db.read();
      const { settings, problems } = readSettings(db.data);
      return { settings, warnings: problems.map((p) => `${shown}: ${p}`) };
    } catch (err) {
      if (options.readOnly) {
        return {
          settings: DEFAULT_SETTINGS,
          warnings: [`${shown} is not valid JSON; using the defaults`],
        };
      }
      const aside = `${file}.corrupt-${timestamp()}`;
      renameSync(file, aside);
      warnings.push(
        `${shown} is not valid JSON (${errorMessage(err)}); kept as ${path.basename(aside)}, using the defaults`,
      );
    }
  }
  if (!options.readOnly) {
    mkdirSync(path.dirname(file), { recursive: true });
    db.data = DEFAULT_SETTINGS;
    await db.write();
  }
  return { settings: DEFAULT_SETTINGS, warnings };
}

/**
 * Changes some settings in `settings.json`, keeping every other key as it is
 * (written to a temporary file and renamed, as lowdb does).
 */
export async function updateSettings(dir: string, changes: Partial<Settings>): Promise<void> {
  const file = path.join(path.resolve(dir), SETTINGS_FILE);
  const db = new Low<Record<string, unknown>>(new JSONFile(file), {});
  if (existsSync(file)) await db.read();
  db.data = { ...(db.data ?? {}), ...changes };
  await db.write();
}
