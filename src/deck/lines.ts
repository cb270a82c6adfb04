// The deck parser's first stage: each line of a deck's body is classified, on
// its own, into one of a closed set of kinds. The state machine in parse.ts then
// works on kinds, never on raw text. The only context a line needs is whether it
// sits inside a fenced code block (where nothing but the closing fence counts),
// which the machine passes in.

/** A fenced code block's opening delimiter. */
export interface Fence {
  readonly char: string;
  readonly length: number;
}

/** A line that starts a card (`Q:`, `R:`, `T:`, `C:`) or an answer (`A:`). */
interface SideStart {
  readonly marker: 'Q' | 'A' | 'R' | 'T' | 'C';
  /** The side's text on the marker line, trailing `#tags` removed. */
  readonly side: string;
  readonly tags: string[];
  /** 1-based column where the side's text starts. */
  readonly column: number;
  /** The side's text opens a code fence (`A: ```yaml`): the lines after it are code. */
  readonly fence: Fence | null;
}

export type Line =
  /** ``` or ~~~, opening a code block (or closing one: see `closesFence`). */
  | ({ readonly kind: 'fence'; readonly bare: boolean } & Fence)
  /** A line inside a code block. */
  | { readonly kind: 'code' }
  | ({ readonly kind: 'question' } & SideStart)
  | ({ readonly kind: 'reversible' } & SideStart)
  | ({ readonly kind: 'typed' } & SideStart)
  | ({ readonly kind: 'cloze' } & SideStart)
  | ({ readonly kind: 'answer' } & SideStart)
  | { readonly kind: 'heading'; readonly level: number; readonly text: string }
  /** A thematic break (`---`, `***`): ends the card above it. */
  | { readonly kind: 'break' }
  /** `<!-- id: … -->`: an explicit identity for the card above it. */
  | { readonly kind: 'id'; readonly id: string }
  | { readonly kind: 'blank' }
  | { readonly kind: 'text' };

export type LineKind = Line['kind'];

