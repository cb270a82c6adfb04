import { describe, expect, it } from 'vitest';
import { collectDecks } from '../../src/deck/collection.js';
import { parseDeck } from '../../src/deck/parse.js';
import type { Card } from '../../src/model/card.js';
import type { CardRecord, Memory } from '../../src/model/record.js';
import { DEFAULT_QUEUE, DEFAULT_SCHEDULER } from '../../src/model/settings.js';
import { createScheduler, Rating } from '../../src/schedule/fsrs.js';
import { buildQueue, nextCard, queueCounts } from '../../src/schedule/queue.js';

const day = { timeZone: 'UTC', rolloverHour: 4 };
const scheduler = createScheduler({ ...DEFAULT_SCHEDULER, fuzz: false }, day);
const now = new Date('2026-03-10T12:00:00Z');

function deck(n: number, extra = ''): Card[] {
  const lines = ['---', 'lang: en', '---'];
  for (let i = 0; i < n; i++) lines.push(`Q: question ${i}`, `A: answer ${i}`, '');
  return [
    ...collectDecks([parseDeck({ name: 'd', file: 'd.md', source: lines.join('\n') + extra })])
      .cards,
  ];
}

/** `n` basic cards in a deck named `name`, fronts "<name> <i>". */
function made(name: string, n: number): Card[] {
  const lines = ['---', 'lang: en', '---'];
  for (let i = 0; i < n; i++) lines.push(`Q: ${name} ${i}`, `A: answer ${i}`, '');
  return [
    ...collectDecks([parseDeck({ name, file: `${name}.md`, source: lines.join('\n') })]).cards,
  ];
}

function record(memory: Memory | null, over: Partial<CardRecord> = {}): CardRecord {
  return {
    deck: 'd',
    kind: 'basic',
    key: '',
    text: '',
    memory,
    introduced: '2026-01-01T00:00:00.000Z',
    lastAnswer: '2026-01-01T00:00:00.000Z',
    suspended: false,
    leech: false,
    buried: null,
    ...over,
  };
}

/** A review card due at `due` (graduated long before). */
function reviewDue(due: string): Memory {
  const m = scheduler.answer(null, new Date('2026-01-01T00:00:00Z'), Rating.Easy);
  return { ...m, due };
}

const q = (
  cards: Card[],
  records: Record<string, CardRecord>,
  settings = DEFAULT_QUEUE,
  at = now,
) => buildQueue({ cards, records, now: at, day, settings });

