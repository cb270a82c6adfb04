import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULER } from '../../src/model/settings.js';
import { createScheduler, intervalLabel, Rating, State } from '../../src/schedule/fsrs.js';

const day = { timeZone: 'Asia/Tokyo', rolloverHour: 4 };
const scheduler = createScheduler({ ...DEFAULT_SCHEDULER, fuzz: false }, day);
const now = new Date('2026-03-02T01:00:00Z'); // 10:00 in Tokyo

describe('scheduler', () => {
  it('previews the four outcomes of a new card with the default learning steps', () => {
    const labels = scheduler.preview(null, now).map((o) => o.label);
    expect(labels.slice(0, 3)).toEqual(['1m', '6m', '10m']);
    expect(labels[3]).toMatch(/^\d+d$/);
  });

  it('commits the same memory the preview showed', () => {
    const preview = scheduler.preview(null, now)[2]!;
    const committed = scheduler.answer(null, now, Rating.Good);
    expect(committed).toEqual(preview.memory);
    expect(committed.state).toBe(State.Learning);
    expect(committed.due).toBe('2026-03-02T01:10:00.000Z');
    expect(committed.lastReview).toBe(now.toISOString());
  });

  it('graduates after the last learning step to a review due on a later local day', () => {
    const first = scheduler.answer(null, now, Rating.Good);
    const tenMinutesLater = new Date(now.getTime() + 10 * 60_000);
    const second = scheduler.answer(first, tenMinutesLater, Rating.Good);
    expect(second.state).toBe(State.Review);
    expect(second.scheduledDays).toBeGreaterThanOrEqual(1);
    expect(Date.parse(second.due)).toBeGreaterThan(tenMinutesLater.getTime() + 20 * 3600_000);
  });

  it('counts elapsed days by the local study day: 08:50 and 09:10 in Tokyo are one day', () => {
    // Reviewed at 08:50 JST and again at 09:10 JST: ts-fsrs on raw UTC would see a day pass.
    const at0850 = new Date('2026-03-01T23:50:00Z');
    const at0910 = new Date('2026-03-02T00:10:00Z');
    const first = scheduler.answer(null, at0850, Rating.Easy);
    const r = scheduler.retrievability(first, at0910);
    expect(r).toBeGreaterThan(0.99);
    const viaUtc = createScheduler(
      { ...DEFAULT_SCHEDULER, fuzz: false },
      { timeZone: 'UTC', rolloverHour: 0 },
    );
    const againUtc = viaUtc.answer(viaUtc.answer(null, at0850, Rating.Easy), at0910, Rating.Good);
    const againTokyo = scheduler.answer(first, at0910, Rating.Good);
    // Same-day review: stability barely moves in Tokyo time, but UTC counts a day.
    expect(againTokyo.stability).not.toBe(againUtc.stability);
  });

  it('labels intervals like Anki', () => {
    const t = new Date('2026-01-01T00:00:00Z');
    const at = (ms: number) => new Date(t.getTime() + ms);
    expect(intervalLabel(t, at(30_000))).toBe('<1m');
    expect(intervalLabel(t, at(10 * 60_000))).toBe('10m');
    expect(intervalLabel(t, at(3 * 3600_000))).toBe('3h');
    expect(intervalLabel(t, at(4 * 86_400_000))).toBe('4d');
    expect(intervalLabel(t, at(97 * 86_400_000))).toBe('3.2mo');
    expect(intervalLabel(t, at(548 * 86_400_000))).toBe('1.5y');
  });
});
