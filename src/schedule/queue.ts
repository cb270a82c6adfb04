import type { Card } from '../deck/types.js';
import type { CardRecord } from '../store/events.js';
import { type DayConfig, studyDayEnd, studyDayStart } from './day.js';
import { State } from './fsrs.js';

export interface QueueSettings {
  readonly newPerDay: number;
  readonly reviewsPerDay: number;
  /** Learning cards due within this many minutes are shown now rather than ending the session early. */
  readonly learnAheadMinutes: number;
}

export const DEFAULT_QUEUE: QueueSettings = {
  newPerDay: 20,
  reviewsPerDay: 200,
  learnAheadMinutes: 20,
};

export interface QueueInput {
  /** Cards in deck order (the order new cards are introduced in). */
  readonly cards: readonly Card[];
  readonly records: Readonly<Record<string, CardRecord>>;
  readonly now: Date;
  readonly day: DayConfig;
  readonly settings: QueueSettings;
}

export interface DailyQueue {
  /** Learning and relearning cards whose step is due now, soonest first. */
  readonly learning: readonly Card[];
  /** Learning cards due within the learn-ahead window: shown when nothing else is left. */
  readonly learnAhead: readonly Card[];
  /** Review cards due today, most overdue first, within the daily review limit. */
  readonly review: readonly Card[];
  /** New cards still to introduce today, in deck order, within the daily new limit. */
  readonly fresh: readonly Card[];
  /** Learning cards due later today (beyond the learn-ahead window). */
  readonly laterToday: number;
}

/**
 * Builds today's queue in named phases: gather what is due, sort each queue,
 * then apply the daily limits and keep siblings apart. Pure.
 */
export function buildQueue(input: QueueInput): DailyQueue {
  const { cards, records, now, day, settings } = input;
  const dayStart = studyDayStart(now, day).toISOString();
  const dayEnd = studyDayEnd(now, day).getTime();
  const aheadLimit = now.getTime() + settings.learnAheadMinutes * 60_000;

  // Gather.
  const learning: { card: Card; due: number }[] = [];
  const learnAhead: { card: Card; due: number }[] = [];
  const review: { card: Card; due: number }[] = [];
  const fresh: Card[] = [];
  const familiesSeenToday = new Set<string>();
  let introducedToday = 0;
  let reviewedToday = 0;
  let laterToday = 0;

  for (const card of cards) {
    const record = records[card.id];
    if (!record) {
      fresh.push(card);
      continue;
    }
    if (record.lastAnswer >= dayStart) {
      familiesSeenToday.add(card.familyId);
      if (record.introduced >= dayStart) introducedToday++;
      else reviewedToday++;
    }
    const due = Date.parse(record.memory.due);
    const state = record.memory.state;
    if (state === State.Learning || state === State.Relearning) {
      if (due <= now.getTime()) learning.push({ card, due });
      else if (due <= aheadLimit) learnAhead.push({ card, due });
      else if (due < dayEnd) laterToday++;
    } else if (state === State.Review && due < dayEnd) {
      review.push({ card, due });
    }
  }

  // Sort.
  learning.sort((a, b) => a.due - b.due);
  learnAhead.sort((a, b) => a.due - b.due);
  review.sort((a, b) => a.due - b.due);

  // Limit, keeping siblings of a card seen today (or queued today) for another day.
  const reviewLeft = Math.max(0, settings.reviewsPerDay - reviewedToday);
  const reviewQueue: Card[] = [];
  for (const { card } of review) {
    if (reviewQueue.length >= reviewLeft) break;
    if (familiesSeenToday.has(card.familyId)) continue;
    familiesSeenToday.add(card.familyId);
    reviewQueue.push(card);
  }
  const newLeft = Math.max(0, settings.newPerDay - introducedToday);
  const newQueue: Card[] = [];
  for (const card of fresh) {
    if (newQueue.length >= newLeft) break;
    if (familiesSeenToday.has(card.familyId)) continue;
    familiesSeenToday.add(card.familyId);
    newQueue.push(card);
  }

  return {
    learning: learning.map((l) => l.card),
    learnAhead: learnAhead.map((l) => l.card),
    review: reviewQueue,
    fresh: newQueue,
    laterToday,
  };
}

/**
 * The card to show next: a learning step that is due, then reviews, then new
 * cards, and only when nothing else is left a learning step due soon.
 */
export function nextCard(queue: DailyQueue): Card | null {
  return queue.learning[0] ?? queue.review[0] ?? queue.fresh[0] ?? queue.learnAhead[0] ?? null;
}

/** Counts for the screen: learning includes steps due within the learn-ahead window. */
export function queueCounts(queue: DailyQueue): { new: number; learning: number; review: number } {
  return {
    new: queue.fresh.length,
    learning: queue.learning.length + queue.learnAhead.length,
    review: queue.review.length,
  };
}
