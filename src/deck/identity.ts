import { createHash } from 'node:crypto';

/**
 * The text a card's identity is derived from: Unicode NFKC (full-width Ａ and
 * half-width ｶ fold to their usual forms), case-folded, with Markdown emphasis,
 * punctuation and whitespace collapsed. Reformatting a front never changes it.
 */
export function normalizeFront(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\p{Z}\s]+/gu, ' ')
    .trim();
}

/** 16 hex digits (64 bits) of SHA-256: short enough to read, far from colliding. */
export function hashId(...parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(p);
    h.update('\u0000');
  }
  return h.digest('hex').slice(0, 16);
}

function bigrams(text: string): Map<string, number> {
  const chars = Array.from(text.replace(/ /g, ''));
  const grams = new Map<string, number>();
  if (chars.length === 1) grams.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/**
 * Sørensen–Dice similarity of character bigrams, 0…1. Works for Japanese, which
 * has no spaces to split words on.
 */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const ga = bigrams(a);
  const gb = bigrams(b);
  let total = 0;
  for (const n of ga.values()) total += n;
  for (const n of gb.values()) total += n;
  if (total === 0) return 0;
  let shared = 0;
  for (const [g, n] of ga) shared += Math.min(n, gb.get(g) ?? 0);
  return (2 * shared) / total;
}

/** Below this a re-link is a guess, not a match: the history becomes an orphan instead. */
export const RELINK_THRESHOLD = 0.7;
