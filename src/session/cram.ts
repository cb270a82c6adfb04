import { inDeck } from '../deck/tree.js';
import type { Card } from '../model/card.js';
import type { CardRecord } from '../model/record.js';
import { shuffle } from '../util/random.js';

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
