import type { CardRecord } from '../model/record.js';
import { applyEvent, compareEvents, type Replay, type ReviewEvent } from '../store/events.js';

/**
 * Merging the logs of several devices. An append-only log of uniquely named
 * events is a grow-only set: the merge is the union, duplicates (the same line
 * arriving through two paths) count once, and the state is a fold over the union
 * in one order every device computes alike: by time (`at`), then by `id`. Pure.
 */

/** Ids named by undo events: those events are retracted from every replay. */
export function retractedIds(events: Iterable<ReviewEvent>): Set<string> {
  const ids = new Set<string>();
  for (const e of events) if (e.type === 'undo') ids.add(e.undone);
  return ids;
}

/**
 * Folds events that arrive in replay order (`compareEvents`) into a card map.
 * Events named by an undo are skipped, and so are the undos: an undo is a
 * retraction, so "device A undid its answer while device B answered the same
 * card later" replays B's answer on the memory the card had without A's, the
 * same on every device. (While one device studies, an undo is applied at once
 * by putting back the record it carries, which is the same thing there: the
 * undone event was that card's latest.)
 */
export class MergedFold {
  readonly cards: Record<string, CardRecord> = {};
  /** Events applied (undos and retracted events not counted). */
  applied = 0;
  /** Repeats of an event already seen, skipped. */
  duplicates = 0;
  lastAt = '';
  /** Ids of the events at `lastAt`, undos included (a repeat of one in a later tail is skipped). */
  lastIds: string[] = [];

  constructor(
    private readonly retracted: ReadonlySet<string>,
    private readonly replay?: Replay,
  ) {}

  add(event: ReviewEvent): void {
    if (event.at !== this.lastAt) {
      this.lastAt = event.at;
      this.lastIds = [];
    } else if (this.lastIds.includes(event.id)) {
      this.duplicates++;
      return;
    }
    this.lastIds.push(event.id);
    if (event.type === 'undo' || this.retracted.has(event.id)) return;
    applyEvent(this.cards, event, this.replay);
    this.applied++;
  }
}

/** How many of a card's latest events an undo can retract in one pass. */
const UNDO_DEPTH = 4;

interface Applied {
  readonly id: string;
  /** The card's record before this event (undefined: it had none). */
  readonly before: CardRecord | undefined;
  /** The event changed nothing (a cram answer). */
  readonly noop: boolean;
}

/**
 * The fold of `MergedFold` in one pass, for events that arrive in replay order
 * without knowing the undone ids in advance. An event is applied when it comes;
 * an undo then retracts it by putting back the record the card had before it,
 * which is exact when nothing after it changed that card: it is among the card's
 * latest events, with only cram answers after it. `add` returns false for any
 * other undo (another device's answer to the card came in between, a relink
 * moved the card, the undone event has not come yet): the caller then folds
 * with `MergedFold`, which knows every undone id first.
 */
export class StreamFold {
  readonly cards: Record<string, CardRecord> = {};
  applied = 0;
  duplicates = 0;
  lastAt = '';
  lastIds: string[] = [];
  private readonly recent = new Map<string, Applied[]>();

  constructor(private readonly replay?: Replay) {}

  add(event: ReviewEvent): boolean {
    if (event.at !== this.lastAt) {
      this.lastAt = event.at;
      this.lastIds = [];
    } else if (this.lastIds.includes(event.id)) {
      this.duplicates++;
      return true;
    }
    this.lastIds.push(event.id);
    switch (event.type) {
      case 'undo':
        return this.retract(event.card, event.undone);
      case 'relink':
        this.recent.delete(event.from);
        this.recent.delete(event.to);
        break;
      case 'drop':
        this.recent.delete(event.card);
        break;
      case 'exam':
        break;
      default: {
        let stack = this.recent.get(event.card);
        if (!stack) {
          stack = [];
          this.recent.set(event.card, stack);
        }
        if (stack.length === UNDO_DEPTH) stack.shift();
        stack.push({
          id: event.id,
          before: this.cards[event.card],
          noop: event.type === 'answer' && event.cram === true,
        });
      }
    }
    applyEvent(this.cards, event, this.replay);
    this.applied++;
    return true;
  }