const MARKER = /^([QARTC]):(?=[ \t]|$)[ \t]?(.*)$/;
// Headings, id comments and trailing tags are taken apart by hand around
// anchored patterns: the single-regex forms (a lazy `(.*?)` before `[ \t]*$`)
// backtrack quadratically on a long run of spaces.
const HEADING_OPEN = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const TAG_WORD = /^(?:#[\p{L}\p{N}_\-/.:]+)+$/u;

const START_KINDS = {
  Q: 'question',
  R: 'reversible',
  T: 'typed',
  C: 'cloze',
  A: 'answer',
} as const;

/**
 * What one line is. `inFence`: the line is inside a code block, where only a
 * fence can mean anything (it may close the block); everything else is code.
 */
export function classifyLine(raw: string, inFence = false): Line {
  const fence = fenceOf(raw);
  if (fence) return { kind: 'fence', ...fence };
  if (inFence) return { kind: 'code' };

  const marker = MARKER.exec(raw);
  if (marker) {
    const letter = marker[1] as keyof typeof START_KINDS;
    const rest = marker[2] ?? '';
    const { text: side, tags } = splitTags(rest);
    return {
      kind: START_KINDS[letter],
      marker: letter,
      side,
      tags,
      column: raw.length - rest.length + 1,
      fence: openFence(side),
    };
  }

  const heading = readHeading(raw);
  if (heading) return { kind: 'heading', ...heading };
  if (THEMATIC_BREAK.test(raw)) return { kind: 'break' };
  const id = readIdComment(raw);
  if (id !== null) return { kind: 'id', id };
  return raw.trim() === '' ? { kind: 'blank' } : { kind: 'text' };
}

/** A fence line closes an open block if it has no info string and is at least as long. */
export function closesFence(line: Line, open: Fence): boolean {
  return (
    line.kind === 'fence' && line.bare && line.char === open.char && line.length >= open.length
  );
}

function fenceOf(line: string): ({ bare: boolean } & Fence) | null {
  const m = FENCE_OPEN.exec(line);
  // A backtick fence's info string may not hold a backtick (CommonMark).
  if (!m || (m[1]!.startsWith('`') && m[2]!.includes('`'))) return null;
  return { char: m[1]![0]!, length: m[1]!.length, bare: /^[ \t]*$/.test(m[2]!) };
}

/** A fence opener, for code that reads Markdown lines on its own (cloze notes, typed answers). */
export function openFence(line: string): Fence | null {
  const fence = fenceOf(line);
  return fence ? { char: fence.char, length: fence.length } : null;
}

export function isFenceClose(line: string, fence: Fence): boolean {
  return closesFence(classifyLine(line, true), fence);
}

/**
 * Code-span matching for one line, scanned left to right: `closing(from, n)`
 * is the start of the next run of exactly `n` backticks at or after `from`
 * (which must not be inside a run), or -1. Searching the rest of the line for
 * every unmatched opener costs O(n·√n) on runs of growing length (1 MB: two
 * seconds); here every run is listed once, by length, and each length's
 * cursor only moves forward, so a whole scan is linear. Queries for one
 * length must come with growing `from`, as a left-to-right scan makes them.
 */
export function backtickRuns(line: string): (from: number, n: number) => number {
  let byLength: Map<number, number[]> | null = null;
  const cursors = new Map<number, number>();
  return (from, n) => {
    if (!byLength) {
      // Built on the first question: most lines hold no code span at all.
      byLength = new Map();
      let i = line.indexOf('`');
      while (i >= 0) {
        let run = 1;
        while (line.charCodeAt(i + run) === 0x60) run++;
        const starts = byLength.get(run);
        if (starts) starts.push(i);
        else byLength.set(run, [i]);
        i = line.indexOf('`', i + run);
      }
    }
    const starts = byLength.get(n);
    if (!starts) return -1;
    let c = cursors.get(n) ?? 0;
    while (c < starts.length && starts[c]! < from) c++;
    cursors.set(n, c);
    return c < starts.length ? starts[c]! : -1;
  };
}

const isBlank = (ch: string | undefined) => ch === ' ' || ch === '\t';

/** Index after the last character of `text` that is not a space or tab, from `end` back. */
function trimEndIndex(text: string, end = text.length): number {
  let i = end;
  while (i > 0 && isBlank(text[i - 1])) i--;
  return i;
}

/** An ATX heading (`## Title ##`): its level and text, or null. */
function readHeading(raw: string): { level: number; text: string } | null {
  const m = HEADING_OPEN.exec(raw);
  if (!m) return null;
  const start = m[0].length;
  let end = trimEndIndex(raw);
  // A closing run of #s counts only after a space (or as the whole text).
  let hashes = end;
  while (hashes > start && raw[hashes - 1] === '#') hashes--;
  if (hashes < end && (hashes === start || isBlank(raw[hashes - 1]))) end = hashes;
  return { level: m[1]!.length, text: raw.slice(start, end).trim() };
}

/** The id of an `<!-- id: … -->` line (possibly empty), or null for any other line. */
function readIdComment(raw: string): string | null {
  let start = 0;
  while (isBlank(raw[start])) start++;
  const end = trimEndIndex(raw);
  if (end - start < 7 || !raw.startsWith('<!--', start) || !raw.endsWith('-->', end)) return null;
  let i = start + 4;
  while (isBlank(raw[i])) i++;
  if (!raw.startsWith('id:', i)) return null;
  i += 3;
  const close = end - 3;
  if (i > close) return null;
  while (i < close && isBlank(raw[i])) i++;
  return raw.slice(i, trimEndIndex(raw, close));
}

/** Trailing `#tag` words of a marker line, read from the end one word at a time. */
function splitTags(rest: string): { text: string; tags: string[] } {
  const tags: string[] = [];
  let end = trimEndIndex(rest);
  let cut = -1;
  while (end > 0) {
    let start = end;
    while (start > 0 && !isBlank(rest[start - 1])) start--;
    const word = rest.slice(start, end);
    if (!TAG_WORD.test(word)) break;
    tags.push(word.slice(1));
    cut = start;
    end = trimEndIndex(rest, start);
  }
  if (cut < 0) return { text: rest, tags: [] };
  const before = rest.slice(0, cut);
  // A `#` inside an unclosed code span is code, not a tag.
  if ((before.match(/`/g)?.length ?? 0) % 2 === 1) return { text: rest, tags: [] };
  return { text: before.trimEnd(), tags: tags.reverse() };
}
