import type { DeckSet } from '../deck/collection.js';
import { inDeck } from '../deck/tree.js';
import type { CardRecord } from '../model/record.js';
import type { ExamPlan, SchedulerSettings, Settings } from '../model/settings.js';
import type { DayConfig } from '../schedule/day.js';
import { studyDay } from '../schedule/day.js';
import { DEFAULT_SECONDS_PER_ANSWER } from './budget.js';
import { daysBetween, type PlanCard, type Recall, simulatePlan } from './simulate.js';

/** The seed of every plan: the same decks, log and date give the same plan. */
export const PLAN_SEED = 20_260_315;

/**
 * The cards a plan covers, in deck order: those in `scope` (a deck or folder;
 * '' for all), suspended ones left out, each with its deck's CKA domain. Pure.
 */
export function planCards(
  cards: readonly { readonly id: string; readonly deck: string }[],
  records: Readonly<Record<string, CardRecord>>,
  domainOf: (deck: string) => string | undefined,
  scope: string,
): PlanCard[] {
  const out: PlanCard[] = [];
  for (const card of cards) {
    if (scope !== '' && !inDeck(card.deck, scope)) continue;
    const record = records[card.id];
    if (record?.suspended) continue;
    out.push({ id: card.id, domain: domainOf(card.deck), memory: record?.memory ?? null });
  }
  return out;
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
    seed: PLAN_SEED,
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
  const domains = new Map(input.decks.decks.map((d) => [d.name, d.meta.domain]));
  const cards = planCards(input.decks.cards, input.records, (d) => domains.get(d), plan.deck);
  if (cards.length === 0) return null;
  return readiness({ plan, cards, settings: input.settings, day: input.day, now: input.now });
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
}

/** The readiness section for the plan in the settings; null without a plan. Pure. */
export function examReadiness(input: Parameters<typeof planReadiness>[0]): ExamReadiness | null {
  const plan = input.settings.plan;
  if (!plan) return null;
  const now = planReadiness(input);
  return {
    exam: plan.exam,
    start: plan.start,
    daysLeft: now?.daysLeft ?? daysBetween(studyDay(input.now, input.day), plan.exam),
    recall: now?.recall ?? null,
    startRecall: plan.startRecall ?? null,
  };
}
