/**
 * The exam plan: a day-by-day FSRS simulation from today to the exam date.
 * Pure: the cards, the scheduler, the clock and the seed come in as values.
 *
 * The model, in short (docs/plan.md has it in plain words):
 * - new cards are introduced in deck order, `newPerDay` a day, until `leadDays`
 *   before the exam; the ones that do not fit are "uncovered";
 * - every card due on a day is reviewed that day, at the day's study time;
 *   learning steps follow within the day;
 * - each answer is a recall or a lapse, drawn from the card's retrievability at
 *   that moment with a seeded generator (a new card's first answer from fixed
 *   first-rating odds); a recall is Hard, Good or Easy in fixed proportions;
 * - on the exam day nothing is reviewed; a card's predicted recall is its
 *   retrievability at the exam with the planned reviews done, 0 for a card
 *   never introduced.
 *
 * The simulation runs in "study time": real time shifted by today's offset of
 * the study day (zone and rollover hour), so that each study day is a UTC date
 * and no time-zone lookup is needed per answer; a daylight-saving change before
 * the exam moves answers by an hour, which no day count notices.
 *
 * Cards are independent of one another (no daily review cap), so each card is
 * simulated on its own, with its own random stream seeded by the plan's seed
 * and the card's id: a change that leaves a card's own schedule alone (a later
 * exam, another card's timing) does not change that card's draws.
 */

import { EXAM_WEIGHTS } from '../model/exam.js';
import type { Memory } from '../model/record.js';
import type { SchedulerSettings } from '../model/settings.js';
import { type DayConfig, utcOffsetMinutes } from '../schedule/day.js';
import {
  createSimulator,
  type Grade,
  Rating,
  type SimCard,
  type Simulator,
  State,
} from '../schedule/fsrs.js';
import { seededRandom } from '../util/random.js';

export interface PlanCard {
  readonly id: string;
  /** CKA domain of the card's deck, if it has one. */
  readonly domain?: string | undefined;
  /** null: a new card (never answered). */
  readonly memory: Memory | null;
}

export interface PlanInput {
  /** Cards to plan for, in deck order (the order new cards are introduced in). Suspended cards left out. */
  readonly cards: readonly PlanCard[];
  readonly now: Date;
  /** Exam study day, `YYYY-MM-DD`; must be after today's. */
  readonly exam: string;
  readonly day: DayConfig;
  /** The user's scheduling (their own parameters when fitted, desired retention); fuzz is left off. */
  readonly settings: SchedulerSettings;
  /** Time one answer takes, in seconds. */
  readonly secondsPerAnswer: number;
  /** Every card is to be seen at least this many days before the exam. */
  readonly leadDays: number;
  /** New cards per day; absent: as many as it takes to introduce every card by the cut-off. */
  readonly newPerDay?: number;
  readonly seed: number;
}

export interface PlanDay {
  /** Study day, `YYYY-MM-DD`. */
  readonly date: string;
  /** Cards introduced. */
  readonly new: number;
  /** Answers to cards introduced on an earlier day (reviews, relearning steps). */
  readonly reviews: number;
  /** Time for every answer of the day, new cards' learning steps included. */
  readonly minutes: number;
}

export interface Recall {
  /** Weighted like the exam over the CKA domains present; a plain mean when no card has a domain. */
  readonly overall: number;
  /** Mean predicted recall per CKA domain present, in the exam's domain order. */
  readonly domains: Readonly<Record<string, number>>;
}

