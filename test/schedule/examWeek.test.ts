import { describe, expect, it } from 'vitest';
import { examWeekDaysLeft, examWeekPicks, examWeekRoom } from '../../src/schedule/examWeek.js';

const card = (item: string, strength: number, dueToday = false) => ({ item, strength, dueToday });

describe('the exam week', () => {
  it('is the last `lead` days before the exam, today included', () => {
    expect([8, 7, 1, 0, -1].map((d) => examWeekDaysLeft(d, 7))).toEqual([0, 7, 1, 0, 0]);
    // A lead of 0 still keeps the exam's eve.
    expect(examWeekDaysLeft(1, 0)).toBe(1);
  });

  it('spreads the waiting cards evenly over the days left, the strongest first', () => {
    const waiting = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id, i) => card(id, i));
    // 7 cards over 3 days: 3 today, the three strongest.
    expect(examWeekPicks(waiting, 3)).toEqual(['g', 'f', 'e']);
    // On the last day, everything left.
    expect(examWeekPicks(waiting, 1)).toHaveLength(7);
    expect(examWeekPicks(waiting, 0)).toEqual([]);
  });

  it('counts a card due anyway and the day’s reviews already given toward the share', () => {
    const waiting = [card('a', 1, true), card('b', 2), card('c', 3), card('d', 4)];
    // 4 over 2 days: 2 today; one is due anyway, so one more.
    expect(examWeekPicks(waiting, 2)).toEqual(['d']);
    // Two answered already today (6 in all over 2 days: 3 today): one more, the due one covers it.
    expect(examWeekPicks(waiting, 2, { doneToday: 2 })).toEqual([]);
  });

  it('under a budget takes what fits, the weakest first', () => {
    const waiting = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => card(id, i));
    expect(examWeekPicks(waiting, 1, { room: 2 })).toEqual(['a', 'b']);
    expect(examWeekPicks(waiting, 1, { room: 0 })).toEqual([]);
    // Room to spare: the day's share, strongest first, as without a budget.
    expect(examWeekPicks(waiting, 3, { room: 10 })).toEqual(['f', 'e']);
  });

  it('leaves a tenth of a budget for relearning steps', () => {
    expect(examWeekRoom(undefined, 50)).toBe(Number.POSITIVE_INFINITY);
    expect(examWeekRoom(100, 30)).toBe(60);
    expect(examWeekRoom(100, 95)).toBe(0);
  });
});
