import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULER } from '../../src/model/settings.js';
import {
  answerPace,
  DEFAULT_SECONDS_PER_ANSWER,
  fitBudget,
  peakMinutes,
} from '../../src/plan/budget.js';
import { type PlanCard, type PlanInput, simulatePlan } from '../../src/plan/simulate.js';
import { daysBetween } from '../../src/schedule/day.js';
import { createScheduler, Rating } from '../../src/schedule/fsrs.js';
import type { ReviewEvent } from '../../src/store/events.js';

const day = { timeZone: 'Asia/Tokyo', rolloverHour: 4 };
const scheduler = createScheduler({ ...DEFAULT_SCHEDULER, fuzz: false }, day);
const now = new Date('2026-03-02T01:00:00Z'); // 10:00 in Tokyo, study day 2026-03-02
const DOMAINS = ['troubleshooting', 'architecture', 'networking', 'workloads', 'storage'];

/** 60 cards: 40 new, 20 studied a few days ago (some due today, some later). */
function deck(): PlanCard[] {
  const cards: PlanCard[] = [];
  for (let i = 0; i < 20; i++) {
    const at = new Date(now.getTime() - (3 + (i % 5)) * 86_400_000);
    let memory = scheduler.answer(null, at, Rating.Good);
    memory = scheduler.answer(memory, new Date(at.getTime() + 600_000), Rating.Good);
    cards.push({ id: `old${i}`, domain: DOMAINS[i % 5], memory });
  }
  for (let i = 0; i < 40; i++) cards.push({ id: `new${i}`, domain: DOMAINS[i % 5], memory: null });
  return cards;
}

/** Twenty cards studied weeks ago, none due before mid-March; scheduled without steps. */
function studiedLongAgo() {
  return Array.from({ length: 20 }, (_, i) => {
    const at = new Date(now.getTime() - (30 + i) * 86_400_000);
    let memory = scheduler.answer(null, at, Rating.Easy);
    memory = scheduler.answer(memory, new Date(Date.parse(memory.due)), Rating.Easy);
    return { id: `s${i}`, domain: 'storage', memory } satisfies PlanCard;
  });
}
const noSteps = { ...DEFAULT_SCHEDULER, learningSteps: [], relearningSteps: [] };

const base = (exam: string, over: Partial<PlanInput> = {}): PlanInput => ({
  cards: deck(),
  now,
  exam,
  day,
  settings: DEFAULT_SCHEDULER,
  secondsPerAnswer: 10,
  leadDays: 7,
  seed: 42,
  ...over,
});

