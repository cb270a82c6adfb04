// The card, the domain's central value: what a deck's Markdown becomes and what
// every other part (queue, session, store, statistics) talks about.

export type CardKind = 'basic' | 'reversible' | 'typed' | 'cloze';

/** One piece of a cloze note: literal Markdown, or a deletion. */
export type ClozeSegment =
  | { readonly type: 'text'; readonly text: string }
  | {
      readonly type: 'deletion';
      /** `c1`… for Anki-style numbered groups; otherwise a key unique in the note. */
      readonly group: string;
      readonly answer: string;
      readonly hint?: string;
    };

export interface Card {
  /** Stable identity: survives moves between files, back edits and reformatting. */
  readonly id: string;
  /** Shared by the cards of one note (cloze siblings, both sides of a reversible card). */
  readonly familyId: string;
  readonly kind: CardKind;
  /** Deck name: the file's path under the decks directory, without `.md`. */
  readonly deck: string;
  readonly file: string;
  /** 1-based line of the card's marker. */
  readonly line: number;
  /** Heading path above the card, outermost first. */
  readonly headings: readonly string[];
  readonly tags: readonly string[];
  /** Markdown shown as the question (for cloze: the note with this card's deletions masked). */
  readonly front: string;
  /** Markdown shown after the reveal. */
  readonly back: string;
  /** Typed-answer cards: what the user must type. */
  readonly expected?: string;
  /** Reversible cards: which side is asked. */
  readonly direction?: 'forward' | 'reverse';
  /** Cloze cards: the whole note and the group this card hides. */
  readonly cloze?: { readonly segments: readonly ClozeSegment[]; readonly group: string };
  /** Normalised text the identity was derived from; used to re-link edited cards. */
  readonly identityText: string;
  /** Which card of its note this is (`forward`, a cloze group…); empty for single cards. */
  readonly identityKey: string;
}

/** What the daily queue needs of a card: no text, so it can be cached cheaply. */
export interface QueueCard {
  readonly id: string;
  readonly familyId: string;
  readonly deck: string;
}
