import type { CardRecord, Memory } from '../model/record.js';
import type { ExamReadiness } from '../plan/readiness.js';
import { addDays, type DayConfig, daysBetween, studyDay } from '../schedule/day.js';
import { Rating, State } from '../schedule/fsrs.js';
import {
  type AnswerEvent,
  type ExamEvent,
  type ReviewEvent,
  replayOrder,
} from '../store/events.js';

/**
 * Statistics over the review log and the cards in the decks. Everything here is
 * pure: the log, the cards, the clock and the study-day settings come in as
 * arguments, plain numbers come out (the UI formats them).
 *
 * Two kinds of figures:
 * - answer-based ones (today, calendar, streak, retention, perDay, buttons,
 *   averageMs) come from the log, so they include cards no longer in the decks;
 * - card-based ones (forecast, counts, memory) come from the records of the
 *   cards in the decks now.
 *
 * An answer that was undone counts nowhere. A cram answer (`cram: true`, a flag
 * of future versions) counts only in `today.cramReviews`.
 */
export interface StatsInput {
  /** The whole log, in any order (it is sorted by `compareEvents`; duplicate ids count once). */
  readonly events: readonly ReviewEvent[];
  /** The cards in the decks now (new cards have no record). */
  readonly cards: readonly { readonly id: string; readonly deck: string }[];
  readonly records: Readonly<Record<string, CardRecord>>;
  readonly now: Date;
  readonly day: DayConfig;
  readonly desiredRetention: number;
  /** The scheduler's retrievability (probability of recall, 0–1) of a memory at an instant. */
  readonly retrievability: (memory: Memory, now: Date) => number;
}

export interface Stats {
  /** The current study day (`YYYY-MM-DD`): the day `now` belongs to, with the rollover hour. */
  readonly day: string;
  /** The current study day's work. */
  readonly today: TodayStats;
  /** Answers per study day for the last 365 study days, oldest first, today last. */
  readonly calendar: readonly DayReviews[];
  /** Consecutive study days with at least one answer. */
  readonly streak: Streak;
  /** Cards due on each of the next 30 study days; day 0 is today and includes overdue cards. */
  readonly forecast: readonly ForecastDay[];
  /** Cards in the decks now by state: all decks together and per deck. */
  readonly counts: Counts;
  /** True retention: the pass rate of review cards at their first answer of a study day. */
  readonly retention: Retention;
  /** Answers per study day for the last 30 study days, by the card's state before the answer. */
  readonly perDay: readonly DayBreakdown[];
  /** Ratings used over the last 30 study days, for learning and for review cards. */
  readonly buttons: Buttons;
  /** Mean answer time (ms) over the last 30 study days; null when there was no answer. */
  readonly averageMs: number | null;
  /** Stability and retrievability distributions of the cards in the decks. */
  readonly memory: MemoryStats;
  /** Mock exam results (`kioku exam`), oldest first. */
  readonly exams: readonly ExamResult[];
  /** Where the exam plan stands (`kioku plan --apply`); absent without a plan. */
  readonly readiness?: ExamReadiness | null;
}

export interface ExamResult {
  /** Study day of the exam. */
  readonly day: string;
  /** Weighted score, 0–1. */
  readonly score: number;
  readonly correct: number;
  readonly total: number;
  /** Per CKA domain: correct answers and cards. */
  readonly domains: Readonly<Record<string, { readonly correct: number; readonly total: number }>>;
}

export interface TodayStats {
  /** Answers given today (undone and cram answers excluded). */
  readonly reviews: number;
  /** Cards introduced today: distinct cards whose answer today found them new. */
  readonly newCards: number;
  /** Answers rated Again today. */
  readonly again: number;
  /** Time spent answering today (sum of the answers' ms). */
  readonly timeMs: number;
  /** Cram answers given today (answers outside the schedule, counted nowhere else). */
  readonly cramReviews: number;
}

export interface DayReviews {
  /** Study day, `YYYY-MM-DD`. */
  readonly day: string;
  /** Answers on that day. */
  readonly reviews: number;
}

export interface Streak {
  /** Days in the run that ends today, or yesterday when nothing was answered today yet; 0 if neither day has an answer. */
  readonly current: number;
  /** The longest run in the whole log. */
  readonly longest: number;
}

export interface ForecastDay {
  /** Study day, `YYYY-MM-DD`. */
  readonly day: string;
  /** Cards (review, learning and relearning) that fall due on that day; day 0 also has the overdue ones. */
  readonly due: number;
}

