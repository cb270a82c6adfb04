import { inDeck, nearest } from '../deck/tree.js';
import type { QueueCard } from '../model/card.js';
import type { CardRecord } from '../model/record.js';
import type { QueueSettings } from '../model/settings.js';
import { type DayConfig, daysBetween, studyDay, studyDayEnd, studyDayStart } from './day.js';
import {
  examWeekDaysLeft,
  examWeekPicks,
  examWeekRoom,
  examWeekShare,
  type Waiting,
} from './examWeek.js';
import { State } from './fsrs.js';

export interface QueueInput<C extends QueueCard = QueueCard> {
  /** Cards in deck order (the order new cards are introduced in). */
  readonly cards: readonly C[];
  readonly records: Readonly<Record<string, CardRecord>>;
  readonly now: Date;
  readonly day: DayConfig;
  readonly settings: QueueSettings;
  /** Decks (or folders) with their own daily limits, from front matter. */
  readonly perDeck?: Readonly<Record<string, DeckLimits>>;
}

export interface DailyQueue<C extends QueueCard = QueueCard> {
  /** Learning and relearning cards whose step is due now, soonest first. */
  readonly learning: readonly C[];
  /** Learning cards due within the learn-ahead window: shown when nothing else is left. */
  readonly learnAhead: readonly C[];
  /**
   * Review cards due today, most overdue first, then the exam week's reviews
   * ahead of their date, within the daily review limit.
   */
  readonly review: readonly C[];
  /** New cards still to introduce today, in deck order, within the daily new limit. */
  readonly fresh: readonly C[];
  /** Learning cards due later today (beyond the learn-ahead window). */
  readonly laterToday: number;
}

type DeckLimits = Partial<Pick<QueueSettings, 'newPerDay' | 'reviewsPerDay'>>;

/**
 * Builds today's queue in named phases: gather what is due, sort each queue,
 * then apply the daily limits (global, and per deck where a deck sets its own)
 * and keep siblings apart. Suspended cards and cards buried today are left out.
 * Pure.
 */
