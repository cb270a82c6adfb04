import { default_w } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import type { Memory } from '../../src/model/record.js';
import {
  buildHistories,
  dataSize,
  evaluate,
  isSafeItem,
  rmseBin,
  type TrainingItem,
  toTrainingItems,
} from '../../src/optimize/items.js';
import { checkRequest, packItems, unpackItems } from '../../src/optimize/protocol.js';
import { simulateLog, TRUE_WEIGHTS } from '../../src/optimize/simulate.js';
import type { DayConfig } from '../../src/schedule/day.js';
import { type Grade, State } from '../../src/schedule/fsrs.js';
import type { AnswerEvent, ReviewEvent } from '../../src/store/events.js';
import { BINDING_ENTRY } from './helpers.js';

const TOKYO: DayConfig = { timeZone: 'Asia/Tokyo', rolloverHour: 4 };

const MEMORY: Memory = {
  due: '2026-03-20T00:00:00.000Z',
  stability: 5,
  difficulty: 5,
  scheduledDays: 5,
  learningSteps: 0,
  reps: 1,
  lapses: 0,
  state: State.Review,
  lastReview: null,
};

const meta = (card: string) => ({ card, deck: 'd', kind: 'basic' as const, key: card, text: card });

function answer(id: string, at: string, card: string, rating: Grade, extra = {}): AnswerEvent {
  return {
    v: 1,
    id,
    at,
    type: 'answer',
    ...meta(card),
    rating,
    ms: 1000,
    before: null,
    after: MEMORY,
    ...extra,
  };
}

const item = (...reviews: [number, number][]): TrainingItem => ({
  reviews: reviews.map(([rating, deltaT]) => ({ rating, deltaT })),
});
const plain = (items: readonly TrainingItem[]) =>
  items.map((i) => i.reviews.map((r) => [r.rating, r.deltaT]));