  private retract(card: string, id: string): boolean {
    const stack = this.recent.get(card);
    if (!stack) return false;
    for (let i = stack.length - 1; i >= 0; i--) {
      const entry = stack[i]!;
      if (entry.id === id) {
        if (!entry.noop) {
          if (entry.before) this.cards[card] = entry.before;
          else delete this.cards[card];
        }
        stack.splice(i, 1);
        this.applied--;
        return true;
      }
      if (!entry.noop) return false;
    }
    return false;
  }
}

export interface MergeResult {
  /** Each event once, in replay order. */
  readonly events: ReviewEvent[];
  readonly duplicates: number;
}

/** The union of several logs, each event once, in replay order. */
export function mergeEvents(logs: readonly (readonly ReviewEvent[])[]): MergeResult {
  const all = logs.flat().sort(compareEvents);
  const events: ReviewEvent[] = [];
  let duplicates = 0;
  for (let i = 0; i < all.length; i++) {
    const e = all[i]!;
    // Equal ids sort together only within one `at`; a corrupt copy with another
    // `at` is a different event as far as the order is concerned.
    let seen = false;
    for (let j = events.length - 1; j >= 0 && events[j]!.at === e.at; j--) {
      if (events[j]!.id === e.id) {
        seen = true;
        break;
      }
    }
    if (seen) duplicates++;
    else events.push(e);
  }
  return { events, duplicates };
}

/** Replays the union of several logs: the state every device computes from them. */
export function foldLogs(
  logs: readonly (readonly ReviewEvent[])[],
  replay?: Replay,
): Record<string, CardRecord> {
  const { events } = mergeEvents(logs);
  const fold = new MergedFold(retractedIds(events), replay);
  for (const e of events) fold.add(e);
  return fold.cards;
}

/** How far ahead of this device's clock an event may be before it is reported. */
export const FUTURE_LIMIT_MS = 24 * 60 * 60 * 1000;

/**
 * The time to record an event on a card at: the wall clock, unless the card
 * already has a later review (this device's clock runs behind, or the other
 * device's ran ahead). Then it is just after that review, so the event sorts
 * after what it followed on every device, and the fold of the merged logs
 * agrees with what the user saw. (The scheduler counts such a review as made
 * just now: see `createScheduler`. A time far ahead is reported by the reader:
 * `futureEvents`.)
 */
export function causalTime(wall: Date, record: CardRecord | undefined): Date {
  const latest = Math.max(
    record?.lastAnswer ? Date.parse(record.lastAnswer) : Number.NEGATIVE_INFINITY,
    record?.memory?.lastReview ? Date.parse(record.memory.lastReview) : Number.NEGATIVE_INFINITY,
  );
  return Number.isFinite(latest) && latest >= wall.getTime() ? new Date(latest + 1) : wall;
}

export interface FutureReport {
  readonly count: number;
  /** The latest such time (ISO). */
  readonly latest: string;
}

/** Events dated more than `FUTURE_LIMIT_MS` after `now`: a device with a wrong clock. */
export function futureEvents(events: Iterable<ReviewEvent>, now: Date): FutureReport | null {
  const limit = now.getTime() + FUTURE_LIMIT_MS;
  let count = 0;
  let latest = '';
  for (const e of events) {
    if (Date.parse(e.at) > limit) {
      count++;
      if (e.at > latest) latest = e.at;
    }
  }
  return count > 0 ? { count, latest } : null;
}

export function futureWarning(file: string, report: FutureReport): string {
  const n = report.count;
  return `${file}: ${n} event${n === 1 ? ' is' : 's are'} dated more than a day after this computer's clock (latest ${report.latest}); check the clock of the device that wrote ${n === 1 ? 'it' : 'them'}`;
}
