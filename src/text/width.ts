// Display width of terminal text, cheap at start-up. string-width is exact
// (grapheme clusters, emoji, combining marks) but costs ~60 ms to load, for
// its Unicode property regexes and its segmenter: more than the rest of the
// deck list's first paint. Most of what kioku measures is ASCII, kana, kanji,
// Latin, box drawing and its own symbols, whose width is a lookup per code
// point. Everything else waits for the exact measure.
import { eastAsianWidth } from 'get-east-asian-width';

type Measure = (text: string) => number;

let exact: Measure | null = null;
let missed = false;

/** Loads the exact measure; afterwards every width is string-width's. */
export async function loadExactWidth(): Promise<void> {
  exact ??= (await import('string-width')).default;
}

const ASCII = /^[\u0020-\u007E]*$/;

/**
 * Code points that always form a grapheme of their own and whose width
 * string-width takes from the East Asian Width table alone: no marks, joiners,
 * variation selectors, controls or emoji (©, ®, ↔, ▶ and the like are emoji
 * and stay out). Pairs of [first, last], sorted.
 */
const PLAIN: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0xa8],
  [0xaa, 0xac],
  [0xaf, 0x2ff],
  [0x370, 0x377],
  [0x37a, 0x37f],
  [0x384, 0x3ff],
  [0x400, 0x482],
  [0x48a, 0x52f],
  [0x2010, 0x2027],
  [0x2030, 0x203b],
  [0x203d, 0x2048],
  [0x204a, 0x205e],
  [0x2190, 0x2193],
  [0x2400, 0x2426],
  [0x2500, 0x25a9],
  [0x25ac, 0x25b5],
  [0x25b7, 0x25bf],
  [0x25c1, 0x25fa],
  [0x2713, 0x2713],
  [0x2717, 0x2717],
  [0x27e8, 0x27e9],
  [0x3000, 0x3029],
  [0x3031, 0x303c],
  [0x303e, 0x303f],
  [0x3041, 0x3096],
  [0x309b, 0x30ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xff01, 0xff60],
  [0xffe0, 0xffe6],
];

/** Whether `cp` is in PLAIN (binary search over the ranges). */
export function isPlainCodePoint(cp: number): boolean {
  let lo = 0;
  let hi = PLAIN.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [first, last] = PLAIN[mid]!;
    if (cp < first) hi = mid - 1;
    else if (cp > last) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Width of one plain code point (ambiguous ones are narrow, as string-width counts them). */
export function plainCodePointWidth(cp: number): number {
  return cp <= 0x7e ? 1 : eastAsianWidth(cp);
}

/** The width of `text` in terminal columns (text without escape sequences). */
export function textWidth(text: string): number {
  if (ASCII.test(text)) return text.length;
  return exact ? exact(text) : quickWidth(text);
}

/** The quick measure alone: exact for plain text, an estimate (noted) for the rest. */
export function quickWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!isPlainCodePoint(cp)) {
      // An estimate, never drawn: the caller sees `widthMissed()` and measures again.
      missed = true;
    }
    width += plainCodePointWidth(cp);
  }
  return width;
}

/**
 * True once `textWidth` estimated some text since the last call (and resets):
 * a first paint then loads the exact measure and lays out again.
 */
export function widthMissed(): boolean {
  const was = missed;
  missed = false;
  return was;
}

/**
 * Lays out with the quick measure, and again with the exact one when the quick
 * one only estimated: what a command or a first paint draws before Ink (which
 * loads string-width itself) uses this rather than loading string-width first.
 */
export async function withWidths<T>(layout: () => T): Promise<T> {
  widthMissed();
  const quick = layout();
  if (!widthMissed()) return quick;
  await loadExactWidth();
  return layout();
}
