import { describe, expect, it } from 'vitest';
import type { Memory } from '../../src/model/record.js';
import { Rating } from '../../src/schedule/fsrs.js';
import { type AnswerEvent, foldEvents, type ReviewEvent } from '../../src/store/events.js';
import {
  classifyLogName,
  deviceLogName,
  isConflictCopy,
  makeDeviceId,
} from '../../src/sync/logNames.js';
import {
  causalTime,
  foldLogs,
  futureEvents,
  futureWarning,
  MergedFold,
  mergeEvents,
  retractedIds,
  StreamFold,
} from '../../src/sync/merge.js';
import { answerEvent, testReplay, testScheduler, undoEvent } from '../helpers/events.js';

const scheduler = testScheduler;
const replay = testReplay;

function answer(
  id: string,
  card: string,
  at: string,
  before: Memory | null,
  rating: 1 | 2 | 3 | 4 = Rating.Good,
): AnswerEvent {
  return answerEvent({ id, card, at, before, rating });
}

describe('log names', () => {
  it('knows a device log from the conflict copies of every common sync tool', () => {
    expect(classifyLogName('0123456789abcdef.jsonl')).toEqual({
      kind: 'device',
      device: '0123456789abcdef',
    });
    const copies: [string, string][] = [
      ['0123456789abcdef.sync-conflict-20260310-081500-ABCDEFG.jsonl', 'Syncthing'],
      ["0123456789abcdef (Bob's conflicted copy 2026-03-10).jsonl", 'Dropbox or Nextcloud'],
      ['0123456789abcdef (conflicted copy 2026-03-10 081500).jsonl', 'Dropbox or Nextcloud'],
      ['0123456789abcdef_conflict-20260310-081500.jsonl', 'ownCloud'],
      ['0123456789abcdef 2.jsonl', 'iCloud Drive'],
      ['0123456789abcdef (1).jsonl', 'Google Drive or OneDrive'],
      ['0123456789abcdef-LAPTOP.jsonl', 'OneDrive'],
    ];
    for (const [name, tool] of copies)
      expect(classifyLogName(name), name).toEqual({ kind: 'conflict', tool });
    expect(classifyLogName('notes.txt')).toEqual({ kind: 'other' });
    expect(classifyLogName('0123456789ABCDEF.jsonl')).toEqual({ kind: 'other' });
    expect(isConflictCopy('kubectl.sync-conflict-20260310-081500-ABCDEFG.md')).toBe(true);
    expect(isConflictCopy('kubectl.md')).toBe(false);
  });

  it('makes device ids from 8 random bytes and refuses anything else as a file name', () => {
    const id = makeDeviceId(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 255]));
    expect(id).toBe('01020304050607ff');
    expect(deviceLogName(id)).toBe('01020304050607ff.jsonl');
    expect(() => deviceLogName('../evil')).toThrow(/not a device id/);
    expect(() => makeDeviceId(new Uint8Array(4))).toThrow();
  });
});