describe('daily queue', () => {
  it('introduces new cards in deck order up to the daily limit', () => {
    const cards = deck(30);
    const queue = q(cards, {});
    expect(queue.fresh.map((c) => c.front)).toEqual(cards.slice(0, 20).map((c) => c.front));
  });

  it('counts a card introduced today against today’s new limit', () => {
    const cards = deck(30);
    const learned = scheduler.answer(null, now, Rating.Good);
    const records = {
      [cards[0]!.id]: record(learned, {
        introduced: now.toISOString(),
        lastAnswer: now.toISOString(),
      }),
    };
    expect(q(cards, records).fresh).toHaveLength(19);
  });

  it('orders: due learning step, then reviews most overdue first, then new, then learn-ahead', () => {
    const cards = deck(5);
    const [a, b, c, d] = cards as [Card, Card, Card, Card];
    const stepDueNow = {
      ...scheduler.answer(null, now, Rating.Again),
      due: '2026-03-10T11:59:00.000Z',
    };
    const stepSoon = {
      ...scheduler.answer(null, now, Rating.Good),
      due: '2026-03-10T12:05:00.000Z',
    };
    const records = {
      [a.id]: record(stepSoon),
      [b.id]: record(reviewDue('2026-03-09T10:00:00.000Z')),
      [c.id]: record(reviewDue('2026-03-01T10:00:00.000Z')),
      [d.id]: record(stepDueNow),
    };
    const queue = q(cards, records);
    expect(queue.learning).toEqual([d]);
    expect(queue.review).toEqual([c, b]);
    expect(queue.fresh).toEqual([cards[4]]);
    expect(queue.learnAhead).toEqual([a]);
    expect(nextCard(queue)).toBe(d);
    expect(nextCard({ ...queue, learning: [], review: [], fresh: [] })).toBe(a);
    expect(queueCounts(queue)).toEqual({ new: 1, learning: 2, review: 2 });
  });

  it('counts a review as due today until the local rollover, not beyond', () => {
    const cards = deck(2);
    const records = {
      [cards[0]!.id]: record(reviewDue('2026-03-11T03:59:00.000Z')), // before 04:00 tomorrow
      [cards[1]!.id]: record(reviewDue('2026-03-11T04:01:00.000Z')),
    };
    expect(q(cards, records).review).toEqual([cards[0]]);
  });

  it('keeps the review limit, counting reviews already done today', () => {
    const cards = deck(10);
    const records: Record<string, CardRecord> = {};
    for (const card of cards) records[card.id] = record(reviewDue('2026-03-09T00:00:00.000Z'));
    expect(q(cards, records, { ...DEFAULT_QUEUE, reviewsPerDay: 4 }).review).toHaveLength(4);
    records[cards[9]!.id] = record(reviewDue('2026-03-20T00:00:00.000Z'), {
      lastAnswer: '2026-03-10T08:00:00.000Z',
    });
    expect(q(cards, records, { ...DEFAULT_QUEUE, reviewsPerDay: 4 }).review).toHaveLength(3);
  });

  it('leaves out suspended cards and cards buried today, and brings buried ones back tomorrow', () => {
    const cards = deck(3);
    const records = {
      [cards[0]!.id]: record(null, { suspended: true }),
      [cards[1]!.id]: record(null, { buried: '2026-03-10' }),
    };
    expect(q(cards, records).fresh).toEqual([cards[2]]);
    const tomorrow = new Date('2026-03-11T05:00:00Z');
    expect(q(cards, records, DEFAULT_QUEUE, tomorrow).fresh).toEqual([cards[1], cards[2]]);
  });

  it('does not show two siblings of one note on the same day', () => {
    const cards = deck(
      0,
      '\nR: kube-proxy\nA: routes Service traffic on each node\n\nC: {{a}} and {{b}} and {{c}}\n',
    );
    expect(cards).toHaveLength(5);
    const queue = q(cards, {});
    expect(queue.fresh.map((c) => c.familyId)).toEqual([cards[0]!.familyId, cards[2]!.familyId]);
    // A sibling answered today keeps the others out of today's queue.
    const records = {
      [cards[2]!.id]: record(scheduler.answer(null, now, Rating.Good), {
        introduced: now.toISOString(),
        lastAnswer: now.toISOString(),
      }),
    };
    expect(q(cards, records).fresh).toEqual([cards[0]]);
  });

  it('applies a deck’s own new-card limit on top of the global one', () => {
    const cards = deck(10);
    const queue = buildQueue({
      cards,
      records: {},
      now,
      day,
      settings: DEFAULT_QUEUE,
      perDeck: { d: { newPerDay: 3 } },
    });
    expect(queue.fresh).toHaveLength(3);
  });

  it('gives an exam plan’s folder the plan’s new-card limit and leaves other decks the global one', () => {
    const cards = [...made('en/a', 8), ...made('ja/a', 30), ...made('en/b', 8)];
    const planned = cards.filter((c) => c.deck.startsWith('en/'));
    // One en/ card introduced today counts against the plan's 5, not the global 20.
    const records = {
      [planned[0]!.id]: record(scheduler.answer(null, now, Rating.Good), {
        deck: 'en/a',
        introduced: now.toISOString(),
        lastAnswer: now.toISOString(),
      }),
    };
    const queue = q(cards, records, { ...DEFAULT_QUEUE, plan: { deck: 'en', newPerDay: 5 } });
    const fresh = queue.fresh.map((c) => c.deck);
    expect(fresh.filter((d) => d.startsWith('en/'))).toHaveLength(4);
    expect(fresh.filter((d) => d === 'ja/a')).toHaveLength(20);
    // Deck order across both limits.
    expect(queue.fresh).toEqual(cards.filter((c) => queue.fresh.includes(c)));
    // A plan for every deck replaces the global limit.
    const all = q(cards, {}, { ...DEFAULT_QUEUE, plan: { deck: '', newPerDay: 7 } });
    expect(all.fresh).toEqual(cards.slice(0, 7));
  });

  describe('the exam week of a plan', () => {
    // Reviewed on 2026-02-20 with stability 10 + i, next due after the exam.
    const studied = (deck: string, i: number): CardRecord =>
      record(
        {
          ...reviewDue('2026-04-20T10:00:00.000Z'),
          stability: 10 + i,
          lastReview: '2026-02-20T10:00:00.000Z',
        },
        { deck },
      );
    const cards = [...made('en/a', 10), ...made('ja/a', 4)];
    const records = Object.fromEntries(cards.map((c, i) => [c.id, studied(c.deck, i)]));
    const plan = { deck: 'en', newPerDay: 5, exam: '2026-03-14', lead: 7 };
    const settings = { ...DEFAULT_QUEUE, plan };

    it('spreads the plan’s cards over the week, strongest first, the other decks left alone', () => {
      // 2026-03-10: the week began on 03-07 and nothing was reviewed since; by tonight
      // 4 of its 7 days are gone, so 6 of the 10 en/ cards: the most stable first.
      const queue = q(cards, records, settings);
      const strongest = ['en/a 9', 'en/a 8', 'en/a 7', 'en/a 6', 'en/a 5', 'en/a 4'];
      expect(queue.review.map((c) => c.front)).toEqual(strongest);
      expect(queueCounts(queue).review).toBe(6);
    });

    it('counts a card due today as its review, and today’s reviews against the day’s share', () => {
      const due = { ...records, [cards[0]!.id]: studied('en/a', 0) };
      due[cards[0]!.id] = {
        ...due[cards[0]!.id]!,
        memory: { ...due[cards[0]!.id]!.memory!, due: '2026-03-10T08:00:00.000Z' },
      };
      // The weakest card is due today: it and the five strongest make the day's six.
      expect(q(cards, due, settings).review.map((c) => c.front)).toEqual([
        'en/a 0',
        'en/a 9',
        'en/a 8',
        'en/a 7',
        'en/a 6',
        'en/a 5',
      ]);
      // After the strongest is answered, the rest of the day's six: one fewer, the same cards.
      const answered = {
        ...records,
        [cards[9]!.id]: {
          ...records[cards[9]!.id]!,
          lastAnswer: now.toISOString(),
          memory: {
            ...records[cards[9]!.id]!.memory!,
            lastReview: now.toISOString(),
            due: '2026-05-01T10:00:00.000Z',
          },
        },
      };
      expect(q(cards, answered, settings).review.map((c) => c.front)).toEqual([
        'en/a 8',
        'en/a 7',
        'en/a 6',
        'en/a 5',
        'en/a 4',
      ]);
    });

    it('asks for nothing before the week, on the exam day, or without the exam date', () => {
      expect(q(cards, records, settings, new Date('2026-03-06T12:00:00Z')).review).toEqual([]);
      // The first day of the week (7 days left): 10 cards over 7 days, 2 today.
      expect(q(cards, records, settings, new Date('2026-03-07T12:00:00Z')).review).toHaveLength(2);
      expect(q(cards, records, settings, new Date('2026-03-14T12:00:00Z')).review).toEqual([]);
      expect(
        q(cards, records, { ...DEFAULT_QUEUE, plan: { deck: 'en', newPerDay: 5 } }).review,
      ).toEqual([]);
      // Reviewed since the week began: done.
      const recent = Object.fromEntries(
        cards.map((c, i) => {
          const r = studied(c.deck, i);
          return [c.id, { ...r, memory: { ...r.memory!, lastReview: '2026-03-08T10:00:00.000Z' } }];
        }),
      );
      expect(q(cards, recent, settings).review).toEqual([]);
      // First studied after the week began: seen recently enough.
      const late = Object.fromEntries(
        cards.map((c, i) => [
          c.id,
          { ...studied(c.deck, i), introduced: '2026-03-08T10:00:00.000Z' },
        ]),
      );
      expect(q(cards, late, settings).review).toEqual([]);
    });

    it('keeps to the daily review limit, the weakest first when the day’s share does not fit', () => {
      expect(
        q(cards, records, { ...settings, reviewsPerDay: 2 }).review.map((c) => c.front),
      ).toEqual(['en/a 0', 'en/a 1']);
    });

    it('under the plan’s time budget fills the day up to it, the weakest first', () => {
      // 3 answers a day, a tenth kept for relearning: room for 2 of the 6 shared out today,
      // the two weakest, since the day's share does not fit.
      const budget = { ...settings, plan: { ...plan, examWeekPerDay: 3 } };
      expect(q(cards, records, budget).review.map((c) => c.front)).toEqual(['en/a 0', 'en/a 1']);
      // One of the plan's cards answered today takes one of the two.
      const answered = {
        ...records,
        [cards[5]!.id]: {
          ...records[cards[5]!.id]!,
          lastAnswer: now.toISOString(),
          memory: { ...records[cards[5]!.id]!.memory!, lastReview: now.toISOString() },
        },
      };
      expect(q(cards, answered, budget).review.map((c) => c.front)).toEqual(['en/a 0']);
    });
  });
});
