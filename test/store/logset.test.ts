import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Memory } from '../../src/model/record.js';
import {
  type AnswerEvent,
  compareEvents,
  type ReviewEvent,
  type UndoEvent,
} from '../../src/store/events.js';
import {
  foldLogSet,
  listLogFiles,
  ownLog,
  readLogSet,
  reconcileLogSet,
} from '../../src/store/logset.js';
import { foldLogs } from '../../src/sync/merge.js';
import { answerEvent, testReplay, undoEvent } from '../helpers/events.js';

const replay = testReplay;
const now = new Date('2026-03-12T00:00:00.000Z');
const A = '00000000000000aa';
const B = '00000000000000bb';
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kioku-logset-'));
  mkdirSync(path.join(dir, 'log'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function answer(id: string, card: string, at: string, before: Memory | null = null): AnswerEvent {
  return answerEvent({ id, card, at, before });
}
const lines = (events: ReviewEvent[]) => events.map((e) => `${JSON.stringify(e)}\n`).join('');
const write = (rel: string, events: ReviewEvent[]) =>
  appendFileSync(path.join(dir, rel), lines(events));

describe('the log set', () => {
  it('reads every device file and the old reviews.jsonl as one union, skipping conflict copies and bad lines', () => {
    const a1 = answer('a1', 'x', '2026-03-10T08:00:00.000Z');
    const b1 = answer('b1', 'y', '2026-03-10T09:00:00.000Z');
    const old = answer('o1', 'z', '2026-03-01T08:00:00.000Z');
    write(`log/${A}.jsonl`, [a1]);
    appendFileSync(path.join(dir, 'log', `${A}.jsonl`), 'not json\n');
    write(`log/${B}.jsonl`, [b1, a1]); // a1 arrived here too (a copied import)
    write('reviews.jsonl', [old]);
    writeFileSync(
      path.join(dir, 'log', `${B}.sync-conflict-20260310-090000-ABCDEFG.jsonl`),
      lines([answer('c', 'c', '2026-03-10T10:00:00.000Z')]),
    );
    appendFileSync(path.join(dir, 'log', `${B}.jsonl`), '{"v":1,"id":"torn');
    const warnings: string[] = [];
    const files = listLogFiles(dir, 'data', warnings);
    expect(files.map((f) => f.rel)).toEqual(['reviews.jsonl', `log/${A}.jsonl`, `log/${B}.jsonl`]);
    const folded = foldLogSet(files, replay, warnings, 'data', now);
    expect(Object.keys(folded.cards).sort()).toEqual(['x', 'y', 'z']);
    expect(folded.events).toBe(3);
    expect(folded.duplicates).toBe(1);
    expect(warnings).toEqual([
      `data/log/${B}.sync-conflict-20260310-090000-ABCDEFG.jsonl looks like a conflict copy made by Syncthing (two machines wrote one log: a copied device id?); it was not read. If it has answers the other copy lacks, append its lines to that file and delete it`,
      `1 unreadable line(s) in data/log/${A}.jsonl skipped and kept in the file (line 2)`,
      `the last line of data/log/${B}.jsonl is incomplete (the program was stopped while writing it, or a sync tool copied it mid-write); it was skipped and left in the file`,
    ]);
    expect(readLogSet(files).map((e) => e.id)).toEqual(['o1', 'a1', 'b1']);
  });

  it('applies only what was appended when files grew, and gets what a full replay gets', () => {
    const a1 = answer('a1', 'x', '2026-03-10T08:00:00.000Z');
    write(`log/${A}.jsonl`, [a1]);
    const first = reconcileLogSet(listLogFiles(dir, 'd', []), null, replay, [], 'd', now);
    expect(first.replayed).toBe(true);
    const b1 = answer('b1', 'x', '2026-03-11T08:00:00.000Z', a1.after);
    const a2 = answer('a2', 'y', '2026-03-11T09:00:00.000Z');
    write(`log/${B}.jsonl`, [b1]);
    write(`log/${A}.jsonl`, [a2]);
    const files = listLogFiles(dir, 'd', []);
    const next = reconcileLogSet(
      files,
      { mark: first.mark, cards: structuredClone(first.cards) },
      replay,
      [],
      'd',
      now,
    );
    expect(next.replayed).toBe(false);
    expect(next.changed).toBe(true);
    expect(next.cards).toEqual(foldLogSet(files, replay, [], 'd', now).cards);
    expect(next.cards).toEqual(foldLogs([[a1, a2], [b1]], replay));
    const again = reconcileLogSet(
      files,
      { mark: next.mark, cards: next.cards },
      replay,
      [],
      'd',
      now,
    );
    expect(again).toMatchObject({ replayed: false, changed: false });
  });

  it('replays everything when an older event, an undo, or a rewritten or removed file arrives', () => {
    const a1 = answer('a1', 'x', '2026-03-10T08:00:00.000Z');
    write(`log/${A}.jsonl`, [a1]);
    const start = reconcileLogSet(listLogFiles(dir, 'd', []), null, replay, [], 'd', now);
    const saved = () => ({ mark: start.mark, cards: structuredClone(start.cards) });

    write(`log/${B}.jsonl`, [answer('b0', 'y', '2026-03-09T08:00:00.000Z')]);
    expect(
      reconcileLogSet(listLogFiles(dir, 'd', []), saved(), replay, [], 'd', now).replayed,
    ).toBe(true);
    rmSync(path.join(dir, 'log', `${B}.jsonl`));

    const takeBack: UndoEvent = {
      v: 1,
      id: 'u',
      at: '2026-03-10T08:01:00.000Z',
      type: 'undo',
      card: 'x',
      deck: 'd',
      kind: 'basic',
      key: '',
      text: 'x',
      undone: 'a1',
      restore: null,
    };
    write(`log/${A}.jsonl`, [takeBack]);
    const undone = reconcileLogSet(listLogFiles(dir, 'd', []), saved(), replay, [], 'd', now);
    expect(undone.replayed).toBe(true);
    expect(undone.cards).toEqual({});

    writeFileSync(
      path.join(dir, 'log', `${A}.jsonl`),
      lines([answer('a1', 'x', '2026-03-10T08:00:00.500Z')]),
    );
    expect(
      reconcileLogSet(listLogFiles(dir, 'd', []), saved(), replay, [], 'd', now).replayed,
    ).toBe(true);
    rmSync(path.join(dir, 'log', `${A}.jsonl`));
    expect(
      reconcileLogSet(listLogFiles(dir, 'd', []), saved(), replay, [], 'd', now),
    ).toMatchObject({ replayed: true, cards: {} });
  });

  it("flags events dated far after this computer's clock", () => {
    write(`log/${A}.jsonl`, [answer('n', 'y', '2026-03-11T00:00:00.000Z')]);
    write(`log/${B}.jsonl`, [answer('f', 'x', '2027-01-01T00:00:00.000Z')]);
    const warnings: string[] = [];
    foldLogSet(listLogFiles(dir, 'd', warnings), replay, warnings, 'd', now);
    expect(warnings).toEqual([
      `d/log/${B}.jsonl: 1 event is dated more than a day after this computer's clock (latest 2027-01-01T00:00:00.000Z); check the clock of the device that wrote it`,
    ]);
  });

  it('merges in one pass what the two-pass fold gives: undos, repeats, a file out of order', () => {
    // A small seeded generator: three devices answer and undo on ten cards. Most
    // rounds merge in one pass; an undo crossed by another device's answer to its
    // card, or a file out of order, takes the two-pass fold.
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 12; round++) {
      rmSync(path.join(dir, 'log'), { recursive: true, force: true });
      mkdirSync(path.join(dir, 'log'));
      const logs: ReviewEvent[][] = [[], [], []];
      const latest = new Map<string, Memory>();
      let t = Date.parse('2026-03-01T08:00:00.000Z');
      let previous = -1;
      for (let i = 100; i < 140; i++) {
        const device = Math.floor(random() * 3);
        const log = logs[device]!;
        const last = log[log.length - 1];
        t += Math.floor(random() * 3) * 60_000; // ties in time too
        const at = new Date(t).toISOString();
        // An undo follows its answer at once, except in every fourth round,
        // where other devices' answers (maybe to the same card) come between.
        const crossing = round % 4 === 1;
        if (last?.type === 'answer' && (crossing || device === previous) && random() < 0.3) {
          log.push(undoEvent(last, { id: `${device}-${i}`, at }));
          previous = device;
          continue;
        }
        previous = device;
        const card = `c${Math.floor(random() * 10)}`;
        const event = answer(`${device}-${i}`, card, at, latest.get(card) ?? null);
        latest.set(card, event.after);
        log.push(event);
      }
      // A line that reached two devices' files (a union merge, a copied import).
      if (logs[0]!.length > 0) logs[1] = [...logs[1]!, logs[0]![0]!].sort(compareEvents);
      if (round % 3 === 2) logs[2]!.reverse(); // out of order: the two-pass fold
      for (const [d, log] of logs.entries()) write(`log/${'0'.repeat(15)}${d}.jsonl`, log);
      const folded = foldLogSet(listLogFiles(dir, 'd', []), replay, [], 'd', now);
      expect(folded.cards, `round ${round}`).toEqual(foldLogs(logs, replay));
    }
  });

  it('appends to log/<device>.jsonl, or to reviews.jsonl without a device id', () => {
    expect(ownLog(dir, A).rel).toBe(`log/${A}.jsonl`);
    expect(ownLog(dir, null).rel).toBe('reviews.jsonl');
  });
});
