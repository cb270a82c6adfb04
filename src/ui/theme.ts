/**
 * Semantic colours: screens ask for `theme.rating.again`, never for `red`, so a
 * theme (or NO_COLOR) changes them in one place. Ratings are also told apart by
 * label and position, never by colour alone.
 */
export interface Theme {
  readonly color: boolean;
  readonly accent: string;
  readonly muted: string;
  readonly border: string;
  readonly error: string;
  readonly warning: string;
  readonly success: string;
  readonly cloze: string;
  readonly rating: {
    readonly again: string;
    readonly hard: string;
    readonly good: string;
    readonly easy: string;
  };
  readonly count: { readonly new: string; readonly learning: string; readonly review: string };
  /** Chart intensity; the characters (░▒▓█) carry it too, for NO_COLOR. */
  readonly heat: { readonly low: string; readonly high: string };
}

export const defaultTheme: Theme = {
  color: true,
  accent: 'cyan',
  muted: 'gray',
  border: 'gray',
  error: 'red',
  warning: 'yellow',
  success: 'green',
  cloze: 'cyan',
  rating: { again: 'red', hard: 'yellow', good: 'green', easy: 'blue' },
  count: { new: 'blue', learning: 'red', review: 'green' },
  heat: { low: 'green', high: 'greenBright' },
};

/** Ink treats an undefined colour as "no colour", so NO_COLOR maps every token to it. */
export const monochromeTheme: Theme = {
  color: false,
  accent: '',
  muted: '',
  border: '',
  error: '',
  warning: '',
  success: '',
  cloze: '',
  rating: { again: '', hard: '', good: '', easy: '' },
  count: { new: '', learning: '', review: '' },
  heat: { low: '', high: '' },
};

/** Ink's `color` prop: undefined when the theme has no colour for it. */
export function ink(colour: string): string | undefined {
  return colour === '' ? undefined : colour;
}
