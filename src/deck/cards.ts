// Turns a card as the parser collected it (marker, sides, tags, id comment) into
// the deck's cards: one for a basic or typed card, two for a reversible one, one
// per deletion group for a cloze note; with their stable identities.
import type { Card, CardKind } from '../model/card.js';
import { MAX_NESTING, overNestedLines } from '../text/markdownLimits.js';
import { clozePlain, renderCloze, scanCloze } from './cloze.js';
import { hashId, normalizeFront } from './identity.js';
import { backtickRuns, isFenceClose, openFence } from './lines.js';
import type { DeckMeta, Report } from './types.js';

/** Most cards (deletion groups) one cloze note makes. */
export const MAX_CLOZE_GROUPS = 200;
/** Most text all the cards of one cloze note hold together (groups × note length). */
const MAX_CLOZE_TEXT = 8 * 1024 * 1024;

/** A card between its marker line and the line that ends it. */
export interface OpenCard {
  kind: 'Q' | 'R' | 'T' | 'C';
  line: number;
  /** 1-based column where the front's text starts on the marker line. */
  column: number;
  front: string[];
  /** The file line of each entry of `front` (an id comment between them is not part of the side). */
  frontLines: number[];
  back: string[] | null;
  backLines: number[];
  backLine: number;
  tags: string[];
  explicitId: string | null;
  headings: string[];
}

export interface DeckContext {
  name: string;
  file: string;
  lang: string;
  meta: DeckMeta;
}

/** Joins side lines, dropping blank lines at either end. */
function joinSide(lines: readonly string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end).join('\n');
}

/**
 * Warns at the first line of a side nested deeper than the renderer draws as
 * structure: the card loads, and those levels show as text (a stack overflow
 * in the Markdown parser otherwise).
 */
function warnNesting(side: readonly string[], fileLines: readonly number[], report: Report) {
  const deep = overNestedLines(side);
  if (deep.length === 0) return;
  const more = deep.length > 1 ? ` (and ${deep.length - 1} more lines of this side)` : '';
  report(
    'warning',
    fileLines[deep[0]!] ?? fileLines[0] ?? 0,
    `lists or quotes nested deeper than ${MAX_NESTING} levels${more}: the deeper levels are shown as plain text`,
  );
}

export function finishCard(open: OpenCard, ctx: DeckContext, out: Card[], report: Report) {
  warnNesting(open.front, open.frontLines, report);
  if (open.back) warnNesting(open.back, open.backLines, report);
  const front = joinSide(open.front);
  const tags = uniq([...ctx.meta.tags, ...open.tags]);
  const base = {
    deck: ctx.name,
    file: ctx.file,
    line: open.line,
    headings: open.headings.filter((h) => h !== ''),
    tags,
  };

  if (open.kind === 'C') {
    const cloze = scanCloze(open.front, open.line, report, open.column);
    if (!cloze) return;
    if (!cloze.some((s) => s.type === 'deletion')) {
      report('error', open.line, 'cloze card has no {{deletions}}');
      return;
    }
    // Every group makes a card holding the whole note: bound what a note can multiply into.
    const groups = uniq(cloze.flatMap((s) => (s.type === 'deletion' ? [s.group] : [])));
    const noteLength = open.front.reduce((n, l) => n + l.length + 1, 0);
    if (groups.length > MAX_CLOZE_GROUPS) {
      report(
        'error',
        open.line,
        `cloze note has ${groups.length} deletion groups; at most ${MAX_CLOZE_GROUPS} (split it into smaller notes)`,
      );
      return;
    }
    if (groups.length * noteLength > MAX_CLOZE_TEXT) {
      report(
        'error',
        open.line,
        `cloze note too large: ${groups.length} cards of ${Math.ceil(noteLength / 1024)} KB each (split it into smaller notes)`,
      );
      return;
    }
    const plain = normalizeFront(clozePlain(cloze));
    // The extra is explanation: editing it, like editing a back, keeps the identity.
    const extra = open.back === null ? '' : joinSide(open.back);
    const familyId = open.explicitId ?? hashId('cloze', ctx.lang, plain);
    for (const group of groups) {
      out.push({
        ...base,
        id: open.explicitId
          ? `${open.explicitId}::${group}`
          : hashId('cloze', ctx.lang, plain, group),
        familyId,
        kind: 'cloze',
        front: renderCloze(cloze, group, 'front'),
        back:
          extra === ''
            ? renderCloze(cloze, group, 'back')
            : `${renderCloze(cloze, group, 'back')}\n\n${extra}`,
        cloze: { segments: cloze, group },
        identityText: plain,
        identityKey: group,
      });
    }
    return;
  }

  const label = open.kind === 'T' ? 'typed-answer card' : 'question';
  if (front === '') {
    report('error', open.line, `empty ${open.kind}: side`);
    return;
  }
  if (open.back === null) {
    report('error', open.line, `${label} without an answer (expected an A: line after it)`);
    return;
  }
  const back = joinSide(open.back);
  if (back === '') {
    report('error', open.backLine, 'empty A: side');
    return;
  }
  const normFront = normalizeFront(front);
  const kind: CardKind = open.kind === 'Q' ? 'basic' : open.kind === 'T' ? 'typed' : 'reversible';

  if (kind === 'reversible') {
    const familyId = open.explicitId ?? hashId('reversible', ctx.lang, normFront);
    const sides = [
      { direction: 'forward', front, back },
      { direction: 'reverse', front: back, back: front },
    ] as const;
    for (const side of sides) {
      out.push({
        ...base,
        id: open.explicitId
          ? `${open.explicitId}::${side.direction}`
          : hashId('reversible', ctx.lang, normFront, side.direction),
        familyId,
        kind,
        direction: side.direction,
        front: side.front,
        back: side.back,
        identityText: normFront,
        identityKey: side.direction,
      });
    }
    return;
  }

  const id = open.explicitId ?? hashId(kind, ctx.lang, normFront);
  const card: Card = {
    ...base,
    id,
    familyId: id,
    kind,
    front,
    back,
    identityText: normFront,
    identityKey: '',
    ...(kind === 'typed' ? { expected: expectedAnswer(open.back) } : {}),
  };
  out.push(card);
}

function uniq<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/**
 * The first inline code span of a typed card's back, else its first non-blank
 * line. Fenced code is not inline code, but a back that is only a fenced block
 * asks for its first code line rather than the ``` delimiter.
 */
export function expectedAnswer(backLines: readonly string[]): string {
  let inFence: { char: string; length: number } | null = null;
  let firstLine: string | null = null;
  for (const line of backLines) {
    if (inFence) {
      if (isFenceClose(line, inFence)) inFence = null;
      else if (firstLine === null && line.trim() !== '') firstLine = line.trim();
      continue;
    }
    const f = openFence(line);
    if (f) {
      inFence = f;
      continue;
    }
    const span = firstCodeSpan(line);
    if (span !== null) return span;
    if (firstLine === null && line.trim() !== '') firstLine = line.trim();
  }
  return firstLine ?? '';
}

function firstCodeSpan(line: string): string | null {
  const closing = backtickRuns(line);
  let i = 0;
  while (i < line.length) {
    if (line[i] !== '`') {
      i++;
      continue;
    }
    let n = 1;
    while (line[i + n] === '`') n++;
    const j = closing(i + n, n);
    if (j === -1) {
      // An unmatched run is literal text; a later span may still match.
      i += n;
      continue;
    }
    let content = line.slice(i + n, j);
    // CommonMark strips one space on each side so ``` `` `x` `` ``` can hold backticks.
    if (content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') {
      content = content.slice(1, -1);
    }
    return content.trim();
  }
  return null;
}
