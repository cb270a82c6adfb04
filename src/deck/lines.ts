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
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const ID_COMMENT = /^[ \t]*<!--[ \t]*id:[ \t]*(.*?)[ \t]*-->[ \t]*$/;
const TRAILING_TAGS = /(^|[ \t])((?:#[\p{L}\p{N}_\-/.:]+[ \t]*)+)$/u;

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

  const heading = HEADING.exec(raw);
  if (heading)
    return { kind: 'heading', level: heading[1]!.length, text: (heading[2] ?? '').trim() };
  if (THEMATIC_BREAK.test(raw)) return { kind: 'break' };
  const id = ID_COMMENT.exec(raw);
  if (id) return { kind: 'id', id: id[1]! };
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

/** Start of the next run of exactly `n` backticks at or after `from`, or -1. */
export function closingTicks(line: string, from: number, n: number): number {
  let i = from;
  while (i < line.length) {
    if (line[i] !== '`') {
      i++;
      continue;
    }
    let run = 1;
    while (line[i + run] === '`') run++;
    if (run === n) return i;
    i += run;
  }
  return -1;
}

function splitTags(rest: string): { text: string; tags: string[] } {
  const m = TRAILING_TAGS.exec(rest);
  if (!m) return { text: rest, tags: [] };
  const before = rest.slice(0, m.index + m[1]!.length);
  // A `#` inside an unclosed code span is code, not a tag.
  if ((before.match(/`/g)?.length ?? 0) % 2 === 1) return { text: rest, tags: [] };
  const tags = m[2]!
    .trim()
    .split(/[ \t]+/)
    .map((t) => t.slice(1));
  return { text: before.trimEnd(), tags };
}
