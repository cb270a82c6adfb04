import type { CardMeta, CardRecord, ImportSource, Memory } from '../model/record.js';
import type { Grade } from '../schedule/fsrs.js';
import { checkExhaustive } from '../util/exhaustive.js';

/**
 * One line of the review log. The log is the source of truth: the state file is
 * a cache of `foldEvents(log)`. Field names are short but whole words, because
 * people read and merge this file.
 */
export type ReviewEvent =
  | AnswerEvent
  | UndoEvent
  | BuryEvent
  | SuspendEvent
  | ResetEvent
  | RescheduleEvent
  | ImportedEvent
  | RelinkEvent
  | DropEvent
  | ExamEvent;

export type EventType = ReviewEvent['type'];

export type EventOf<T extends EventType> = Extract<ReviewEvent, { readonly type: T }>;

/** What an event says, without the envelope every line has (`v`, `id`, `at`, `type`). */
export type EventPayload<T extends EventType> = Omit<EventOf<T>, keyof EventBase | 'type'>;

/**
 * An event with its envelope: the one place lines of the log are put together,
 * so every line has the same fields in the same order. Pure: the id is given.
 */
export function makeEvent<T extends EventType>(
  type: T,
  payload: EventPayload<T>,
  id: string,
  at: Date,
): EventOf<T> {
  return { v: 1, id, at: at.toISOString(), type, ...payload } as unknown as EventOf<T>;
}

interface EventBase {
  /** Format version of this line. */
  readonly v: 1;
  /** Unique per event (time-sortable): lets merged logs drop exact duplicates. */
  readonly id: string;
  /** When it happened, ISO 8601 UTC. */
  readonly at: string;
}

interface CardEventBase extends EventBase, CardMeta {
  readonly card: string;
}

export interface AnswerEvent extends CardEventBase {
  readonly type: 'answer';
  readonly rating: Grade;
  /** Milliseconds from showing the question to the answer. */
  readonly ms: number;
  readonly before: Memory | null;
  readonly after: Memory;
  /** This answer made the card a leech: it is tagged and suspended. */
  readonly leech?: true;
  /**
   * A cram answer, outside the schedule: it changes nothing in the card's state
   * (`after` is only what the answer would have scheduled) and counts in no
   * statistic but today's cram count.
   */
  readonly cram?: true;
}

/** Puts a card back exactly as it was before the undone event. */
export interface UndoEvent extends CardEventBase {
  readonly type: 'undo';
  /** Id of the event undone. */
  readonly undone: string;
  readonly restore: CardRecord | null;
}

/** Hidden until the given study day is over. */
export interface BuryEvent extends CardEventBase {
  readonly type: 'bury';
  readonly day: string;
}

export interface SuspendEvent extends CardEventBase {
  readonly type: 'suspend';
  /** true: suspend; false: unsuspend (and clear the leech tag). */
  readonly suspended: boolean;
}

/** Forget: the card becomes new again. */
export interface ResetEvent extends CardEventBase {
  readonly type: 'reset';
}

/**
 * The card's due date was moved by hand, outside an answer (Anki's "set due
 * date" and FSRS reschedule rows). A card that is still new is left as it is.
 */
export interface RescheduleEvent extends CardEventBase {
  readonly type: 'reschedule';
  readonly due: string;
  readonly scheduledDays: number;
}

/**
 * A memory state brought from another program (Anki's stored FSRS memory and due
 * date, an Obsidian scheduling comment): the card's memory becomes this one.
 */
export interface ImportedEvent extends CardEventBase {
  readonly type: 'imported';
  readonly memory: Memory;
  readonly source?: ImportSource;
}

/** An edited front's history moved to the card's new identity. */
export interface RelinkEvent extends EventBase {
  readonly type: 'relink';
  readonly from: string;
  readonly to: string;
}

/** The user dropped an orphan's history from the state (it stays in the log). */
export interface DropEvent extends EventBase {
  readonly type: 'drop';
  readonly card: string;
}

/** A finished mock exam (`kioku exam`): its result, for the statistics over time. */
export interface ExamEvent extends EventBase {
  readonly type: 'exam';
  /** Weighted by the CKA domain weights, 0–1. */
  readonly score: number;
  readonly correct: number;
  /** Cards in the exam. */
  readonly total: number;
  /** Cards answered before the end (the rest count as wrong). */
  readonly answered: number;
  /** Time taken. */
  readonly ms: number;
  /** Per CKA domain. */
  readonly domains: Readonly<Record<string, { readonly correct: number; readonly total: number }>>;
}