export interface CardCounts {
  /** Every card (each card counts once: `new + learning + young + mature + suspended`). */
  readonly total: number;
  /** Never answered (or reset), not suspended. */
  readonly new: number;
  /** In a learning or relearning step, not suspended. */
  readonly learning: number;
  /** In review with an interval under 21 days, not suspended. */
  readonly young: number;
  /** In review with an interval of 21 days or more, not suspended. */
  readonly mature: number;
  /** Suspended, whatever the state (leeches included). */
  readonly suspended: number;
  /** Tagged as leeches (they are usually suspended too, and counted there). */
  readonly leech: number;
}

export interface DeckCounts extends CardCounts {
  /** Deck name. */
  readonly deck: string;
}

export interface Counts {
  /** All decks together. */
  readonly total: CardCounts;
  /** One entry per deck that has cards, sorted by deck name. */
  readonly decks: readonly DeckCounts[];
}

export interface Rate {
  /** Answers other than Again. */
  readonly passed: number;
  /** Answers counted. */
  readonly total: number;
  /** `passed / total`, 0–1; null when nothing was counted. */
  readonly rate: number | null;
}

export interface RetentionWindow {
  /** Young cards (interval under 21 days before the answer). */
  readonly young: Rate;
  /** Mature cards (interval of 21 days or more before the answer). */
  readonly mature: Rate;
  /** Young and mature together. */
  readonly all: Rate;
}

export interface Retention {
  /** The current study day. */
  readonly day: RetentionWindow;
  /** The last 7 study days, today included. */
  readonly week: RetentionWindow;
  /** The last 30 study days, today included. */
  readonly month: RetentionWindow;
  /** The retention the scheduler aims at (0–1), to compare with. */
  readonly desiredRetention: number;
}

export interface DayBreakdown {
  /** Study day, `YYYY-MM-DD`. */
  readonly day: string;
  /** Answers to new cards. */
  readonly new: number;
  /** Answers to cards in a learning or relearning step. */
  readonly learning: number;
  /** Answers to review cards. */
  readonly review: number;
}

export interface ButtonCounts {
  /** Rating 1. */
  readonly again: number;
  /** Rating 2. */
  readonly hard: number;
  /** Rating 3. */
  readonly good: number;
  /** Rating 4. */
  readonly easy: number;
}

export interface Buttons {
  /** Answers to new, learning and relearning cards. */
  readonly learning: ButtonCounts;
  /** Answers to review cards. */
  readonly review: ButtonCounts;
}

export interface Bucket {
  /** Lower bound, included. */
  readonly from: number;
  /** Upper bound, excluded (the last bucket includes it); null: unbounded. */
  readonly to: number | null;
  /** Cards in the bucket. */
  readonly count: number;
}

export interface MemoryStats {
  /** Stability in days of review and relearning cards: <1, 1–7, 7–30, 30–90, 90–365, ≥365. */
  readonly stability: readonly Bucket[];
  /** Retrievability now (0–1) of review and relearning cards, in tenths; 1 falls in the last. */
  readonly retrievability: readonly Bucket[];
  /** Sum of the retrievability now of every card with a memory, rounded to 0.1: the cards you would recall. */
  readonly estimatedRecall: number;
  /** Cards with a memory (any state but new), suspended ones included. */
  readonly cardsWithMemory: number;
}

/** Intervals from which a review card is mature (Anki's boundary). */
export const MATURE_DAYS = 21;
const CALENDAR_DAYS = 365;
const FORECAST_DAYS = 30;
const RECENT_DAYS = 30;
const STABILITY_BOUNDS = [0, 1, 7, 30, 90, 365] as const;

/** `YYYY-MM-DD` plus `n` days (study days are calendar labels, so no zone is involved). */

/** The `count` study days ending with `last`, oldest first. */
function daysEnding(last: string, count: number): string[] {
  const days: string[] = [];
  for (let i = count - 1; i >= 0; i--) days.push(addDays(last, -i));
  return days;
}

/**
 * `studyDay` for many instants. Zone offsets only change on quarter hours and
 * study days start on whole local hours, so every instant of a UTC quarter hour
 * has the same study day: one time-zone lookup per quarter hour is enough.
 */
function dayKeyer(cfg: DayConfig): (iso: string) => string {
  const QUARTER = 900_000;
  const cache = new Map<number, string>();
  return (iso) => {
    const block = Math.floor(Date.parse(iso) / QUARTER);
    let day = cache.get(block);
    if (day === undefined) {
      day = studyDay(new Date(block * QUARTER), cfg);
      cache.set(block, day);
    }
    return day;
  };
}

