import type { DeckSet } from '../deck/collection.js';
import { inDeck } from '../deck/tree.js';
import type { CardRecord } from '../model/record.js';
import {
  deckLimits,
  type ExamPlan,
  type SchedulerSettings,
  type Settings,
} from '../model/settings.js';
import type { DayConfig } from '../schedule/day.js';
import { addDays, daysBetween, fromSchedulerTime, studyDay } from '../schedule/day.js';
import { deckScheduling } from '../schedule/perDeck.js';
import { applyEvent, compareEvents, type ReviewEvent } from '../store/events.js';
import { DEFAULT_SECONDS_PER_ANSWER } from './budget.js';
import { type PlanCard, type PlanInput, type Recall, simulatePlan } from './simulate.js';

/** The seed of every plan: the same decks, log and date give the same plan. */
export const PLAN_SEED = 20_260_315;
/** Runs whose recall a plan reports the mean of: a quarter of one run's chance, in a fraction of a second. */
export const PLAN_RUNS = 4;

/**
 * The cards a plan covers, in deck order: those in `scope` (a deck or folder;
 * '' for all), suspended ones left out, each with its deck's CKA domain and,
 * when `settingsOf` is given, its deck's scheduling. Pure.
 */
export function planCards(
  cards: readonly { readonly id: string; readonly deck: string; readonly familyId?: string }[],
  records: Readonly<Record<string, CardRecord>>,
  domainOf: (deck: string) => string | undefined,
  scope: string,
  settingsOf?: (deck: string) => SchedulerSettings,
): PlanCard[] {
  const out: PlanCard[] = [];
  for (const card of cards) {
    if (scope !== '' && !inDeck(card.deck, scope)) continue;
    const record = records[card.id];
    if (record?.suspended) continue;
    out.push({
      id: card.id,
      deck: card.deck,
      familyId: card.familyId,
      domain: domainOf(card.deck),
      memory: record?.memory ?? null,
      introduced: record?.introduced ?? null,
      ...(settingsOf ? { settings: settingsOf(card.deck) } : {}),
    });
  }
  return out;
}

/**
 * What the plan takes from the decks and settings to play the days as the
 * daily queue would: each card's domain and scheduling (a deck's `scheduling:`
 * overrides), the global daily review limit and the decks' own limits. Pure.
 */
export function planQueue(decks: DeckSet, settings: Settings, day: DayConfig) {
  const deckSettings = Object.fromEntries(
    decks.decks.map((d) => [d.name, d.meta.scheduling ?? {}] as const),
  );
  const domains = new Map(decks.decks.map((d) => [d.name, d.meta.domain]));
  const { settingsFor } = deckScheduling(settings, deckSettings, day);
  return {
    cards: (records: Readonly<Record<string, CardRecord>>, scope: string) =>
      planCards(decks.cards, records, (d) => domains.get(d), scope, settingsFor),
    limits: { reviewsPerDay: settings.reviewsPerDay, deckLimits: deckLimits(deckSettings) },
  };
}

export interface Readiness {
  /** Study days until the exam; 0 on the exam day. */
  readonly daysLeft: number;
  /** Predicted recall on exam day with the planned reviews; null on the exam day or after. */
  readonly recall: Recall | null;
}

/**
 * Where an applied plan stands today: the days left and the predicted recall
 * on exam day, simulated from the cards' state now with the plan's new cards
 * per day. Null when the exam is past. Pure.
 */
export function readiness(input: {
  readonly plan: ExamPlan;
  readonly cards: readonly PlanCard[];
  readonly settings: SchedulerSettings;
  readonly day: DayConfig;
  readonly now: Date;
  readonly secondsPerAnswer?: number;
  /** The daily queue's limits the plan keeps to (see `planQueue`). */
  readonly limits?: Pick<PlanInput, 'reviewsPerDay' | 'deckLimits'>;
  /** Runs averaged; default `PLAN_RUNS`, as `kioku plan` reports. */
  readonly runs?: number;
}): Readiness | null {
  const { plan } = input;
  const daysLeft = daysBetween(studyDay(input.now, input.day), plan.exam);
  if (daysLeft < 0) return null;
  if (daysLeft === 0) return { daysLeft, recall: null };
  const simulated = simulatePlan({
    cards: input.cards,
    now: input.now,
    exam: plan.exam,
    day: input.day,
    settings: input.settings,
    secondsPerAnswer: input.secondsPerAnswer ?? DEFAULT_SECONDS_PER_ANSWER,
    leadDays: plan.lead,
    newPerDay: plan.newPerDay,
    ...(plan.examWeekPerDay === undefined ? {} : { examWeekPerDay: plan.examWeekPerDay }),
    ...input.limits,
    seed: PLAN_SEED,
    runs: input.runs ?? PLAN_RUNS,
  });
  return { daysLeft, recall: simulated.recall };
}