/**
 * Recomputes an answer whose `before` no longer matches (two devices' logs merged),
 * with the scheduling of the card's deck.
 */
export type Replay = (before: Memory | null, at: Date, rating: Grade, deck: string) => Memory;

function blank(meta: CardMeta): CardRecord {
  return {
    deck: meta.deck,
    kind: meta.kind,
    key: meta.key,
    text: meta.text,
    memory: null,
    introduced: null,
    lastAnswer: null,
    suspended: false,
    leech: false,
    buried: null,
  };
}

function metaOf(e: CardMeta): CardMeta {
  return { deck: e.deck, kind: e.kind, key: e.key, text: e.text };
}

/**
 * Applies one event to the card map. The same events in the same order always
 * give the same map; it mutates because a rebuild folds a million lines.
 */
export function applyEvent(
  cards: Record<string, CardRecord>,
  event: ReviewEvent,
  replay?: Replay,
): void {
  switch (event.type) {
    case 'answer': {
      if (event.cram) return;
      const prev = cards[event.card] ?? blank(event);
      const current = prev.memory;
      // On one device `before` always matches; after a merge it may not, and the
      // answer is replayed on the memory this device actually had.
      const after =
        replay && !sameMemory(current, event.before)
          ? replay(current, new Date(event.at), event.rating, event.deck)
          : event.after;
      cards[event.card] = {
        ...prev,
        ...metaOf(event),
        memory: after,
        introduced: prev.introduced ?? event.at,
        lastAnswer: event.at,
        ...(event.leech ? { leech: true, suspended: true } : {}),
      };
      return;
    }
    case 'undo':
      if (event.restore) cards[event.card] = event.restore;
      else delete cards[event.card];
      return;
    case 'bury':
      cards[event.card] = { ...(cards[event.card] ?? blank(event)), buried: event.day };
      return;
    case 'suspend':
      cards[event.card] = {
        ...(cards[event.card] ?? blank(event)),
        suspended: event.suspended,
        ...(event.suspended ? {} : { leech: false }),
      };
      return;
    case 'reset':
      cards[event.card] = blank(cards[event.card] ?? event);
      return;
    case 'reschedule': {
      const prev = cards[event.card];
      if (!prev?.memory) return;
      cards[event.card] = {
        ...prev,
        memory: { ...prev.memory, due: event.due, scheduledDays: event.scheduledDays },
      };
      return;
    }
    case 'imported': {
      const prev = cards[event.card] ?? blank(event);
      const reviewed = event.memory.lastReview;
      cards[event.card] = {
        ...prev,
        ...metaOf(event),
        memory: event.memory,
        introduced: prev.introduced ?? reviewed ?? event.at,
        lastAnswer:
          reviewed && (!prev.lastAnswer || reviewed > prev.lastAnswer) ? reviewed : prev.lastAnswer,
        ...(event.source ? { source: event.source } : {}),
      };
      return;
    }
    case 'relink': {
      const prev = cards[event.from];
      if (prev && !cards[event.to]) {
        delete cards[event.from];
        cards[event.to] = prev;
      }
      return;
    }
    case 'drop':
      delete cards[event.card];
      return;
    case 'exam':
      // A result, not a change to any card.
      return;
    default:
      checkExhaustive(event);
  }
}

export function sameMemory(a: Memory | null, b: Memory | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.due === b.due &&
    a.stability === b.stability &&
    a.difficulty === b.difficulty &&
    a.state === b.state &&
    a.reps === b.reps &&
    a.lapses === b.lapses &&
    a.learningSteps === b.learningSteps &&
    a.scheduledDays === b.scheduledDays &&
    a.lastReview === b.lastReview
  );
}

/** Orders events as a merged log should be replayed: by time, then id. */
export function compareEvents(a: ReviewEvent, b: ReviewEvent): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function foldEvents(
  events: readonly ReviewEvent[],
  replay?: Replay,
): Record<string, CardRecord> {
  const sorted = [...events].sort(compareEvents);
  const cards: Record<string, CardRecord> = {};
  const seen = new Set<string>();
  for (const event of sorted) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    applyEvent(cards, event, replay);
  }
  return cards;
}

