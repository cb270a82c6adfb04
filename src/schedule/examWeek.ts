/**
 * The exam week: under an exam plan, the last `lead` study days before the
 * exam (the days no new cards come) give every card of the plan one more
 * review, unless it already had one in those days. Without it FSRS lets each
 * card fall to the desired retention before its next review, so a deck learnt
 * long before the exam meets it at about 95% and a later exam reads lower; with
 * it, more time means more stable memories and more recall on the day.
 *
 * The daily queue and the plan's simulation both take the day's reviews from
 * here, so that what the plan predicts is what the queue asks for. Pure.
 */

/** A card of the plan that has had no review since the exam week began. */
export interface Waiting<T> {
  readonly item: T;
  /** Due today anyway: its review counts as its exam-week review. */
  readonly dueToday: boolean;
  /** Stability over the days from its last review to the exam: recall on the day rises with it. */
  readonly strength: number;
}

/**
 * Study days of the exam week still to come, today included, when today is in
 * it (`daysToExam` from 1 to `lead`); 0 before it and from the exam day on.
 */
export function examWeekDaysLeft(daysToExam: number, lead: number): number {
  return daysToExam >= 1 && daysToExam <= Math.max(1, lead) ? daysToExam : 0;
}

/**
 * The cards to review today ahead of their due date: enough that the cards
 * still waiting are spread evenly over the days left, the strongest first, so
 * that the weakest ones are reviewed closest to the exam. `doneToday` counts
 * this day's exam-week reviews already given (the queue is built again after
 * each answer). FSRS's forgetting curve depends on elapsed time over stability
 * alone, so `strength` orders the cards by recall on the exam day whatever the
 * user's parameters.
 */
export function examWeekPicks<T>(
  waiting: readonly Waiting<T>[],
  daysLeft: number,
  doneToday = 0,
): T[] {
  if (daysLeft <= 0 || waiting.length === 0) return [];
  const quota = Math.ceil((waiting.length + doneToday) / daysLeft);
  let extra = quota - doneToday;
  for (const w of waiting) if (w.dueToday) extra--;
  if (extra <= 0) return [];
  return waiting
    .filter((w) => !w.dueToday)
    .sort((a, b) => b.strength - a.strength)
    .slice(0, extra)
    .map((w) => w.item);
}