export function buildQueue<C extends QueueCard>(input: QueueInput<C>): DailyQueue<C> {
  const { cards, records, now, day, settings } = input;
  const perDeck = input.perDeck ?? {};
  const today = studyDay(now, day);
  const dayStart = studyDayStart(now, day).toISOString();
  const dayEnd = studyDayEnd(now, day).getTime();
  const aheadLimit = now.getTime() + settings.learnAheadMinutes * 60_000;

  // Gather.
  const learning: { card: C; due: number }[] = [];
  const learnAhead: { card: C; due: number }[] = [];
  const review: { card: C; due: number }[] = [];
  const fresh: C[] = [];
  const familiesSeenToday = new Set<string>();
  // An exam plan's limit counts the introductions in its deck or folder; the global
  // limit counts the others.
  const plan = settings.plan ?? null;
  const planned = (deck: string) => plan !== null && (plan.deck === '' || inDeck(deck, plan.deck));
  const introducedToday = new Counter();
  const introducedInPlan = new Counter();
  const reviewedToday = new Counter();
  let laterToday = 0;
  // The exam week: the plan's cards not reviewed since it began are spread over its days.
  const weekLeft =
    plan?.exam === undefined || plan.lead === undefined
      ? 0
      : examWeekDaysLeft(daysBetween(today, plan.exam), plan.lead);
  // The week's first instant; a daylight-saving change inside it moves it by an hour.
  const weekStart = Date.parse(dayStart) - (Math.max(1, plan?.lead ?? 1) - weekLeft) * DAY;
  const examAt = Date.parse(dayStart) + weekLeft * DAY;
  const weekStartIso = new Date(weekStart).toISOString();
  const waiting: Waiting<C>[] = [];
  // The plan's cards studied before the week began, and those reviewed since.
  let weekStudied = 0;
  let weekDone = 0;
  // Under a time budget, the plan's cards answered or due today leave the week less room.
  let plannedToday = 0;

  for (const card of cards) {
    const record = records[card.id];
    if (record?.lastAnswer && record.lastAnswer >= dayStart) {
      familiesSeenToday.add(card.familyId);
      if (weekLeft > 0 && planned(card.deck)) plannedToday++;
      if (record.introduced && record.introduced >= dayStart) {
        (planned(card.deck) ? introducedInPlan : introducedToday).add(card.deck);
      } else reviewedToday.add(card.deck);
    }
    if (record?.suspended || record?.buried === today) continue;
    const memory = record?.memory;
    if (!memory) {
      fresh.push(card);
      continue;
    }
    const due = Date.parse(memory.due);
    const inWeek =
      weekLeft > 0 &&
      record.introduced !== null &&
      record.introduced < weekStartIso &&
      planned(card.deck);
    if (inWeek) {
      weekStudied++;
      if (memory.lastReview && memory.lastReview >= weekStartIso) weekDone++;
    }
    if (memory.state === State.Learning || memory.state === State.Relearning) {
      if (weekLeft > 0 && due < dayEnd && planned(card.deck)) plannedToday++;
      if (due <= now.getTime()) learning.push({ card, due });
      else if (due <= aheadLimit) learnAhead.push({ card, due });
      else if (due < dayEnd) laterToday++;
    } else if (memory.state === State.Review) {
      if (due < dayEnd) {
        review.push({ card, due });
        if (weekLeft > 0 && planned(card.deck)) plannedToday++;
      }
      const last = memory.lastReview ? Date.parse(memory.lastReview) : Number.NaN;
      if (inWeek && last < weekStart) {
        const days = Math.max(1 / 24, (examAt - last) / DAY);
        waiting.push({ item: card, dueToday: due < dayEnd, strength: memory.stability / days });
      }
    }
  }

  // Sort: soonest step first; most overdue review first; new cards keep deck order.
  learning.sort((a, b) => a.due - b.due);
  learnAhead.sort((a, b) => a.due - b.due);
  review.sort((a, b) => a.due - b.due);
  const ahead = examWeekPicks(
    waiting,
    examWeekShare({
      studied: weekStudied,
      done: weekDone,
      daysLeft: weekLeft,
      lead: plan?.lead ?? 1,
    }),
    // Within the time budget and what the daily review limit leaves.
    Math.min(
      examWeekRoom(plan?.examWeekPerDay, plannedToday),
      settings.reviewsPerDay - reviewedToday.total - review.length,
    ),
  );

  // Limit, keeping siblings of a card seen (or queued) today for another day.
  const take = (
    candidates: readonly C[],
    limit: number,
    deckLimit: (deck: string) => number | undefined,
    done: Counter,
  ): C[] => {
    const queued: C[] = [];
    const perDeckQueued = new Counter();
    let left = Math.max(0, limit - done.total);
    for (const card of candidates) {
      if (left <= 0) break;
      if (familiesSeenToday.has(card.familyId)) continue;
      const own = deckLimit(card.deck);
      if (own !== undefined && done.get(card.deck) + perDeckQueued.get(card.deck) >= own) continue;
      familiesSeenToday.add(card.familyId);
      perDeckQueued.add(card.deck);
      queued.push(card);
      left--;
    }
    return queued;
  };
  const reviewQueue = take(
    ahead.length > 0 ? [...review.map((r) => r.card), ...ahead] : review.map((r) => r.card),
    settings.reviewsPerDay,
    (d) => limitFor(perDeck, d, 'reviewsPerDay'),
    reviewedToday,
  );
  const deckNewLimit = (d: string) => limitFor(perDeck, d, 'newPerDay');
  let newQueue: C[];
  if (plan === null) {
    newQueue = take(fresh, settings.newPerDay, deckNewLimit, introducedToday);
  } else {
    const inPlan = new Set(
      take(
        fresh.filter((c) => planned(c.deck)),
        plan.newPerDay,
        deckNewLimit,
        introducedInPlan,
      ),
    );
    const others = new Set(
      take(
        fresh.filter((c) => !planned(c.deck)),
        settings.newPerDay,
        deckNewLimit,
        introducedToday,
      ),
    );
    // Deck order across both.
    newQueue = fresh.filter((c) => inPlan.has(c) || others.has(c));
  }

  return {
    learning: learning.map((l) => l.card),
    learnAhead: learnAhead.map((l) => l.card),
    review: reviewQueue,
    fresh: newQueue,
    laterToday,
  };
}

/** A deck's own limit: set on the deck itself or on the closest folder above it. */
function limitFor(
  perDeck: Readonly<Record<string, DeckLimits>>,
  deck: string,
  key: keyof DeckLimits,
): number | undefined {
  return nearest(deck, (name) => perDeck[name]?.[key]);
}

const DAY = 86_400_000;

class Counter {
  private readonly counts = new Map<string, number>();
  total = 0;
  add(key: string) {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.total++;
  }
  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}

/**
 * The card to show next: a learning step that is due, then reviews, then new
 * cards, and only when nothing else is left a learning step due soon.
 */
export function nextCard<C extends QueueCard>(queue: DailyQueue<C>): C | null {
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
