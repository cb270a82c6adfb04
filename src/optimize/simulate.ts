/**
 * A seeded simulation of a learner whose memory follows known ("true") FSRS
 * weights while the app schedules with other weights (the defaults): the data
 * the optimizer should recover the true weights from. Used by the tests and
 * scripts/bench-optimize.mjs; nothing in the app imports it.
 */
import { default_w, fsrs, generatorParameters } from 'ts-fsrs';
import type { Memory } from '../model/record.js';
import { type DayConfig, fromSchedulerTime } from '../schedule/day.js';
import { type Grade, State } from '../schedule/fsrs.js';
import { type AnswerEvent, makeEvent } from '../store/events.js';
import { seededRandom } from '../util/random.js';

/** Weights for the simulated learner, well away from the defaults. */
export const TRUE_WEIGHTS: readonly number[] = [
  0.6, 2.4, 5.5, 18, 5.6, 0.9, 2.2, 0.02, 1.6, 0.14, 1.1, 1.7, 0.09, 0.33, 1.3, 0.45, 2.3, 0.6, 0.2,
  0.1, 0.3,
];

export interface SimulationOptions {
  /** Weights the learner's memory follows. */
  readonly trueWeights: readonly number[];
  /** Weights the simulated app schedules with (default: the FSRS defaults). */
  readonly schedulerWeights?: readonly number[];
  /** Number of cards (upper bound when `maxReviews` stops earlier). */
  readonly cards: number;
  /** Stop adding cards once this many answers were simulated. */
  readonly maxReviews?: number;
  /** New cards introduced per study day. */
  readonly newPerDay?: number;
  /** Study days simulated. */
  readonly days?: number;
  readonly seed?: number;
  readonly day: DayConfig;
  /** First study day, `YYYY-MM-DD`. */
  readonly firstDay?: string;
  readonly desiredRetention?: number;
}

/** The seedable generator the app uses for shuffles, so simulations are repeatable. */
export const prng = seededRandom;

interface MemoryState {
  readonly stability: number;
  readonly difficulty: number;
}

interface CardSim {
  /** Study day of the answer being simulated (days after `firstDay`). */
  day: number;
  lastDay: number;
  real: MemoryState | null;
  sched: MemoryState | null;
}

const DAY = 86_400_000;
const MINUTE = 60_000;

/**
 * The simulated answers, as review-log events in time order (sorted). Each
 * study day's answers fall between 07:00 and 22:00 local time; a failed or
 * hard first answer and every lapse get a same-day repeat ten minutes later.
 */
export function simulateLog(options: SimulationOptions): AnswerEvent[] {
  const random = prng(options.seed ?? 1);
  const newPerDay = options.newPerDay ?? 20;
  const days = options.days ?? 365;
  const retention = options.desiredRetention ?? 0.9;
  const maxReviews = options.maxReviews ?? Number.POSITIVE_INFINITY;
  const firstDay = Date.parse(`${options.firstDay ?? '2025-01-01'}T00:00:00.000Z`);
  const truth = fsrs(
    generatorParameters({
      w: [...options.trueWeights],
      enable_short_term: true,
      enable_fuzz: false,
    }),
  );
  const app = fsrs(
    generatorParameters({
      w: [...(options.schedulerWeights ?? default_w)],
      enable_short_term: true,
      enable_fuzz: false,
      request_retention: retention,
    }),
  );

  const events: AnswerEvent[] = [];
  let counter = 0;
  // Scheduler time: midnight UTC is the local rollover, so minutes after it are
  // minutes into the study day (rollover 04:00: 180 → 07:00 local).
  const at = (day: number, minute: number) =>
    fromSchedulerTime(new Date(firstDay + day * DAY + minute * MINUTE), options.day);
  // Answers start three hours into the study day (07:00 with the 04:00 rollover).
  const dayStartMinute = 180;

  for (let c = 0; c < options.cards && events.length < maxReviews; c++) {
    const card = `sim-${c.toString(36)}`;
    const introduced = Math.floor(c / newPerDay);
    if (introduced >= days) break;
    const s: CardSim = { day: introduced, lastDay: introduced, real: null, sched: null };
    let before: Memory | null = null;
    const answer = (rating: Grade, minute: number, deltaT: number) => {
      const real = truth.next_state(s.real, deltaT, rating);
      const sched = app.next_state(s.sched, deltaT, rating);
      s.real = real;
      s.sched = sched;
      const when = at(s.day, dayStartMinute + minute);
      const interval = app.next_interval(sched.stability, 0);
      const after: Memory = {
        due: new Date(when.getTime() + interval * DAY).toISOString(),
        stability: sched.stability,
        difficulty: sched.difficulty,
        scheduledDays: interval,
        learningSteps: 0,
        reps: (before?.reps ?? 0) + 1,
        lapses: (before?.lapses ?? 0) + (rating === 1 && before ? 1 : 0),
        state: State.Review,
        lastReview: when.toISOString(),
      };
      counter++;
      events.push(
        makeEvent(
          'answer',
          {
            card,
            deck: 'sim',
            kind: 'basic',
            key: card,
            text: card,
            rating,
            ms: 4000,
            before,
            after,
          },
          `${when.getTime().toString(36)}-${counter.toString(36)}`,
          when,
        ),
      );
      before = after;
      s.lastDay = s.day;
      return { real, sched };
    };

    // First sight: a new card is often failed; a failed or hard one is repeated
    // ten minutes later the same day.
    const u = random();
    const first: Grade = u < 0.25 ? 1 : u < 0.35 ? 2 : u < 0.9 ? 3 : 4;
    let minute = Math.floor(random() * 800);
    let state = answer(first, minute, 0);
    if (first <= 2) state = answer(3, minute + 10, 0);

    for (;;) {
      const scheduled = app.next_interval(state.sched.stability, 0);
      // Users are not punctual: anywhere from a bit early to quite late.
      const delay = Math.max(1, Math.round(scheduled * (0.8 + random() * 0.6)));
      s.day = s.lastDay + delay;
      if (s.day >= days || events.length >= maxReviews) break;
      const deltaT = s.day - s.lastDay;
      const recall = truth.forgetting_curve(deltaT, state.real.stability);
      let rating: Grade;
      if (random() < recall) {
        const v = random();
        rating = v < 0.15 ? 2 : v < 0.92 ? 3 : 4;
      } else rating = 1;
      minute = Math.floor(random() * 800);
      state = answer(rating, minute, deltaT);
      if (rating === 1) state = answer(3, minute + 10, 0);
    }
  }
  return events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
}
