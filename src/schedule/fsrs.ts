import {
  createEmptyCard,
  type FSRS,
  type Card as FsrsCard,
  fsrs,
  type Grade,
  generatorParameters,
  Rating,
  State,
} from 'ts-fsrs';
import type { Memory } from '../model/record.js';
import type { SchedulerSettings } from '../model/settings.js';
import { type DayConfig, fromSchedulerTime, toSchedulerTime } from './day.js';

export type { Grade };
export { Rating, State };

export const GRADES: readonly Grade[] = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy];

export interface Outcome {
  readonly rating: Grade;
  readonly memory: Memory;
  /** Short label for the answer button: `<1m`, `10m`, `4d`, `3.2mo`. */
  readonly label: string;
}

export interface Scheduler {
  preview(memory: Memory | null, now: Date): readonly Outcome[];
  answer(memory: Memory | null, now: Date, rating: Grade): Memory;
  retrievability(memory: Memory, now: Date): number;
}

function engineFor(settings: SchedulerSettings): FSRS {
  return fsrs(
    generatorParameters({
      request_retention: settings.desiredRetention,
      maximum_interval: settings.maximumInterval,
      enable_fuzz: settings.fuzz,
      enable_short_term: true,
      learning_steps: settings.learningSteps as `${number}${'m' | 'h' | 'd'}`[],
      relearning_steps: settings.relearningSteps as `${number}${'m' | 'h' | 'd'}`[],
      ...(settings.weights.length > 0 ? { w: [...settings.weights] } : {}),
    }),
  );
}

export function createScheduler(settings: SchedulerSettings, day: DayConfig): Scheduler {
  const engine = engineFor(settings);

  const toFsrs = (memory: Memory | null, now: Date): FsrsCard => {
    if (!memory) return createEmptyCard(toSchedulerTime(now, day));
    return {
      due: toSchedulerTime(new Date(memory.due), day),
      stability: memory.stability,
      difficulty: memory.difficulty,
      elapsed_days: 0,
      scheduled_days: memory.scheduledDays,
      learning_steps: memory.learningSteps,
      reps: memory.reps,
      lapses: memory.lapses,
      state: memory.state,
      // A last review after `now` comes from a device whose clock runs ahead, or
      // this one's runs behind: the card counts as reviewed just now, so the
      // elapsed time is 0, never negative (ts-fsrs rejects a negative one).
      ...(memory.lastReview
        ? {
            last_review: toSchedulerTime(
              new Date(Math.min(Date.parse(memory.lastReview), now.getTime())),
              day,
            ),
          }
        : {}),
    };
  };

  const fromFsrs = (card: FsrsCard): Memory => ({
    due: fromSchedulerTime(card.due, day).toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ? fromSchedulerTime(card.last_review, day).toISOString() : null,
  });

  return {
    preview(memory, now) {
      const preview = engine.repeat(toFsrs(memory, now), toSchedulerTime(now, day));
      return GRADES.map((rating) => {
        const next = fromFsrs(preview[rating].card);
        return { rating, memory: next, label: intervalLabel(now, new Date(next.due)) };
      });
    },
    answer(memory, now, rating) {
      return fromFsrs(engine.next(toFsrs(memory, now), toSchedulerTime(now, day), rating).card);
    },
    retrievability(memory, now) {
      return engine.get_retrievability(toFsrs(memory, now), toSchedulerTime(now, day), false);
    },
  };
}

/** Anki-style interval text: `<1m`, `10m`, `3h`, `4d`, `3.2mo`, `1.5y`. */
export function intervalLabel(from: Date, to: Date): string {
  const minutes = (to.getTime() - from.getTime()) / 60_000;
  if (minutes < 1) return '<1m';
  if (minutes < 60) return `${Math.round(minutes)}m`;
  const hours = minutes / 60;
  if (hours < 24) return `${Math.round(hours)}h`;
  const days = hours / 24;
  if (days < 30) return `${Math.round(days)}d`;
  const months = days / 30.4375;
  if (months < 12) return `${trim1(months)}mo`;
  return `${trim1(days / 365.25)}y`;
}

function trim1(n: number): string {
  const s = n.toFixed(1);
  return s.endsWith('.0') ? s.slice(0, -2) : s;
}

/** A card as the bare engine sees it, in scheduler time (see `createSimulator`). */
export type SimCard = FsrsCard;

export interface Simulator {
  /** A stored memory as an engine card, its times moved by `shiftMs` (real time → the simulation's clock). */
  fromMemory(memory: Memory, shiftMs: number): SimCard;
  answer(card: SimCard | null, at: Date, rating: Grade): SimCard;
  retrievability(card: SimCard, at: Date): number;
}

/**
 * The FSRS engine without the study-day conversions and the JSON memory: for
 * simulations that answer tens of thousands of times and keep their own clock
 * in which every study day is a UTC date. Fuzz is always off.
 */
export function createSimulator(settings: SchedulerSettings): Simulator {
  const engine = engineFor({ ...settings, fuzz: false });
  return {
    fromMemory(memory, shiftMs) {
      const at = (iso: string) => new Date(Date.parse(iso) + shiftMs);
      return {
        due: at(memory.due),
        stability: memory.stability,
        difficulty: memory.difficulty,
        elapsed_days: 0,
        scheduled_days: memory.scheduledDays,
        learning_steps: memory.learningSteps,
        reps: memory.reps,
        lapses: memory.lapses,
        state: memory.state,
        ...(memory.lastReview ? { last_review: at(memory.lastReview) } : {}),
      };
    },
    answer(card, at, rating) {
      return engine.next(card ?? createEmptyCard(at), at, rating).card;
    },
    retrievability(card, at) {
      return engine.get_retrievability(card, at, false);
    },
  };
}