describe('simulatePlan', () => {
  const plan = simulatePlan(base('2026-03-30'));

  it('runs one entry per day from today to the day before the exam', () => {
    expect(plan.today).toBe('2026-03-02');
    expect(plan.daysLeft).toBe(28);
    expect(plan.days).toHaveLength(28);
    expect(plan.days[0]!.date).toBe('2026-03-02');
    expect(plan.days.at(-1)!.date).toBe('2026-03-29');
  });

  it('introduces every new card before the cut-off, at the computed rate', () => {
    // 28 days, 7 before the exam kept free: 21 days for 40 cards.
    expect(plan.newPerDay).toBe(2);
    expect(plan.lastNewDay).toBe('2026-03-22');
    expect(plan.days.reduce((n, d) => n + d.new, 0)).toBe(40);
    expect(plan.uncovered.cards).toBe(0);
    for (const d of plan.days) {
      expect(d.new).toBeLessThanOrEqual(plan.newPerDay);
      if (daysBetween(d.date, plan.exam) < 7) expect(d.new).toBe(0);
    }
  });

  it('adds up the workload: minutes are the answers at the stated pace', () => {
    const reviews = plan.days.reduce((n, d) => n + d.reviews, 0);
    const minutes = plan.days.reduce((n, d) => n + d.minutes, 0);
    // Every studied card due within the plan is reviewed at least once, every new card answered once.
    expect(reviews).toBeGreaterThanOrEqual(20);
    // Each new card's learning steps take at least one answer, each answer 10 s.
    expect(minutes).toBeGreaterThanOrEqual(((reviews + 40) * 10) / 60 - 0.5);
    for (const d of plan.days) {
      expect(d.minutes).toBeGreaterThanOrEqual(((d.new + d.reviews) * 10) / 60 - 0.05);
    }
    // Pinned: the seeded run gives exactly these sums.
    expect({
      reviews,
      minutes: Math.round(minutes),
      examWeek: plan.examWeek,
    }).toMatchInlineSnapshot(`
      {
        "examWeek": 34,
        "minutes": 49,
        "reviews": 201,
      }
    `);
  });

  it('predicts recall within bounds, overall and for every domain', () => {
    expect(Object.keys(plan.recall.domains)).toEqual(DOMAINS);
    for (const r of [plan.recall.overall, ...Object.values(plan.recall.domains)]) {
      expect(r).toBeGreaterThan(0.8);
      expect(r).toBeLessThanOrEqual(1);
    }
    // Studying beats not studying: idle, the new cards count zero.
    expect(plan.recallIfIdle.overall).toBeLessThan(0.4);
    expect(plan.recall.overall).toBeGreaterThan(plan.recallIfIdle.overall);
  });

  it('gives the same plan for the same inputs and seed', () => {
    expect(simulatePlan(base('2026-03-30'))).toEqual(plan);
  });

  const examIn = (n: number) =>
    new Date(Date.parse('2026-03-02') + n * 86_400_000).toISOString().slice(0, 10);

  it('a later exam leaves the plan up to the earlier cut-off as it was', () => {
    // Each card has its own random stream: extra days add answers, they never change earlier ones.
    const longest = simulatePlan(base(examIn(60), { newPerDay: 2 }));
    for (let n = 8; n < 60; n += 3) {
      const plan = simulatePlan(base(examIn(n), { newPerDay: 2 }));
      expect(plan.days.slice(0, n - 7)).toEqual(longest.days.slice(0, n - 7));
    }
  });

  it('predicts strictly more recall for every extra day that covers more cards', () => {
    // One new card a day: every runway from 8 to 47 days covers one more of the 40.
    let previous = -1;
    for (let n = 8; n <= 47; n++) {
      const plan = simulatePlan(base(examIn(n), { newPerDay: 1 }));
      expect(plan.uncovered.cards).toBe(47 - n);
      expect(plan.recall.overall).toBeGreaterThan(previous);
      previous = plan.recall.overall;
    }
  });

  it('a longer runway never lowers predicted recall', () => {
    // The mean of four runs, as the plan command gives it; a runway twice as long each
    // time, with the rate the plan chooses and with a fixed one. Without the exam week
    // this deck read 0.953 at 16 days and 0.947 at 60 (100 seeds): docs/plan.md.
    for (const over of [{}, { newPerDay: 2 }]) {
      let previous = 0;
      for (const n of [8, 16, 32, 60]) {
        const plan = simulatePlan(base(examIn(n), { ...over, runs: 4 }));
        expect(plan.recall.overall).toBeGreaterThanOrEqual(previous);
        previous = plan.recall.overall;
      }
      expect(previous).toBeGreaterThan(0.98);
    }
  });

  it('keeps a covered deck between the desired retention and 1, rising with the runway', () => {
    // From day to day the figure moves by chance (and by the chosen rate's rounding:
    // 2 new cards a day at 46 days, 1 at 47), by at most a few tenths of a point.
    let best = 0;
    for (let n = 8; n <= 60; n++) {
      const plan = simulatePlan(base(examIn(n), { runs: 4 }));
      expect(plan.uncovered.cards).toBe(0);
      expect(plan.recall.overall).toBeGreaterThan(0.95);
      expect(plan.recall.overall).toBeLessThan(1);
      expect(plan.recall.overall).toBeGreaterThanOrEqual(best - 0.004);
      best = Math.max(best, plan.recall.overall);
    }
    expect(best).toBeGreaterThan(0.985);
  });

  it('gives every studied card one review in the exam week, spread over its days', () => {
    // Twenty cards studied weeks ago, none due before the exam: only the exam week reviews them.
    const studied = studiedLongAgo();
    const settings = noSteps;
    for (const c of studied)
      expect(Date.parse(c.memory.due)).toBeGreaterThan(Date.parse('2026-03-14'));
    const plan = simulatePlan(base('2026-03-12', { cards: studied, settings }));
    // 10 days, the last 7 the exam week: 20 cards over 7 days, 3 a day, nothing before.
    expect(plan.days.map((d) => d.reviews)).toEqual([0, 0, 0, 3, 3, 3, 3, 3, 3, 2]);
    expect(plan.examWeek).toBe(20);
    // Each card meets the exam at most a week after a review.
    expect(plan.recall.overall).toBeGreaterThan(plan.recallIfIdle.overall);
  });

  it('leaves out what a fixed rate does not reach before the cut-off', () => {
    const slow = simulatePlan(base('2026-03-30', { newPerDay: 1 }));
    expect(slow.days.reduce((n, d) => n + d.new, 0)).toBe(21);
    expect(slow.uncovered.cards).toBe(19);
    expect(Object.values(slow.uncovered.domains).reduce((a, b) => a + b, 0)).toBe(19);
    expect(slow.recall.overall).toBeLessThan(plan.recall.overall);
  });

  it('introduces everything today when the exam is closer than the lead time', () => {
    const close = simulatePlan(base('2026-03-05'));
    expect(close.days[0]!.new).toBe(40);
    expect(close.notes[0]).toMatch(/every new card is introduced today/);
  });

  it('refuses an exam that is not after today', () => {
    expect(() => simulatePlan(base('2026-03-02'))).toThrow(/not after today/);
  });
});

