// What kioku knows of a card besides its text: its FSRS memory and flags, as
// folded from the review log. Plain JSON values, shared by the store, the
// queue, the session and the statistics.
import type { State } from 'ts-fsrs';
import type { CardKind } from './card.js';

/** A card's memory state as kioku stores it: plain JSON, real (not scheduler) time. */
export interface Memory {
  readonly due: string;
  readonly stability: number;
  readonly difficulty: number;
  readonly scheduledDays: number;
  readonly learningSteps: number;
  readonly reps: number;
  readonly lapses: number;
  readonly state: State;
  readonly lastReview: string | null;
}

/** What identifies a card besides its id, so a log alone can re-link edited cards. */
export interface CardMeta {
  readonly deck: string;
  readonly kind: CardKind;
  /** `Card.identityKey`. */
  readonly key: string;
  /** `Card.identityText`, cut to 200 characters. */
  readonly text: string;
}

/** Where an imported card came from (`kioku import anki|obsidian`). */
export type ImportSource =
  | { readonly anki: { readonly cid: number; readonly nid: number; readonly guid: string } }
  | { readonly obsidian: { readonly file: string; readonly line: number } };

export interface CardRecord extends CardMeta {
  /** FSRS memory; null while the card is still new (it may be suspended or buried). */
  readonly memory: Memory | null;
  /** First answer ever (ISO): when the card stopped being new. */
  readonly introduced: string | null;
  readonly lastAnswer: string | null;
  readonly suspended: boolean;
  readonly leech: boolean;
  /** Study day (YYYY-MM-DD) the card is buried for, if any. */
  readonly buried: string | null;
  /** Where the card was imported from (set by an `imported` event). */
  readonly source?: ImportSource;
}
