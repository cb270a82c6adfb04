import { describe, expect, it } from 'vitest';
import { scrolled } from '../../src/ui/components/scroll.js';

const items = Array.from({ length: 10 }, (_, i) => i);
const more = (left: number) => -left;

describe('scrolled', () => {
  it('shows everything that fits, with no "more" row', () => {
    expect(scrolled([1, 2], 5, 3, more)).toEqual({ rows: [1, 2], top: 0, last: 0, below: 0 });
  });

  it('ends a window short of the end with a row saying how many are left', () => {
    expect(scrolled(items, 4, 0, more)).toEqual({ rows: [0, 1, 2, -7], top: 0, last: 6, below: 7 });
    expect(scrolled(items, 4, 5, more).rows).toEqual([5, 6, 7, -2]);
  });

  it('clamps past the end and before the start', () => {
    expect(scrolled(items, 4, 99, more)).toEqual({ rows: [6, 7, 8, 9], top: 6, last: 6, below: 0 });
    expect(scrolled(items, 4, -3, more).top).toBe(0);
  });

  it('without a "more" row, shows a plain window', () => {
    expect(scrolled(items, 3, 2, null).rows).toEqual([2, 3, 4]);
  });
});
