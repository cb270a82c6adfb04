import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Rating } from '../../src/schedule/fsrs.js';
import { type AnswerEvent, foldEvents } from '../../src/store/events.js';
import { DataLockedError } from '../../src/store/lock.js';
import {
  LOCK_FILE,
  LOG_FILE,
  openStore,
  readLogEvents,
  STATE_FILE,
  type Store,
} from '../../src/store/store.js';
import { answerEvent, testScheduler } from '../helpers/events.js';

const scheduler = testScheduler;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kioku-store-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function answer(card: string, at: string, id = `${at}-${card}`): AnswerEvent {
  return answerEvent({ id, card, at });
}

/** Appends through the store's one entry point: the store gives the id. */
function add(store: Store, event: AnswerEvent): AnswerEvent {
  const { v: _v, id: _id, at, type: _type, ...payload } = event;
  return store.append('answer', payload, new Date(at));
}

describe('store', () => {
  it('makes an answer durable in the log before the state file is written', async () => {
    const store = await openStore({ dir });
    add(store, answer('a', '2026-03-02T10:00:00.000Z'));
    // The log line is on disk at once; the state may lag.
    const log = readFileSync(path.join(dir, LOG_FILE), 'utf8');
    expect(log.trim().split('\n')).toHaveLength(1);
    await store.close();
    const state = JSON.parse(readFileSync(path.join(dir, STATE_FILE), 'utf8'));
    expect(Object.keys(state.cards)).toEqual(['a']);
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('catches the state up from the log tail when the state file lags', async () => {
    const store = await openStore({ dir });
    add(store, answer('a', '2026-03-02T10:00:00.000Z'));
    await store.close();
    // As if the program died after the fsynced append but before the state write.
    appendFileSync(
      path.join(dir, LOG_FILE),
      `${JSON.stringify(answer('b', '2026-03-02T10:01:00.000Z'))}\n`,
    );
    const reopened = await openStore({ dir });
    expect(Object.keys(reopened.cards).sort()).toEqual(['a', 'b']);
    expect(reopened.warnings).toEqual([]);
    await reopened.close();
  });

  it('keeps a corrupt state file aside and rebuilds from the log', async () => {
    const store = await openStore({ dir });
    add(store, answer('a', '2026-03-02T10:00:00.000Z'));
    await store.close();
    writeFileSync(path.join(dir, STATE_FILE), '{"format": 1, "cards": {"a": ');
    const reopened = await openStore({ dir });
    expect(Object.keys(reopened.cards)).toEqual(['a']);
    expect(reopened.warnings[0]).toMatch(/could not be read .* kept as state\.json\.corrupt-/);
    const aside = readdirSync(dir).filter((f) => f.startsWith(`${STATE_FILE}.corrupt-`));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(dir, aside[0]!), 'utf8')).toBe('{"format": 1, "cards": {"a": ');
    await reopened.close();
  });

  it('skips a torn last log line with a warning, keeps it, and appends after it safely', async () => {
    const store = await openStore({ dir });
    add(store, answer('a', '2026-03-02T10:00:00.000Z'));
    await store.close();
    const torn = JSON.stringify(answer('b', '2026-03-02T10:01:00.000Z')).slice(0, 40);
    appendFileSync(path.join(dir, LOG_FILE), torn);
    const reopened = await openStore({ dir });
    expect(Object.keys(reopened.cards)).toEqual(['a']);
    expect(reopened.warnings.join('\n')).toMatch(/last line .* incomplete/);
    add(reopened, answer('c', '2026-03-02T10:02:00.000Z'));
    await reopened.close();
    const lines = readFileSync(path.join(dir, LOG_FILE), 'utf8').split('\n');
    expect(lines[1]).toBe(torn); // never truncated away
    expect(JSON.parse(lines[2]!).card).toBe('c');
    expect(Object.keys(foldEvents(readLogEvents(dir))).sort()).toEqual(['a', 'c']);
  });

  it('rebuilds the same state from the log as it kept incrementally', async () => {
    const store = await openStore({ dir });
    for (let i = 0; i < 20; i++) {
      add(store, answer(`c${i % 7}`, new Date(Date.UTC(2026, 2, 2, 10, i)).toISOString()));
    }
    await store.close();
    const state = JSON.parse(readFileSync(path.join(dir, STATE_FILE), 'utf8'));
    expect(foldEvents(readLogEvents(dir))).toEqual(state.cards);
  });

  it('refuses a second writer with a clear message naming the pid', async () => {
    const store = await openStore({ dir, displayDir: 'data/' });
    await expect(
      (async () => {
        // Same process pretends to be another: write a foreign live pid into the lock.
        writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid }));
        await openStore({ dir, displayDir: 'data/' });
      })(),
    ).rejects.toThrow(new DataLockedError('data/', process.ppid).message);
    await store.close();
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 12345 }));
    const store = await openStore({ dir });
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await store.close();
  });
});

describe('store: repeated lines', () => {
  it('applies a line pasted twice at the end of the log once, as a full replay does', async () => {
    const first = await openStore({ dir });
    add(first, answer('a', '2026-03-02T10:00:00.000Z'));
    await first.close();
    const lines = readFileSync(path.join(dir, LOG_FILE), 'utf8');
    appendFileSync(path.join(dir, LOG_FILE), lines);
    const store = await openStore({ dir });
    expect(store.cards.a!.memory!.reps).toBe(1);
    expect((await store.rebuild()).differing).toEqual([]);
    await store.close();
  });
});

