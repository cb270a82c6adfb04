import type { Card } from '../deck/types.js';
import type { CardRecord } from '../store/events.js';
import { inDeck } from './study.js';

export interface CramFilter {
  /** A deck or folder name. */
  readonly deck?: string;
  /** Cards with this tag (front-matter tags count). */
  readonly tag?: string;
}

/**
 * The cards of a cram session: every card in the deck and with the tag, due or
 * not, except suspended ones, shuffled with the given random source (passed in
 * so tests are repeatable). Pure.
 */
export function cramCards(
  cards: readonly Card[],
  records: Readonly<Record<string, CardRecord>>,
  filter: CramFilter,
  random: () => number,
): Card[] {
  const tag = filter.tag?.replace(/^#/, '').toLowerCase();
  const chosen = cards.filter(
    (c) =>
      (!filter.deck || inDeck(c.deck, filter.deck)) &&
      (!tag || c.tags.some((t) => t.toLowerCase() === tag)) &&
      records[c.id]?.suspended !== true,
  );
  return shuffle(chosen, random);
}

/** Fisher–Yates with an injected random source. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A small seeded generator (mulberry32): the same seed gives the same session. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
