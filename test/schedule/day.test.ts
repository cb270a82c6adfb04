import { describe, expect, it } from 'vitest';
import {
  fromSchedulerTime,
  studyDay,
  studyDayEnd,
  studyDayStart,
  toSchedulerTime,
  utcOffsetMinutes,
} from '../../src/schedule/day.js';

const tokyo = { timeZone: 'Asia/Tokyo', rolloverHour: 4 };
const newYork = { timeZone: 'America/New_York', rolloverHour: 4 };
const utc = { timeZone: 'UTC', rolloverHour: 4 };

describe('study day', () => {
  it('rolls over at 04:00 Tokyo time, not at 09:00 (UTC midnight)', () => {
    // 03:59 and 04:01 JST on 2026-03-02 are 18:59 and 19:01 UTC on 03-01.
    expect(studyDay(new Date('2026-03-01T18:59:00Z'), tokyo)).toBe('2026-03-01');
    expect(studyDay(new Date('2026-03-01T19:01:00Z'), tokyo)).toBe('2026-03-02');
    // 08:30 and 09:30 JST are the same study day (ts-fsrs alone would split them).
    expect(studyDay(new Date('2026-03-01T23:30:00Z'), tokyo)).toBe(
      studyDay(new Date('2026-03-02T00:30:00Z'), tokyo),
    );
  });

  it('ends the Tokyo day at 04:00 JST the next morning', () => {
    expect(studyDayEnd(new Date('2026-03-02T01:00:00Z'), tokyo).toISOString()).toBe(
      '2026-03-02T19:00:00.000Z',
    );
    expect(studyDayStart(new Date('2026-03-02T01:00:00Z'), tokyo).toISOString()).toBe(
      '2026-03-01T19:00:00.000Z',
    );
  });

  it('rolls over at 04:00 UTC in UTC', () => {
    expect(studyDay(new Date('2026-03-02T03:59:00Z'), utc)).toBe('2026-03-01');
    expect(studyDay(new Date('2026-03-02T04:00:00Z'), utc)).toBe('2026-03-02');
    expect(studyDayEnd(new Date('2026-03-02T12:00:00Z'), utc).toISOString()).toBe(
      '2026-03-03T04:00:00.000Z',
    );
  });

  it('follows New York across the spring DST change (EST → EDT on 2026-03-08)', () => {
    expect(utcOffsetMinutes(new Date('2026-03-07T12:00:00Z'), 'America/New_York')).toBe(-300);
    expect(utcOffsetMinutes(new Date('2026-03-09T12:00:00Z'), 'America/New_York')).toBe(-240);
    // 04:00 EST on 03-07 is 09:00 UTC; 04:00 EDT on 03-09 is 08:00 UTC.
    expect(studyDay(new Date('2026-03-07T08:59:00Z'), newYork)).toBe('2026-03-06');
    expect(studyDay(new Date('2026-03-07T09:00:00Z'), newYork)).toBe('2026-03-07');
    expect(studyDay(new Date('2026-03-09T07:59:00Z'), newYork)).toBe('2026-03-08');
    expect(studyDay(new Date('2026-03-09T08:00:00Z'), newYork)).toBe('2026-03-09');
    // The day of the change itself starts at 04:00 EDT (the clocks jumped at 02:00).
    expect(studyDayEnd(new Date('2026-03-08T12:00:00Z'), newYork).toISOString()).toBe(
      '2026-03-09T08:00:00.000Z',
    );
    expect(studyDayStart(new Date('2026-03-08T12:00:00Z'), newYork).toISOString()).toBe(
      '2026-03-08T08:00:00.000Z',
    );
  });

  it('follows New York across the autumn DST change (EDT → EST on 2026-11-01)', () => {
    expect(studyDayEnd(new Date('2026-10-31T20:00:00Z'), newYork).toISOString()).toBe(
      '2026-11-01T09:00:00.000Z',
    );
    expect(studyDay(new Date('2026-11-01T08:30:00Z'), newYork)).toBe('2026-10-31');
    expect(studyDay(new Date('2026-11-01T09:00:00Z'), newYork)).toBe('2026-11-01');
  });

  it('converts to scheduler time and back without drift', () => {
    for (const iso of ['2026-03-08T06:30:00Z', '2026-03-08T07:30:00Z', '2026-07-01T12:00:00Z']) {
      for (const cfg of [tokyo, newYork, utc]) {
        const real = new Date(iso);
        expect(fromSchedulerTime(toSchedulerTime(real, cfg), cfg).toISOString()).toBe(
          real.toISOString(),
        );
      }
    }
  });
});