describe('the plan keeps to the daily queue', () => {
  const fresh = (id: string, deck: string, familyId = id): PlanCard => ({
    id,
    deck,
    familyId,
    domain: 'networking',
    memory: null,
  });

  it('holds reviews beyond the daily limit for the next day, most overdue first', () => {
    // No learning steps: every answer after the first day is a review, and the limit counts them all.
    const settings = { ...DEFAULT_SCHEDULER, learningSteps: [], relearningSteps: [] };
    const studied = deck().slice(0, 20);
    const free = simulatePlan(base('2026-03-30', { cards: studied, settings }));
    const capped = simulatePlan(base('2026-03-30', { cards: studied, settings, reviewsPerDay: 4 }));
    expect(free.days[0]!.reviews).toBe(20);
    // The backlog of 20 takes five days at 4 a day.
    expect(capped.days.slice(0, 5).map((d) => d.reviews)).toEqual([4, 4, 4, 4, 4]);
    for (const d of capped.days) expect(d.reviews).toBeLessThanOrEqual(4);
    expect(capped.recall).not.toEqual(free.recall);
  });

  it('introduces siblings on different days, and keeps a deck’s own new-card limit', () => {
    const cards = [
      fresh('a1', 'en/x', 'a'),
      fresh('a2', 'en/x', 'a'),
      fresh('b', 'en/x'),
      fresh('y1', 'en/y'),
      fresh('y2', 'en/y'),
      fresh('y3', 'en/y'),
    ];
    const plan = simulatePlan(
      base('2026-03-30', { cards, newPerDay: 3, deckLimits: { 'en/y': { newPerDay: 1 } } }),
    );
    // Day 1: a1, b, y1 (a2 waits for its sibling, y2 for en/y's limit); then a2, y2; then y3.
    expect(plan.days.slice(0, 4).map((d) => d.new)).toEqual([3, 2, 1, 0]);
  });

  it('raises the rate it chooses when siblings would leave cards out', () => {
    // Six single cards, then a note of three: in three days at the plain 3 a day, the
    // note's cards come one a day from the third day, and two miss the cut-off.
    const cards = [
      ...['s1', 's2', 's3', 's4', 's5', 's6'].map((id) => fresh(id, 'en/x')),
      ...['n1', 'n2', 'n3'].map((id) => fresh(id, 'en/x', 'note')),
    ];
    const exam = '2026-03-12'; // 10 days, 7 kept free: new cards on 3 days
    expect(simulatePlan(base(exam, { cards, newPerDay: 3 })).uncovered.cards).toBe(2);
    // At 7 a day the note starts on the first day; a review of one of its cards can
    // still hold the next back a day (as the queue buries it), as in this seeded run.
    const chosen = simulatePlan(base(exam, { cards }));
    expect(chosen.newPerDay).toBe(7);
    expect(chosen.days[0]!.new).toBe(7);
    expect(chosen.uncovered.cards).toBeLessThan(2);
  });

  it('schedules each card with its own deck’s settings', () => {
    const cards = deck();
    const at = (desiredRetention: number) =>
      simulatePlan(
        base('2026-03-30', {
          cards: cards.map((c) => ({ ...c, settings: { ...DEFAULT_SCHEDULER, desiredRetention } })),
        }),
      );
    const strict = at(0.95);
    const loose = at(0.8);
    const total = (p: typeof strict) => p.days.reduce((n, d) => n + d.reviews, 0);
    expect(total(strict)).toBeGreaterThan(total(loose));
    expect(strict.recall.overall).toBeGreaterThan(loose.recall.overall);
    // The plan's own settings are only the default for cards without their own.
    expect(
      simulatePlan(
        base('2026-03-30', {
          settings: { ...DEFAULT_SCHEDULER, desiredRetention: 0.8 },
          cards: cards.map((c) => ({
            ...c,
            settings: { ...DEFAULT_SCHEDULER, desiredRetention: 0.95 },
          })),
        }),
      ),
    ).toEqual(strict);
  });
});

