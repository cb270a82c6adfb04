/**
 * What the parent and the optimizer child process say to each other, and the
 * training items they pass. No imports: the worker bundle loads this and the
 * native binding, nothing else.
 */

/** One review as fsrs-rs sees it: a grade and the study days since the previous review. */
export interface TrainingReview {
  /** 1 Again, 2 Hard, 3 Good, 4 Easy. */
  readonly rating: number;
  /** Whole local study days since the previous review of the card; 0 for the first. */
  readonly deltaT: number;
}

/** A card's reviews up to and including the one to predict (fsrs-rs `FSRSItem`). */
export interface TrainingItem {
  readonly reviews: readonly TrainingReview[];
}

/**
 * Items in a compact form for IPC. The items of one card are prefixes of its
 * history (r1..r2, r1..r3, …), so sending them as they are repeats every review
 * up to n/2 times (100,000 reviews became ~1,000,000). A group keeps the
 * longest item once, and for each item cut from it, its length and its
 * position in the list (items are in time order, so one card's are spread out).
 */
export interface PackedItems {
  readonly groups: readonly PackedGroup[];
}

export interface PackedGroup {
  readonly ratings: readonly number[];
  readonly deltaTs: readonly number[];
  /** Each item of the group is the first `lengths[k]` reviews… */
  readonly lengths: readonly number[];
  /** …and goes at `positions[k]` in the item list. */
  readonly positions: readonly number[];
}

/** Parent → child. */
export interface TrainRequest {
  readonly type: 'train';
  readonly items: PackedItems;
  readonly enableShortTerm: boolean;
  readonly numRelearningSteps: number;
}

/** Child → parent. */
export type WorkerMessage =
  | { readonly type: 'progress'; readonly current: number; readonly total: number }
  | { readonly type: 'done'; readonly weights: readonly number[]; readonly items: number }
  | { readonly type: 'unavailable'; readonly message: string }
  | { readonly type: 'error'; readonly message: string };

function isPrefix(short: readonly TrainingReview[], long: readonly TrainingReview[]): boolean {
  if (short.length > long.length) return false;
  for (let i = 0; i < short.length; i++) {
    const a = short[i]!;
    const b = long[i]!;
    if (a !== b && (a.rating !== b.rating || a.deltaT !== b.deltaT)) return false;
  }
  return true;
}

/**
 * Packs items. Items that share their first review object (the items
 * `toTrainingItems` makes for one history do) and are prefixes of each other
 * go in one group; any other item gets a group of its own, so packing is
 * always lossless, only smaller when reviews are shared.
 */
export function packItems(items: readonly TrainingItem[]): PackedItems {
  interface Builder {
    longest: readonly TrainingReview[];
    readonly lengths: number[];
    readonly positions: number[];
  }
  const builders: Builder[] = [];
  const byFirst = new Map<TrainingReview, Builder>();
  items.forEach((item, position) => {
    const reviews = item.reviews;
    const first = reviews[0];
    let b = first ? byFirst.get(first) : undefined;
    if (b && (isPrefix(b.longest, reviews) || isPrefix(reviews, b.longest))) {
      if (reviews.length > b.longest.length) b.longest = reviews;
    } else {
      b = { longest: reviews, lengths: [], positions: [] };
      builders.push(b);
      if (first) byFirst.set(first, b);
    }
    b.lengths.push(reviews.length);
    b.positions.push(position);
  });
  return {
    groups: builders.map((b) => ({
      ratings: b.longest.map((r) => r.rating),
      deltaTs: b.longest.map((r) => r.deltaT),
      lengths: b.lengths,
      positions: b.positions,
    })),
  };
}

/** Number of items in a packed list. */
export function packedCount(packed: PackedItems): number {
  let n = 0;
  for (const g of packed.groups) n += g.lengths.length;
  return n;
}

/** The items `packItems` was given, in the same order. */
export function unpackItems(packed: PackedItems): TrainingItem[] {
  const items: TrainingItem[] = new Array(packedCount(packed));
  for (const g of packed.groups) {
    const reviews = g.ratings.map((rating, i) => ({ rating, deltaT: g.deltaTs[i]! }));
    g.lengths.forEach((n, k) => {
      items[g.positions[k]!] = { reviews: reviews.slice(0, n) };
    });
  }
  return items;
}

/**
 * Checks a request that came over IPC. Returns a problem, or null when every
 * group is well formed: ratings 1–4, whole non-negative deltaTs, the first 0,
 * lengths from 1 to the group's size, positions a permutation of the items.
 */
export function checkRequest(value: unknown): string | null {
  if (!value || typeof value !== 'object') return 'not an object';
  const req = value as Partial<TrainRequest>;
  if (req.type !== 'train') return 'not a train request';
  if (typeof req.enableShortTerm !== 'boolean') return 'enableShortTerm is not true or false';
  const steps = req.numRelearningSteps;
  if (!Number.isInteger(steps) || (steps as number) < 0) return 'numRelearningSteps is not a count';
  const groups = req.items?.groups;
  if (!Array.isArray(groups)) return 'items.groups is not a list';
  let total = 0;
  for (const g of groups as PackedGroup[]) {
    if (
      !g ||
      !Array.isArray(g.ratings) ||
      !Array.isArray(g.deltaTs) ||
      !Array.isArray(g.lengths) ||
      !Array.isArray(g.positions) ||
      g.positions.length !== g.lengths.length
    )
      return 'malformed item group';
    total += g.lengths.length;
    if (g.ratings.length !== g.deltaTs.length || g.ratings.length === 0)
      return 'ratings and deltaTs differ in length';
    if (!g.ratings.every((r) => Number.isInteger(r) && r >= 1 && r <= 4))
      return 'a rating is not 1–4';
    if (!g.deltaTs.every((t) => Number.isInteger(t) && t >= 0))
      return 'a deltaT is not a whole day';
    if (g.deltaTs[0] !== 0) return 'the first review of an item must have deltaT 0';
    if (!g.lengths.every((n) => Number.isInteger(n) && n >= 1 && n <= g.ratings.length))
      return 'an item length is out of range';
  }
  const seen = new Uint8Array(total);
  for (const g of groups as PackedGroup[]) {
    for (const p of g.positions) {
      if (!Number.isInteger(p) || p < 0 || p >= total || seen[p]) return 'bad item positions';
      seen[p] = 1;
    }
  }
  return null;
}

export function isWorkerMessage(value: unknown): value is WorkerMessage {
  if (!value || typeof value !== 'object') return false;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'progress':
      return typeof m.current === 'number' && typeof m.total === 'number';
    case 'done':
      return Array.isArray(m.weights) && typeof m.items === 'number';
    case 'unavailable':
    case 'error':
      return typeof m.message === 'string';
    default:
      return false;
  }
}
