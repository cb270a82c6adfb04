import { describe, expect, it } from 'vitest';
import type { Memory } from '../../src/model/record.js';
import { addDays } from '../../src/schedule/day.js';
import { Rating, State } from '../../src/schedule/fsrs.js';
import type { RelinkEvent } from '../../src/store/events.js';
import { answer, dayAt, learning, mem, record, review, stats, TOKYO, undo } from './fixtures.js';

describe('today', () => {
  it('counts answers, new cards, Again and time of the current study day', () => {
    const events = [
      // 03:00 UTC is before the 04:00 rollover: it belongs to yesterday.
      answer('2026-03-10T03:00:00.000Z', 'old', Rating.Good, review(5), { ms: 9000 }),
      answer('2026-03-10T04:00:00.000Z', 'a', Rating.Good, null, { ms: 1000 }),
      answer('2026-03-10T04:10:00.000Z', 'a', Rating.Good, learning(), { ms: 2000 }),
      answer('2026-03-10T05:00:00.000Z', 'b', Rating.Again, review(5), { ms: 3000 }),
      answer('2026-03-10T06:00:00.000Z', 'c', Rating.Again, null, { ms: 500 }),
      // Still today: the day ends at 04:00 tomorrow.
      answer('2026-03-11T03:59:59.000Z', 'd', Rating.Easy, review(3), { ms: 100 }),
    ];
    const s = stats({ events, now: new Date('2026-03-10T12:00:00.000Z') });
    expect(s.day).toBe('2026-03-10');
    expect(s.today).toEqual({
      reviews: 5,
      newCards: 2,
      again: 2,
      timeMs: 6600,
      cramReviews: 0,
    });
  });

  it('leaves cram answers out of everything but cramReviews', () => {
    const events = [
      answer(dayAt(0), 'a', Rating.Good, review(5)),
      answer(dayAt(0, '13:00:00'), 'b', Rating.Again, review(30), { cram: true, ms: 7000 }),
      answer(dayAt(-1), 'b', Rating.Again, null, { cram: true }),
    ];
    const s = stats({ events });
    expect(s.today).toEqual({ reviews: 1, newCards: 0, again: 0, timeMs: 1000, cramReviews: 1 });
    expect(s.calendar.at(-2)).toEqual({ day: '2026-03-09', reviews: 0 });
    expect(s.buttons.review).toEqual({ again: 0, hard: 0, good: 1, easy: 0 });
    expect(s.retention.day.all).toEqual({ passed: 1, total: 1, rate: 1 });
    expect(s.averageMs).toBe(1000);
  });

  it('counts a log line that appears twice once', () => {
    const a = answer(dayAt(0), 'a', Rating.Good, review(5));
    expect(stats({ events: [a, a] }).today.reviews).toBe(1);
  });

  it('uses the study day of the zone (Asia/Tokyo, rollover 04:00 = 19:00 UTC)', () => {
    const now = new Date('2026-03-10T03:00:00.000Z'); // 12:00 in Tokyo, 10 March
    const events = [
      answer('2026-03-09T18:30:00.000Z', 'a', Rating.Good, review(5)), // 03:30 JST: 9 March
      answer('2026-03-09T19:00:00.000Z', 'b', Rating.Good, review(5)), // 04:00 JST: 10 March
      answer('2026-03-10T18:59:00.000Z', 'c', Rating.Again, review(5)), // 03:59 JST 11th: 10th
      answer('2026-03-10T19:00:00.000Z', 'd', Rating.Good, review(5)), // 04:00 JST 11th
    ];
    const cards = [
      { id: 'x', deck: 'd' },
      { id: 'y', deck: 'd' },
    ];
    const records = {
      x: record(review(5, { due: '2026-03-10T18:59:00.000Z' })),
      y: record(review(5, { due: '2026-03-10T19:00:00.000Z' })),
    };
    const s = stats({ events, now, day: TOKYO, cards, records });
    expect(s.day).toBe('2026-03-10');
    expect(s.today.reviews).toBe(2);
    expect(s.today.again).toBe(1);
    expect(s.calendar.slice(-2)).toEqual([
      { day: '2026-03-09', reviews: 1 },
      { day: '2026-03-10', reviews: 2 },
    ]);
    expect(s.forecast.slice(0, 2).map((f) => f.due)).toEqual([1, 1]);
  });
});

