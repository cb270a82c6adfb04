/** What a piece of rendered text means; the UI maps each style to a colour. */
export type Style =
  | 'text'
  | 'strong'
  | 'em'
  | 'code'
  | 'link'
  | 'heading'
  | 'quote'
  | 'bullet'
  | 'muted'
  | 'cloze'
  | 'tableBorder'
  | 'tok.keyword'
  | 'tok.string'
  | 'tok.number'
  | 'tok.comment'
  | 'tok.key'
  | 'tok.punct'
  | 'tok.variable'
  | 'tok.command'
  | 'tok.flag'
  // Not from Markdown: the typed-answer diff and the statistics charts.
  | 'good'
  | 'bad'
  | 'heat1'
  | 'heat2'
  | 'heat3'
  | 'heat4'
  // Screens drawn as lines (the deck list).
  | 'accent'
  | 'warning'
  | 'countNew'
  | 'countLearning'
  | 'countReview';

/**
 * A run of text in one style. `bold` marks strong content (and so a revealed
 * cloze deletion) whatever the style, e.g. a code span inside `**…**`;
 * `italic` marks emphasis. Both are absent rather than false.
 */
export interface Segment {
  readonly text: string;
  readonly style: Style;
  readonly bold?: boolean;
  readonly italic?: boolean;
  /** Reverse video: the selection marker when there is no colour. */
  readonly inverse?: boolean;
}

/** One terminal row: printed as is, never wider than the width it was rendered for. */
export type Line = readonly Segment[];
