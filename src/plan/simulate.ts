/**
 * The exam plan: a day-by-day FSRS simulation from today to the exam date.
 * Pure: the cards, the scheduler, the clock and the seed come in as values.
 *
 * The model, in short (docs/plan.md has it in plain words):
 * - new cards are introduced in deck order, `newPerDay` a day, until `leadDays`
 *   before the exam; the ones that do not fit are "uncovered";
 * - the days are played as the daily queue would: learning steps first, then
 *   reviews most overdue first up to the daily review limits (global and the
 *   deck's own), then new cards up to the day's number and the deck's own new
 *   limit; a card whose sibling was answered that day waits for the next day;
 *   each card is scheduled with its deck's settings (`scheduling:` overrides);
 * - each answer is a recall or a lapse, drawn from the card's retrievability at
 *   that moment with a seeded generator (a new card's first answer from fixed
 *   first-rating odds); a recall is Hard, Good or Easy in fixed proportions;
 * - in the exam week (the last `leadDays` days) every card gets one more
 *   review, spread evenly over the days, the weakest last (schedule/examWeek);
 * - on the exam day nothing is reviewed; a card's predicted recall is its
 *   retrievability at the exam with the planned reviews done, 0 for a card
 *   never introduced; with `runs`, the mean over that many runs.
 *
 * The simulation runs in "study time": real time shifted by today's offset of
 * the study day (zone and rollover hour), so that each study day is a UTC date
 * and no time-zone lookup is needed per answer; a daylight-saving change before
 * the exam moves answers by an hour, which no day count notices.
 *
 * Each card has its own random stream, seeded by the plan's seed and the card's
 * id, drawn from in the order of its own answers: a change that leaves a card's
 * own schedule alone (a later exam, another card's timing) does not change that
 * card's draws.
 */

import { nearest } from '../deck/tree.js';
import { EXAM_WEIGHTS } from '../model/exam.js';
import type { Memory } from '../model/record.js';
import type { SchedulerSettings } from '../model/settings.js';
import { addDays, type DayConfig, daysBetween, utcOffsetMinutes } from '../schedule/day.js';
import {
  examWeekDaysLeft,
  examWeekPicks,
  examWeekRoom,
  examWeekShare,
  type Waiting,
} from '../schedule/examWeek.js';
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
  /** The card's deck, for its own limits; absent: only the global ones apply. */
  readonly deck?: string | undefined;
  /** Siblings (cards of one note) share it: not both answered on one day. */
  readonly familyId?: string | undefined;
  /** Its deck's scheduling (with `scheduling:` overrides); absent: the plan's settings. */
  readonly settings?: SchedulerSettings | undefined;
  /** CKA domain of the card's deck, if it has one. */
  readonly domain?: string | undefined;
  /** null: a new card (never answered). */
  readonly memory: Memory | null;
  /** When a studied card was first answered (ISO); absent: long before the plan. */
  readonly introduced?: string | null | undefined;
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
  /** The daily review limit (reviews beyond it wait for the next day); absent: none. */
  readonly reviewsPerDay?: number;
  /** Decks' and folders' own daily limits (front matter `scheduling:`), by name. */
  readonly deckLimits?: Readonly<
    Record<string, { readonly newPerDay?: number; readonly reviewsPerDay?: number }>
  >;
  readonly seed: number;
  /** Under a time budget: the most cards a day the exam week's reviews fill the day up to. */
  readonly examWeekPerDay?: number;
  /**
   * Runs whose predicted recall is averaged (each with its own seed drawn from
   * `seed`); the days and what is left uncovered are the first run's. Default 1.
   */
  readonly runs?: number;
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
  /** Exam-week reviews: cards reviewed ahead of their due date in the last `leadDays` days. */
  readonly examWeek: number;
  /** Studied cards that meet the exam without an exam-week review (the budget had no room). */
  readonly examWeekMissed: number;
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

interface Live {
  readonly card: PlanCard;
  readonly sim: Simulator;
  readonly random: () => number;
  memory: SimCard | null;
  /** Day of the card's next answer (the day it is due, or a later one if it waited). */
  next: number;
  /** Day introduced on; -1 for a card studied before the plan. */
  introducedOn: number;
  /** Day of the card's first answer, for the exam week (-Infinity: long before the plan). */
  since: number;
}

