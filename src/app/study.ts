import type { DeckSet } from '../deck/collection.js';
import { cardMeta, findRelinks, type Orphan } from '../deck/relink.js';
import type { Card } from '../deck/types.js';
import type { DayConfig } from '../schedule/day.js';
import type { Grade, Memory, Outcome, Scheduler } from '../schedule/fsrs.js';
import { buildQueue, type DailyQueue, type QueueSettings } from '../schedule/queue.js';
import type { Store } from '../store/store.js';

/**
 * The study service the UI talks to: today's queue, previews and answers.
 * Time is always passed in; the store is the only thing it changes.
 */
export interface Study {
  readonly decks: DeckSet;
  readonly orphans: readonly Orphan[];
  /** Cards whose edited front was matched to their old history at start-up. */
  readonly relinked: number;
  queue(now: Date, deck?: string): DailyQueue;
  memory(card: Card): Memory | null;
  preview(card: Card, now: Date): readonly Outcome[];
  /**
   * Records an answer. `seen` is the memory the answer was given for: if the
   * card changed meanwhile (another answer, an undo) the answer is refused.
   */
  answer(card: Card, seen: Memory | null, rating: Grade, ms: number, now: Date): Memory;
}

export class StaleAnswerError extends Error {
  constructor(readonly cardId: string) {
    super('this card was changed since it was shown; its answer was not recorded');
    this.name = 'StaleAnswerError';
  }
}

export interface StudyOptions {
  readonly decks: DeckSet;
  readonly store: Store;
  readonly scheduler: Scheduler;
  readonly day: DayConfig;
  readonly limits: QueueSettings;
  /** Re-link edited cards to their history now (needs a writable store). */
  readonly relink: boolean;
  readonly now: Date;
}

export function createStudy(options: StudyOptions): Study {
  const { decks, store, scheduler, day, limits } = options;
  const found = findRelinks(decks.cards, store.cards);
  if (options.relink) {
    for (const r of found.relinks) {
      const at = options.now;
      store.append({
        v: 1,
        id: store.newEventId(at),
        at: at.toISOString(),
        type: 'relink',
        from: r.from,
        to: r.to,
      });
    }
  }

  return {
    decks,
    orphans: found.orphans,
    relinked: options.relink ? found.relinks.length : 0,
    queue(now, deck) {
      const cards = deck ? decks.cards.filter((c) => inDeck(c.deck, deck)) : decks.cards;
      return buildQueue({ cards, records: store.cards, now, day, settings: limits });
    },
    memory(card) {
      return store.cards[card.id]?.memory ?? null;
    },
    preview(card, now) {
      return scheduler.preview(store.cards[card.id]?.memory ?? null, now);
    },
    answer(card, seen, rating, ms, now) {
      const before = store.cards[card.id]?.memory ?? null;
      if (before !== seen && JSON.stringify(before) !== JSON.stringify(seen)) {
        throw new StaleAnswerError(card.id);
      }
      const after = scheduler.answer(before, now, rating);
      store.append({
        v: 1,
        id: store.newEventId(now),
        at: now.toISOString(),
        type: 'answer',
        card: card.id,
        ...cardMeta(card),
        rating,
        ms: Math.max(0, Math.round(ms)),
        before,
        after,
      });
      return after;
    },
  };
}

/** `ja` contains `ja/architecture`; a deck name contains itself. */
export function inDeck(cardDeck: string, selected: string): boolean {
  return cardDeck === selected || cardDeck.startsWith(`${selected}/`);
}