/** Readiness under the plan in the settings, for the cards of the plan's deck; null without a plan. Pure. */
export function planReadiness(input: {
  readonly settings: Settings;
  readonly decks: DeckSet;
  readonly records: Readonly<Record<string, CardRecord>>;
  readonly day: DayConfig;
  readonly now: Date;
}): Readiness | null {
  const plan = input.settings.plan;
  if (!plan) return null;
  const queue = planQueue(input.decks, input.settings, input.day);
  const cards = queue.cards(input.records, plan.deck);
  if (cards.length === 0) return null;
  return readiness({
    plan,
    cards,
    settings: input.settings,
    day: input.day,
    now: input.now,
    limits: queue.limits,
  });
}

/** The prediction as it stood at the start of a study day. */
export interface TrendPoint {
  /** Study day, `YYYY-MM-DD`. */
  readonly date: string;
  readonly recall: Recall;
}

/** The "exam readiness" section of the statistics. */
export interface ExamReadiness {
  readonly exam: string;
  /** Study day the plan was applied on. */
  readonly start: string;
  readonly daysLeft: number;
  /** Predicted recall on exam day with the planned reviews, now; null from the exam day on. */
  readonly recall: Recall | null;
  /** The same prediction when the plan was applied. */
  readonly startRecall: Recall | null;
  /**
   * The prediction over time, oldest first: when the plan was applied, then at
   * the start of every week since (replayed from the log), then now.
   */
  readonly trend: readonly TrendPoint[];
}

/** At most this many replayed points: each is a simulation. */
export const MAX_TREND_POINTS = 6;

/**
 * The study days, a week apart from the plan's start (further apart when the
 * plan is long, so that there are at most `MAX_TREND_POINTS`), strictly between
 * the start and today and before the exam. Pure.
 */
export function trendDays(start: string, today: string, exam: string): string[] {
  const end = daysBetween(start, today) < daysBetween(start, exam) ? today : exam;
  const weeks = Math.floor((daysBetween(start, end) - 1) / 7);
  if (weeks < 1) return [];
  const step = Math.ceil(weeks / MAX_TREND_POINTS);
  const days: string[] = [];
  // The latest weeks are kept: counted back from the last one.
  for (let w = weeks; w >= 1 && days.length < MAX_TREND_POINTS; w -= step) {
    days.unshift(addDays(start, 7 * w));
  }
  return days;
}

/**
 * The prediction at the start of each of `trendDays`: the cards' state replayed
 * from the log up to that moment (answers as recorded), simulated with the
 * plan. Deterministic: the same log, decks and plan give the same series. Pure.
 */
export function readinessTrend(input: {
  readonly settings: Settings;
  readonly decks: DeckSet;
  readonly events: readonly ReviewEvent[];
  readonly day: DayConfig;
  readonly now: Date;
}): TrendPoint[] {
  const plan = input.settings.plan;
  if (!plan) return [];
  const days = trendDays(plan.start, studyDay(input.now, input.day), plan.exam);
  if (days.length === 0) return [];
  const events = [...input.events].sort(compareEvents);
  const queue = planQueue(input.decks, input.settings, input.day);
  const records: Record<string, CardRecord> = {};
  const seen = new Set<string>();
  const points: TrendPoint[] = [];
  let next = 0;
  for (const date of days) {
    const dayStart = fromSchedulerTime(new Date(`${date}T00:00:00Z`), input.day);
    const until = dayStart.toISOString();
    while (next < events.length && events[next]!.at < until) {
      const event = events[next++]!;
      if (seen.has(event.id)) continue;
      seen.add(event.id);
      applyEvent(records, event);
    }
    const cards = queue.cards(records, plan.deck);
    if (cards.length === 0) continue;
    // Six hours into the day, as the plan's own study sessions: nothing studied yet.
    const at = new Date(dayStart.getTime() + 6 * 3_600_000);
    const r = readiness({
      plan,
      cards,
      settings: input.settings,
      day: input.day,
      now: at,
      limits: queue.limits,
      // One run a point: the weekly points are a sparkline, and up to six of them
      // are worked out on every `kioku stats`.
      runs: 1,
    });
    if (r?.recall) points.push({ date, recall: r.recall });
  }
  return points;
}

/** The readiness section for the plan in the settings; null without a plan. Pure. */
export function examReadiness(
  input: Parameters<typeof planReadiness>[0] & {
    /** The review log, for the trend; without it the trend is the start and now. */
    readonly events?: readonly ReviewEvent[];
  },
): ExamReadiness | null {
  const plan = input.settings.plan;
  if (!plan) return null;
  const now = planReadiness(input);
  const today = studyDay(input.now, input.day);
  const trend: TrendPoint[] = [];
  if (plan.startRecall) trend.push({ date: plan.start, recall: plan.startRecall });
  if (input.events) trend.push(...readinessTrend({ ...input, events: input.events }));
  if (now?.recall && today !== plan.start) trend.push({ date: today, recall: now.recall });
  return {
    exam: plan.exam,
    start: plan.start,
    daysLeft: now?.daysLeft ?? daysBetween(today, plan.exam),
    recall: now?.recall ?? null,
    startRecall: plan.startRecall ?? null,
    trend,
  };
}
