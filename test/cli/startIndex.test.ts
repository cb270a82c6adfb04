import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDecks, generateLog } from '../../scripts/gen-scale.js';
import { decksKey, saveStartIndex, usableStartIndex } from '../../src/cli/startIndex.js';
import { filesWithErrors } from '../../src/deck/collection.js';
import { listDeckFiles, parseDeckFiles } from '../../src/deck/load.js';
import { deckSettingsOf } from '../../src/deck/registry.js';
import { DEFAULT_SETTINGS } from '../../src/model/settings.js';
import { deckScheduling } from '../../src/schedule/perDeck.js';
import { createStudy, type Study } from '../../src/session/study.js';
import { readStartIndex, START_INDEX_FILE } from '../../src/store/startIndex.js';
import { openStore, type Store } from '../../src/store/store.js';
import { deckRows } from '../../src/ui/homeView.js';

const day = { timeZone: 'UTC', rolloverHour: 4 };
const settings = { ...DEFAULT_SETTINGS, fuzz: false, timeZone: 'UTC' };
// The generated log ends before this day; the tests run on it and the next.
const end = new Date('2026-11-02T00:00:00Z');

let root: string;
let decksDir: string;
let dataDir: string;

beforeEach(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'kioku-index-'));
  decksDir = path.join(root, 'decks');
  dataDir = path.join(root, 'data');
  generateDecks(decksDir, 6, 30);
  const { cards } = await parseDeckFiles(await listDeckFiles({ root: decksDir }));
  generateLog(dataDir, cards, 1200, end);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Everything read from disk, as a start without the index does. */
async function fullLoad(now: Date) {
  const files = await listDeckFiles({ root: decksDir });
  const decks = await parseDeckFiles(files);
  const store = await openStore({
    dir: dataDir,
    replay: () => {
      const { schedulerFor } = deckScheduling(settings, deckSettingsOf(decks), day);
      return (m, at, r, deck) => schedulerFor(deck).answer(m, at, r);
    },
  });
  const study = createStudy({
    decks,
    store,
    settings,
    deckSettings: deckSettingsOf(decks),
    day,
    relink: false,
    now,
  });
  const problems = [...filesWithErrors(decks.diagnostics)];
  const key = decksKey('test', files, 'decks', 'UTC');
  return { study, store, key, problems };
}

async function save(
  loaded: { study: Study; store: Store; key: ReturnType<typeof decksKey> },
  now: Date,
) {
  await saveStartIndex({ dataDir, ...loaded, problems: [], now });
}

/** The index a start at `now` would paint from, or null when it must load everything. */
async function indexAt(now: Date) {
  const files = await listDeckFiles({ root: decksDir });
  return usableStartIndex(dataDir, decksKey('test', files, 'decks', 'UTC'), now);
}

/** The first frame's rows must equal the rows of a full load at the same instant. */
async function expectIndexMatchesFullLoad(now: Date) {
  const index = await indexAt(now);
  expect(index).not.toBeNull();
  const again = await fullLoad(now);
  try {
    expect(index!.rows).toEqual(deckRows(again.study, now, new Set()));
    expect(index!.studiedToday).toBe(again.study.studiedToday(now));
  } finally {
    await again.store.close();
  }
}

describe('start-up index', () => {
  it('matches the full load after answers, undo, a day rollover and a changed deck', async () => {
    const t0 = new Date('2026-11-02T09:00:00Z');
    let loaded = await fullLoad(t0);
    await save(loaded, t0);
    await loaded.store.close();
    await expectIndexMatchesFullLoad(t0);

    // Answers: the log grows, so the index is stale until the session saves a new one.
    loaded = await fullLoad(t0);
    const t1 = new Date('2026-11-02T09:05:00Z');
    const queue = loaded.study.queue(t1);
    const cards = [...queue.review, ...queue.fresh].slice(0, 6);
    expect(cards.length).toBe(6);
    for (const [i, card] of cards.entries()) {
      loaded.study.answer(card, loaded.study.memory(card), i % 2 ? 3 : 1, 1000, t1);
    }
    await loaded.store.flush();
    expect(await indexAt(t1)).toBeNull();
    await save(loaded, t1);
    await loaded.store.close();
    await expectIndexMatchesFullLoad(t1);

    // Undo.
    loaded = await fullLoad(t1);
    loaded.study.answer(cards[0]!, loaded.study.memory(cards[0]!), 4, 1000, t1);
    loaded.study.undo(t1);
    await loaded.store.flush();
    expect(await indexAt(t1)).toBeNull();
    await save(loaded, t1);
    await loaded.store.close();
    await expectIndexMatchesFullLoad(t1);

    // A new study day: the counts of yesterday no longer hold.
    const index = readStartIndex(dataDir)!;
    const t2 = new Date('2026-11-03T05:00:00Z');
    expect(index.validUntil).toBeLessThanOrEqual(Date.parse('2026-11-03T04:00:00Z'));
    expect(await indexAt(t2)).toBeNull();
    loaded = await fullLoad(t2);
    await save(loaded, t2);
    await loaded.store.close();
    await expectIndexMatchesFullLoad(t2);

    // A deck file edited: a card added at the top of the first deck.
    const deck = path.join(decksDir, 'topic-00', 'deck-000.md');
    const text = readFileSync(deck, 'utf8').replace(
      '## Section 0',
      '## Section 0\n\nQ: Added?\nA: Yes\n',
    );
    writeFileSync(deck, text);
    expect(await indexAt(t2)).toBeNull();
    loaded = await fullLoad(t2);
    await save(loaded, t2);
    await loaded.store.close();
    await expectIndexMatchesFullLoad(t2);
  });

  it('is stale when the log changed behind it, and is not written from a store that missed lines', async () => {
    const t0 = new Date('2026-11-02T09:00:00Z');
    const loaded = await fullLoad(t0);
    await save(loaded, t0);
    expect(await indexAt(t0)).not.toBeNull();
    // Another device's answer arrives (a git pull): the log on disk has a line the store lacks.
    const log = path.join(dataDir, 'reviews.jsonl');
    const last = readFileSync(log, 'utf8').trimEnd().split('\n').at(-1)!;
    const event = JSON.parse(last);
    appendFileSync(
      log,
      `${JSON.stringify({ ...event, id: `${event.id}x`, at: t0.toISOString() })}\n`,
    );
    expect(await indexAt(t0)).toBeNull();
    await save(loaded, t0);
    expect(readStartIndex(dataDir)).toBeNull();
    await loaded.store.close();
  });

  it('rejects an index from another program, another zone, or a damaged file', async () => {
    const t0 = new Date('2026-11-02T09:00:00Z');
    const loaded = await fullLoad(t0);
    await save(loaded, t0);
    await loaded.store.close();
    const files = await listDeckFiles({ root: decksDir });
    expect(usableStartIndex(dataDir, decksKey('test', files, 'decks', 'UTC'), t0)).not.toBeNull();
    expect(usableStartIndex(dataDir, decksKey('other', files, 'decks', 'UTC'), t0)).toBeNull();
    expect(
      usableStartIndex(dataDir, decksKey('test', files, 'decks', 'Asia/Tokyo'), t0),
    ).toBeNull();
    // Before the day it was counted for (a clock set back).
    expect(await indexAt(new Date('2026-11-01T09:00:00Z'))).toBeNull();
    writeFileSync(path.join(dataDir, START_INDEX_FILE), '{"format":1,"rows":[{"name":');
    expect(await indexAt(t0)).toBeNull();
  });
});
