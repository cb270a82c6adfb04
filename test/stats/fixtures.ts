import type { CardRecord, Memory } from '../../src/model/record.js';
import type { DayConfig } from '../../src/schedule/day.js';
import { type Grade, State } from '../../src/schedule/fsrs.js';
import { computeStats, type Stats, type StatsInput } from '../../src/stats/stats.js';
import type { AnswerEvent, UndoEvent } from '../../src/store/events.js';

export const UTC: DayConfig = { timeZone: 'UTC', rolloverHour: 4 };
export const TOKYO: DayConfig = { timeZone: 'Asia/Tokyo', rolloverHour: 4 };

/** Study day 2026-03-10 in UTC with rollover 04:00. */
export const NOW = new Date('2026-03-10T12:00:00.000Z');

export function mem(state: State, over: Partial<Omit<Memory, 'state'>> = {}): Memory {
  return {
    due: '2026-03-20T12:00:00.000Z',
    stability: 5,
    difficulty: 5,
    scheduledDays: state === State.Review ? 10 : 0,
    learningSteps: 0,
    reps: 3,
    lapses: 0,
    state,
    lastReview: '2026-03-01T12:00:00.000Z',
    ...over,
  };
}

export const review = (scheduledDays: number, over: Partial<Omit<Memory, 'state'>> = {}) =>
  mem(State.Review, { scheduledDays, ...over });
export const learning = (over: Partial<Omit<Memory, 'state'>> = {}) => mem(State.Learning, over);

let counter = 0;

/** An answer event; the id sorts by time then creation order. */
export function answer(
  at: string,
  card: string,
  rating: Grade,
  before: Memory | null,
  over: Partial<AnswerEvent> & { cram?: true } = {},
): AnswerEvent {
  counter++;
  return {
    v: 1,
    id: `a${String(counter).padStart(6, '0')}`,
    at,
    card,
    deck: 'd',
    kind: 'basic',
    key: '',
    text: card,
    type: 'answer',
    rating,
    ms: 1000,
    before,
    after: mem(State.Review),
    ...over,
  };
}

export function undo(at: string, undone: AnswerEvent): UndoEvent {
  counter++;
  return {
    v: 1,
    id: `u${String(counter).padStart(6, '0')}`,
    at,
    card: undone.card,
    deck: undone.deck,
    kind: undone.kind,
    key: undone.key,
    text: undone.text,
    type: 'undo',
    undone: undone.id,
    restore: null,
  };
}

export function record(memory: Memory | null, over: Partial<CardRecord> = {}): CardRecord {
  return {
    deck: 'd',
    kind: 'basic',
    key: '',
    text: '',
    memory,
    introduced: memory ? '2026-01-01T12:00:00.000Z' : null,
    lastAnswer: memory ? '2026-01-01T12:00:00.000Z' : null,
    suspended: false,
    leech: false,
    buried: null,
    ...over,
  };
}

/** `YYYY-MM-DD` of the UTC study day `n` days from 2026-03-10, at `time` (UTC). */
export function dayAt(n: number, time = '12:00:00'): string {
  const d = new Date(Date.UTC(2026, 2, 10 + n));
  return `${d.toISOString().slice(0, 10)}T${time}.000Z`;
}

export function stats(over: Partial<StatsInput>): Stats {
  return computeStats({
    events: [],
    cards: [],
    records: {},
    now: NOW,
    day: UTC,
    desiredRetention: 0.9,
    retrievability: () => 0.5,
    ...over,
  });
}