describe('buildHistories', () => {
  // Asia/Tokyo is UTC+9 and the study day rolls over at 04:00 local (19:00 UTC).
  const log: ReviewEvent[] = [
    answer('a1', '2026-03-01T01:00:00.000Z', 'a', 3), // Mar 1 10:00 JST
    answer('a2', '2026-03-01T14:00:00.000Z', 'a', 1), // 23:00: same study day
    answer('a3', '2026-03-01T18:30:00.000Z', 'a', 3), // Mar 2 03:30 JST: still study day Mar 1
    answer('a4', '2026-03-01T19:30:00.000Z', 'a', 3), // 04:30 JST: study day Mar 2 (same UTC date)
    answer('a5', '2026-03-03T00:00:00.000Z', 'a', 1), // undone below
    {
      v: 1,
      id: 'u1',
      at: '2026-03-03T00:00:05.000Z',
      type: 'undo',
      ...meta('a'),
      undone: 'a5',
      restore: null,
    },
    answer('a6', '2026-03-04T00:00:00.000Z', 'a', 4, { cram: true }), // cram: ignored
    answer('a7', '2026-03-05T20:00:00.000Z', 'a', 3), // Mar 6 05:00 JST: 4 study days after Mar 2
    { v: 1, id: 'r1', at: '2026-03-07T00:00:00.000Z', type: 'reset', ...meta('a') },
    answer('a8', '2026-03-07T01:00:00.000Z', 'a', 3),
    answer('a9', '2026-03-09T01:00:00.000Z', 'a', 2),
    // b: a reset that was undone changes nothing; a duplicated line counts once.
    answer('b1', '2026-03-01T02:00:00.000Z', 'b', 3),
    { v: 1, id: 'r2', at: '2026-03-02T02:00:00.000Z', type: 'reset', ...meta('b') },
    {
      v: 1,
      id: 'u2',
      at: '2026-03-02T02:00:01.000Z',
      type: 'undo',
      ...meta('b'),
      undone: 'r2',
      restore: null,
    },
    answer('b2', '2026-03-04T02:00:00.000Z', 'b', 3),
    answer('b2', '2026-03-04T02:00:00.000Z', 'b', 3),
    // c was edited into c2: one history under the new id.
    answer('c1', '2026-03-01T03:00:00.000Z', 'c', 4),
    { v: 1, id: 'l1', at: '2026-03-02T00:00:00.000Z', type: 'relink', from: 'c', to: 'c2' },
    answer('c2', '2026-03-11T03:00:00.000Z', 'c2', 3),
    // Never seen again on another day.
    answer('d1', '2026-03-01T04:00:00.000Z', 'd', 1),
    answer('d2', '2026-03-01T04:10:00.000Z', 'd', 3),
  ];
  const shuffled = [...log].reverse();

  it('keeps counted answers per card in time order, deltaT in local study days', () => {
    const h = buildHistories(shuffled, TOKYO);
    expect(
      h.map((x) => ({ card: x.card, reviews: x.reviews.map((r) => [r.rating, r.deltaT]) })),
    ).toEqual([
      {
        card: 'a',
        reviews: [
          [3, 0],
          [1, 0],
          [3, 0],
          [3, 1],
          [3, 4],
        ],
      },
      {
        card: 'b',
        reviews: [
          [3, 0],
          [3, 3],
        ],
      },
      {
        card: 'c2',
        reviews: [
          [4, 0],
          [3, 10],
        ],
      },
      {
        card: 'd',
        reviews: [
          [1, 0],
          [3, 0],
        ],
      },
      {
        card: 'a',
        reviews: [
          [3, 0],
          [2, 2],
        ],
      },
    ]);
    expect(h[0]!.reviews.map((r) => r.at)).toEqual([
      '2026-03-01T01:00:00.000Z',
      '2026-03-01T14:00:00.000Z',
      '2026-03-01T18:30:00.000Z',
      '2026-03-01T19:30:00.000Z',
      '2026-03-05T20:00:00.000Z',
    ]);
  });

  it('counts days by the local rollover, not UTC dates', () => {
    // 18:30Z and 19:30Z are the same UTC date but different Tokyo study days;
    // in UTC with a 04:00 rollover they are the same study day.
    const two = [
      answer('x1', '2026-03-01T18:30:00.000Z', 'x', 3),
      answer('x2', '2026-03-01T19:30:00.000Z', 'x', 3),
    ];
    expect(buildHistories(two, TOKYO)[0]!.reviews.map((r) => r.deltaT)).toEqual([0, 1]);
    expect(
      buildHistories(two, { timeZone: 'UTC', rolloverHour: 4 })[0]!.reviews.map((r) => r.deltaT),
    ).toEqual([0, 0]);
  });

  it('skips answers with an impossible rating or time', () => {
    const bad = [
      answer('y1', '2026-03-01T01:00:00.000Z', 'y', 3),
      answer('y2', '2026-03-02T01:00:00.000Z', 'y', 0 as Grade),
      answer('y3', '2026-03-03T01:00:00.000Z', 'y', 5 as Grade),
      answer('y4', 'yesterday', 'y', 3),
      answer('y5', '2026-03-04T01:00:00.000Z', 'y', 3),
    ];
    expect(buildHistories(bad, TOKYO)[0]!.reviews.map((r) => [r.rating, r.deltaT])).toEqual([
      [3, 0],
      [3, 3],
    ]);
  });

  it('gives the training items of the STACK recipe, without the ones that crash fsrs-rs', () => {
    const items = toTrainingItems(buildHistories(log, TOKYO));
    // In the time order of each item's last review (fsrs-rs weights later items more).
    expect(plain(items)).toEqual([
      // a: r1..r2 and r1..r3 are same-day only (no deltaT > 0): dropped.
      [
        [3, 0],
        [1, 0],
        [3, 0],
        [3, 1],
      ], // 03-01 19:30Z
      [
        [3, 0],
        [3, 3],
      ], // b, 03-04
      [
        [3, 0],
        [1, 0],
        [3, 0],
        [3, 1],
        [3, 4],
      ], // 03-05
      [
        [3, 0],
        [2, 2],
      ], // a after its reset, 03-09
      [
        [4, 0],
        [3, 10],
      ], // c2, 03-11
      // d has nothing but a same-day repeat: no item at all.
    ]);
    expect(items.every(isSafeItem)).toBe(true);
    expect(dataSize(buildHistories(log, TOKYO))).toEqual({ reviews: 5, cards: 4, answers: 13 });
  });

  it('keeps later same-day repeats once a card has a long-term review', () => {
    const items = toTrainingItems([
      {
        card: 'z',
        reviews: [
          { at: '', rating: 3, deltaT: 0 },
          { at: '', rating: 1, deltaT: 0 },
          { at: '', rating: 1, deltaT: 3 },
          { at: '', rating: 3, deltaT: 0 },
        ],
      },
    ]);
    expect(plain(items)).toEqual([
      [
        [3, 0],
        [1, 0],
        [1, 3],
      ],
      [
        [3, 0],
        [1, 0],
        [1, 3],
        [3, 0],
      ],
    ]);
  });

  it('isSafeItem is what the binding checks with longTermReviewCnt() > 0', () => {
    expect(isSafeItem(item([3, 0], [3, 0]))).toBe(false);
    expect(isSafeItem(item([3, 0]))).toBe(false);
    expect(isSafeItem(item([3, 0], [3, 0], [3, 1]))).toBe(true);
  });

  it('reads a simulated log back into the simulated intervals', () => {
    const events = simulateLog({ trueWeights: TRUE_WEIGHTS, cards: 50, day: TOKYO, seed: 3 });
    const h = buildHistories(events, TOKYO);
    expect(h).toHaveLength(50);
    // Same-day repeats are 10 minutes apart; every other answer is on a later day.
    for (const card of h) {
      for (let i = 1; i < card.reviews.length; i++) {
        const r = card.reviews[i]!;
        const minutes = (Date.parse(r.at) - Date.parse(card.reviews[i - 1]!.at)) / 60_000;
        if (r.deltaT === 0) expect(minutes).toBe(10);
        else expect(minutes).toBeGreaterThan((r.deltaT - 1) * 1440);
      }
    }
  });
});

