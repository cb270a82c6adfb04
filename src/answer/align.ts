// Alignment of two word sequences and assembly of the annotated result. Pure.

import type { DiffPart, Note, TypedResult } from './types.js';

export type Kind = DiffPart['kind'];

/** One normalised token as displayed, with its kind. */
export interface Mark {
  readonly text: string;
  readonly kind: Kind;
}

/** How an element fared: matched, replaced by an element of the other side, or unmatched. */
export type Fate = 'same' | 'changed' | 'alone';

export function typedKind(f: Fate): Kind {
  return f === 'same' ? 'same' : f === 'changed' ? 'wrong' : 'extra';
}

export function expectedKind(f: Fate): Kind {
  return f === 'same' ? 'same' : 'missing';
}

/** Above this many table cells the middle (after common prefix and suffix) is not aligned. */
const MAX_CELLS = 1_000_000;

/**
 * Longest common subsequence of a and b. Between two matches, unmatched elements
 * of both sides pair up in order as 'changed'; the rest are 'alone'.
 */
export function align(
  a: readonly string[],
  b: readonly string[],
): { aKinds: Fate[]; bKinds: Fate[] } {
  const matches: [number, number][] = [];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    matches.push([start, start]);
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  const tail: [number, number][] = [];
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
    tail.push([endA, endB]);
  }
  const n = endA - start;
  const m = endB - start;
  if (n > 0 && m > 0 && (n + 1) * (m + 1) <= MAX_CELLS) {
    // lcs[i * (m + 1) + j]: LCS length of a[start + i..endA) and b[start + j..endB).
    const w = m + 1;
    const lcs = new Int32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] =
          a[start + i] === b[start + j]
            ? lcs[(i + 1) * w + j + 1]! + 1
            : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (a[start + i] === b[start + j]) {
        matches.push([start + i, start + j]);
        i++;
        j++;
      } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) i++;
      else j++;
    }
  }
  matches.push(...tail.reverse());

  const aKinds: Fate[] = a.map(() => 'alone');
  const bKinds: Fate[] = b.map(() => 'alone');
  let prevA = 0;
  let prevB = 0;
  for (const [ma, mb] of [...matches, [a.length, b.length] as [number, number]]) {
    const pairs = Math.min(ma - prevA, mb - prevB);
    for (let k = 0; k < pairs; k++) {
      aKinds[prevA + k] = 'changed';
      bKinds[prevB + k] = 'changed';
    }
    if (ma < a.length) aKinds[ma] = 'same';
    if (mb < b.length) bKinds[mb] = 'same';
    prevA = ma + 1;
    prevB = mb + 1;
  }
  return { aKinds, bKinds };
}

/** Merges neighbouring tokens of one kind into one part (joined by a space). */
function merge(marks: readonly Mark[]): DiffPart[] {
  // Words are collected and joined once: appending to a growing string per word
  // took seconds on a 1 MB answer.
  const runs: { words: string[]; kind: Kind }[] = [];
  for (const m of marks) {
    const last = runs[runs.length - 1];
    if (last && last.kind === m.kind) last.words.push(m.text);
    else runs.push({ words: [m.text], kind: m.kind });
  }
  return runs.map((r) => ({ text: r.words.join(' '), kind: r.kind }));
}

/**
 * The annotated result. Without `verdict`, the answer is correct when every
 * token matched; a kubectl comparison decides on the canonical form instead.
 */
export function result(
  typed: readonly Mark[],
  expected: readonly Mark[],
  notes?: readonly Note[],
  verdict?: boolean,
): TypedResult {
  const correct =
    typed.length > 0 &&
    (verdict ??
      (typed.every((m) => m.kind === 'same') && expected.every((m) => m.kind === 'same')));
  const out = { correct, typed: merge(typed), expected: merge(expected) };
  return notes ? { ...out, explanation: notes } : out;
}

export function emptyTyped(expected: string): TypedResult {
  return {
    correct: false,
    typed: [],
    expected: expected === '' ? [] : [{ text: expected, kind: 'missing' }],
  };
}