describe('replaying merged answers', () => {
  it('makes its replay from the deck registry saved with the state', async () => {
    const registry = {
      version: 1 as const,
      root: '/decks',
      decks: [
        {
          name: 'en/a',
          file: '/decks/en/a.md',
          size: 1,
          mtimeMs: 1,
          scheduling: { relearningSteps: ['30m'] },
          cards: [],
        },
      ],
    };
    const first = await openStore({ dir });
    first.saveDeckRegistry(registry);
    add(first, answer('c1', '2026-01-05T10:00:00.000Z'));
    await first.close();
    const seen: unknown[] = [];
    const again = await openStore({
      dir,
      replay: (decks) => {
        seen.push(decks);
        return (m, at, r) => scheduler.answer(m, at, r);
      },
    });
    // At start-up, and again for a rebuild.
    await again.rebuild();
    await again.close();
    expect(seen).toEqual([registry, registry]);
  });
});

describe('a log changed while the store is open', () => {
  const logPath = () => path.join(dir, LOG_FILE);
  const ids = () =>
    readFileSync(logPath(), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).id as string);

  it('appends to the file a git pull put in its place, and folds in its answers', async () => {
    const store = await openStore({ dir });
    const a1 = add(store, answer('a', '2026-03-02T10:00:00.000Z'));
    // git writes the merged file anew and renames it over the old one.
    const merged = `${readFileSync(logPath(), 'utf8')}${JSON.stringify(answer('b', '2026-03-02T09:00:00.000Z', 'b1'))}\n`;
    writeFileSync(`${logPath()}.new`, merged);
    renameSync(`${logPath()}.new`, logPath());
    const c1 = add(store, answer('c', '2026-03-02T11:00:00.000Z'));
    expect(ids()).toEqual([a1.id, 'b1', c1.id]);
    expect(Object.keys(store.cards).sort()).toEqual(['a', 'b', 'c']);
    expect(store.warnings.join('\n')).toMatch(/changed while kioku ran/);
    await store.close();

    const again = await openStore({ dir });
    expect(again.replayedAtOpen).toBe(false);
    expect((await again.rebuild()).differing).toEqual([]);
    await again.close();
  });

  it('lands the next answer on the memory another device’s merged answer left, as a rebuild does', async () => {
    const store = await openStore({
      dir,
      replay: () => (m, at, r) => scheduler.answer(m, at, r),
    });
    const mine = add(store, answer('a', '2026-03-02T10:00:00.000Z'));
    // The other device answered the same card earlier; git writes the merged log anew.
    const theirs = answer('a', '2026-03-02T09:00:00.000Z', 'b1');
    writeFileSync(`${logPath()}.new`, `${JSON.stringify(theirs)}\n${JSON.stringify(mine)}\n`);
    renameSync(`${logPath()}.new`, logPath());
    // This device answers again, computed on what it had before the pull.
    const at = new Date('2026-03-02T11:00:00.000Z');
    add(store, {
      ...answer('a', at.toISOString()),
      before: mine.after,
      after: scheduler.answer(mine.after, at, Rating.Good),
    });
    expect(store.cards.a!.memory!.reps).toBe(3);
    const incremental = structuredClone(store.cards);
    expect((await store.rebuild()).differing).toEqual([]);
    expect(store.cards).toEqual(incremental);
    await store.close();
  });

  it('folds in lines appended by someone else, and keeps a torn end apart', async () => {
    const store = await openStore({ dir });
    add(store, answer('a', '2026-03-02T10:00:00.000Z'));
    appendFileSync(
      logPath(),
      `${JSON.stringify(answer('b', '2026-03-02T10:30:00.000Z', 'b1'))}\n{"v":1,"id":"tor`,
    );
    const c1 = add(store, answer('c', '2026-03-02T11:00:00.000Z'));
    expect(Object.keys(store.cards).sort()).toEqual(['a', 'b', 'c']);
    const lines = readFileSync(logPath(), 'utf8').split('\n');
    expect(lines.at(-3)).toBe('{"v":1,"id":"tor');
    expect(JSON.parse(lines.at(-2)!).id).toBe(c1.id);
    await store.close();
    const again = await openStore({ dir });
    expect((await again.rebuild()).differing).toEqual([]);
    await again.close();
  });

  it('keeps the cards and starts a new log when the log is deleted', async () => {
    const store = await openStore({ dir });
    add(store, answer('a', '2026-03-02T10:00:00.000Z'));
    rmSync(logPath());
    const b1 = add(store, answer('b', '2026-03-02T11:00:00.000Z'));
    expect(ids()).toEqual([b1.id]);
    expect(Object.keys(store.cards).sort()).toEqual(['a', 'b']);
    expect(store.warnings.join('\n')).toMatch(/was removed while kioku ran/);
    await store.close();
    const again = await openStore({ dir });
    expect(Object.keys(again.cards).sort()).toEqual(['a', 'b']);
    await again.close();
  });
});
