// Limits on what reaches the Markdown parser. `marked` recurses once per level
// of list or blockquote nesting (10,000 levels overflow the stack) and its
// inline rules cost time quadratic in the length of a paragraph (`_a_a_a…`,
// `**a**a…`). A deck is untrusted input, so text beyond these limits is shown
// as literal text: nothing is lost, only its formatting. Pure; the deck parser
// uses the same scan to warn at file:line, the renderer to enforce it.

/** Deepest list/blockquote nesting passed to the Markdown parser. */
export const MAX_NESTING = 16;
/**
 * Most delimiter characters (`*_~[]!<>&|\` and backticks) in one run of
 * consecutive text lines parsed as Markdown. The parser's cost grows with
 * delimiters times text, not with the text alone, so prose of any length with
 * the emphasis and links people write stays formatted.
 */
export const MAX_DELIMITERS = 256;
/** Longer card sides are shown as plain text: no Markdown parser is linear enough for them. */
export const MAX_MARKDOWN = 32 * 1024;

export type LimitKind = 'nesting' | 'delimiters';

export interface LimitHit {
  /** 0-based line within the source. */
  readonly line: number;
  readonly kind: LimitKind;
}

export interface Limited {
  readonly text: string;
  /** The first line of each region that was turned into literal text. */
  readonly hits: readonly LimitHit[];
}

// ASCII punctuation that Markdown may give a meaning; a backslash makes each literal.
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

const DELIMITER = /[*_~[\]!<>&|\\`]/g;

function delimiters(line: string): number {
  return line.match(DELIMITER)?.length ?? 0;
}

/** The text with every Markdown-significant character escaped: it parses to itself. */
export function escapeMarkdown(text: string): string {
  return text.replace(PUNCTUATION, '\\$&');
}

interface Prefix {
  /** Nesting levels of the line: one per container marker, plus its indentation / 2. */
  readonly depth: number;
  /** Index where the content after the container markers starts. */
  readonly contentStart: number;
}

/** One container marker (`>`, `-`, `+`, `*`, `1.`, `1)`) at `i`: the index after it, or -1. */
function markerEnd(line: string, i: number): number {
  const c = line.charCodeAt(i);
  if (c === 0x3e /* > */) return i + 1;
  let j = i;
  if (c === 0x2d || c === 0x2b || c === 0x2a) j = i + 1;
  else {
    while (j < line.length && j - i < 9 && line.charCodeAt(j) >= 0x30 && line.charCodeAt(j) <= 0x39)
      j++;
    if (j === i) return -1;
    const d = line.charCodeAt(j);
    if (d !== 0x2e && d !== 0x29) return -1;
    j++;
  }
  // A list marker needs a space after it (or the end of the line).
  if (j === line.length) return j;
  const s = line.charCodeAt(j);
  return s === 0x20 || s === 0x09 ? j : -1;
}

function prefixOf(line: string): Prefix {
  let i = 0;
  let indent = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) {
    indent += line[i] === '\t' ? 4 : 1;
    i++;
  }
  let markers = 0;
  for (;;) {
    const end = markerEnd(line, i);
    if (end < 0) break;
    markers++;
    i = end;
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  }
  // Indentation alone nests nothing; with a marker it can stand for outer levels.
  return { depth: markers === 0 ? 0 : markers + Math.floor(indent / 2), contentStart: i };
}

/** The line cut back to MAX_NESTING levels: the first marker beyond them is escaped. */
function flattenLine(line: string): string {
  let i = 0;
  let indent = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) {
    indent += line[i] === '\t' ? 4 : 1;
    i++;
  }
  let levels = Math.floor(indent / 2);
  let head = line.slice(0, i);
  if (levels >= MAX_NESTING) {
    head = ' '.repeat(2 * (MAX_NESTING - 1));
    levels = MAX_NESTING - 1;
  }
  for (;;) {
    const end = markerEnd(line, i);
    if (end < 0) return head + line.slice(i);
    if (levels >= MAX_NESTING) {
      // Escaping the marker's last character (`\>`, `\-`, `1\.`) makes the rest text.
      return `${head}${line.slice(i, end - 1)}\\${line.slice(end - 1)}`;
    }
    levels++;
    let j = end;
    while (j < line.length && (line[j] === ' ' || line[j] === '\t')) j++;
    head += line.slice(i, j);
    i = j;
  }
}

/** A fence opener's character and length, or null (CommonMark: 3+ backticks or tildes). */
function fenceOf(content: string): { char: string; length: number } | null {
  let i = 0;
  while (i < content.length && i < 4 && content[i] === ' ') i++;
  const ch = content[i];
  if (ch !== '`' && ch !== '~') return null;
  let n = 0;
  while (content[i + n] === ch) n++;
  if (n < 3) return null;
  if (ch === '`' && content.indexOf('`', i + n) >= 0) return null;
  return { char: ch, length: n };
}

