import stringWidth from 'string-width';
import type { Line, Segment, Style } from './types.js';

/** Style of a piece of inline text: one object shared by all the text it covers. */
export interface Attr {
  readonly style: Style;
  readonly bold: boolean;
  readonly italic: boolean;
}

/** Inline text ready to wrap: already neutralised, tabs and newlines turned into spaces. */
export interface Run {
  readonly text: string;
  readonly attr: Attr;
}

/** A hard line break (`<br>`, two trailing spaces). */
export const BREAK = 'break';
export type Inline = Run | typeof BREAK;

interface Cell {
  readonly g: string;
  readonly w: number;
  readonly attr: Attr;
}

const PLAIN_ASCII = /^[\x20-\x7e]*$/;
/**
 * Text made only of these BMP characters (Latin, Greek, punctuation, symbols,
 * kana, CJK ideographs, Hangul syllables, full-width forms) has one grapheme
 * per code unit: none of them combines with a neighbour, and combining marks,
 * joiners, variation selectors and surrogates are all left out. Intl.Segmenter
 * costs microseconds a character, so Japanese cards take this path.
 */
const ONE_UNIT_GRAPHEMES =
  /^[\x20-\x7e\u00a0-\u02ff\u0370-\u0377\u037a-\u037f\u0384-\u03ff\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u2100-\u214f\u2190-\u23ff\u2460-\u27bf\u3000-\u3029\u3030-\u303f\u3041-\u3096\u309b-\u30ff\u3105-\u312f\u31f0-\u31ff\u3200-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff01-\uff9d\uffe0-\uffee]*$/;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Splits text into user-perceived characters (grapheme clusters). */
export function graphemes(text: string): string[] {
  if (ONE_UNIT_GRAPHEMES.test(text)) return text.split('');
  const out: string[] = [];
  // The segmenter costs more than linear time on a long string (a megabyte line
  // took minutes): it is given pieces, cut where a new character surely starts.
  for (let start = 0; start < text.length; ) {
    const end = pieceEnd(text, start);
    for (const s of segmenter.segment(text.slice(start, end))) out.push(s.segment);
    start = end;
  }
  return out;
}

const PIECE = 256;

/** End of the piece of `text` from `start`: before an ASCII character, or a code point no cluster continues with. */
function pieceEnd(text: string, start: number): number {
  const end = start + PIECE;
  if (end >= text.length) return text.length;
  for (let cut = end; cut > start + PIECE / 2; cut--) {
    const c = text.charCodeAt(cut);
    if (c >= 0x20 && c < 0x7f && text.charCodeAt(cut - 1) !== 0x200d) return cut;
  }
  for (let cut = end; cut > start + PIECE / 2; cut--) if (startsCluster(text, cut)) return cut;
  return end;
}

function startsCluster(text: string, i: number): boolean {
  const prev = text.charCodeAt(i - 1);
  if (prev === 0x200d || (prev >= 0xd800 && prev <= 0xdbff)) return false;
  const cp = text.codePointAt(i)!;
  return !(
    (cp >= 0x300 && cp <= 0x36f) || // combining marks
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x200c && cp <= 0x200d) || // joiners
    (cp >= 0x20d0 && cp <= 0x20ff) || // combining marks for symbols (keycaps)
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    (cp >= 0xfe20 && cp <= 0xfe2f) ||
    (cp >= 0x1f1e6 && cp <= 0x1f1ff) || // regional indicators pair up into flags
    (cp >= 0x1f3fb && cp <= 0x1f3ff) || // skin tones
    (cp >= 0xe0020 && cp <= 0xe007f) || // emoji tag sequences
    (cp >= 0xdc00 && cp <= 0xdfff) ||
    cp >= 0xe0100 // variation selectors supplement
  );
}

// string-width per character is slow; decks reuse few distinct characters.
const widthCache = new Map<string, number>();
const WIDTH_CACHE_LIMIT = 10_000;

/** Terminal columns of one grapheme: 2 for CJK and emoji, 0 for lone combining marks. */
export function graphemeWidth(g: string): number {
  if (g.length === 1) {
    const c = g.charCodeAt(0);
    if (c >= 0x20 && c < 0x7f) return 1;
  }
  let w = widthCache.get(g);
  if (w === undefined) {
    w = stringWidth(g);
    if (widthCache.size >= WIDTH_CACHE_LIMIT) widthCache.clear();
    widthCache.set(g, w);
  }
  return w;
}

/** Display width of a line: the sum of string-width over its segments. */
export function lineWidth(line: Line): number {
  let w = 0;
  for (const s of line) w += PLAIN_ASCII.test(s.text) ? s.text.length : stringWidth(s.text);
  return w;
}

export function segment(text: string, style: Style, bold = false, italic = false): Segment {
  if (bold && italic) return { text, style, bold, italic };
  if (bold) return { text, style, bold };
  if (italic) return { text, style, italic };
  return { text, style };
}

function sameLook(a: Segment, b: Segment): boolean {
  return a.style === b.style && a.bold === b.bold && a.italic === b.italic;
}

/** Merges neighbouring segments that look the same and drops empty ones. */
export function normalize(line: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of line) {
    if (s.text === '') continue;
    const last = out[out.length - 1];
    if (last && sameLook(last, s)) out[out.length - 1] = { ...last, text: last.text + s.text };
    else out.push(s);
  }
  return out;
}

function cellsToLine(cells: readonly Cell[]): Segment[] {
  const out: Segment[] = [];
  let text = '';
  let attr: Attr | undefined;
  for (const c of cells) {
    if (attr === undefined) attr = c.attr;
    else if (!sameAttr(c.attr, attr)) {
      out.push(segment(text, attr.style, attr.bold, attr.italic));
      text = '';
      attr = c.attr;
    }
    text += c.g;
  }
  if (attr !== undefined && text !== '')
    out.push(segment(text, attr.style, attr.bold, attr.italic));
  return out;
}

