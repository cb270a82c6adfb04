/**
 * From the review log to FSRS training items, and a model evaluation that does
 * not depend on the optimizer binding. Pure: no I/O, no clock.
 */
import { default_w, fsrs, generatorParameters } from 'ts-fsrs';
import { type DayConfig, toSchedulerTime } from '../schedule/day.js';
import { type ReviewEvent, replayOrder } from '../store/events.js';
import type { TrainingItem, TrainingReview } from './protocol.js';

export type { TrainingItem, TrainingReview } from './protocol.js';

const DAY = 86_400_000;
const QUARTER = 15 * 60_000;

/** One counted answer in a card's history. */
export interface HistoryReview {
  readonly at: string;
  readonly rating: number;
  /** Study days since the previous review of this history; 0 for the first. */
  readonly deltaT: number;
}

/** A card's answers since it was last reset, in time order. */
export interface CardHistory {
  /** The card's id (the latest id, when an edit relinked it). */
  readonly card: string;
  readonly reviews: readonly HistoryReview[];
}

/**
 * Index of the local study day an instant falls in (days since 1970-01-01 in
 * scheduler time). The zone offset is looked up once per quarter hour: offsets
 * and rollover hours change on quarter-hour boundaries, and `Intl` is slow
 * enough to matter over a million-line log.
 */
export function studyDayIndexer(day: DayConfig): (at: Date) => number {
  const shifts = new Map<number, number>();
  return (at) => {
    const ms = at.getTime();
    const block = Math.floor(ms / QUARTER);
    let shift = shifts.get(block);
    if (shift === undefined) {
      const start = block * QUARTER;
      shift = toSchedulerTime(new Date(start), day).getTime() - start;
      shifts.set(block, shift);
    }
    return Math.floor((ms + shift) / DAY);
  };
}

/**
 * Per-card review histories, in time order, as the optimizer should see them:
 * - events are ordered like a replay (time, then id) and exact duplicates dropped;
 * - an undone event (answer or reset) counts as never having happened;
 * - cram answers (`cram: true`) are not memory evidence and are left out;
 * - a `reset` ends the card's history: later answers start a new one;
 * - answers with a rating outside 1–4 or an unreadable time are skipped;
 * - deltaT is counted in local study days (`day`): answers on the same study
 *   day are 0 apart, however many hours separate them.
 * Histories come out in order of their first answer.
 */
export function buildHistories(events: readonly ReviewEvent[], day: DayConfig): CardHistory[] {
  const { events: unique, undone, canonical } = replayOrder(events);
  const dayIndex = studyDayIndexer(day);

  interface Open {
    readonly card: string;
    readonly reviews: HistoryReview[];
    lastDay: number;
  }
  const histories: Open[] = [];
  const open = new Map<string, Open>();
  for (const e of unique) {
    if (undone.has(e.id)) continue;
    if (e.type === 'reset') {
      open.delete(canonical(e.card));
      continue;
    }
    if (e.type !== 'answer' || e.cram === true) continue;
    const rating = e.rating as number;
    if (!Number.isInteger(rating) || rating < 1 || rating > 4) continue;
    const at = new Date(e.at);
    if (Number.isNaN(at.getTime())) continue;
    const card = canonical(e.card);
    const today = dayIndex(at);
    const h = open.get(card);
    if (!h) {
      const started: Open = { card, reviews: [{ at: e.at, rating, deltaT: 0 }], lastDay: today };
      histories.push(started);
      open.set(card, started);
      continue;
    }
    // Sorted by time, so this is never negative except across a DST fall-back hour.
    h.reviews.push({ at: e.at, rating, deltaT: Math.max(0, today - h.lastDay) });
    h.lastDay = today;
  }
  return histories.map((h) => ({ card: h.card, reviews: h.reviews }));
}

/**
 * The training items of a set of histories, following fsrs-rs: for a history
 * r1..rn, the items r1..ri for i = 2..n (each predicts its last review from
 * the ones before). An item none of whose reviews has deltaT > 0 is dropped:
 * fsrs-rs panics on it (`first_long_term_review`), which aborts the process.
 *
 * Items come in the time order of their last review (ties: history order),
 * as fsrs-rs expects: it weights later items more when training. The items of
 * one history share their review objects, which `packItems` and `evaluate`
 * use to avoid repeating work.
 */
