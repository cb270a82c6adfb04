// The review log, `reviews.jsonl`: the source of truth, appended to one line per
// event and fsynced. This module knows its bytes: where the state file's copy of
// it ends (the mark), whether the file on disk is still the one kioku appends to,
// and how to catch up when someone (git, another device) changed it.
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  openSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import type { CardRecord } from '../model/record.js';
import { applyEvent, compareEvents, type Replay, type ReviewEvent } from './events.js';
import { readRange, syncDir } from './files.js';
import { foldLogFile, type ScanStats, scanLog } from './logfile.js';

export const LOG_FILE = 'reviews.jsonl';

const TAIL_BYTES = 128;

/** How far into the log the state file has applied, so start-up reads only the new tail. */
export interface LogMark {
  readonly bytes: number;
  /** The last bytes of the applied prefix: if they changed, the log was rewritten. */
  readonly tail: string;
  /** Time of the latest applied event; an older event in the tail means a merge. */
  readonly lastAt: string;
  /** Ids of the applied events at `lastAt`: a repeat of one of them in the tail is skipped. */
  readonly lastIds?: readonly string[];
}

/**
 * The log as this process appends to it. `cards` stay with the caller; the log
 * hands back a fresh fold when the file on disk is no longer the one they came from.
 */
export interface ReviewLog {
  /** How far the cards have applied the log: saved with the state. */
  readonly mark: LogMark;
  /**
   * Makes the log ready to take a line. If the file on disk is no longer the one
   * the cards were folded from and appended to (a `git pull` replaced it, another
   * device's lines were added, it was deleted), returns the cards folded from it
   * afresh, which the caller adopts before appending: an answer written to a
   * replaced file would vanish with it, and the state would miss the other
   * device's answers. Null when the cards are current.
   */
  sync(replay: Replay | undefined): Record<string, CardRecord> | null;
  /** Writes one event line and fsyncs: when this returns, the event survives a crash. */
  write(event: ReviewEvent): void;
  /** Appends many events with one write and one fsync (an import). */
  writeMany(events: readonly ReviewEvent[]): void;
  /** Folds the whole file; with `adopt`, the mark follows it (a rebuild). */
  foldAll(replay: Replay | undefined, adopt: boolean): Record<string, CardRecord>;
  close(): void;
}

export function openReviewLog(
  dir: string,
  display: string,
  start: LogAtOpen,
  warnings: string[],
): ReviewLog {
  const logPath = path.join(dir, LOG_FILE);
  let mark = start.mark;
  let needsNewline = start.needsNewline;
  let logFile = start.file;
  let fd: number | null = null;
  let failed: Error | null = null;

  return {
    get mark() {
      return mark;
    },
    sync(replay) {
      const onDisk = statSync(logPath, { throwIfNoEntry: false });
      const current =
        onDisk !== undefined &&
        logFile !== null &&
        onDisk.dev === logFile.dev &&
        onDisk.ino === logFile.ino &&
        onDisk.size === mark.bytes;
      if (current && fd !== null) return null;
      if (fd !== null) closeSync(fd);
      fd = null;
      let folded: Record<string, CardRecord> | null = null;
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
          const result = foldLogFile(reader, size, replay);
          folded = result.cards;
          mark = markFor(reader, size, result.lastAt, result.lastIds);
          needsNewline = endsWithoutNewline(reader, size);
          if (logFile !== null) {
            warnings.push(
              `${path.join(display, LOG_FILE)} changed while kioku ran (git pull?); your cards now include its answers, and new answers go to it`,
            );
          }
        } finally {
          closeSync(reader);
        }
      }
      fd = openSync(logPath, 'a');
      if (!onDisk) syncDir(dir);
      logFile = fileId(fd);
      return folded;
    },
    write(event) {
      if (failed) throw failed;
      if (fd === null) throw new Error('review log: sync() before write()');
      const line = `${needsNewline ? '\n' : ''}${JSON.stringify(event)}\n`;
      try {
        writeSync(fd, line);
        fsyncSync(fd);
      } catch (err) {
        // Part of the line may be on disk: nothing more is appended after it, so
        // every answer reported saved stays readable; the next start skips the torn line.
        failed = err as Error;
        throw err;
      }
      needsNewline = false;
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
    },
    writeMany(events) {
      if (fd === null) throw new Error('review log: sync() before write()');
      if (events.length === 0) return;
      const buf = Buffer.from(
        `${needsNewline ? '\n' : ''}${events.map((e) => `${JSON.stringify(e)}\n`).join('')}`,
      );
      let written = 0;
      while (written < buf.length) written += writeSync(fd, buf, written, buf.length - written);
      fsyncSync(fd);
      needsNewline = false;
      let { lastAt } = mark;
      for (const e of events) if (e.at > lastAt) lastAt = e.at;
      const atLast = events.filter((e) => e.at === lastAt).map((e) => e.id);
      mark = {
        bytes: mark.bytes + buf.length,
        tail: Buffer.concat([Buffer.from(mark.tail, 'latin1'), buf])
          .subarray(-TAIL_BYTES)
          .toString('latin1'),
        lastAt,
        lastIds: lastAt === mark.lastAt ? [...(mark.lastIds ?? []), ...atLast] : atLast,
      };
    },

    foldAll(replay, adopt) {
      if (!existsSync(logPath)) return {};
      const reader = openSync(logPath, 'r');
      try {
        const size = fstatSync(reader).size;
        const folded = foldLogFile(reader, size, replay);
        if (adopt) {
          mark = markFor(reader, size, folded.lastAt, folded.lastIds);
          logFile = fileId(reader);
        }
        return folded.cards;
      } finally {
        closeSync(reader);
      }
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}

/** The log as found at open, and the cards brought up to date with it. */
export interface LogAtOpen {
  cards: Record<string, CardRecord>;
  mark: LogMark;
  /** The log file the cards were folded from; null when there was none. */
  file: FileId | null;
  needsNewline: boolean;
  /** The state differs from the state file (tail applied or rebuilt). */
  changed: boolean;
  replayed: boolean;
  /**
   * Cards whose saved state holds a later answer than the log now does: the log
   * was rolled back to an older copy or emptied, and the replay dropped them.
   */
  newerInState?: number;
}

/** Brings saved state up to date with the log: applies the new tail, or rebuilds. */
export function reconcileLog(
  logPath: string,
  saved: { readonly log: LogMark; readonly cards: Record<string, CardRecord> } | null,
  warnings: string[],
  display: string,
  replay: Replay | undefined,
): LogAtOpen {
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
      newerInState: saved ? newerAnswers(saved.cards, folded.cards) : 0,
    };
  } finally {
    closeSync(fd);
  }
}

/** How many cards the saved state has a later answer for than the fold of the log. */
function newerAnswers(
  saved: Readonly<Record<string, CardRecord>>,
  folded: Readonly<Record<string, CardRecord>>,
): number {
  let n = 0;
  for (const [id, card] of Object.entries(saved)) {
    const last = card?.lastAnswer;
    if (typeof last !== 'string') continue;
    const now = folded[id]?.lastAnswer;
    if (typeof now !== 'string' || now < last) n++;
  }
  return n;
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

/** Every readable event of the log, in file order (for `kioku rebuild`, statistics and tests). */
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