type Phase = 'new' | 'learning' | 'review';

function phaseOf(before: Memory | null): Phase {
  if (!before || before.state === State.New) return 'new';
  return before.state === State.Review ? 'review' : 'learning';
}

interface Answer {
  readonly event: AnswerEvent;
  readonly card: string;
  readonly day: string;
}

/** The answers that count, in log order: duplicates, undone answers and cram answers left out. */
function countedAnswers(
  events: readonly ReviewEvent[],
  dayOf: (iso: string) => string,
): { answers: Answer[]; cram: Answer[] } {
  const { events: unique, undone, canonical } = replayOrder(events);
  const answers: Answer[] = [];
  const cram: Answer[] = [];
  for (const e of unique) {
    if (e.type !== 'answer' || undone.has(e.id)) continue;
    const answer = { event: e, card: canonical(e.card), day: dayOf(e.at) };
    (e.cram === true ? cram : answers).push(answer);
  }
  return { answers, cram };
}

function rate(passed: number, total: number): Rate {
  return { passed, total, rate: total === 0 ? null : passed / total };
}

function streakOf(days: ReadonlySet<string>, today: string): Streak {
  const sorted = [...days].sort();
  let longest = 0;
  let run = 0;
  let previous: string | null = null;
  for (const day of sorted) {
    run = previous !== null && addDays(previous, 1) === day ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = day;
  }
  let current = 0;
  let day = days.has(today) ? today : addDays(today, -1);
  while (days.has(day)) {
    current++;
    day = addDays(day, -1);
  }
  return { current, longest };
}

function retentionWindow(answers: readonly Answer[], from: string, to: string): RetentionWindow {
  let youngPassed = 0;
  let youngTotal = 0;
  let maturePassed = 0;
  let matureTotal = 0;
  for (const { event, day } of answers) {
    if (day < from || day > to) continue;
    const passed = event.rating > Rating.Again ? 1 : 0;
    if ((event.before?.scheduledDays ?? 0) >= MATURE_DAYS) {
      matureTotal++;
      maturePassed += passed;
    } else {
      youngTotal++;
      youngPassed += passed;
    }
  }
  return {
    young: rate(youngPassed, youngTotal),
    mature: rate(maturePassed, matureTotal),
    all: rate(youngPassed + maturePassed, youngTotal + matureTotal),
  };
}

function emptyCounts(): { -readonly [K in keyof CardCounts]: number } {
  return { total: 0, new: 0, learning: 0, young: 0, mature: 0, suspended: 0, leech: 0 };
}

function countCard(counts: ReturnType<typeof emptyCounts>, record: CardRecord | undefined): void {
  counts.total++;
  if (record?.leech) counts.leech++;
  if (record?.suspended) {
    counts.suspended++;
    return;
  }
  const memory = record?.memory;
  if (!memory || memory.state === State.New) counts.new++;
  else if (memory.state === State.Review) {
    if (memory.scheduledDays >= MATURE_DAYS) counts.mature++;
    else counts.young++;
  } else counts.learning++;
}

function buttonsOf(answers: readonly Answer[]): ButtonCounts {
  const n = [0, 0, 0, 0, 0];
  for (const { event } of answers) n[event.rating] = (n[event.rating] ?? 0) + 1;
  return { again: n[1]!, hard: n[2]!, good: n[3]!, easy: n[4]! };
}

