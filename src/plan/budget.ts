import type { AnswerEvent, ReviewEvent } from '../store/events.js';
import { type Plan, type PlanInput, simulatePlan } from './simulate.js';

/** Seconds per answer when the log has too few answers to tell. */
export const DEFAULT_SECONDS_PER_ANSWER = 10;
/** Answers the log needs before its own pace replaces the default. */
const MIN_ANSWERS = 20;
/** An answer longer than this was a pause, not thinking: counted as this long. */
const CAP_MS = 60_000;
/** Only the latest answers: the pace of the last weeks, not of the first days. */
const RECENT = 1000;

/**
 * Seconds one answer takes this user: the median of their latest answers (each
 * capped at a minute), or the default with where it came from. Pure.
 */
export function answerPace(events: readonly ReviewEvent[]): {
  seconds: number;
  source: 'log' | 'default';
  answers: number;
} {
  const answers = events.filter(
    (e): e is AnswerEvent => e.type === 'answer' && e.cram !== true && e.ms > 0,
  );
  if (answers.length < MIN_ANSWERS) {
    return { seconds: DEFAULT_SECONDS_PER_ANSWER, source: 'default', answers: answers.length };
  }
  const recent = answers
    .slice()
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .slice(-RECENT)
    .map((e) => Math.min(e.ms, CAP_MS))
    .sort((a, b) => a - b);
  const mid = recent.length >> 1;
  const median = recent.length % 2 ? recent[mid]! : (recent[mid - 1]! + recent[mid]!) / 2;
  return {
    seconds: Math.max(1, Math.round(median / 100) / 10),
    source: 'log',
    answers: answers.length,
  };
}

/** Answers that fit in `minutes` at `secondsPerAnswer`. */
export function answersIn(minutes: number, secondsPerAnswer: number): number {
  return Math.floor((minutes * 60) / secondsPerAnswer);
}

export type BudgetResult =
  | { readonly ok: true; readonly plan: Plan }
  | {
      readonly ok: false;
      /** Minutes the busiest day needs with one new card a day (or reviews alone). */
      readonly needed: number;
      /** The day that needs them. */
      readonly date: string;
    };

/**
 * The busiest day's minutes; with `backlog: false`, today's overdue reviews
 * are left out (a backlog is cleared once, not every day: it does not set the
 * daily budget).
 */
export function peakMinutes(
  plan: Plan,
  options: { backlog?: boolean } = {},
): {
  minutes: number;
  date: string;
} {
  let best = { minutes: 0, date: plan.today };
  plan.days.forEach((d, i) => {
    const minutes =
      i === 0 && options.backlog === false
        ? Math.max(0, d.minutes - (plan.overdue * plan.secondsPerAnswer) / 60)
        : d.minutes;
    if (minutes > best.minutes) best = { minutes, date: d.date };
  });
  return best;
}

/**
 * The most new cards per day (up to what covers every card) whose busiest day
 * fits in `minutes`, today's backlog of overdue reviews aside. Impossible when
 * not even one new card a day fits (or, with no new cards left, when the
 * reviews alone do not). Pure.
 */
export function fitBudget(input: Omit<PlanInput, 'newPerDay'>, minutes: number): BudgetResult {
  // The search looks at the workload, the first run's: only the plan returned
  // averages `runs` runs' recall.
  const runs = input.runs ?? 1;
  // The exam week fills each day up to the budget, never beyond.
  input = { ...input, examWeekPerDay: answersIn(minutes, input.secondsPerAnswer) };
  const withRuns = (plan: Plan) =>
    runs <= 1 ? plan : simulatePlan({ ...input, runs, newPerDay: plan.newPerDay });
  input = { ...input, runs: 1 };
  const full = simulatePlan(input);
  if (peakMinutes(full, { backlog: false }).minutes <= minutes) {
    return { ok: true, plan: withRuns(full) };
  }
  const floor = full.newCards > 0 ? 1 : 0;
  const least = simulatePlan({ ...input, newPerDay: floor });
  const leastPeak = peakMinutes(least, { backlog: false });
  if (leastPeak.minutes > minutes) {
    return { ok: false, needed: Math.ceil(leastPeak.minutes), date: leastPeak.date };
  }
  // Workload grows with the new cards per day (more cards in flight): bisect.
  let lo = floor;
  let best = least;
  let hi = full.newPerDay - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const plan = simulatePlan({ ...input, newPerDay: mid });
    if (peakMinutes(plan, { backlog: false }).minutes <= minutes) {
      lo = mid;
      best = plan;
    } else {
      hi = mid - 1;
    }
  }
  return {
    ok: true,
    plan: withRuns(best.newPerDay === lo ? best : simulatePlan({ ...input, newPerDay: lo })),
  };
}
