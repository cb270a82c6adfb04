import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CardMeta, Memory } from '../../src/model/record.js';
import {
  foldEvents,
  type ImportedEvent,
  parseEventLine,
  type ReviewEvent,
} from '../../src/store/events.js';
import { LOG_FILE, openStore } from '../../src/store/store.js';

const meta: CardMeta & { card: string } = {
  card: 'c',
  deck: 'd',
  kind: 'basic',
  key: '',
  text: 'c',
};
const memory: Memory = {
  due: '2026-03-20T04:00:00.000Z',
  stability: 12.5,
  difficulty: 4.2,
  scheduledDays: 10,
  learningSteps: 0,
  reps: 5,
  lapses: 1,
  state: 2,
  lastReview: '2026-03-10T04:00:00.000Z',
};
const imported = (id: string, at: string, m: Memory = memory): ImportedEvent => ({
  v: 1,
  id,
  at,
  ...meta,
  type: 'imported',
  memory: m,
  source: { anki: { cid: 1, nid: 2, guid: 'g' } },
});

describe('imported and reschedule events', () => {
  it('an imported state becomes the memory; a reschedule moves only the due date', () => {
    const cards = foldEvents([
      imported('i1', '2026-03-10T04:00:00.001Z'),
      {
        v: 1,
        id: 'r1',
        at: '2026-03-11T00:00:00.000Z',
        ...meta,
        type: 'reschedule',
        due: '2026-03-15T04:00:00.000Z',
        scheduledDays: 5,
      },
    ]);
    expect(cards.c).toMatchObject({
      memory: { ...memory, due: '2026-03-15T04:00:00.000Z', scheduledDays: 5 },
      introduced: memory.lastReview,
      lastAnswer: memory.lastReview,
      source: { anki: { cid: 1, nid: 2, guid: 'g' } },
    });
  });

  it('a reschedule of a new card changes nothing; a reset after an import makes it new', () => {
    const rescheduled = foldEvents([
      {
        v: 1,
        id: 'r1',
        at: '2026-03-11T00:00:00.000Z',
        ...meta,
        type: 'reschedule',
        due: '2026-03-15T04:00:00.000Z',
        scheduledDays: 5,
      },
    ]);
    expect(rescheduled).toEqual({});
    const reset = foldEvents([
      imported('i1', '2026-03-10T04:00:00.001Z'),
      { v: 1, id: 'x', at: '2026-03-12T00:00:00.000Z', ...meta, type: 'reset' },
    ]);
    expect(reset.c?.memory).toBeNull();
  });

  it('rejects lines without a memory or with an unreadable due date', () => {
    const line = JSON.stringify(imported('i1', '2026-03-10T04:00:00.001Z'));
    expect(parseEventLine(line)?.type).toBe('imported');
    expect(parseEventLine(line.replace('"memory"', '"memo"'))).toBeNull();
    const bad = {
      v: 1,
      id: 'r',
      at: '2026-03-11T00:00:00.000Z',
      ...meta,
      type: 'reschedule',
      due: 'soon',
      scheduledDays: 5,
    };
    expect(parseEventLine(JSON.stringify(bad))).toBeNull();
  });
});

describe('Store.appendMany', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kioku-many-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every event as one line each, and the state a reopen folds is the same', async () => {
    const events: ReviewEvent[] = [
      imported('b', '2026-03-10T04:00:00.002Z', { ...memory, stability: 20 }),
      imported('a', '2026-03-10T04:00:00.001Z'),
    ];
    const store = await openStore({ dir });
    store.appendMany(events);
    expect(store.cards.c?.memory?.stability).toBe(20);
    await store.close();
    const lines = readFileSync(path.join(dir, LOG_FILE), 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).id)).toEqual(['b', 'a']);
    const again = await openStore({ dir, readOnly: true });
    expect(again.cards.c?.memory?.stability).toBe(20);
    const rebuilt = await again.rebuild();
    expect(rebuilt.differing).toEqual([]);
    await again.close();
  });
});