export function toTrainingItems(histories: readonly CardHistory[]): TrainingItem[] {
  const dated: { at: string; item: TrainingItem }[] = [];
  for (const h of histories) {
    const reviews: TrainingReview[] = h.reviews.map((r) => ({
      rating: r.rating,
      deltaT: r.deltaT,
    }));
    let longTerm = false;
    for (let i = 1; i < reviews.length; i++) {
      if (reviews[i]!.deltaT > 0) longTerm = true;
      if (longTerm)
        dated.push({ at: h.reviews[i]!.at, item: { reviews: reviews.slice(0, i + 1) } });
    }
  }
  // Array.prototype.sort is stable.
  dated.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return dated.map((d) => d.item);
}

/** Whether fsrs-rs accepts an item without panicking (the binding's `longTermReviewCnt() > 0`). */
export function isSafeItem(item: TrainingItem): boolean {
  return item.reviews.length >= 2 && item.reviews.some((r) => r.deltaT > 0);
}

/** How much there is to learn from: what the too-few threshold looks at. */
export interface DataSize {
  /** Answers with deltaT > 0: the reviews a model is scored on (one per evaluated item). */
  readonly reviews: number;
  /** Histories with at least one such answer. */
  readonly cards: number;
  /** Every counted answer. */
  readonly answers: number;
}

export function dataSize(histories: readonly CardHistory[]): DataSize {
  let reviews = 0;
  let cards = 0;
  let answers = 0;
  for (const h of histories) {
    answers += h.reviews.length;
    const n = h.reviews.filter((r) => r.deltaT > 0).length;
    reviews += n;
    if (n > 0) cards++;
  }
  return { reviews, cards, answers };
}

export interface Metrics {
  /** Mean binary cross-entropy of the predicted recall probability (lower is better). */
  readonly logLoss: number;
  /** RMSE(bins), as fsrs-rs computes it (see `evaluate`). */
  readonly rmse: number;
  /** Predictions scored: items whose last review has deltaT > 0. */
  readonly count: number;
}

interface MemoryState {
  readonly stability: number;
  readonly difficulty: number;
}

function sameReviews(
  a: readonly TrainingReview[],
  b: readonly TrainingReview[],
  n: number,
): boolean {
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y && (x.rating !== y.rating || x.deltaT !== y.deltaT)) return false;
  }
  return true;
}

/**
 * The bin fsrs-rs puts a prediction in for RMSE(bins) (`FSRSItem::r_matrix_index`):
 * interval since the previous review, number of long-term reviews, lapses, each
 * on a roughly logarithmic scale.
 */
export function rmseBin(item: TrainingItem): string {
  const reviews = item.reviews;
  const deltaT = reviews[reviews.length - 1]!.deltaT;
  const deltaTBin = Math.round(2.48 * 3.62 ** Math.floor(Math.log(deltaT) / Math.log(3.62)) * 100);
  const length = reviews.filter((r) => r.deltaT > 0).length + 1;
  const lengthBin = Math.round(1.99 * 1.89 ** Math.floor(Math.log(length) / Math.log(1.89)));
  let lapses = 0;
  for (let i = 0; i < reviews.length - 1; i++) {
    if (reviews[i]!.rating === 1 && reviews[i]!.deltaT > 0) lapses++;
  }
  const lapseBin =
    lapses === 0 ? 0 : Math.round(1.65 * 1.73 ** Math.floor(Math.log(lapses) / Math.log(1.73)));
  return `${deltaTBin},${lengthBin},${lapseBin}`;
}

/** Keeps log(0) out of the loss; FSRS never predicts this close to 0 or 1 for t > 0. */
const P_EPSILON = 1e-7;