describe('merging device logs', () => {
  const a1 = answer('a1', 'x', '2026-03-10T08:00:00.000Z', null);
  const a2 = answer('a2', 'y', '2026-03-10T09:00:00.000Z', null);
  const b1 = answer('b1', 'z', '2026-03-10T08:30:00.000Z', null);

  it('is a union: any order of the logs and of their lines gives one event set and one state', () => {
    const one = mergeEvents([[a1, a2], [b1]]);
    const other = mergeEvents([[b1], [a2, a1]]);
    expect(one.events.map((e) => e.id)).toEqual(['a1', 'b1', 'a2']);
    expect(other.events).toEqual(one.events);
    expect(foldLogs([[a1, a2], [b1]], replay)).toEqual(foldLogs([[b1], [a2, a1]], replay));
  });

  it('counts an event that arrived twice (the same import on two devices) once', () => {
    const { events, duplicates } = mergeEvents([
      [a1, a2],
      [a1, b1, a2],
    ]);
    expect(events.map((e) => e.id)).toEqual(['a1', 'b1', 'a2']);
    expect(duplicates).toBe(2);
  });

  it('breaks a tie in time by id, so both devices replay the same card the same way', () => {
    const at = '2026-03-11T08:00:00.000Z';
    const onA = answer('m-a', 'x', at, a1.after, Rating.Again);
    const onB = answer('m-b', 'x', at, a1.after, Rating.Easy);
    const s1 = foldLogs([[a1, onA], [onB]], replay);
    const s2 = foldLogs([[onB], [onA, a1]], replay);
    expect(s1).toEqual(s2);
    // m-a first (by id), then m-b replayed on the memory m-a left.
    expect(s1.x!.memory!.reps).toBe(3);
    expect(s1.x!.memory).toEqual(scheduler.answer(onA.after, new Date(at), Rating.Easy));
  });

  it('keeps both answers to one card on one day from two devices, the second as a same-day review', () => {
    const onA = answer('d-a', 'x', '2026-03-11T08:00:00.000Z', a1.after);
    const onB = answer('d-b', 'x', '2026-03-11T10:00:00.000Z', a1.after);
    const cards = foldLogs([[a1, onA], [onB]], replay);
    expect(cards.x!.memory!.reps).toBe(3);
    expect(cards.x!.memory!.lastReview).toBe('2026-03-11T10:00:00.000Z');
    expect(cards.x!.lastAnswer).toBe('2026-03-11T10:00:00.000Z');
  });

  it('applies an undo as the retraction of the event it names, even with another device in between', () => {
    const onA = answer('u-a', 'x', '2026-03-11T08:00:00.000Z', a1.after, Rating.Again);
    const onB = answer('u-b', 'x', '2026-03-11T08:05:00.000Z', a1.after, Rating.Good);
    const stateBefore = foldEvents([a1]).x!;
    const takeBack = undoEvent(onA, {
      id: 'u-undo',
      at: '2026-03-11T08:10:00.000Z',
      restore: stateBefore,
    });
    const merged = foldLogs([[a1, onA, takeBack], [onB]], replay);
    // As if A had never answered: B's answer on the memory after a1, no lapse.
    expect(merged.x).toEqual(foldLogs([[a1], [onB]], replay).x);
    expect(merged.x!.memory!.lapses).toBe(0);
    expect(retractedIds([takeBack])).toEqual(new Set(['u-a']));
  });

  it('gives the same state as putting the record back when the undone event was the latest', () => {
    const later = answer('l', 'x', '2026-03-11T08:00:00.000Z', a1.after);
    const restore = foldEvents([a1]).x!;
    const log = [
      a1,
      later,
      undoEvent(later, { id: 'l-undo', at: '2026-03-11T08:01:00.000Z', restore }),
    ];
    expect(foldLogs([log], replay)).toEqual(foldEvents(log, replay));
  });

  it('feeds events one by one in replay order, skipping repeats within one time', () => {
    const fold = new MergedFold(new Set(), replay);
    for (const e of [a1, a1, b1, a2] as ReviewEvent[]) fold.add(e);
    expect(fold.applied).toBe(3);
    expect(fold.duplicates).toBe(1);
    expect(fold.lastAt).toBe(a2.at);
    expect(fold.lastIds).toEqual(['a2']);
  });
});

describe('the one-pass fold', () => {
  const a1 = answer('s1', 'x', '2026-03-10T08:00:00.000Z', null);
  const b1 = answer('s2', 'y', '2026-03-10T09:00:00.000Z', null);
  const a2 = answer('s3', 'x', '2026-03-11T08:00:00.000Z', a1.after, Rating.Again);

  it("retracts an undone event among its card's latest as MergedFold does, and gives up otherwise", () => {
    const takeBack = undoEvent(a2, { id: 's4', at: '2026-03-11T08:01:00.000Z', restore: null });
    const log = [a1, b1, a2, takeBack];
    const fold = new StreamFold(replay);
    for (const e of log) expect(fold.add(e)).toBe(true);
    expect(fold.cards).toEqual(foldLogs([log], replay));
    expect(fold.applied).toBe(2);

    // Another device's answer to x between a2 and its undo: only MergedFold is exact.
    const onB = answer('s3b', 'x', '2026-03-11T08:00:30.000Z', a1.after);
    const crossed = new StreamFold(replay);
    const results = [a1, b1, a2, onB, takeBack].map((e) => crossed.add(e));
    expect(results).toEqual([true, true, true, true, false]);
    // An undo of an event not seen (yet): the same.
    expect(new StreamFold(replay).add(takeBack)).toBe(false);
  });

  it('retracts two undone answers to one card in a row, past a cram answer', () => {
    const cram: AnswerEvent = {
      ...answer('c', 'x', '2026-03-11T08:00:10.000Z', a2.after),
      cram: true,
    };
    const log: ReviewEvent[] = [
      a1,
      a2,
      cram,
      undoEvent(a2, { id: 'u2', at: '2026-03-11T08:01:00.000Z', restore: null }),
      undoEvent(a1, { id: 'u1', at: '2026-03-11T08:02:00.000Z', restore: null }),
    ];
    const fold = new StreamFold(replay);
    for (const e of log) expect(fold.add(e)).toBe(true);
    expect(fold.cards).toEqual({});
    expect(fold.cards).toEqual(foldLogs([log], replay));
  });
});

