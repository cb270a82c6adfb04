// The data folder behind one façade: the review log (log.ts), the state file
// that caches it (stateFile.ts), the settings file (settingsFile.ts) and the lock
// that keeps a second kioku out (lock.ts). The rest of the program sees only this
// module: it opens the store, reads the cards and appends events.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DeckRegistry } from '../deck/registry.js';
import type { CardRecord } from '../model/record.js';
import { causalTime } from '../sync/merge.js';
import {
  applyEvent,
  compareEvents,
  type EventOf,
  type EventPayload,
  type EventType,
  makeEvent,
  type Replay,
  type ReviewEvent,
} from './events.js';
import { DataError, dataError, timestamp } from './files.js';
import { acquireLock, type Lock } from './lock.js';
import {
  appendTarget,
  LOG_FILE,
  logFilesShown,
  markFromLegacy,
  openReviewLog,
  reconcileLog,
} from './log.js';
import { openStateFile, STATE_FILE } from './stateFile.js';

export { DataError } from './files.js';
export { LOG_FILE, logFilesShown, readLogEvents } from './log.js';
export { loadSettings, SETTINGS_FILE, updateSettings } from './settingsFile.js';
export { STATE_FILE } from './stateFile.js';
export const LOCK_FILE = 'kioku.lock';

/** The file a store opened with this device id appends to (absolute). */
export function ownLogFile(dir: string, device: () => string): string {
  return appendTarget(path.resolve(dir), device).path;
}

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
  /**
   * What the store has read of each log file (by its name in the data folder,
   * with `/`): its size and last bytes. A copy on disk that differs (another
   * device's lines) is not in the cards yet.
   */
  readonly logMark: Readonly<Record<string, { readonly bytes: number; readonly tail: string }>>;
  /** The file this store appends to, relative to the data folder with `/` (`log/<device-id>.jsonl`). */
  readonly logFile: string;
  /** Replaces the saved deck registry (written with the next state write). */
  saveDeckRegistry(registry: DeckRegistry): void;
  /**
   * Appends one event, given its type, what it says and when it happened, and
   * fsyncs: when this returns, the event survives a crash. Returns the event as
   * logged (with its new id).
   */
  append<T extends EventType>(type: T, payload: EventPayload<T>, at: Date): EventOf<T>;
  /**
   * Appends events made elsewhere, ids included (an import, whose ids come from the
   * imported file), with one write and one fsync. They are applied in replay order;
   * when they are older than the log's newest event, call `rebuild` after, so the
   * state is the one a full replay gives.
   */
  appendMany(events: readonly ReviewEvent[]): void;
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
  /**
   * This machine's device id (made on first use, kept outside the data folder):
   * events are appended to `log/<device-id>.jsonl`. Without it (scripts, tests
   * of the single-file format), to `reviews.jsonl`.
   */
  readonly device?: () => string;
  /** The clock, for flagging events dated in the future. */
  readonly now?: () => Date;
}

/**
 * The log went back in time (restored from an older copy, emptied) while the
 * state file had seen later answers. The log is the truth, so the cards follow
 * it; the newer state is kept aside, and the user is told, rather than dropped.
 */
function keepNewerState(
  dir: string,
  display: string,
  logs: readonly string[],
  cards: number,
  readOnly: boolean,
  warnings: string[],
): void {
  const log = logFilesShown(display, logs);
  const state = path.join(display, STATE_FILE);
  if (readOnly) {
    warnings.push(
      `${state} has later answers to ${cards} card(s) than ${log} (was the log rolled back?)`,
    );
    return;
  }
  const aside = `${STATE_FILE}.newer-${timestamp()}`;
  copyFileSync(path.join(dir, STATE_FILE), path.join(dir, aside));
  warnings.push(
    `${state} had later answers to ${cards} card(s) than ${log} (was the log rolled back to an older copy?); the cards now follow the log, and the newer state is kept as ${aside}`,
  );
}

