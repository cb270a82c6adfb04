// The review log: the source of truth, appended to one line per event and
// fsynced. It is a set of files (logset.ts): one per device,
// `log/<device-id>.jsonl`, of which this device appends only to its own. The
// single `reviews.jsonl` of earlier versions is read as one more file and never
// written (unless the store is opened without a device id). This module knows the files'
// bytes: where the state file's copy of them ends (the mark), whether this
// device's file on disk is still the one it appends to, and how to catch up
// when someone (git, a sync tool, another device) changed the files.
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { CardRecord } from '../model/record.js';
import type { Replay, ReviewEvent } from './events.js';
import { readRange, syncDir } from './files.js';
import {
  EMPTY_MARK,
  type FileMark,
  foldLogSet,
  LEGACY_LOG,
  type LogFileRef,
  listLogFiles,
  ownLog,
  readLogSet,
  reconcileLogSet,
  type SetMark,
} from './logset.js';

export const LOG_FILE = LEGACY_LOG;
export type { SetMark };

const TAIL_BYTES = 128;

/**
 * Log files as a message names them: `data/log/3f9a….jsonl`, or up to three
 * joined with "and", or `4 log files in data/log/ and data/reviews.jsonl`.
 * `rels` are names in the data folder, with `/`.
 */
export function logFilesShown(display: string, rels: readonly string[]): string {
  const shown = [...rels].sort().map((rel) => path.join(display, ...rel.split('/')));
  if (shown.length === 0) return `${path.join(display, 'log')}${path.sep}`;
  if (shown.length <= 3) return shown.join(' and ').replace(/ and (?=.* and )/g, ', ');
  const inLog = rels.filter((r) => r.startsWith('log/')).length;
  const legacy = rels.includes(LEGACY_LOG) ? ` and ${path.join(display, LEGACY_LOG)}` : '';
  return `${inLog} log files in ${path.join(display, 'log')}${path.sep}${legacy}`;
}

/** The single-file mark of state files written before per-device logs. */
export interface LogMark {
  readonly bytes: number;
  readonly tail: string;
  readonly lastAt: string;
  readonly lastIds?: readonly string[];
}

/** A mark from an older state file: it covered `reviews.jsonl` only. */
export function markFromLegacy(mark: LogMark): SetMark {
  return {
    files: mark.bytes > 0 ? { [LEGACY_LOG]: { bytes: mark.bytes, tail: mark.tail } } : {},
    lastAt: mark.lastAt,
    lastIds: mark.lastIds ?? [],
  };
}

/**
 * The file this device appends to: its own under `log/` (made with the first
 * event). Only a store opened without a device id (a script, an older caller)
 * appends to `reviews.jsonl`.
 */
export function appendTarget(dir: string, device: (() => string) | undefined): LogFileRef {
  return ownLog(dir, device ? device() : null);
}

/**
 * The log as this process appends to it. `cards` stay with the caller; the log
 * brings them up to date, or hands back a fresh fold, when the files on disk
 * are no longer the ones they came from.
 */
export interface ReviewLog {
  /** How far the cards have applied the files: saved with the state. */
  readonly mark: SetMark;
  /** The file appended to, relative to the data folder. */
  readonly file: string;
  /**
   * Makes the log ready to take a line. If the files changed (a `git pull`
   * replaced one, another device's lines were added, this device's file was
   * deleted), the cards catch up first: in place when lines were only added,
   * else the fold of all files is returned, which the caller adopts before
   * appending. Null when the cards (possibly updated in place) are current.
   */
  sync(
    cards: Record<string, CardRecord>,
    replay: Replay | undefined,
  ): Record<string, CardRecord> | null;
  /** Writes one event line and fsyncs: when this returns, the event survives a crash. */
  write(event: ReviewEvent): void;
  /** Appends many events with one write and one fsync (an import). */
  writeMany(events: readonly ReviewEvent[]): void;
  /** Folds all files; with `adopt`, the mark follows them (a rebuild). */
  foldAll(replay: Replay | undefined, adopt: boolean): Record<string, CardRecord>;
  /** Another device's lines were read while the store was open. */
  readonly merged: boolean;
  close(): void;
}

interface FileId {
  readonly dev: number;
  readonly ino: number;
}

