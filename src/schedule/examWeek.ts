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
 * Under a budget of `answers` a day, the cards the exam week may add to a day
 * with `busy` of the plan's cards already answered or due: a card forgotten
 * takes its relearning steps too, so a tenth of the budget is left for them.
 */
export function examWeekRoom(answers: number | undefined, busy: number): number {
  if (answers === undefined) return Number.POSITIVE_INFINITY;
  return Math.max(0, Math.floor(answers * 0.9) - busy);
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
 * that the weakest ones are reviewed closest to the exam. FSRS's forgetting
 * curve depends on elapsed time over stability alone, so `strength` orders the
 * cards by recall on the exam day whatever the user's parameters.
 *
 * `doneToday` counts this day's answers to the plan's cards already given (the
 * queue is built again after each answer). `room`: under a daily time budget,
 * the most cards the day has left for them; when the day's share does not fit,
 * the weakest go first, since a review gains them the most.
 */
export function examWeekPicks<T>(
  waiting: readonly Waiting<T>[],
  daysLeft: number,
  options: { readonly doneToday?: number; readonly room?: number } = {},
): T[] {
  const doneToday = options.doneToday ?? 0;
  if (daysLeft <= 0 || waiting.length === 0) return [];
  const quota = Math.ceil((waiting.length + doneToday) / daysLeft);
  let extra = quota - doneToday;
  for (const w of waiting) if (w.dueToday) extra--;
  const room = Math.max(0, Math.floor(options.room ?? Number.POSITIVE_INFINITY));
  if (extra <= 0 || room === 0) return [];
  const strongestFirst = waiting.filter((w) => !w.dueToday).sort((a, b) => b.strength - a.strength);
  if (extra <= room) return strongestFirst.slice(0, extra).map((w) => w.item);
  return strongestFirst
    .slice(-room)
    .reverse()
    .map((w) => w.item);
}