export function parseEventLine(line: string): ReviewEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const e = value as Record<string, unknown>;
  // Every field the fold or the statistics read is checked: one hand-edited or
  // damaged line ("at": "yesterday", "rating": 9) is skipped, never trusted.
  if (e.v !== 1 || typeof e.id !== 'string' || e.id === '' || !isInstant(e.at)) return null;
  switch (e.type) {
    case 'answer':
      return isCardEvent(e) &&
        Number.isInteger(e.rating) &&
        (e.rating as number) >= 1 &&
        (e.rating as number) <= 4 &&
        (e.ms === undefined || isCount(e.ms)) &&
        (e.before === null || e.before === undefined || isMemory(e.before)) &&
        isMemory(e.after)
        ? (value as AnswerEvent)
        : null;
    case 'undo':
      return isCardEvent(e) && typeof e.undone === 'string' && 'restore' in e
        ? (value as UndoEvent)
        : null;
    case 'bury':
      return isCardEvent(e) && typeof e.day === 'string' && DAY.test(e.day)
        ? (value as BuryEvent)
        : null;
    case 'suspend':
      return isCardEvent(e) && typeof e.suspended === 'boolean' ? (value as SuspendEvent) : null;
    case 'reset':
      return isCardEvent(e) ? (value as ResetEvent) : null;
    case 'reschedule':
      return isCardEvent(e) &&
        typeof e.due === 'string' &&
        !Number.isNaN(Date.parse(e.due)) &&
        typeof e.scheduledDays === 'number'
        ? (value as RescheduleEvent)
        : null;
    case 'imported':
      return isCardEvent(e) && isMemory(e.memory) ? (value as ImportedEvent) : null;
    case 'relink':
      return typeof e.from === 'string' && typeof e.to === 'string' ? (value as RelinkEvent) : null;
    case 'drop':
      return typeof e.card === 'string' ? (value as DropEvent) : null;
    case 'exam':
      return isFiniteNumber(e.score) &&
        isCount(e.total) &&
        isCount(e.correct) &&
        e.domains &&
        typeof e.domains === 'object'
        ? (value as ExamEvent)
        : null;
    default:
      return null;
  }
}

function isCardEvent(e: Record<string, unknown>): boolean {
  return typeof e.card === 'string' && typeof e.deck === 'string' && typeof e.kind === 'string';
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 date and time that names a real instant. */
function isInstant(v: unknown): v is string {
  return typeof v === 'string' && INSTANT.test(v) && Number.isFinite(Date.parse(v));
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** A whole number, zero or more. */
function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** The optional fields may be missing (older lines); present, they must be in range. */
function isMemory(m: unknown): m is Memory {
  if (!m || typeof m !== 'object') return false;
  const r = m as Record<string, unknown>;
  const optional = (v: unknown, ok: (v: unknown) => boolean) => v === undefined || ok(v);
  return (
    isInstant(r.due) &&
    isFiniteNumber(r.stability) &&
    r.stability >= 0 &&
    Number.isInteger(r.state) &&
    (r.state as number) >= 0 &&
    (r.state as number) <= 3 &&
    optional(r.difficulty, (d) => isFiniteNumber(d) && d >= 0 && d <= 11) &&
    optional(r.scheduledDays, (d) => isFiniteNumber(d) && d >= 0) &&
    optional(r.learningSteps, isCount) &&
    optional(r.reps, isCount) &&
    optional(r.lapses, isCount) &&
    optional(r.lastReview, (d) => d === null || isInstant(d))
  );
}

/**
 * Follows relinks forward, so an edited card's answers before and after the
 * edit count as one card (for statistics and the optimizer). Guards against
 * cycles (a card edited back and forth).
 */
export function canonicalIds(events: readonly ReviewEvent[]): (id: string) => string {
  const next = new Map<string, string>();
  for (const e of events) if (e.type === 'relink' && e.from !== e.to) next.set(e.from, e.to);
  if (next.size === 0) return (id) => id;
  const memo = new Map<string, string>();
  return (id) => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const seen = new Set<string>([id]);
    let current = id;
    for (let to = next.get(current); to !== undefined && !seen.has(to); to = next.get(current)) {
      seen.add(to);
      current = to;
    }
    memo.set(id, current);
    return current;
  };
}

/**
 * The log as a replay sees it: in time order, each event once, with the ids
 * of undone events and a resolver from a card id to its current id (relinks).
 */
export function replayOrder(events: readonly ReviewEvent[]): {
  readonly events: ReviewEvent[];
  readonly undone: ReadonlySet<string>;
  readonly canonical: (id: string) => string;
} {
  const seen = new Set<string>();
  const unique: ReviewEvent[] = [];
  const undone = new Set<string>();
  for (const e of [...events].sort(compareEvents)) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    unique.push(e);
    if (e.type === 'undo') undone.add(e.undone);
  }
  return { events: unique, undone, canonical: canonicalIds(unique) };
}