export function openReviewLog(
  dir: string,
  display: string,
  own: LogFileRef,
  start: LogAtOpen,
  warnings: string[],
  now: () => Date,
): ReviewLog {
  let mark = start.mark;
  let fd: number | null = null;
  let ownFile: FileId | null = null;
  let needsNewline = false;
  let merged = false;
  // Set when an append failed (a full disk): nothing more is appended after a
  // line that may be torn, so every answer reported saved stays readable.
  let failed: Error | null = null;
  const shown = (rel: string) => path.join(display, ...rel.split('/'));

  const changedFiles = (files: readonly LogFileRef[]): string[] => {
    const changed: string[] = [];
    for (const f of files) {
      const size = statSync(f.path, { throwIfNoEntry: false })?.size;
      if (size !== (mark.files[f.rel]?.bytes ?? 0)) changed.push(f.rel);
    }
    for (const rel of Object.keys(mark.files)) {
      if (!files.some((f) => f.rel === rel)) changed.push(rel);
    }
    return changed;
  };

  return {
    get mark() {
      return mark;
    },
    get merged() {
      return merged;
    },
    file: own.rel,
    sync(cards, replay) {
      const onDisk = statSync(own.path, { throwIfNoEntry: false });
      const ownMark = mark.files[own.rel];
      const sameOwn =
        fd !== null &&
        onDisk !== undefined &&
        ownFile !== null &&
        onDisk.dev === ownFile.dev &&
        onDisk.ino === ownFile.ino;
      const files = listLogFiles(dir, display, []);
      const changed = changedFiles(files);
      if (sameOwn && changed.length === 0) return null;
      if (fd !== null) closeSync(fd);
      fd = null;
      let folded: Record<string, CardRecord> | null = null;
      if (!onDisk && ownMark && ownMark.bytes > 0) {
        warnings.push(
          `${shown(own.rel)} was removed while kioku ran; your cards are kept, and new answers start a new log`,
        );
        const { [own.rel]: _gone, ...rest } = mark.files;
        mark = { ...mark, files: rest };
      }
      const others = changed.filter((rel) => rel !== own.rel || onDisk);
      if (others.length > 0) {
        const result = reconcileLogSet(files, { mark, cards }, replay, warnings, display, now());
        if (result.replayed) folded = result.cards;
        mark = result.mark;
        for (const rel of others) {
          if (files.some((f) => f.rel === rel)) {
            warnings.push(
              `${shown(rel)} changed while kioku ran (git pull?); your cards now include its answers, and new answers go to ${shown(own.rel)}`,
            );
          }
        }
        if (others.some((rel) => rel !== own.rel)) merged = true;
      }
      if (!onDisk) mkdirSync(path.dirname(own.path), { recursive: true });
      fd = openSync(own.path, 'a');
      if (!onDisk) syncDir(path.dirname(own.path));
      const { dev, ino, size } = fstatSync(fd);
      ownFile = { dev, ino };
      needsNewline = size > 0 && lastByte(own.path, size) !== '\n';
      return folded;
    },
    write(event) {
      this.writeMany([event]);
    },
    writeMany(events) {
      if (failed) throw failed;
      if (fd === null) throw new Error('review log: sync() before write()');
      if (events.length === 0) return;
      const buf = Buffer.from(
        `${needsNewline ? '\n' : ''}${events.map((e) => `${JSON.stringify(e)}\n`).join('')}`,
      );
      try {
        let written = 0;
        while (written < buf.length) written += writeSync(fd, buf, written, buf.length - written);
        fsyncSync(fd);
      } catch (err) {
        failed = err as Error;
        throw err;
      }
      needsNewline = false;
      const before: FileMark = mark.files[own.rel] ?? { bytes: 0, tail: '' };
      let { lastAt } = mark;
      for (const e of events) if (e.at > lastAt) lastAt = e.at;
      const atLast = events.filter((e) => e.at === lastAt).map((e) => e.id);
      mark = {
        files: {
          ...mark.files,
          [own.rel]: {
            bytes: before.bytes + buf.length,
            tail: Buffer.concat([Buffer.from(before.tail, 'latin1'), buf])
              .subarray(-TAIL_BYTES)
              .toString('latin1'),
          },
        },
        lastAt,
        lastIds: lastAt === mark.lastAt ? [...mark.lastIds, ...atLast] : atLast,
      };
    },
    foldAll(replay, adopt) {
      const found: string[] = [];
      const folded = foldLogSet(listLogFiles(dir, display, found), replay, found, display, now());
      if (adopt) mark = folded.mark;
      return folded.cards;
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}

/** The files as found at open, and the cards brought up to date with them. */
export interface LogAtOpen {
  cards: Record<string, CardRecord>;
  mark: SetMark;
  /** Some log file was there at open. */
  file: string | null;
  /** The state differs from the state file (a tail applied or replayed). */
  changed: boolean;
  replayed: boolean;
  /** Cards the saved state knows a later answer for than the logs (a log rolled back). */
  newerInState?: number;
}

/** Brings saved state up to date with the log files: applies the new tails, or replays. */
export function reconcileLog(
  dir: string,
  saved: { readonly mark: SetMark; readonly cards: Record<string, CardRecord> } | null,
  warnings: string[],
  display: string,
  replay: Replay | undefined,
  now: Date,
): LogAtOpen {
  const files = listLogFiles(dir, display, warnings);
  if (files.length === 0) {
    const hadLog = saved !== null && Object.values(saved.mark.files).some((f) => f.bytes > 0);
    if (hadLog) {
      warnings.push(
        `${path.join(display, Object.keys(saved.mark.files)[0] ?? LOG_FILE)} is missing; the state file still has your cards, but new answers start a new log`,
      );
    }
    return {
      cards: saved?.cards ?? {},
      mark: EMPTY_MARK,
      file: null,
      changed: hadLog,
      replayed: false,
    };
  }
  const result = reconcileLogSet(files, saved, replay, warnings, display, now);
  return {
    ...result,
    file: files[0]!.rel,
    newerInState: saved && result.replayed ? newerAnswers(saved.cards, result.cards) : 0,
  };
}

/** How many cards the saved state has a later answer for than the fold of the logs. */
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

/** Every readable event of every log file, each once, in replay order (statistics, tests). */
export function readLogEvents(dir: string): ReviewEvent[] {
  const resolved = path.resolve(dir);
  return readLogSet(listLogFiles(resolved, resolved, []));
}

function lastByte(file: string, size: number): string {
  const fd = openSync(file, 'r');
  try {
    return readRange(fd, size - 1, size, 'latin1');
  } finally {
    closeSync(fd);
  }
}
