import type { CardRecord, Memory } from '../../src/model/record.js';
import { DEFAULT_SCHEDULER } from '../../src/model/settings.js';
import { createScheduler, Rating } from '../../src/schedule/fsrs.js';
import type { AnswerEvent, UndoEvent } from '../../src/store/events.js';

/** The scheduler the store tests replay with: defaults, fuzz off, UTC, rollover 04:00. */
export const testScheduler = createScheduler(
  { ...DEFAULT_SCHEDULER, fuzz: false },
  { timeZone: 'UTC', rolloverHour: 4 },
);

/** What `replay` gives the store: the answer scheduled by `testScheduler`. */
export const testReplay = (before: Memory | null, at: Date, rating: 1 | 2 | 3 | 4) =>
  testScheduler.answer(before, at, rating);

/**
 * A logged answer to a basic card of deck "d", its memory after scheduled by
 * `testScheduler` from `before`: the event every store and merge test builds.
 */
export function answerEvent(options: {
  readonly id: string;
  readonly card: string;
  readonly at: string;
  readonly before?: Memory | null;
  readonly rating?: 1 | 2 | 3 | 4;
}): AnswerEvent {
  const { id, card, at, before = null, rating = Rating.Good } = options;
  return {
    v: 1,
    id,
    at,
    type: 'answer',
    card,
    deck: 'd',
    kind: 'basic',
    key: '',
    text: card,
    rating,
    ms: 1000,
    before,
    after: testScheduler.answer(before, new Date(at), rating),
  };
}

/** A logged undo of `target`, putting back `restore` (null: the card as if never answered). */
export function undoEvent(
  target: AnswerEvent,
  options: { readonly id: string; readonly at: string; readonly restore?: CardRecord | null },
): UndoEvent {
  return {
    v: 1,
    id: options.id,
    at: options.at,
    type: 'undo',
    card: target.card,
    deck: 'd',
    kind: 'basic',
    key: '',
    text: target.card,
    undone: target.id,
    restore: options.restore ?? null,
  };
}
