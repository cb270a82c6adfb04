import type { Line, Segment, Style } from './markdown/types.js';
import { ink, type Theme } from './theme.js';

/** Colour of each rendered-Markdown style in a theme; undefined: the terminal's own. */
export function styleColor(style: Style, theme: Theme, cloze: boolean): string | undefined {
  switch (style) {
    case 'strong':
      return cloze ? ink(theme.cloze) : undefined;
    case 'code':
    case 'tok.string':
      return ink(theme.success);
    case 'link':
    case 'heading':
    case 'tok.key':
    case 'tok.command':
      return ink(theme.accent);
    case 'quote':
    case 'muted':
    case 'tok.comment':
    case 'tableBorder':
    case 'bullet':
    case 'tok.punct':
      return ink(theme.muted);
    case 'cloze':
      return ink(theme.cloze);
    case 'tok.number':
    case 'tok.keyword':
    case 'tok.variable':
      return ink(theme.warning);
    case 'tok.flag':
      return ink(theme.rating.easy);
    case 'good':
      return ink(theme.success);
    case 'bad':
      return ink(theme.error);
    case 'heat1':
    case 'heat2':
      return ink(theme.heat.low);
    case 'heat3':
    case 'heat4':
      return ink(theme.heat.high);
    case 'accent':
      return ink(theme.accent);
    case 'warning':
      return ink(theme.warning);
    case 'countNew':
      return ink(theme.count.new);
    case 'countLearning':
      return ink(theme.count.learning);
    case 'countReview':
      return ink(theme.count.review);
    default:
      return undefined;
  }
}

export function isBold(segment: Segment): boolean {
  return segment.bold === true || segment.style === 'heading' || segment.style === 'cloze';
}

/** Ink's colour names as SGR codes, for lines written without Ink (the first paint). */
const SGR: Readonly<Record<string, number>> = {
  black: 30,
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  white: 37,
  gray: 90,
  grey: 90,
  redBright: 91,
  greenBright: 92,
  yellowBright: 93,
  blueBright: 94,
  magentaBright: 95,
  cyanBright: 96,
  whiteBright: 97,
};

/** A line as terminal text with SGR colours, the way Ink would draw it. */
export function lineToAnsi(line: Line, theme: Theme): string {
  return line
    .map((segment) => {
      const codes: number[] = [];
      const color = styleColor(segment.style, theme, false);
      if (color && SGR[color] !== undefined) codes.push(SGR[color]!);
      if (isBold(segment)) codes.push(1);
      if (segment.italic) codes.push(3);
      if (segment.inverse) codes.push(7);
      return codes.length > 0 ? `\u001B[${codes.join(';')}m${segment.text}\u001B[0m` : segment.text;
    })
    .join('');
}