export function computeStats(input: StatsInput): Stats {
  const { now, day: cfg } = input;
  const dayOf = dayKeyer(cfg);
  const today = studyDay(now, cfg);
  const { answers, cram } = countedAnswers(input.events, dayOf);

  // Today.
  const todays = answers.filter((a) => a.day === today);
  const introduced = new Set(
    todays.filter((a) => phaseOf(a.event.before) === 'new').map((a) => a.card),
  );
  const todayStats: TodayStats = {
    reviews: todays.length,
    newCards: introduced.size,
    again: todays.filter((a) => a.event.rating === Rating.Again).length,
    timeMs: todays.reduce((sum, a) => sum + a.event.ms, 0),
    cramReviews: cram.filter((a) => a.day === today).length,
  };

  // Calendar and streak.
  const perDayTotal = new Map<string, number>();
  for (const a of answers) perDayTotal.set(a.day, (perDayTotal.get(a.day) ?? 0) + 1);
  const calendar = daysEnding(today, CALENDAR_DAYS).map((day) => ({
    day,
    reviews: perDayTotal.get(day) ?? 0,
  }));
  const streak = streakOf(new Set(perDayTotal.keys()), today);

  // Recent answers: the last 30 study days.
  const recentFrom = addDays(today, -(RECENT_DAYS - 1));
  const recent = answers.filter((a) => a.day >= recentFrom && a.day <= today);
  const breakdown = new Map<string, { new: number; learning: number; review: number }>();
  for (const day of daysEnding(today, RECENT_DAYS)) {
    breakdown.set(day, { new: 0, learning: 0, review: 0 });
  }
  for (const a of recent) breakdown.get(a.day)![phaseOf(a.event.before)]++;
  const perDay = [...breakdown].map(([day, n]) => ({ day, ...n }));
  const buttons: Buttons = {
    learning: buttonsOf(recent.filter((a) => phaseOf(a.event.before) !== 'review')),
    review: buttonsOf(recent.filter((a) => phaseOf(a.event.before) === 'review')),
  };
  const averageMs =
    recent.length === 0 ? null : recent.reduce((sum, a) => sum + a.event.ms, 0) / recent.length;

  // True retention: a review card's first answer of each study day.
  const firstOfDay = new Set<string>();
  const retained: Answer[] = [];
  for (const a of answers) {
    const key = `${a.card}\u0000${a.day}`;
    if (firstOfDay.has(key)) continue;
    firstOfDay.add(key);
    if (a.event.before?.state === State.Review) retained.push(a);
  }
  const retention: Retention = {
    day: retentionWindow(retained, today, today),
    week: retentionWindow(retained, addDays(today, -6), today),
    month: retentionWindow(retained, recentFrom, today),
    desiredRetention: input.desiredRetention,
  };

  // Card-based figures: the cards in the decks now.
  const forecastDue = new Array<number>(FORECAST_DAYS).fill(0);
  const tomorrow = addDays(today, 1);
  const total = emptyCounts();
  const decks = new Map<string, ReturnType<typeof emptyCounts>>();
  const stability = new Array<number>(STABILITY_BOUNDS.length).fill(0);
  const retrievability = new Array<number>(10).fill(0);
  let recall = 0;
  let cardsWithMemory = 0;
  for (const card of input.cards) {
    const record = input.records[card.id];
    countCard(total, record);
    let deck = decks.get(card.deck);
    if (!deck) {
      deck = emptyCounts();
      decks.set(card.deck, deck);
    }
    countCard(deck, record);

    const memory = record?.memory;
    if (!record || !memory || memory.state === State.New) continue;

    if (!record.suspended) {
      let due = dayOf(memory.due);
      // A card buried today comes back tomorrow.
      if (record.buried === today && due <= today) due = tomorrow;
      const index = due <= today ? 0 : daysBetween(today, due);
      if (index < FORECAST_DAYS) forecastDue[index]!++;
    }

    const r = clamp01(input.retrievability(memory, now));
    recall += r;
    cardsWithMemory++;
    if (memory.state === State.Review || memory.state === State.Relearning) {
      stability[bucketIndex(memory.stability, STABILITY_BOUNDS)]!++;
      retrievability[Math.min(9, Math.floor(r * 10))]!++;
    }
  }

  return {
    day: today,
    today: todayStats,
    calendar,
    streak,
    forecast: forecastDue.map((due, i) => ({ day: addDays(today, i), due })),
    counts: {
      total,
      decks: [...decks]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([deck, counts]) => ({ deck, ...counts })),
    },
    retention,
    perDay,
    buttons,
    averageMs,
    memory: {
      stability: STABILITY_BOUNDS.map((from, i) => ({
        from,
        to: STABILITY_BOUNDS[i + 1] ?? null,
        count: stability[i]!,
      })),
      retrievability: retrievability.map((count, i) => ({
        from: i / 10,
        to: (i + 1) / 10,
        count,
      })),
      estimatedRecall: Math.round(recall * 10) / 10,
      cardsWithMemory,
    },
    exams: [...input.events]
      .filter((e): e is ExamEvent => e.type === 'exam')
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      .map((e) => ({
        day: studyDay(new Date(e.at), input.day),
        score: e.score,
        correct: e.correct,
        total: e.total,
        domains: e.domains,
      })),
  };
}

function clamp01(n: number): number {
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
}

/** Index of the bucket `[bounds[i], bounds[i + 1])` holding `value` (below the first: 0). */
function bucketIndex(value: number, bounds: readonly number[]): number {
  let i = 0;
  while (i + 1 < bounds.length && value >= bounds[i + 1]!) i++;
  return i;
}