/**
 * Runs the plan. Without `newPerDay`, with the fewest new cards a day that
 * introduce every card by the cut-off: at least the new cards over the days,
 * more when siblings or a deck's own limit hold some back. Throws on an exam
 * that is not after today (the caller validates first).
 */
export function simulatePlan(input: PlanInput): Plan {
  const runs = Math.max(1, Math.floor(input.runs ?? 1));
  const chosen = choose(input);
  if (runs === 1) return chosen.plan;
  // More runs only for the recall: the chosen rate is played again with other seeds.
  const sums = chosen.predicted.slice();
  for (let k = 1; k < runs; k++) {
    const other = play(
      { ...input, seed: (input.seed + Math.imul(k, 0x9e3779b9)) >>> 0 },
      chosen.plan.newPerDay,
    );
    other.predicted.forEach((v, i) => {
      sums[i]! += v;
    });
  }
  return {
    ...chosen.plan,
    recall: recallOf(
      input.cards,
      sums.map((v) => v / runs),
    ),
  };
}

/** The plan's rate and its first run. */
function choose(input: PlanInput): Played {
  if (input.newPerDay !== undefined) return play(input, input.newPerDay);
  // Siblings come one a day and decks keep their own limits, so the plain rate may
  // leave cards out. The introductions alone (without the reviews, whose siblings
  // also hold new cards back) are cheap to play: find the lowest rate that covers
  // as much as any rate can, then play the days, a little higher while still short.
  const fresh = input.cards.filter((c) => c.memory === null);
  const today = new Date(
    input.now.getTime() +
      (utcOffsetMinutes(input.now, input.day.timeZone) - input.day.rolloverHour * 60) * 60_000,
  )
    .toISOString()
    .slice(0, 10);
  const days = introductionDays(daysBetween(today, input.exam), input.leadDays);
  const plain = Math.ceil(fresh.length / days);
  const limits = input.deckLimits ?? {};
  const left = (rate: number) => introductionsLeft(fresh, rate, days, limits);
  const best = fresh.length > 0 ? left(fresh.length) : 0;
  let lo = plain;
  let hi = Math.max(plain, fresh.length);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (left(mid) <= best) hi = mid;
    else lo = mid + 1;
  }
  let chosen = play(input, lo);
  for (
    let k = 1;
    k < 4 && chosen.plan.uncovered.cards > best && lo + 2 ** k - 1 <= fresh.length;
    k++
  ) {
    const tried = play(input, lo + 2 ** k - 1);
    if (tried.plan.uncovered.cards < chosen.plan.uncovered.cards) chosen = tried;
  }
  return chosen;
}

/** New cards a rate leaves out by the cut-off, siblings and decks' limits kept, reviews aside. */
function introductionsLeft(
  fresh: readonly PlanCard[],
  rate: number,
  days: number,
  limits: NonNullable<PlanInput['deckLimits']>,
): number {
  let waiting = fresh;
  for (let d = 0; d < days && waiting.length > 0; d++) {
    const families = new Set<string>();
    const perDeck = new Map<string, number>();
    const left: PlanCard[] = [];
    let taken = 0;
    for (const card of waiting) {
      const deck = card.deck ?? '';
      const own =
        card.deck === undefined ? undefined : nearest(card.deck, (name) => limits[name]?.newPerDay);
      if (
        taken >= rate ||
        (card.familyId !== undefined && families.has(card.familyId)) ||
        (own !== undefined && (perDeck.get(deck) ?? 0) >= own)
      ) {
        left.push(card);
        continue;
      }
      taken++;
      perDeck.set(deck, (perDeck.get(deck) ?? 0) + 1);
      if (card.familyId !== undefined) families.add(card.familyId);
    }
    waiting = left;
  }
  return waiting.length;
}

interface Played {
  readonly plan: Plan;
  /** Each card's predicted recall on the exam day, in the input's order. */
  readonly predicted: readonly number[];
}

