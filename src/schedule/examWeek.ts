/**
 * The exam week: under an exam plan, the last `lead` study days before the
 * exam (the days no new cards come) give every card of the plan studied before
 * they began one more review, unless it already had one in those days. Without
 * it FSRS lets each card fall to the desired retention before its next review,
 * so a deck learnt long before the exam meets it at about 95% and a later exam
 * reads lower; with it, more time means more stable memories and more recall on
 * the day.
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
 * How many of the waiting cards today takes, due ones included: the week's
 * cards (`studied`: the plan's cards studied before it began) are spread evenly
 * over its days, so by the end of today `studied × days gone / length` of them
 * have had their review (`done`: those reviewed since it began, today
 * included). Counted on the whole week rather than on the day, the figure does
 * not move while the day's cards are answered: each answer takes one off.
 */
export function examWeekShare(week: {
  readonly studied: number;
  readonly done: number;
  readonly daysLeft: number;
  readonly lead: number;
}): number {
  const length = Math.max(1, week.lead);
  if (week.daysLeft <= 0) return 0;
  const gone = Math.max(1, length - week.daysLeft + 1);
  return Math.max(0, Math.ceil((week.studied * gone) / length) - week.done);
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
 * The cards to review today ahead of their due date: today's `share` of the
 * waiting cards, less those due anyway, the strongest first, so that the
 * weakest are reviewed closest to the exam. FSRS's forgetting curve depends on
 * elapsed time over stability alone, so `strength` orders the cards by recall
 * on the exam day whatever the user's parameters. `room`: what the day's
 * budget or review limit leaves; when the share does not fit, the weakest go
 * first, since a review gains them the most.
 */
export function examWeekPicks<T>(
  waiting: readonly Waiting<T>[],
  share: number,
  room = Number.POSITIVE_INFINITY,
): T[] {
  let extra = share;
  for (const w of waiting) if (w.dueToday) extra--;
  const fits = Math.max(0, Math.floor(room));
  if (extra <= 0 || fits === 0) return [];
  const strongestFirst = waiting.filter((w) => !w.dueToday).sort((a, b) => b.strength - a.strength);
  if (extra <= fits) return strongestFirst.slice(0, extra).map((w) => w.item);
  return strongestFirst
    .slice(-fits)
    .reverse()
    .map((w) => w.item);
}
