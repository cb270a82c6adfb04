import { describe, expect, it } from 'vitest';
import {
  examWeekDaysLeft,
  examWeekPicks,
  examWeekRoom,
  examWeekShare,
} from '../../src/schedule/examWeek.js';

const card = (item: string, strength: number, dueToday = false) => ({ item, strength, dueToday });

describe('the exam week', () => {
  it('is the last `lead` days before the exam, today included', () => {
    expect([8, 7, 1, 0, -1].map((d) => examWeekDaysLeft(d, 7))).toEqual([0, 7, 1, 0, 0]);
    // A lead of 0 still keeps the exam's eve.
    expect(examWeekDaysLeft(1, 0)).toBe(1);
  });

  it('shares the cards out evenly over its days, counting the reviews already given', () => {
    const week = (done: number, daysLeft: number) =>
      examWeekShare({ studied: 70, done, daysLeft, lead: 7 });
    // 70 cards over 7 days: 10 a day, whatever happened on the days before.
    expect(week(0, 7)).toBe(10);
    expect(week(10, 6)).toBe(10);
    expect(week(25, 5)).toBe(5);
    expect(week(40, 5)).toBe(0);
    // Each answer today takes one off today's share.
    expect(week(13, 6)).toBe(7);
    // The last day takes everything left.
    expect(week(52, 1)).toBe(18);
    expect(week(0, 0)).toBe(0);
  });

  it('takes the share, less the cards due anyway, the strongest first', () => {
    const waiting = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id, i) => card(id, i));
    expect(examWeekPicks(waiting, 3)).toEqual(['g', 'f', 'e']);
    expect(examWeekPicks(waiting, 0)).toEqual([]);
    const due = [card('a', 1, true), card('b', 2), card('c', 3), card('d', 4)];
    expect(examWeekPicks(due, 2)).toEqual(['d']);
    expect(examWeekPicks(due, 1)).toEqual([]);
  });

  it('under a budget takes what fits, the weakest first', () => {
    const waiting = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => card(id, i));
    expect(examWeekPicks(waiting, 6, 2)).toEqual(['a', 'b']);
    expect(examWeekPicks(waiting, 6, 0)).toEqual([]);
    // Room to spare: the share, strongest first, as without a budget.
    expect(examWeekPicks(waiting, 2, 10)).toEqual(['f', 'e']);
  });

  it('leaves a tenth of a budget for relearning steps', () => {
    expect(examWeekRoom(undefined, 50)).toBe(Number.POSITIVE_INFINITY);
    expect(examWeekRoom(100, 30)).toBe(60);
    expect(examWeekRoom(100, 95)).toBe(0);
  });
});