export async function openStore(options: OpenOptions): Promise<Store> {
  const dir = path.resolve(options.dir);
  const display = options.displayDir ?? dir;
  const readOnly = options.readOnly ?? false;
  const warnings: string[] = [];

  let lock: Lock | null = null;
  if (!readOnly) {
    try {
      mkdirSync(dir, { recursive: true });
      lock = acquireLock(path.join(dir, LOCK_FILE), display);
    } catch (err) {
      throw dataError(err, dir, display);
    }
  }

  try {
    const stateFile = await openStateFile(dir, display, readOnly, warnings);
    const saved = stateFile.saved;
    const replay = options.replay?.(saved?.decks ?? null);
    // A folder where the (single-file) log belongs cannot be read or appended to.
    const legacyLog = path.join(dir, LOG_FILE);
    if (statSync(legacyLog, { throwIfNoEntry: false })?.isFile() === false) {
      throw new DataError(
        `${path.join(display, LOG_FILE)} is not a file (a folder?); move it away and start kioku again`,
      );
    }
    const now = options.now ?? (() => new Date());
    const savedMark = saved ? (saved.logs ?? (saved.log ? markFromLegacy(saved.log) : null)) : null;
    const loaded = reconcileLog(
      dir,
      saved && savedMark ? { mark: savedMark, cards: saved.cards } : null,
      warnings,
      display,
      replay,
      now(),
    );
    if (loaded.newerInState)
      keepNewerState(
        dir,
        display,
        Object.keys(loaded.mark.files),
        loaded.newerInState,
        readOnly,
        warnings,
      );
    const cards = loaded.cards;
    const log = openReviewLog(
      dir,
      display,
      // A read-only store never appends: it need not make a device id.
      appendTarget(dir, readOnly ? undefined : options.device),
      loaded,
      warnings,
      now,
    );
    let registry: DeckRegistry | null = saved?.decks ?? null;
    const state = stateFile.writer(() => ({
      format: 1,
      logs: log.mark,
      cards,
      ...(registry ? { decks: registry } : {}),
    }));
    if (!readOnly && loaded.changed) await state.flush();

    let replayCache: { registry: DeckRegistry | null; replay: Replay | undefined } | null = null;
    const replayNow = (): Replay | undefined => {
      if (replayCache?.registry !== registry) {
        replayCache = { registry, replay: options.replay?.(registry) };
      }
      return replayCache.replay;
    };
    const adopt = (next: Record<string, CardRecord>) => {
      for (const id of Object.keys(cards)) delete cards[id];
      Object.assign(cards, next);
    };

    let lastSeq = 0;
    const newEventId = (at: Date) => {
      // Time first so ids sort like events; the counter keeps ids from one process ordered.
      lastSeq = (lastSeq + 1) % 1296;
      return `${at.getTime().toString(36)}-${lastSeq.toString(36).padStart(2, '0')}${randomBytes(4).toString('hex')}`;
    };

    return {
      dir,
      cards,
      warnings,
      replayedAtOpen: loaded.replayed || stateFile.setAside,
      get deckRegistry() {
        return registry;
      },
      get logMark() {
        return log.mark.files;
      },
      logFile: log.file,
      saveDeckRegistry(next) {
        if (JSON.stringify(next) === JSON.stringify(registry)) return;
        registry = next;
        state.changed();
      },
      append(type, payload, at) {
        if (readOnly) throw new Error('store opened read-only');
        const logPath = path.join(dir, ...log.file.split('/'));
        let folded: Record<string, CardRecord> | null;
        try {
          folded = log.sync(cards, replayNow());
        } catch (err) {
          throw dataError(err, dir, display, logPath);
        }
        if (folded) adopt(folded);
        // A card event is dated after the card's latest review even if this
        // device's clock runs behind (or the other's ran ahead), so that every
        // device replays it after what the user saw before it (sync/merge.ts).
        const card = (payload as { card?: unknown }).card;
        const when = typeof card === 'string' ? causalTime(at, cards[card]) : at;
        const event = makeEvent(type, payload, newEventId(when), when);
        try {
          log.write(event);
        } catch (err) {
          throw dataError(err, dir, display, logPath);
        }
        if (event.type === 'undo' && log.merged) {
          // Another device's events came in during this session: the undo is a
          // retraction, which only a replay applies exactly (see MergedFold).
          adopt(log.foldAll(replayNow(), true));
        } else {
          // With the replay: if `sync` just folded in another device's answer to
          // this card, the answer lands on that memory, as a rebuild would put it.
          applyEvent(cards, event, replayNow());
        }
        state.changed();
        return event;
      },
      appendMany(events) {
        if (readOnly) throw new Error('store opened read-only');
        if (events.length === 0) return;
        const folded = log.sync(cards, replayNow());
        if (folded) adopt(folded);
        log.writeMany(events);
        const replay = replayNow();
        for (const event of [...events].sort(compareEvents)) applyEvent(cards, event, replay);
        state.changed();
      },
      async rebuild() {
        const rebuilt = log.foldAll(replayNow(), !readOnly);
        const ids = new Set([...Object.keys(rebuilt), ...Object.keys(cards)]);
        const differing = [...ids].filter(
          (id) => JSON.stringify(rebuilt[id]) !== JSON.stringify(cards[id]),
        );
        adopt(rebuilt);
        await state.flush();
        return { cards: Object.keys(rebuilt).length, differing };
      },
      async flush() {
        await state.flush();
      },
      async close() {
        try {
          await state.close();
        } finally {
          log.close();
          lock?.release();
        }
      },
    };
  } catch (err) {
    lock?.release();
    throw dataError(err, dir, display);
  }
}