describe('clock skew', () => {
  it('never gives a negative interval when this device runs three days behind the other', () => {
    // Device A reviewed the card on the 20th; device B's clock says the 17th.
    const onA = answer(
      's-a',
      'x',
      '2026-03-20T08:00:00.000Z',
      answer('s0', 'x', '2026-03-10T08:00:00.000Z', null).after,
    );
    const behind = new Date('2026-03-17T08:00:00.000Z');
    for (const rating of [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const) {
      const after = scheduler.answer(onA.after, behind, rating);
      expect(after.scheduledDays).toBeGreaterThanOrEqual(0);
      expect(Date.parse(after.due)).toBeGreaterThanOrEqual(behind.getTime());
    }
    for (const o of scheduler.preview(onA.after, behind))
      expect(o.memory.scheduledDays).toBeGreaterThanOrEqual(0);
    expect(scheduler.retrievability(onA.after, behind)).toBeGreaterThan(0);
  });

  it("records an answer just after the card's latest review when the clock is behind it", () => {
    const record = foldEvents([answer('c', 'x', '2026-03-20T08:00:00.000Z', null)]).x!;
    expect(causalTime(new Date('2026-03-17T08:00:00.000Z'), record).toISOString()).toBe(
      '2026-03-20T08:00:00.001Z',
    );
    expect(causalTime(new Date('2026-03-21T08:00:00.000Z'), record).toISOString()).toBe(
      '2026-03-21T08:00:00.000Z',
    );
    expect(causalTime(new Date('2026-03-17T08:00:00.000Z'), undefined).toISOString()).toBe(
      '2026-03-17T08:00:00.000Z',
    );
  });

  it("replays a three-days-behind device's log without a negative interval, the same on both sides", () => {
    const first = answer('k0', 'x', '2026-03-10T08:00:00.000Z', null);
    const onA = answer('k-a', 'x', '2026-03-20T08:00:00.000Z', first.after);
    // B studied offline with its clock three days behind, before it saw A's answer.
    const onB = answer('k-b', 'x', '2026-03-17T09:00:00.000Z', first.after, Rating.Again);
    const s1 = foldLogs([[first, onA], [onB]], replay);
    const s2 = foldLogs([[onB], [onA, first]], replay);
    expect(s1).toEqual(s2);
    expect(s1.x!.memory!.scheduledDays).toBeGreaterThanOrEqual(0);
    expect(Date.parse(s1.x!.memory!.due)).toBeGreaterThanOrEqual(
      Date.parse('2026-03-20T08:00:00.000Z'),
    );
  });

  it('flags events far in the future', () => {
    const now = new Date('2026-03-10T00:00:00.000Z');
    const soon = answer('f1', 'x', '2026-03-10T12:00:00.000Z', null);
    const far = answer('f2', 'y', '2027-01-01T00:00:00.000Z', null);
    expect(futureEvents([soon], now)).toBeNull();
    const report = futureEvents([soon, far], now)!;
    expect(report).toEqual({ count: 1, latest: '2027-01-01T00:00:00.000Z' });
    expect(futureWarning('data/log/0123456789abcdef.jsonl', report)).toBe(
      "data/log/0123456789abcdef.jsonl: 1 event is dated more than a day after this computer's clock (latest 2027-01-01T00:00:00.000Z); check the clock of the device that wrote it",
    );
  });
});
