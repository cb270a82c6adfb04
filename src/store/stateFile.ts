// `state.json`: a cache of the cards folded from the log, with the mark of how
// much of the log it has applied and the deck registry. Losing it loses nothing
// (it is rebuilt from the log), so it is written lazily and set aside if damaged.
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import type { DeckRegistry } from '../deck/registry.js';
import type { CardRecord } from '../model/record.js';
import { errorMessage, timestamp } from './files.js';
import type { LogMark, SetMark } from './log.js';

export const STATE_FILE = 'state.json';

const STATE_WRITE_DELAY_MS = 1000;

export interface StateFile {
  readonly format: 1;
  /** How much of each log file the cards have applied. */
  readonly logs?: SetMark;
  /** The same for state files written before per-device logs: `reviews.jsonl` only. */
  readonly log?: LogMark;
  readonly cards: Record<string, CardRecord>;
  /** Deck files as last read: lets `kioku due` skip parsing unchanged decks. */
  readonly decks?: DeckRegistry;
}

/** Writes the state file: soon after a change, at once on demand, never two writes at a time. */
export interface StateWriter {
  /** The state changed: it is written within a second (the log already holds the change). */
  changed(): void;
  /** Writes the state now. */
  flush(): Promise<void>;
  /** Writes a pending change and waits for writes in flight. */
  close(): Promise<void>;
}

export interface OpenedStateFile {
  /** The saved state; null when there is none or it could not be read. */
  readonly saved: StateFile | null;
  /** The file was damaged and set aside (renamed), so the state is replayed from the log. */
  readonly setAside: boolean;
  writer(snapshot: () => StateFile): StateWriter;
}

/**
 * Reads the state file. A file that cannot be read is renamed aside (kept for a
 * look, never overwritten in place) and reported.
 */
export async function openStateFile(
  dir: string,
  display: string,
  readOnly: boolean,
  warnings: string[],
): Promise<OpenedStateFile> {
  const statePath = path.join(dir, STATE_FILE);
  // Compact, unlike settings.json: nobody edits this cache, and with 10,000 cards
  // indentation makes it half as big again and slower to parse at every start.
  const db = new Low<StateFile | null>(
    new DataFile(statePath, {
      // A byte-order mark (an editor's "UTF-8 with BOM") is not JSON, but loses nothing.
      parse: (text) => JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text),
      stringify: (data) => JSON.stringify(data),
    }),
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
  return { saved, setAside, writer: (snapshot) => stateWriter(db, snapshot, readOnly) };
}

function stateWriter(
  db: Low<StateFile | null>,
  snapshot: () => StateFile,
  readOnly: boolean,
): StateWriter {
  let dirty = false;
  let writing: Promise<void> = Promise.resolve();
  const writeState = async () => {
    while (dirty) {
      dirty = false;
      db.data = snapshot();
      try {
        await db.write();
      } catch {
        // A full or read-only disk: the state is a cache of the log, which holds
        // every answer; the next start rebuilds what this write would have saved.
        return;
      }
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
  return {
    changed() {
      dirty = true;
      if (timer || readOnly) return;
      timer = setTimeout(writeNow, STATE_WRITE_DELAY_MS);
      timer.unref();
    },
    async flush() {
      if (readOnly) return;
      dirty = true;
      await writeNow();
    },
    async close() {
      if (!readOnly && (dirty || timer)) await writeNow();
      else await writing;
    },
  };
}

/**
 * A state file kioku wrote: the log mark in range, the cards an object of card
 * records. Anything else (a list of cards, null entries, a negative or
 * fractional byte count) is set aside and the state rebuilt from the log,
 * rather than trusted and found wrong later ("50 new" after a year of study).
 */
function isStateFile(data: unknown): data is StateFile {
  if (!data || typeof data !== 'object') return false;
  const d = data as Record<string, unknown>;
  const log = d.log as Record<string, unknown> | undefined;
  const logs = d.logs as Record<string, unknown> | undefined;
  const byteCount = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  const idList = (ids: unknown) => Array.isArray(ids) && ids.every((id) => typeof id === 'string');
  // Written before per-device logs: one mark for reviews.jsonl.
  const legacy =
    !!log &&
    typeof log === 'object' &&
    byteCount(log.bytes) &&
    typeof log.tail === 'string' &&
    typeof log.lastAt === 'string' &&
    (log.lastIds === undefined || idList(log.lastIds));
  // A mark per log file, keyed by its name.
  const current =
    !!logs &&
    typeof logs.lastAt === 'string' &&
    idList(logs.lastIds) &&
    isRecordMap(logs.files) &&
    Object.values(logs.files).every((f) => {
      const m = f as Record<string, unknown> | null;
      return !!m && byteCount(m.bytes) && typeof m.tail === 'string';
    });
  if (d.format !== 1 || !isRecordMap(d.cards) || !(legacy || current)) return false;
  return Object.values(d.cards).every(isCardRecord);
}

function isRecordMap(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function isCardRecord(v: unknown): boolean {
  if (!isRecordMap(v)) return false;
  const optionalText = (t: unknown) => t === null || t === undefined || typeof t === 'string';
  return (
    (v.memory === null || v.memory === undefined || isRecordMap(v.memory)) &&
    optionalText(v.lastAnswer) &&
    optionalText(v.introduced) &&
    optionalText(v.buried)
  );
}
