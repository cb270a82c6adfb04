import { deckChain } from '../deck/tree.js';
import type { QueueCard } from '../model/card.js';
import { studyDayEnd } from './day.js';
import { State } from './fsrs.js';
import { buildQueue, type QueueInput, queueCounts } from './queue.js';

export interface Counts {
  readonly new: number;
  readonly learning: number;
  readonly review: number;
}

/**
 * The counts a review of each row would start with (a deck, a folder, or '' for
 * everything): the same numbers as `buildQueue` over the row's cards, since that
 * is what each row gets, but each card is looked at once per row it belongs to
 * (deck, each folder above, total) instead of once per row of the list.
 *
 * `validUntil` is the first instant at which any of these counts can change
 * without an answer or an edit: the end of the study day, or a learning step
 * entering the learn-ahead window (learning and learn-ahead cards count
 * together, so nothing else inside the day moves a number). Pure.
 */
export function treeCounts<C extends QueueCard>(
  input: Omit<QueueInput<C>, 'now'>,
  now: Date,
  rows: readonly string[],
): { counts: Map<string, Counts>; validUntil: number } {
  const wanted = new Set(rows);
  // Cards of each wanted row, in the order of `input.cards` (new cards keep deck order).
  const members = new Map<string, C[]>();
  for (const row of wanted) members.set(row, []);
  const rowsOfDeck = new Map<string, C[][]>();
  for (const card of input.cards) {
    let lists = rowsOfDeck.get(card.deck);
    if (!lists) {
      lists = [...deckChain(card.deck), '']
        .filter((r) => wanted.has(r))
        .map((r) => members.get(r)!);
      rowsOfDeck.set(card.deck, lists);
    }
    for (const list of lists) list.push(card);
  }
  const counts = new Map<string, Counts>();
  for (const [row, cards] of members) {
    counts.set(row, queueCounts(buildQueue({ ...input, cards, now })));
  }
  return { counts, validUntil: countsValidUntil(input, now) };
}

/** See `treeCounts`. Pure. */
export function countsValidUntil(input: Omit<QueueInput, 'now' | 'cards'>, now: Date): number {
  const t = now.getTime();
  const ahead = input.settings.learnAheadMinutes * 60_000;
  let until = studyDayEnd(now, input.day).getTime();
  for (const id in input.records) {
    const memory = input.records[id]!.memory;
    if (!memory || (memory.state !== State.Learning && memory.state !== State.Relearning)) continue;
    const enters = Date.parse(memory.due) - ahead;
    if (enters > t && enters < until) until = enters;
  }
  return until;
}