function closesFence(content: string, fence: { char: string; length: number }): boolean {
  const t = content.trim();
  if (t.length < fence.length) return false;
  for (let i = 0; i < t.length; i++) if (t[i] !== fence.char) return false;
  return true;
}

/** A line Markdown parses on its own (a heading, a table row): it ends a run of text. */
function isStandalone(content: string): boolean {
  const c = content.trimStart()[0];
  return c === '#' || c === '|';
}

/**
 * The 0-based lines of a card side that the renderer will cut back to
 * MAX_NESTING levels: what the deck parser warns about. A quick look at each
 * line's container prefix comes first, so a side without deep nesting (all of
 * them, in practice) costs no copy of its text.
 */
export function overNestedLines(lines: readonly string[]): number[] {
  if (!lines.some((line) => prefixOf(line).depth > MAX_NESTING)) return [];
  // The full scan knows about code fences, where nesting means nothing.
  return limitMarkdown(lines.join('\n'))
    .hits.filter((h) => h.kind === 'nesting')
    .map((h) => h.line);
}

/**
 * Scans Markdown line by line (linear) and returns it with the parts beyond
 * the limits made literal: lines nested deeper than MAX_NESTING lose their
 * extra levels, and runs of text with more than MAX_DELIMITERS are escaped.
 * Fenced code is left alone: the parser treats it as literal already.
 */
export function limitMarkdown(source: string): Limited {
  const original = source.split('\n');
  const lines = [...original];
  const hits: LimitHit[] = [];
  let fence: { char: string; length: number } | null = null;
  let changed = false;
  // The current run of consecutive text lines: its first line and its delimiters so far.
  let runStart = -1;
  let runDelimiters = 0;
  const endRun = (end: number) => {
    if (runStart >= 0 && runDelimiters > MAX_DELIMITERS) {
      hits.push({ line: runStart, kind: 'delimiters' });
      for (let k = runStart; k < end; k++) lines[k] = escapeMarkdown(original[k]!);
      changed = true;
    }
    runStart = -1;
    runDelimiters = 0;
  };
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const prefix = prefixOf(line);
    const content = line.slice(prefix.contentStart);
    if (fence) {
      if (closesFence(content, fence)) fence = null;
      continue;
    }
    const opened = fenceOf(content);
    if (opened) {
      endRun(n);
      fence = opened;
      continue;
    }
    const tooDeep = prefix.depth > MAX_NESTING;
    if (tooDeep) {
      hits.push({ line: n, kind: 'nesting' });
      lines[n] = flattenLine(line);
      changed = true;
    }
    if (content.trim() === '') {
      endRun(n);
      continue;
    }
    // A list item, heading or table row starts a new run; plain lines continue the current one.
    if (tooDeep || prefix.depth > 0 || isStandalone(content)) endRun(n);
    if (runStart < 0) runStart = n;
    runDelimiters += delimiters(tooDeep ? line : content);
    if (isStandalone(content)) endRun(n + 1);
  }
  endRun(lines.length);
  hits.sort((a, b) => a.line - b.line);
  return { text: changed ? lines.join('\n') : source, hits };
}
