import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Rating, State } from '../../src/schedule/fsrs.js';
import { StaleAnswerError } from '../../src/session/study.js';
import { foldEvents } from '../../src/store/events.js';
import { LOG_FILE, readLogEvents, STATE_FILE } from '../../src/store/store.js';
import { makeStudy } from '../helpers/study.js';

const DECK = `---
lang: en
---
Q: one
A: 1

Q: two
A: 2

Q: three
A: 3
`;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(options: Parameters<typeof makeStudy>[1]) {
  const made = await makeStudy({ d: DECK }, options);
  cleanups.push(made.cleanup);
  const cards = made.study.decks.cards;
  return { ...made, cards };
}

const t0 = new Date('2026-03-10T12:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe('study service', () => {
  it('undoes several answers in reverse order, restoring each card as it was', async () => {
    const { study, cards, store } = await setup({ now: t0 });
    const [a, b] = cards;
    study.answer(a!, null, Rating.Good, 1000, t0);
    const afterFirst = structuredClone(store.cards[a!.id]);
    study.answer(a!, study.memory(a!), Rating.Again, 1000, later(1));
    study.answer(b!, null, Rating.Easy, 1000, later(2));
    expect(study.undoDepth).toBe(3);

    expect(study.undo(later(3))).toMatchObject({ card: b, action: 'answer' });
    expect(store.cards[b!.id]).toBeUndefined(); // new again
    expect(study.undo(later(4))).toMatchObject({ card: a, action: 'answer' });
    expect(store.cards[a!.id]).toEqual(afterFirst);
    expect(study.undo(later(5))).toMatchObject({ card: a });
    expect(store.cards[a!.id]).toBeUndefined();
    expect(study.undo(later(6))).toBeNull();
    expect(study.queue(later(6)).fresh).toHaveLength(3);
  });

  it('refuses an answer for a card whose state changed since it was shown', async () => {
    const { study, cards } = await setup({ now: t0 });
    const seen = study.memory(cards[0]!);
    study.answer(cards[0]!, seen, Rating.Good, 1000, t0);
    expect(() => study.answer(cards[0]!, seen, Rating.Good, 1000, later(1))).toThrow(
      StaleAnswerError,
    );
  });

  it('tags and suspends a leech on its eighth lapse, and says so once', async () => {
    const { study, cards, store } = await setup({ now: t0, settings: { leechThreshold: 3 } });
    const card = cards[0]!;
    let at = t0;
    const leeches: boolean[] = [];
    // Graduate, then fail it repeatedly after each relearning step.
    study.answer(card, null, Rating.Easy, 1, at);
    for (let lapse = 0; lapse < 3; lapse++) {
      at = new Date(Date.parse(store.cards[card.id]!.memory!.due) + 1000);
      leeches.push(study.answer(card, study.memory(card), Rating.Again, 1, at).leech);
      if (lapse < 2) {
        at = new Date(Date.parse(store.cards[card.id]!.memory!.due) + 1000);
        study.answer(card, study.memory(card), Rating.Good, 1, at);
      }
    }
    expect(leeches).toEqual([false, false, true]);
    expect(store.cards[card.id]).toMatchObject({ leech: true, suspended: true });
    expect(store.cards[card.id]!.memory!.lapses).toBe(3);
    expect(study.queue(at).learning).toEqual([]);
    study.suspend(card, false, at);
    expect(store.cards[card.id]).toMatchObject({ leech: false, suspended: false });
  });

  it('buries until the next study day and suspends until unsuspended', async () => {
    const { study, cards } = await setup({ now: t0 });
    study.bury(cards[0]!, t0);
    study.suspend(cards[1]!, true, t0);
    expect(study.queue(t0).fresh).toEqual([cards[2]]);
    const tomorrow = new Date('2026-03-11T04:30:00Z');
    expect(study.queue(tomorrow).fresh).toEqual([cards[0], cards[2]]);
    study.undo(t0); // the suspend
    expect(study.queue(t0).fresh).toEqual([cards[1], cards[2]]);
  });

  it('resets a card to new', async () => {
    const { study, cards, store } = await setup({ now: t0 });
    study.answer(cards[0]!, null, Rating.Easy, 1, t0);
    expect(store.cards[cards[0]!.id]!.memory!.state).toBe(State.Review);
    study.reset(cards[0]!, later(1));
    expect(store.cards[cards[0]!.id]!.memory).toBeNull();
    expect(study.queue(later(1)).fresh).toContain(cards[0]);
  });

  it('rebuilds from the log exactly the state it kept incrementally', async () => {
    const { study, cards, store, dir } = await setup({ now: t0 });
    let at = t0;
    for (let i = 0; i < 30; i++) {
      const card = cards[i % 3]!;
      at = later(i * 7);
      const action = i % 6;
      if (action === 4) study.bury(card, at);
      else if (action === 5 && i % 12 === 5) study.undo(at);
      else study.answer(card, study.memory(card), ((i % 4) + 1) as 1 | 2 | 3 | 4, 500, at);
    }
    await store.flush();
    const state = JSON.parse(readFileSync(path.join(dir, STATE_FILE), 'utf8'));
    expect(foldEvents(readLogEvents(dir))).toEqual(state.cards);
    const result = await store.rebuild();
    expect(result.differing).toEqual([]);
    expect(result.cards).toBe(3);
  });
});