describe('calendar and streak', () => {
  const on = (...days: number[]) => days.map((d) => answer(dayAt(d), 'a', Rating.Good, review(5)));

  it('lists the last 365 study days, today last', () => {
    const s = stats({ events: [...on(0, 0, -364, -365)] });
    expect(s.calendar).toHaveLength(365);
    expect(s.calendar[0]).toEqual({ day: '2025-03-11', reviews: 1 });
    expect(s.calendar[364]).toEqual({ day: '2026-03-10', reviews: 2 });
    expect(s.calendar.reduce((sum, d) => sum + d.reviews, 0)).toBe(3);
  });

  it('ends the current streak yesterday when nothing was answered today yet', () => {
    // Runs: -10..-8 (3 days), gap, -4..-1 (4 days).
    const s = stats({ events: on(-10, -9, -8, -4, -3, -2, -1, -1) });
    expect(s.streak).toEqual({ current: 4, longest: 4 });
  });

  it('includes today in the current streak', () => {
    const s = stats({ events: on(-20, -19, -18, -17, -16, -15, -2, -1, 0) });
    expect(s.streak).toEqual({ current: 3, longest: 6 });
  });

  it('has no current streak after a day without answers', () => {
    expect(stats({ events: on(-3, -2) }).streak).toEqual({ current: 0, longest: 2 });
    expect(stats({ events: [] }).streak).toEqual({ current: 0, longest: 0 });
  });
});

describe('forecast', () => {
  it('puts overdue and learning cards due today on day 0 and leaves out suspended cards', () => {
    const due = (iso: string, m: Memory = review(5)) => record({ ...m, due: iso });
    const records = {
      overdue: due(dayAt(-3)),
      laterToday: due(dayAt(0, '23:00:00')),
      beforeRollover: due(dayAt(1, '03:59:00')), // still today's study day
      learningToday: due(dayAt(0, '13:00:00'), learning()),
      relearningTomorrow: due(dayAt(1, '05:00:00'), mem(State.Relearning)),
      tomorrow: due(dayAt(1, '04:00:00')),
      buried: { ...due(dayAt(0, '06:00:00')), buried: '2026-03-10' },
      suspended: { ...due(dayAt(0)), suspended: true },
      leech: { ...due(dayAt(2)), suspended: true, leech: true },
      day29: due(dayAt(29)),
      day30: due(dayAt(30)),
      fresh: record(null),
      orphan: due(dayAt(0)), // a record whose card left the decks
    };
    const cards = Object.keys(records)
      .filter((id) => id !== 'orphan')
      .map((id) => ({ id, deck: 'd' }));
    cards.push({ id: 'noRecord', deck: 'd' });
    const s = stats({ cards, records });
    expect(s.forecast).toHaveLength(30);
    expect(s.forecast[0]).toEqual({ day: '2026-03-10', due: 4 });
    expect(s.forecast[1]).toEqual({ day: '2026-03-11', due: 3 });
    expect(s.forecast[2]!.due).toBe(0);
    expect(s.forecast[29]).toEqual({ day: '2026-04-08', due: 1 });
    expect(s.forecast.reduce((sum, f) => sum + f.due, 0)).toBe(8);
  });
});

describe('counts', () => {
  it('counts cards by state per deck and in total', () => {
    const records = {
      l: record(learning()),
      r: record(mem(State.Relearning)),
      y: record(review(20)),
      m: record(review(21)),
      s: record(review(30), { suspended: true }),
      x: record(mem(State.Relearning), { suspended: true, leech: true }),
      b: record(review(40), { buried: '2026-03-10' }),
      reset: record(null),
      newSuspended: record(null, { suspended: true }),
    };
    const cards = [
      { id: 'n', deck: 'a' },
      { id: 'l', deck: 'a' },
      { id: 'r', deck: 'a' },
      { id: 'y', deck: 'a' },
      { id: 'm', deck: 'a' },
      { id: 's', deck: 'a' },
      { id: 'x', deck: 'a' },
      { id: 'b', deck: 'b/日本語' },
      { id: 'reset', deck: 'b/日本語' },
      { id: 'newSuspended', deck: 'b/日本語' },
    ];
    const s = stats({ cards, records });
    expect(s.counts.decks).toEqual([
      { deck: 'a', total: 7, new: 1, learning: 2, young: 1, mature: 1, suspended: 2, leech: 1 },
      {
        deck: 'b/日本語',
        total: 3,
        new: 1,
        learning: 0,
        young: 0,
        mature: 1,
        suspended: 1,
        leech: 0,
      },
    ]);
    expect(s.counts.total).toEqual({
      total: 10,
      new: 2,
      learning: 2,
      young: 1,
      mature: 2,
      suspended: 3,
      leech: 1,
    });
  });
});

