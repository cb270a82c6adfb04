import type { Memory } from '../../src/model/record.js';
import { DEFAULT_SCHEDULER } from '../../src/model/settings.js';
import { createScheduler, Rating } from '../../src/schedule/fsrs.js';
import type { AnswerEvent } from '../../src/store/events.js';

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
