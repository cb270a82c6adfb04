import { describe, expect, it } from 'vitest';
import type { QueueCard } from '../../src/model/card.js';
import type { CardRecord, Memory } from '../../src/model/record.js';
import { DEFAULT_QUEUE } from '../../src/model/settings.js';
import { State } from '../../src/schedule/fsrs.js';
import { buildQueue, queueCounts } from '../../src/schedule/queue.js';
import { countsValidUntil, treeCounts } from '../../src/schedule/treeCounts.js';

const day = { timeZone: 'Asia/Tokyo', rolloverHour: 4 };
const now = new Date('2026-03-10T12:00:00Z');

function random(seed: number) {
  let a = seed;
  return () => {
    a = (a * 1103515245 + 12345) % 2147483648;
    return a / 2147483648;
  };
}

/** Decks in folders, siblings, every card state, limits on a deck and on a folder. */
function fixture(seed: number) {
  const rand = random(seed);
  const decks = ['a/x', 'a/y', 'a/y/z', 'b', 'c/d/e'];
  const cards: QueueCard[] = [];
  const records: Record<string, CardRecord> = {};
  const iso = (offsetMin: number) => new Date(now.getTime() + offsetMin * 60_000).toISOString();
  for (const deck of decks) {
    for (let i = 0; i < 60; i++) {
      const id = `${deck}#${i}`;
      cards.push({ id, familyId: `${deck}#${Math.floor(i / 2)}`, deck });
      const r = rand();
      if (r < 0.3) continue; // new
      const state = r < 0.5 ? State.Learning : r < 0.6 ? State.Relearning : State.Review;
      const memory = {
        due: iso(Math.floor((rand() - 0.5) * 3000)),
        stability: 1,
        difficulty: 5,
        scheduledDays: 1,
        learningSteps: 0,
        reps: 1,
        lapses: 0,
        state,
        lastReview: iso(-600),
      } satisfies Memory;
      records[id] = {
        deck,
        kind: 'basic',
        key: '',
        text: '',
        memory,
        introduced: rand() < 0.1 ? iso(-60) : iso(-60 * 24 * 30),
        lastAnswer: rand() < 0.2 ? iso(-30) : iso(-60 * 24 * 3),
        suspended: rand() < 0.05,
        leech: false,
        buried: rand() < 0.05 ? '2026-03-10' : null,
      };
    }
  }
  const perDeck = { 'a/y': { newPerDay: 7 }, c: { reviewsPerDay: 3 } };
  const settings = { ...DEFAULT_QUEUE, reviewsPerDay: 25 };
  return { cards, records, perDeck, settings, day };
}

const rows = ['', 'a', 'a/x', 'a/y', 'a/y/z', 'b', 'c', 'c/d', 'c/d/e'];

describe('tree counts', () => {
  it('equal a queue built for each row alone', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const input = fixture(seed);
      const { counts } = treeCounts(input, now, rows);
      for (const row of rows) {
        const cards = input.cards.filter(
          (c) => row === '' || c.deck === row || c.deck.startsWith(`${row}/`),
        );
        expect(counts.get(row), `${seed} ${row}`).toEqual(
          queueCounts(buildQueue({ ...input, cards, now })),
        );
      }
    }
  });

  it('stay the same until validUntil and no longer than that', () => {
    for (const seed of [6, 7, 8]) {
      const input = fixture(seed);
      const { counts, validUntil } = treeCounts(input, now, rows);
      expect(validUntil).toBeGreaterThan(now.getTime());
      const before = treeCounts(input, new Date(validUntil - 1), rows).counts;
      expect(before).toEqual(counts);
      const after = treeCounts(input, new Date(validUntil), rows).counts;
      // Either a learning step entered the window or the day rolled over: something moved.
      expect(after).not.toEqual(counts);
    }
  });

  it('ends at the study day end when nothing is learning', () => {
    const input = { ...fixture(9), records: {} };
    // 04:00 in Tokyo is 19:00 UTC the day before.
    expect(new Date(countsValidUntil(input, now)).toISOString()).toBe('2026-03-10T19:00:00.000Z');
  });
});