describe('packItems', () => {
  it('round-trips, sending each history once with its items in time order', () => {
    const events = simulateLog({ trueWeights: TRUE_WEIGHTS, cards: 30, day: TOKYO, seed: 9 });
    const histories = buildHistories(events, TOKYO);
    const items = toTrainingItems(histories);
    const packed = packItems(items);
    const withItems = histories.filter((h) => h.reviews.some((r) => r.deltaT > 0));
    expect(packed.groups).toHaveLength(withItems.length);
    expect(plain(unpackItems(packed))).toEqual(plain(items));
    expect(
      checkRequest({ type: 'train', items: packed, enableShortTerm: true, numRelearningSteps: 1 }),
    ).toBeNull();
    const sent = packed.groups.reduce((n, g) => n + g.ratings.length, 0);
    const plainly = items.reduce((n, i) => n + i.reviews.length, 0);
    expect(sent).toBeLessThan(plainly / 2);
  });

  it('round-trips items that share nothing, one group each', () => {
    const items = [item([3, 0], [3, 1]), item([3, 0], [3, 1], [1, 5]), item([4, 0], [3, 9])];
    const packed = packItems(items);
    expect(packed.groups.map((g) => g.lengths)).toEqual([[2], [3], [2]]);
    expect(plain(unpackItems(packed))).toEqual(plain(items));
    // Shared objects (as toTrainingItems makes them) are grouped, in any order.
    const shared = item([3, 0], [3, 1], [1, 5], [3, 0]).reviews;
    const cut = (n: number) => ({ reviews: shared.slice(0, n) });
    const mixed = [cut(3), items[2]!, cut(2), cut(4)];
    const p2 = packItems(mixed);
    expect(p2.groups.map((g) => [g.lengths, g.positions])).toEqual([
      [
        [3, 2, 4],
        [0, 2, 3],
      ],
      [[2], [1]],
    ]);
    expect(plain(unpackItems(p2))).toEqual(plain(mixed));
  });

  it('checkRequest refuses what the binding must never see', () => {
    const req = (
      ratings: number[],
      deltaTs: number[],
      lengths = [ratings.length],
      positions = [0],
    ) => ({
      type: 'train',
      enableShortTerm: true,
      numRelearningSteps: 1,
      items: { groups: [{ ratings, deltaTs, lengths, positions }] },
    });
    expect(checkRequest(req([3, 5], [0, 1]))).toMatch(/rating/);
    expect(checkRequest(req([3, 3], [0, 1.5]))).toMatch(/deltaT/);
    expect(checkRequest(req([3, 3], [2, 1]))).toMatch(/first review/);
    expect(checkRequest(req([3, 3], [0, 1], [3]))).toMatch(/length/);
    expect(checkRequest(req([3, 3], [0, 1], [2, 2], [0, 0]))).toMatch(/positions/);
    expect(checkRequest(req([3, 3], [0, 1], [2], [1]))).toMatch(/positions/);
    expect(checkRequest({ type: 'other' })).not.toBeNull();
    expect(checkRequest({ ...req([3, 3], [0, 1]), enableShortTerm: 'yes' })).toMatch(/ShortTerm/);
  });
});