export interface Plan {
  readonly exam: string;
  /** Today's study day: the plan's first day. */
  readonly today: string;
  /** Study days from today to the exam (the exam day itself not counted). */
  readonly daysLeft: number;
  readonly newPerDay: number;
  /** Last day new cards are introduced on. */
  readonly lastNewDay: string;
  readonly days: readonly PlanDay[];
  /** Predicted recall on exam day with the planned reviews done. */
  readonly recall: Recall;
  /** Predicted recall on exam day if nothing more is studied (new cards count 0). */
  readonly recallIfIdle: Recall;
  /** Cards the plan does not introduce before the cut-off. */
  readonly uncovered: {
    readonly cards: number;
    readonly domains: Readonly<Record<string, number>>;
  };
  /** Reviews overdue before today (the backlog), all planned for today. */
  readonly overdue: number;
  readonly cards: number;
  readonly newCards: number;
  readonly secondsPerAnswer: number;
  readonly notes: readonly string[];
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Reviews happen six hours into the study day (10:00 with the default 04:00 rollover). */
const STUDY_OFFSET = 6 * HOUR;
/** Odds of a new card's first rating (Again, Hard, Good, Easy): FSRS's simulator defaults. */
const FIRST_RATING = [0.24, 0.094, 0.495, 0.171] as const;
/** Odds of Hard, Good, Easy when a review is recalled: FSRS's simulator defaults. */
const PASS_RATING = [0.224, 0.632, 0.144] as const;
/** A card answered this often in one day is left for the next (it cannot happen with sane steps). */
const MAX_ANSWERS_PER_DAY = 20;

/** The cut-off: the number of days (from today) new cards are introduced on. */
export function introductionDays(daysLeft: number, leadDays: number): number {
  return Math.max(1, daysLeft - leadDays);
}

/** Days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** Runs the plan. Throws on an exam that is not after today (the caller validates first). */
export function simulatePlan(input: PlanInput): Plan {
  const { cards } = input;
  const shift =
    (utcOffsetMinutes(input.now, input.day.timeZone) - input.day.rolloverHour * 60) * 60_000;
  const scheduler = createSimulator(input.settings);
  const now = input.now.getTime() + shift;
  const today = new Date(now).toISOString().slice(0, 10);
  const daysLeft = daysBetween(today, input.exam);
  if (daysLeft < 1) throw new RangeError(`exam ${input.exam} is not after today (${today})`);
  const start = Math.floor(now / DAY) * DAY;
  const sessionAt = (d: number) =>
    d === 0 ? Math.max(now, start + STUDY_OFFSET) : start + d * DAY + STUDY_OFFSET;
  const examAt = new Date(start + daysLeft * DAY + STUDY_OFFSET);
  const dayIndex = (at: Date) => Math.floor((at.getTime() - start) / DAY);

  const newCards = cards.filter((c) => c.memory === null).length;
  const windowDays = introductionDays(daysLeft, input.leadDays);
  const newPerDay = input.newPerDay ?? Math.ceil(newCards / windowDays);
  const lastNewDay = windowDays - 1;

  const fresh = new Array<number>(daysLeft).fill(0);
  const answers = new Array<number>(daysLeft).fill(0);
  const reviews = new Array<number>(daysLeft).fill(0);
  const predicted = new Array<number>(cards.length).fill(0);
  const idle = new Array<number>(cards.length).fill(0);
  const uncoveredDomains: Record<string, number> = {};
  let uncovered = 0;
  let overdue = 0;
  let newIndex = 0;

  cards.forEach((card, i) => {
    const random = seededRandom(input.seed ^ hashId(card.id));
    let memory: SimCard | null = card.memory && scheduler.fromMemory(card.memory, shift);
    let d: number;
    let at: number;
    if (memory === null) {
      const introduced =
        newPerDay > 0 ? Math.floor(newIndex / newPerDay) : Number.POSITIVE_INFINITY;
      newIndex++;
      if (introduced > lastNewDay) {
        uncovered++;
        if (card.domain) uncoveredDomains[card.domain] = (uncoveredDomains[card.domain] ?? 0) + 1;
        return;
      }
      d = introduced;
      at = sessionAt(d);
      fresh[d]!++;
      memory = scheduler.answer(
        null,
        new Date(at),
        (pick(FIRST_RATING, random) + Rating.Again) as Grade,
      );
      answers[d]!++;
    } else {
      idle[i] = scheduler.retrievability(memory, examAt);
      const due = memory.due;
      if (dayIndex(due) < 0) overdue++;
      d = Math.max(0, dayIndex(due));
      at = Math.max(due.getTime(), sessionAt(d));
      if (d >= daysLeft) {
        predicted[i] = idle[i]!;
        return;
      }
      memory = answer(scheduler, memory, at, random);
      answers[d]!++;
      reviews[d]!++;
    }
    const introducedOn = card.memory === null ? d : -1;
    let sameDay = 1;
    for (;;) {
      const due = memory.due;
      let next = dayIndex(due);
      const learning = memory.state === State.Learning || memory.state === State.Relearning;
      if (next <= d && (!learning || sameDay >= MAX_ANSWERS_PER_DAY)) next = d + 1;
      if (next >= daysLeft) break;
      if (next === d) {
        at = Math.max(due.getTime(), at);
        sameDay++;
      } else {
        d = next;
        at = learning ? Math.max(due.getTime(), sessionAt(d)) : sessionAt(d);
        sameDay = 1;
      }
      memory = answer(scheduler, memory, at, random);
      answers[d]!++;
      if (d !== introducedOn) reviews[d]!++;
    }
    predicted[i] = scheduler.retrievability(memory, examAt);
  });

  const days: PlanDay[] = Array.from({ length: daysLeft }, (_, d) => ({
    date: addDays(today, d),
    new: fresh[d]!,
    reviews: reviews[d]!,
    minutes: round1((answers[d]! * input.secondsPerAnswer) / 60),
  }));
  const notes: string[] = [];
  if (daysLeft <= input.leadDays && newCards > 0) {
    notes.push(
      `the exam is ${daysLeft} day(s) away, fewer than the ${input.leadDays} days every card should be seen before it: every new card is introduced today`,
    );
  }
  return {
    exam: input.exam,
    today,
    daysLeft,
    newPerDay,
    lastNewDay: addDays(today, lastNewDay),
    days,
    recall: recallOf(cards, predicted),
    recallIfIdle: recallOf(cards, idle),
    uncovered: { cards: uncovered, domains: uncoveredDomains },
    overdue,
    cards: cards.length,
    newCards,
    secondsPerAnswer: input.secondsPerAnswer,
    notes,
  };
}

function answer(scheduler: Simulator, memory: SimCard, at: number, random: () => number): SimCard {
  const now = new Date(at);
  const recalled = random() < scheduler.retrievability(memory, now);
  const rating = recalled ? ((pick(PASS_RATING, random) + Rating.Hard) as Grade) : Rating.Again;
  return scheduler.answer(memory, now, rating);
}

/** An index drawn from a discrete distribution. */
function pick(odds: readonly number[], random: () => number): number {
  let r = random();
  for (let i = 0; i < odds.length - 1; i++) {
    r -= odds[i]!;
    if (r < 0) return i;
  }
  return odds.length - 1;
}

/** Mean recall per CKA domain and overall, weighted like the exam. */
export function recallOf(cards: readonly PlanCard[], values: readonly number[]): Recall {
  const sums = new Map<string, { sum: number; n: number }>();
  let total = 0;
  cards.forEach((card, i) => {
    total += values[i]!;
    if (!card.domain || !(card.domain in EXAM_WEIGHTS)) return;
    const s = sums.get(card.domain) ?? { sum: 0, n: 0 };
    s.sum += values[i]!;
    s.n++;
    sums.set(card.domain, s);
  });
  const domains: Record<string, number> = {};
  let weighted = 0;
  let weights = 0;
  for (const [domain, weight] of Object.entries(EXAM_WEIGHTS)) {
    const s = sums.get(domain);
    if (!s) continue;
    domains[domain] = round3(s.sum / s.n);
    weighted += weight * (s.sum / s.n);
    weights += weight;
  }
  const overall = weights > 0 ? weighted / weights : cards.length > 0 ? total / cards.length : 0;
  return { overall: round3(overall), domains };
}

/** FNV-1a: a card's own random stream from its id. */
function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
