import { afterEach, describe, expect, it } from 'vitest';
import { Rating } from '../../src/schedule/fsrs.js';
import { cramCards } from '../../src/session/cram.js';
import { foldEvents } from '../../src/store/events.js';
import { readLogEvents } from '../../src/store/store.js';
import { seededRandom, shuffle } from '../../src/util/random.js';
import { makeStudy } from '../helpers/study.js';

const DECK = [
  '---\nlang: en\ntags: [cka]\n---',
  ...Array.from({ length: 8 }, (_, i) => `Q: card ${i}? ${i % 2 ? '#odd' : ''}\nA: ${i}\n`),
].join('\n');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});
const now = new Date('2026-03-10T12:00:00Z');

describe('cram', () => {
  it('leaves every schedule untouched, in the state and in a rebuild from the log', async () => {
    const made = await makeStudy({ 'en/d': DECK }, { now });
    cleanups.push(made.cleanup);
    const { study, store } = made;
    const cards = study.decks.cards;
    study.answer(cards[0]!, null, Rating.Good, 1, now);
    study.answer(cards[1]!, null, Rating.Easy, 1, now);
    const before = structuredClone(store.cards);
    const queueBefore = study.queue(now);

    const later = new Date(now.getTime() + 3_600_000);
    for (const card of cards) {
      for (const rating of [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const) {
        study.cram(card, rating, 1000, later);
      }
    }
    expect(store.cards).toEqual(before);
    expect(study.queue(now)).toEqual(queueBefore);
    expect(foldEvents(readLogEvents(store.dir))).toEqual(before);
    const crams = readLogEvents(store.dir).filter((e) => e.type === 'answer' && e.cram);
    expect(crams).toHaveLength(32);
  });

  it('takes the deck and tag, leaves out suspended cards, and shuffles repeatably', async () => {
    const made = await makeStudy(
      { 'en/d': DECK, 'en/e': '---\nlang: en\n---\nQ: other\nA: x\n' },
      { now },
    );
    cleanups.push(made.cleanup);
    const { study } = made;
    study.suspend(study.decks.cards[1]!, true, now);
    const odd = cramCards(
      study.decks.cards,
      study.records,
      { deck: 'en/d', tag: '#odd' },
      seededRandom(7),
    );
    expect(odd.map((c) => c.front).sort()).toEqual(['card 3?', 'card 5?', 'card 7?']);
    expect(
      cramCards(study.decks.cards, study.records, { tag: 'cka' }, seededRandom(1)),
    ).toHaveLength(7);
    expect(cramCards(study.decks.cards, study.records, {}, seededRandom(3))).toEqual(
      cramCards(study.decks.cards, study.records, {}, seededRandom(3)),
    );
    expect(shuffle([1, 2, 3, 4, 5], seededRandom(9)).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