function play(input: PlanInput, rate: number | undefined): Played {
  const { cards } = input;
  const shift =
    (utcOffsetMinutes(input.now, input.day.timeZone) - input.day.rolloverHour * 60) * 60_000;
  const now = input.now.getTime() + shift;
  const today = new Date(now).toISOString().slice(0, 10);
  const daysLeft = daysBetween(today, input.exam);
  if (daysLeft < 1) throw new RangeError(`exam ${input.exam} is not after today (${today})`);
  const start = Math.floor(now / DAY) * DAY;
  const sessionAt = (d: number) =>
    d === 0 ? Math.max(now, start + STUDY_OFFSET) : start + d * DAY + STUDY_OFFSET;
  const examAt = new Date(start + daysLeft * DAY + STUDY_OFFSET);
  const dayIndex = (at: Date) => Math.floor((at.getTime() - start) / DAY);

  const simulators = new Map<string, Simulator>();
  const simulatorFor = (settings: SchedulerSettings): Simulator => {
    const key = JSON.stringify([
      settings.desiredRetention,
      settings.maximumInterval,
      settings.learningSteps,
      settings.relearningSteps,
      settings.weights,
    ]);
    let sim = simulators.get(key);
    if (!sim) {
      sim = createSimulator(settings);
      simulators.set(key, sim);
    }
    return sim;
  };
  const deckLimits = input.deckLimits ?? {};
  const deckLimit = (card: PlanCard, key: 'newPerDay' | 'reviewsPerDay') =>
    card.deck === undefined ? undefined : nearest(card.deck, (name) => deckLimits[name]?.[key]);

  const newCards = cards.filter((c) => c.memory === null).length;
  const windowDays = introductionDays(daysLeft, input.leadDays);
  const newPerDay = rate ?? Math.ceil(newCards / windowDays);
  const lastNewDay = windowDays - 1;

  const fresh = new Array<number>(daysLeft).fill(0);
  const answers = new Array<number>(daysLeft).fill(0);
  const reviews = new Array<number>(daysLeft).fill(0);
  const idle = new Array<number>(cards.length).fill(0);
  let overdue = 0;

  const live: Live[] = cards.map((card, i) => {
    const sim = simulatorFor(card.settings ?? input.settings);
    const random = seededRandom(input.seed ^ hashId(card.id));
    const memory = card.memory && sim.fromMemory(card.memory, shift);
    let next = Number.POSITIVE_INFINITY;
    if (memory) {
      idle[i] = sim.retrievability(memory, examAt);
      const due = dayIndex(memory.due);
      if (due < 0) overdue++;
      next = Math.max(0, due);
    }
    const since = card.introduced
      ? dayIndex(new Date(Date.parse(card.introduced) + shift))
      : Number.NEGATIVE_INFINITY;
    return { card, sim, random, memory, next, introducedOn: -1, since };
  });
  // New cards wait in deck order; the queue takes them in that order.
  let waiting = live.filter((c) => c.memory === null);

  /** The card's answers of day `d`: the first at `at`, then its learning steps that fall the same day. */
  const playDay = (c: Live, d: number, at: number, families: Set<string>) => {
    let memory = c.memory!;
    let sameDay = 1;
    answers[d]!++;
    if (d !== c.introducedOn) reviews[d]!++;
    if (c.card.familyId !== undefined) families.add(c.card.familyId);
    for (;;) {
      const due = memory.due;
      let next = dayIndex(due);
      const learning = memory.state === State.Learning || memory.state === State.Relearning;
      if (next <= d && (!learning || sameDay >= MAX_ANSWERS_PER_DAY)) next = d + 1;
      if (next !== d) {
        c.memory = memory;
        c.next = next;
        return;
      }
      at = Math.max(due.getTime(), at);
      sameDay++;
      memory = answer(c.sim, memory, at, c.random);
      answers[d]!++;
      if (d !== c.introducedOn) reviews[d]!++;
    }
  };

  const reviewCap = input.reviewsPerDay ?? Number.POSITIVE_INFINITY;
  // The exam week begins `leadDays` before the exam (before today when the exam is closer).
  const weekStart = daysLeft - Math.max(1, input.leadDays);
  let examWeek = 0;
  for (let d = 0; d < daysLeft; d++) {
    const families = new Set<string>();
    const learningDue: Live[] = [];
    const reviewDue: Live[] = [];
    for (const c of live) {
      if (c.next > d || c.memory === null) continue;
      if (c.memory.state === State.Learning || c.memory.state === State.Relearning) {
        learningDue.push(c);
      } else {
        reviewDue.push(c);
      }
    }
    const weekLeft = examWeekDaysLeft(daysLeft - d, input.leadDays);
    const ahead = new Set<Live>();
    if (weekLeft > 0) {
      const waiting: Waiting<Live>[] = [];
      let studied = 0;
      let done = 0;
      for (const c of live) {
        const m = c.memory;
        if (m === null || c.since >= weekStart) continue;
        studied++;
        if (m.last_review && dayIndex(m.last_review) >= weekStart) {
          done++;
          continue;
        }
        if (m.state !== State.Review || !m.last_review) continue;
        // From the exam day's start, as the queue measures it.
        const days = Math.max(1 / 24, (start + daysLeft * DAY - m.last_review.getTime()) / DAY);
        waiting.push({ item: c, dueToday: c.next <= d, strength: m.stability / days });
      }
      // Within the time budget and what the daily review limit leaves.
      const room = Math.min(
        examWeekRoom(input.examWeekPerDay, learningDue.length + reviewDue.length),
        reviewCap - reviewDue.length,
      );
      const share = examWeekShare({ studied, done, daysLeft: weekLeft, lead: input.leadDays });
      for (const c of examWeekPicks(waiting, share, room)) {
        ahead.add(c);
        reviewDue.push(c);
      }
    }
    // Learning steps are never held back by a limit.
    for (const c of learningDue) {
      const at = Math.max(c.memory!.due.getTime(), sessionAt(d));
      c.memory = answer(c.sim, c.memory!, at, c.random);
      playDay(c, d, at, families);
    }
    // Reviews: most overdue first, within the daily limits, one card of a note a day.
    // Exam-week reviews ahead of their date come after the reviews that are due.
    reviewDue.sort(
      (a, b) =>
        Number(ahead.has(a)) - Number(ahead.has(b)) ||
        a.memory!.due.getTime() - b.memory!.due.getTime(),
    );
    let reviewsLeft = reviewCap;
    const perDeck = new Map<string, number>();
    for (const c of reviewDue) {
      if (reviewsLeft <= 0) break;
      if (c.card.familyId !== undefined && families.has(c.card.familyId)) continue;
      const own = deckLimit(c.card, 'reviewsPerDay');
      const deck = c.card.deck ?? '';
      if (own !== undefined && (perDeck.get(deck) ?? 0) >= own) continue;
      perDeck.set(deck, (perDeck.get(deck) ?? 0) + 1);
      reviewsLeft--;
      if (ahead.has(c)) examWeek++;
      c.memory = answer(c.sim, c.memory!, sessionAt(d), c.random);
      playDay(c, d, sessionAt(d), families);
    }
    // New cards, in deck order, up to the day's number and each deck's own limit.
    if (d > lastNewDay || newPerDay <= 0 || waiting.length === 0) continue;
    let taken = 0;
    const newPerDeck = new Map<string, number>();
    const left: Live[] = [];
    for (const c of waiting) {
      const family = c.card.familyId;
      const deck = c.card.deck ?? '';
      const own = deckLimit(c.card, 'newPerDay');
      if (
        taken >= newPerDay ||
        (family !== undefined && families.has(family)) ||
        (own !== undefined && (newPerDeck.get(deck) ?? 0) >= own)
      ) {
        left.push(c);
        continue;
      }
      taken++;
      newPerDeck.set(deck, (newPerDeck.get(deck) ?? 0) + 1);
      fresh[d]!++;
      c.introducedOn = d;
      c.since = d;
      const at = sessionAt(d);
      c.memory = c.sim.answer(
        null,
        new Date(at),
        (pick(FIRST_RATING, c.random) + Rating.Again) as Grade,
      );
      playDay(c, d, at, families);
    }
    waiting = left;
  }

  const predicted = live.map((c) => (c.memory ? c.sim.retrievability(c.memory, examAt) : 0));
  const uncoveredDomains: Record<string, number> = {};
  for (const c of waiting) {
    const domain = c.card.domain;
    if (domain) uncoveredDomains[domain] = (uncoveredDomains[domain] ?? 0) + 1;
  }
  const uncovered = waiting.length;

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
  const plan: Plan = {
    exam: input.exam,
    today,
    daysLeft,
    newPerDay,
    lastNewDay: addDays(today, lastNewDay),
    days,
    recall: recallOf(cards, predicted),
    recallIfIdle: recallOf(cards, idle),
    uncovered: { cards: uncovered, domains: uncoveredDomains },
    examWeek,
    examWeekMissed: live.filter(
      (c) =>
        c.memory?.last_review !== undefined &&
        dayIndex(c.memory.last_review) < weekStart &&
        c.memory.state === State.Review,
    ).length,
    overdue,
    cards: cards.length,
    newCards,
    secondsPerAnswer: input.secondsPerAnswer,
    notes,
  };
  return { plan, predicted };
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