describe('true retention', () => {
  it('counts only the first answer of a card on a study day, and only review cards', () => {
    const events = [
      // x: young review card forgotten today, then relearned: only the first counts.
      answer(dayAt(0, '05:00:00'), 'x', Rating.Again, review(10)),
      answer(dayAt(0, '05:10:00'), 'x', Rating.Good, mem(State.Relearning)),
      // y: mature card passed today; a second review answer the same day does not count.
      answer(dayAt(0, '06:00:00'), 'y', Rating.Good, review(30)),
      answer(dayAt(0, '07:00:00'), 'y', Rating.Again, review(30)),
      // z: a learning card is not a review.
      answer(dayAt(0, '08:00:00'), 'z', Rating.Good, learning()),
      // n: a new card.
      answer(dayAt(0, '08:30:00'), 'n', Rating.Good, null),
      // w: young, Hard 3 days ago: this week.
      answer(dayAt(-3), 'w', Rating.Hard, review(20)),
      // v: mature (boundary 21), Again 20 days ago: this month.
      answer(dayAt(-20), 'v', Rating.Again, review(21)),
      // Yesterday's first answer of x does not hide today's.
      answer(dayAt(-1), 'x', Rating.Easy, review(8)),
      // 30 days ago: outside every window.
      answer(dayAt(-30), 'u', Rating.Good, review(21)),
    ];
    const s = stats({ events, desiredRetention: 0.85 });
    expect(s.retention.desiredRetention).toBe(0.85);
    expect(s.retention.day).toEqual({
      young: { passed: 0, total: 1, rate: 0 },
      mature: { passed: 1, total: 1, rate: 1 },
      all: { passed: 1, total: 2, rate: 0.5 },
    });
    expect(s.retention.week).toEqual({
      young: { passed: 2, total: 3, rate: 2 / 3 },
      mature: { passed: 1, total: 1, rate: 1 },
      all: { passed: 3, total: 4, rate: 0.75 },
    });
    expect(s.retention.month).toEqual({
      young: { passed: 2, total: 3, rate: 2 / 3 },
      mature: { passed: 1, total: 2, rate: 0.5 },
      all: { passed: 3, total: 5, rate: 0.6 },
    });
  });

  it('has null rates when nothing was reviewed', () => {
    expect(stats({}).retention.month.all).toEqual({ passed: 0, total: 0, rate: null });
  });

  it('treats a relinked card’s answers before and after the edit as one card', () => {
    const relink: RelinkEvent = {
      v: 1,
      id: 'r1',
      at: dayAt(0, '06:00:00'),
      type: 'relink',
      from: 'old',
      to: 'new',
    };
    const events = [
      answer(dayAt(0, '05:00:00'), 'old', Rating.Good, review(5)),
      relink,
      answer(dayAt(0, '07:00:00'), 'new', Rating.Again, review(5)),
    ];
    expect(stats({ events }).retention.day.all).toEqual({ passed: 1, total: 1, rate: 1 });
  });
});

describe('undo', () => {
  it('removes the undone answer from every figure', () => {
    const wrong = answer(dayAt(0, '05:00:00'), 'a', Rating.Again, review(10), { ms: 9000 });
    const events = [
      wrong,
      undo(dayAt(0, '05:00:05'), wrong),
      // The answer given after the undo is now the card's first of the day.
      answer(dayAt(0, '05:00:10'), 'a', Rating.Good, review(10), { ms: 2000 }),
      // An undone first answer of a new card: the card was not introduced.
      ...(() => {
        const first = answer(dayAt(0, '06:00:00'), 'n', Rating.Good, null);
        return [first, undo(dayAt(0, '06:00:01'), first)];
      })(),
      // An undone cram answer is not counted either.
      ...(() => {
        const c = answer(dayAt(0, '07:00:00'), 'c', Rating.Good, review(5), { cram: true });
        return [c, undo(dayAt(0, '07:00:01'), c)];
      })(),
    ];
    const s = stats({ events });
    expect(s.today).toEqual({ reviews: 1, newCards: 0, again: 0, timeMs: 2000, cramReviews: 0 });
    expect(s.calendar.at(-1)).toEqual({ day: '2026-03-10', reviews: 1 });
    expect(s.buttons.review).toEqual({ again: 0, hard: 0, good: 1, easy: 0 });
    expect(s.retention.day.all).toEqual({ passed: 1, total: 1, rate: 1 });
    expect(s.averageMs).toBe(2000);
    expect(s.perDay.at(-1)).toEqual({ day: '2026-03-10', new: 0, learning: 0, review: 1 });
  });

  it('undoes whatever the order of the lines', () => {
    const a = answer(dayAt(0), 'a', Rating.Good, review(10));
    expect(stats({ events: [undo(dayAt(0, '12:00:01'), a), a] }).today.reviews).toBe(0);
  });
});