describe('evaluate', () => {
  // FSRS-6 forgetting curve, written out independently of ts-fsrs.
  const w = default_w;
  const decay = -w[20]!;
  const factor = 0.9 ** (1 / decay) - 1;
  const R = (t: number, s: number) => (1 + (factor * t) / s) ** decay;

  // ts-fsrs rounds intermediate values to 8 decimals: compare to 7.
  it('scores the last review of each item from the state before it (hand-checked)', () => {
    // A first Good gives stability w2, a first Easy w3.
    const p = R(5, w[2]!);
    const pEasy = R(20, w[3]!);
    expect(p).toBeCloseTo(0.83886143, 7);
    const m = evaluate(
      [],
      [
        item([3, 0], [3, 5]), // recalled, p
        item([3, 0], [1, 5]), // forgotten, p: same bin as the one above
        item([3, 0], [3, 0]), // same day: not scored
        item([4, 0], [3, 20]), // recalled, pEasy: another bin
      ],
    );
    expect(m.count).toBe(3);
    expect(m.logLoss).toBeCloseTo((-Math.log(p) - Math.log(1 - p) - Math.log(pEasy)) / 3, 7);
    expect(m.rmse).toBeCloseTo(Math.sqrt((2 * (p - 0.5) ** 2 + (pEasy - 1) ** 2) / 3), 7);
    // Each alone: one bin, so RMSE(bins) is |p − y|.
    expect(evaluate([], [item([3, 0], [3, 5])]).rmse).toBeCloseTo(1 - p, 7);
  });

  it('bins like fsrs-rs r_matrix_index: interval, long-term reviews, lapses', () => {
    // deltaT 5 → round(2.48·3.62¹·100); 1 long-term review + 1 → round(1.99·1.89¹); no lapse.
    expect(rmseBin(item([3, 0], [3, 5]))).toBe('898,4,0');
    expect(rmseBin(item([3, 0], [3, 1]))).toBe('248,4,0');
    expect(rmseBin(item([3, 0], [1, 4], [3, 0], [3, 20]))).toBe('3250,4,2');
  });

  it('gives the same metrics whether or not items come as prefixes of each other', () => {
    const events = simulateLog({ trueWeights: TRUE_WEIGHTS, cards: 60, day: TOKYO, seed: 5 });
    const items = toTrainingItems(buildHistories(events, TOKYO));
    const a = evaluate(TRUE_WEIGHTS, items);
    const b = evaluate(TRUE_WEIGHTS, [...items].reverse());
    expect(b.count).toBe(a.count);
    expect(b.logLoss).toBeCloseTo(a.logLoss, 12);
    expect(b.rmse).toBeCloseTo(a.rmse, 12);
  });

  it('has nothing to score without a review on a later day', () => {
    const m = evaluate([], [item([3, 0], [3, 0])]);
    expect(m.count).toBe(0);
    expect(m.logLoss).toBeNaN();
  });

  it('agrees with fsrs-rs on single predictions', async () => {
    // FSRSBinding.evaluate also drops outliers and weights the log loss by
    // recency over a whole set; with one item neither applies.
    type Binding = typeof import('@open-spaced-repetition/binding');
    const b = (await import(BINDING_ENTRY)) as Binding;
    const cases = [
      item([3, 0], [3, 3], [1, 10]),
      item([3, 0], [3, 3], [1, 10], [3, 0], [3, 1]),
      item([1, 0], [3, 0], [3, 2], [4, 7], [2, 30]),
    ];
    for (const weights of [[...default_w], [...TRUE_WEIGHTS]]) {
      const fsrs = new b.FSRSBinding(weights);
      for (const c of cases) {
        const ours = evaluate(weights, [c]);
        const theirs = fsrs.evaluate([
          new b.FSRSBindingItem(c.reviews.map((r) => new b.FSRSBindingReview(r.rating, r.deltaT))),
        ]);
        expect(ours.logLoss).toBeCloseTo(theirs.logLoss, 5);
        expect(ours.rmse).toBeCloseTo(theirs.rmseBins, 5);
      }
    }
  });
});
