import type { CardKind } from '../deck/types.js';
import type { Grade, Memory } from '../schedule/fsrs.js';

/**
 * One line of the review log. The log is the source of truth: the state file is
 * a cache of `foldEvents(log)`. Field names are short but whole words, because
 * people read and merge this file.
 */
export type ReviewEvent = AnswerEvent | RelinkEvent | DropEvent;

interface EventBase {
  /** Format version of this line. */
  readonly v: 1;
  /** Unique per event (time-sortable): lets merged logs drop exact duplicates. */
  readonly id: string;
  /** When it happened, ISO 8601 UTC. */
  readonly at: string;
}

/** What identifies a card besides its id, so a log alone can re-link edited cards. */
export interface CardMeta {
  readonly deck: string;
  readonly kind: CardKind;
  /** `Card.identityKey`. */
  readonly key: string;
  /** `Card.identityText`, cut to 200 characters. */
  readonly text: string;
}

export interface AnswerEvent extends EventBase, CardMeta {
  readonly type: 'answer';
  readonly card: string;
  readonly rating: Grade;
  /** Milliseconds from showing the question to the answer. */
  readonly ms: number;
  readonly before: Memory | null;
  readonly after: Memory;
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

export interface CardRecord extends CardMeta {
  readonly memory: Memory;
  /** First answer ever (ISO): when the card stopped being new. */
  readonly introduced: string;
  readonly lastAnswer: string;
}

/**
 * Applies one event to the card map. The same events in the same order always
 * give the same map; it mutates because a rebuild folds a million lines.
 */
export function applyEvent(cards: Record<string, CardRecord>, event: ReviewEvent): void {
  if (event.type === 'answer') {
    const prev = cards[event.card];
    cards[event.card] = {
      memory: event.after,
      deck: event.deck,
      kind: event.kind,
      key: event.key,
      text: event.text,
      introduced: prev?.introduced ?? event.at,
      lastAnswer: event.at,
    };
    return;
  }
  if (event.type === 'relink') {
    const prev = cards[event.from];
    if (prev && !cards[event.to]) {
      delete cards[event.from];
      cards[event.to] = prev;
    }
    return;
  }
  if (event.type === 'drop') {
    delete cards[event.card];
    return;
  }
  checkExhaustive(event);
}

/** Orders events as a merged log should be replayed: by time, then id. */
export function compareEvents(a: ReviewEvent, b: ReviewEvent): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function foldEvents(events: readonly ReviewEvent[]): Record<string, CardRecord> {
  const sorted = [...events].sort(compareEvents);
  const cards: Record<string, CardRecord> = {};
  const seen = new Set<string>();
  for (const event of sorted) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    applyEvent(cards, event);
  }
  return cards;
}

export interface ParsedLog {
  readonly events: ReviewEvent[];
  /** 1-based line numbers of lines that could not be read (kept in the file, skipped). */
  readonly skipped: number[];
}

/** Parses log text. A torn or foreign line is skipped and reported, never fatal. */
export function parseLog(text: string, firstLine = 1): ParsedLog {
  const events: ReviewEvent[] = [];
  const skipped: number[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const event = parseEventLine(line);
    if (event) events.push(event);
    else skipped.push(firstLine + i);
  });
  return { events, skipped };
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
  if (e.v !== 1 || typeof e.id !== 'string' || typeof e.at !== 'string') return null;
  if (e.type === 'answer') {
    if (typeof e.card !== 'string' || typeof e.rating !== 'number' || !isMemory(e.after)) {
      return null;
    }
    return value as AnswerEvent;
  }
  if (e.type === 'relink') {
    return typeof e.from === 'string' && typeof e.to === 'string' ? (value as RelinkEvent) : null;
  }
  if (e.type === 'drop') return typeof e.card === 'string' ? (value as DropEvent) : null;
  return null;
}

function isMemory(m: unknown): m is Memory {
  if (!m || typeof m !== 'object') return false;
  const r = m as Record<string, unknown>;
  return (
    typeof r.due === 'string' && typeof r.stability === 'number' && typeof r.state === 'number'
  );
}

export function checkExhaustive(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