describe('last 30 days', () => {
  const events = [
    answer(dayAt(0), 'a', Rating.Good, null, { ms: 1000 }),
    answer(dayAt(0, '12:01:00'), 'a', Rating.Again, learning(), { ms: 2000 }),
    answer(dayAt(-1), 'b', Rating.Hard, mem(State.Relearning), { ms: 3000 }),
    answer(dayAt(-2), 'c', Rating.Easy, review(4), { ms: 4000 }),
    answer(dayAt(-29), 'd', Rating.Again, review(40), { ms: 5000 }),
    answer(dayAt(-29, '13:00:00'), 'e', Rating.Good, review(40), { ms: 6000 }),
    // Outside the window.
    answer(dayAt(-30), 'f', Rating.Easy, review(40), { ms: 100_000 }),
  ];
  const s = stats({ events });

  it('splits the buttons between learning and review cards', () => {
    expect(s.buttons).toEqual({
      learning: { again: 1, hard: 1, good: 1, easy: 0 },
      review: { again: 1, hard: 0, good: 1, easy: 1 },
    });
  });

  it('averages the answer time', () => {
    expect(s.averageMs).toBe(3500);
    expect(stats({}).averageMs).toBeNull();
  });

  it('splits the answers per day by the state before the answer', () => {
    expect(s.perDay).toHaveLength(30);
    expect(s.perDay[0]).toEqual({
      day: addDays('2026-03-10', -29),
      new: 0,
      learning: 0,
      review: 2,
    });
    expect(s.perDay.slice(-3)).toEqual([
      { day: '2026-03-08', new: 0, learning: 0, review: 1 },
      { day: '2026-03-09', new: 0, learning: 1, review: 0 },
      { day: '2026-03-10', new: 1, learning: 1, review: 0 },
    ]);
  });
});

describe('memory', () => {
  it('buckets stability and retrievability and sums the estimated recall', () => {
    // The injected retrievability reads the card's difficulty as tenths of recall.
    const retrievability = (m: Memory) => m.difficulty / 10;
    const r = (stability: number, difficulty: number, state = State.Review) =>
      record(mem(state, { stability, difficulty }));
    const records = {
      a: r(0.5, 0.5, State.Relearning), // <1d; R 0.05
      b: r(1, 1.5), // 1–7d; R 0.15
      c: r(6.99, 3), // 1–7d; R 0.3
      d: r(7, 9.5), // 7–30d; R 0.95
      e: r(30, 10), // 30–90d; R 1 (last bucket)
      f: r(100, 7), // 90–365d; R 0.7
      g: r(365, 9.99), // >365d; R 0.999
      h: { ...r(400, 6), suspended: true }, // suspended cards keep their memory
      l: r(2, 4, State.Learning), // only in the recall estimate
      n: record(null),
      orphan: r(50, 10), // not in the decks
    };
    const cards = Object.keys(records)
      .filter((id) => id !== 'orphan')
      .map((id) => ({ id, deck: 'd' }));
    const s = stats({ cards, records, retrievability });
    expect(s.memory.stability).toEqual([
      { from: 0, to: 1, count: 1 },
      { from: 1, to: 7, count: 2 },
      { from: 7, to: 30, count: 1 },
      { from: 30, to: 90, count: 1 },
      { from: 90, to: 365, count: 1 },
      { from: 365, to: null, count: 2 },
    ]);
    expect(s.memory.retrievability.map((b) => b.count)).toEqual([1, 1, 0, 1, 0, 0, 1, 1, 0, 3]);
    expect(s.memory.retrievability[3]).toEqual({ from: 0.3, to: 0.4, count: 1 });
    // 0.05 + 0.15 + 0.3 + 0.95 + 1 + 0.7 + 0.999 + 0.6 + 0.4 = 5.149
    expect(s.memory.estimatedRecall).toBe(5.1);
    expect(s.memory.cardsWithMemory).toBe(9);
  });

  it('passes now to the retrievability and clamps what it returns', () => {
    const seen: Date[] = [];
    const s = stats({
      cards: [
        { id: 'a', deck: 'd' },
        { id: 'b', deck: 'd' },
      ],
      records: { a: record(review(5)), b: record(review(5)) },
      retrievability: (_m, now) => {
        seen.push(now);
        return seen.length === 1 ? 1.5 : Number.NaN;
      },
    });
    expect(seen.map((d) => d.toISOString())).toEqual([
      '2026-03-10T12:00:00.000Z',
      '2026-03-10T12:00:00.000Z',
    ]);
    expect(s.memory.estimatedRecall).toBe(1);
    expect(s.memory.retrievability.map((b) => b.count)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });
});