describe('two devices', () => {
  it('joins two logs by a union merge into one consistent state, whatever the line order', async () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'kioku-merge-'));
    cleanups.push(async () => rmSync(base, { recursive: true, force: true }));
    const laptop = path.join(base, 'laptop');
    const desktop = path.join(base, 'desktop');
    mkdirSync(laptop);
    mkdirSync(desktop);

    // Shared history, then each device answers on its own.
    const first = await makeStudy({ d: DECK }, { now: t0, dir: laptop });
    first.study.answer(first.study.decks.cards[0]!, null, Rating.Good, 1, t0);
    await first.cleanup();
    copyFileSync(path.join(laptop, LOG_FILE), path.join(desktop, LOG_FILE));

    const onLaptop = await makeStudy({ d: DECK }, { now: later(20), dir: laptop });
    const c = onLaptop.study.decks.cards;
    onLaptop.study.answer(c[0]!, onLaptop.study.memory(c[0]!), Rating.Good, 1, later(20));
    onLaptop.study.answer(c[1]!, null, Rating.Easy, 1, later(21));
    await onLaptop.cleanup();

    const onDesktop = await makeStudy({ d: DECK }, { now: later(30), dir: desktop });
    const d = onDesktop.study.decks.cards;
    onDesktop.study.answer(d[0]!, onDesktop.study.memory(d[0]!), Rating.Again, 1, later(30));
    onDesktop.study.answer(d[2]!, null, Rating.Hard, 1, later(31));
    await onDesktop.cleanup();

    // git's union merge keeps the common prefix, then both sides' new lines.
    const lines = (dir: string) =>
      readFileSync(path.join(dir, LOG_FILE), 'utf8').trim().split('\n');
    const common = lines(laptop).slice(0, 1);
    const merged = [...common, ...lines(laptop).slice(1), ...lines(desktop).slice(1)];
    const mergedOtherWay = [...common, ...lines(desktop).slice(1), ...lines(laptop).slice(1)];

    const states = [];
    for (const [name, content] of [
      ['a', merged],
      ['b', mergedOtherWay],
    ] as const) {
      const dir = path.join(base, name);
      mkdirSync(dir);
      writeFileSync(path.join(dir, LOG_FILE), `${content.join('\n')}\n`);
      const opened = await makeStudy({ d: DECK }, { now: later(60), dir });
      states.push(structuredClone(opened.store.cards));
      expect((await opened.store.rebuild()).differing).toEqual([]);
      await opened.cleanup();
    }
    expect(states[0]).toEqual(states[1]);
    const card0 = states[0]![d[0]!.id]!;
    // Every answer counts: the desktop's Again lands on the laptop's later review.
    expect(card0.memory!.reps).toBe(3);
    expect(card0.memory!.state).toBe(State.Relearning);
    expect(Object.keys(states[0]!)).toHaveLength(3);
  });
});

describe('two devices, a deck with its own steps', () => {
  it('replays a merged answer with the deck’s scheduling, not the global one', async () => {
    const own = `---\nlang: en\nscheduling:\n  relearningSteps: ["30m"]\n---\nQ: a\nA: 1\n`;
    const base = mkdtempSync(path.join(os.tmpdir(), 'kioku-merge-'));
    cleanups.push(async () => rmSync(base, { recursive: true, force: true }));
    const [laptop, desktop, merged] = ['laptop', 'desktop', 'merged'].map((n) => {
      const dir = path.join(base, n);
      mkdirSync(dir);
      return dir;
    }) as [string, string, string];

    // Shared: the card learnt and in review. Then each device answers it once.
    const first = await makeStudy({ own }, { now: t0, dir: laptop });
    const card = first.study.decks.cards[0]!;
    first.study.answer(card, null, Rating.Easy, 1, t0);
    await first.cleanup();
    copyFileSync(path.join(laptop, LOG_FILE), path.join(desktop, LOG_FILE));
    const inThreeWeeks = new Date(t0.getTime() + 21 * 86_400_000);
    for (const [dir, rating, at] of [
      [laptop, Rating.Good, inThreeWeeks],
      [desktop, Rating.Again, new Date(inThreeWeeks.getTime() + 60_000)],
    ] as const) {
      const device = await makeStudy({ own }, { now: at, dir });
      device.study.answer(card, device.study.memory(card), rating, 1, at);
      await device.cleanup();
    }

    const lines = (dir: string) =>
      readFileSync(path.join(dir, LOG_FILE), 'utf8').trim().split('\n');
    writeFileSync(
      path.join(merged, LOG_FILE),
      `${[...lines(laptop), ...lines(desktop).slice(1)].join('\n')}\n`,
    );
    const opened = await makeStudy({ own }, { now: inThreeWeeks, dir: merged });
    cleanups.push(opened.cleanup);
    const memory = opened.store.cards[card.id]!.memory!;
    // The desktop's Again, replayed on the laptop's Good, relearns for the deck's 30 minutes.
    expect(memory.state).toBe(State.Relearning);
    expect(memory.reps).toBe(3);
    expect(new Date(memory.due).getTime() - (inThreeWeeks.getTime() + 60_000)).toBe(30 * 60_000);
    expect((await opened.store.rebuild()).differing).toEqual([]);
  });
});

describe('per-deck settings', () => {
  it('takes a deck’s scheduling front matter over the global settings', async () => {
    const own = `---\nlang: en\nscheduling:\n  newPerDay: 1\n  learningSteps: ["5m"]\n---\nQ: a\nA: 1\n\nQ: b\nA: 2\n`;
    const made = await makeStudy({ own, other: DECK }, { now: t0 });
    cleanups.push(made.cleanup);
    const queue = made.study.queue(t0);
    expect(queue.fresh.filter((c) => c.deck === 'own')).toHaveLength(1);
    expect(queue.fresh.filter((c) => c.deck === 'other')).toHaveLength(3);
    const ownCard = queue.fresh.find((c) => c.deck === 'own')!;
    const otherCard = queue.fresh.find((c) => c.deck === 'other')!;
    expect(made.study.preview(ownCard, t0)[0]!.label).toBe('5m');
    expect(made.study.preview(otherCard, t0)[0]!.label).toBe('1m');
  });
});