describe('fitBudget', () => {
  const input = base('2026-03-30');

  it('keeps the full plan when it fits', () => {
    const result = fitBudget(input, 600);
    expect(result.ok && result.plan.uncovered.cards).toBe(0);
  });

  it('lowers the new cards per day to fit the busiest day and reports the rest', () => {
    const full = simulatePlan(input);
    const least = simulatePlan({ ...input, newPerDay: 1 });
    const peak = (plan: typeof full) => peakMinutes(plan, { backlog: false }).minutes;
    const budget = (peak(least) + peak(full)) / 2;
    expect(budget).toBeLessThan(peak(full));
    const result = fitBudget(input, budget);
    if (!result.ok) throw new Error('expected a plan');
    expect(result.plan.newPerDay).toBeLessThan(full.newPerDay);
    expect(peak(result.plan)).toBeLessThanOrEqual(budget);
    expect(result.plan.uncovered.cards).toBeGreaterThan(0);
  });

  it('leaves today’s backlog of overdue reviews out of the daily budget', () => {
    const full = simulatePlan(input);
    // The deck's 20 studied cards are all overdue or due today: today is the busiest day.
    expect(full.overdue).toBeGreaterThan(0);
    expect(peakMinutes(full).date).toBe('2026-03-02');
    const budget = Math.ceil(peakMinutes(full, { backlog: false }).minutes);
    expect(budget).toBeLessThan(peakMinutes(full).minutes);
    const result = fitBudget(input, budget);
    expect(result.ok && result.plan.uncovered.cards).toBe(0);
  });

  it('keeps the exam week within the budget, leaving out the strongest cards when it must', () => {
    // Only the exam week has work: 20 cards over 7 days, 3 a day (half a minute at 10 s).
    const week = base('2026-03-12', { cards: studiedLongAgo(), settings: noSteps });
    const full = simulatePlan(week);
    expect(full.examWeek).toBe(20);
    // 0.4 minutes: 2 answers a day, 1 of them for the exam week (a tenth is kept for relearning).
    const result = fitBudget(week, 0.4);
    if (!result.ok) throw new Error('expected a plan');
    for (const d of result.plan.days) expect(d.minutes).toBeLessThanOrEqual(0.4);
    // At most one a day (fewer on a day a card falls due anyway); the rest go without.
    expect(result.plan.examWeek).toBeGreaterThan(0);
    expect(result.plan.examWeek).toBeLessThanOrEqual(7);
    expect(result.plan.examWeekMissed).toBe(20 - result.plan.examWeek);
    expect(result.plan.recall.overall).toBeLessThan(full.recall.overall);
    expect(result.plan.recall.overall).toBeGreaterThan(result.plan.recallIfIdle.overall);
  });

  it('calls a budget impossible when not even one new card a day fits', () => {
    const result = fitBudget(input, 1);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.needed).toBeGreaterThan(1);
  });
});

describe('answerPace', () => {
  const answer = (i: number, ms: number) =>
    ({ type: 'answer', at: `2026-03-01T00:00:${String(i).padStart(2, '0')}Z`, ms }) as ReviewEvent;

  it('uses the default until the log has enough answers', () => {
    expect(answerPace([answer(1, 4000)])).toEqual({
      seconds: DEFAULT_SECONDS_PER_ANSWER,
      source: 'default',
      answers: 1,
    });
  });

  it('takes the median of the answers, long pauses capped', () => {
    const events = Array.from({ length: 21 }, (_, i) => answer(i, i === 0 ? 3_600_000 : 6000));
    expect(answerPace(events)).toEqual({ seconds: 6, source: 'log', answers: 21 });
  });
});