/**
 * How well `weights` predict the reviews in `items`, computed in TypeScript
 * with ts-fsrs, the way fsrs-rs's `evaluate` does:
 *
 * - Only items whose last review has deltaT > 0 are scored (same-day repeats
 *   are short-term memory, not predicted by the forgetting curve).
 * - The memory state is replayed from the first review with ts-fsrs
 *   `next_state(state, deltaT, rating)` (short-term stability when deltaT = 0,
 *   `enable_short_term: true`), then p = `forgetting_curve(deltaT, stability)`
 *   is the predicted chance to recall the last review; the outcome y is 1 for
 *   Hard/Good/Easy and 0 for Again.
 * - logLoss = mean of −(y·ln p + (1−y)·ln(1−p)).
 * - RMSE(bins): predictions are grouped by `rmseBin` (interval, review count,
 *   lapse count, on log scales); for each bin b with n_b predictions, mean
 *   prediction p̄_b and observed recall rate ȳ_b,
 *   RMSE = sqrt( Σ_b n_b·(p̄_b − ȳ_b)² / Σ_b n_b ).
 *   This is fsrs-rs's `rmse_bins` (the FSRS benchmark's RMSE(bins)), not the
 *   older 20 equal-probability-bin calibration RMSE.
 *
 * Per prediction this matches the binding's `FSRSBinding.evaluate` to ~1e-7
 * (tested). Over a whole set the binding's numbers differ slightly, because
 * it also drops "outlier" cards and weights the log loss towards recent
 * items; both metrics here are plain, unweighted, over every scored review.
 *
 * `weights` empty means the ts-fsrs defaults; 17- and 19-weight sets from older
 * FSRS versions are migrated by ts-fsrs as the scheduler does. With nothing to
 * score, logLoss and rmse are NaN and count is 0.
 */
export function evaluate(
  weights: readonly number[],
  items: readonly TrainingItem[],
  options: { numRelearningSteps?: number } = {},
): Metrics {
  const steps = Math.max(1, options.numRelearningSteps ?? 1);
  const engine = fsrs(
    generatorParameters({
      w: weights.length > 0 ? [...weights] : [...default_w],
      enable_short_term: true,
      enable_fuzz: false,
      relearning_steps: Array.from({ length: steps }, () => '10m' as const),
    }),
  );
  let lossSum = 0;
  let count = 0;
  const bins = new Map<string, { p: number; y: number; n: number }>();

  // An item usually extends an earlier one of the same history by one review
  // (same first review object): carry that one's final state forward.
  const chains = new Map<
    TrainingReview,
    { reviews: readonly TrainingReview[]; state: MemoryState }
  >();
  for (const item of items) {
    const reviews = item.reviews;
    const n = reviews.length;
    const first = reviews[0];
    const last = reviews[n - 1];
    if (!first || !last || n < 2) continue;
    let state: MemoryState | null = null;
    let from = 0;
    const chain = chains.get(first);
    if (chain && chain.reviews.length === n - 1 && sameReviews(chain.reviews, reviews, n - 1)) {
      state = chain.state;
      from = n - 1;
    }
    for (let i = from; i < n - 1; i++) {
      const r = reviews[i]!;
      state = engine.next_state(state, i === 0 ? 0 : r.deltaT, r.rating);
    }
    chains.set(first, { reviews, state: engine.next_state(state, last.deltaT, last.rating) });
    if (last.deltaT <= 0) continue;

    const raw = engine.forgetting_curve(last.deltaT, state!.stability);
    const p = Math.min(1 - P_EPSILON, Math.max(P_EPSILON, raw));
    const y = last.rating > 1 ? 1 : 0;
    lossSum -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
    count++;
    const key = rmseBin(item);
    const bin = bins.get(key);
    if (bin) {
      bin.p += raw;
      bin.y += y;
      bin.n++;
    } else bins.set(key, { p: raw, y, n: 1 });
  }
  if (count === 0) return { logLoss: Number.NaN, rmse: Number.NaN, count: 0 };
  let sq = 0;
  for (const b of bins.values()) sq += b.n * (b.p / b.n - b.y / b.n) ** 2;
  return { logLoss: lossSum / count, rmse: Math.sqrt(sq / count), count };
}