function sameAttr(a: Attr, b: Attr): boolean {
  return a === b || (a.style === b.style && a.bold === b.bold && a.italic === b.italic);
}

// Kinsoku: characters that may not start a line, and that may not end one.
const NO_START = new Set(
  Array.from(
    '、。，．・：；？！‼⁇⁈⁉゛゜ゝゞ々〻ー〜～…‥' +
      '）」』】〕〉》〙〗〟］｝｠’”' +
      'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ' +
      ')]}.,;:!?%',
  ),
);
const NO_END = new Set(Array.from('（「『【〔〈《〘〖〝［｛｟‘“([{'));

/**
 * A line may break between two non-space characters only next to a wide
 * (CJK, emoji) character, and never against kinsoku rules.
 */
function canBreakBetween(prev: Cell, cur: Cell): boolean {
  return (prev.w === 2 || cur.w === 2) && !NO_START.has(cur.g) && !NO_END.has(prev.g);
}

/**
 * Greedy word wrap by display width. Breaks at spaces and around wide
 * characters; a word wider than `width` is broken between graphemes. Spaces at
 * the edges of wrapped lines are dropped; styles carry over the breaks.
 */
export function wrapInline(items: readonly Inline[], width: number): Segment[][] {
  const lines: Segment[][] = [];
  let line: Cell[] = [];
  let lineW = 0;
  let word: Cell[] = [];
  let wordW = 0;
  let space: Cell[] = [];
  let spaceW = 0;
  let prev: Cell | undefined;

  const flushLine = () => {
    lines.push(cellsToLine(line));
    line = [];
    lineW = 0;
  };
  const placeWord = () => {
    if (word.length === 0) return;
    if (lineW > 0 && lineW + spaceW + wordW <= width) {
      for (const c of space) line.push(c);
      for (const c of word) line.push(c);
      lineW += spaceW + wordW;
    } else {
      if (lineW > 0) flushLine();
      for (const c of word) {
        if (lineW > 0 && lineW + c.w > width) flushLine();
        line.push(c);
        lineW += c.w;
      }
    }
    word = [];
    wordW = 0;
    space = [];
    spaceW = 0;
  };

  for (const item of items) {
    if (item === BREAK) {
      placeWord();
      // A break before any text would only open the block with a blank line.
      if (lines.length > 0 || line.length > 0) flushLine();
      space = [];
      spaceW = 0;
      prev = undefined;
      continue;
    }
    for (const g of graphemes(item.text)) {
      if (g === ' ') {
        placeWord();
        const last = space[space.length - 1];
        // Spaces from neighbouring tokens fold into one, as in HTML (not inside code).
        if (last && last.attr.style !== 'code' && item.attr.style !== 'code') continue;
        space.push({ g, w: 1, attr: item.attr });
        spaceW += 1;
        prev = undefined;
        continue;
      }
      const cell: Cell = { g, w: graphemeWidth(g), attr: item.attr };
      if (prev !== undefined && canBreakBetween(prev, cell)) placeWord();
      word.push(cell);
      wordW += cell.w;
      prev = cell;
    }
  }
  placeWord();
  if (line.length > 0) flushLine();
  return lines;
}

/** Widest line of the text when nothing forces a wrap. */
export function naturalWidth(items: readonly Inline[]): number {
  let max = 0;
  for (const l of wrapInline(items, Number.MAX_SAFE_INTEGER)) max = Math.max(max, lineWidth(l));
  return max;
}

/** Widest run of text the wrapper will not break (a word; one character in CJK text). */
export function longestWord(items: readonly Inline[]): number {
  let max = 0;
  let word = 0;
  let prev: Cell | undefined;
  for (const item of items) {
    if (item === BREAK) {
      word = 0;
      prev = undefined;
      continue;
    }
    for (const g of graphemes(item.text)) {
      if (g === ' ') {
        word = 0;
        prev = undefined;
        continue;
      }
      const cell: Cell = { g, w: graphemeWidth(g), attr: item.attr };
      if (prev !== undefined && canBreakBetween(prev, cell)) word = 0;
      word += cell.w;
      max = Math.max(max, word);
      prev = cell;
    }
  }
  return max;
}

/** Widest grapheme of the text: a column narrower than this cannot hold it. */
export function widestGrapheme(items: readonly Inline[]): number {
  let max = 0;
  for (const item of items) {
    if (item === BREAK) continue;
    if (PLAIN_ASCII.test(item.text)) {
      if (item.text.length > 0) max = Math.max(max, 1);
      continue;
    }
    for (const g of graphemes(item.text)) max = Math.max(max, graphemeWidth(g));
  }
  return max;
}

/**
 * Breaks pre-formatted text (a code line) into rows of at most `width`
 * columns, between graphemes, keeping every character.
 */
export function hardBreak(segments: readonly Segment[], width: number): Segment[][] {
  const rows: Segment[][] = [];
  let row: Segment[] = [];
  let rowW = 0;
  for (const s of segments) {
    let text = '';
    for (const g of graphemes(s.text)) {
      const w = graphemeWidth(g);
      if (rowW > 0 && rowW + w > width) {
        if (text !== '') row.push({ ...s, text });
        rows.push(row);
        row = [];
        rowW = 0;
        text = '';
      }
      text += g;
      rowW += w;
    }
    if (text !== '') row.push({ ...s, text });
  }
  if (row.length > 0 || rows.length === 0) rows.push(row);
  return rows;
}
