// Renders a card side's Markdown into terminal lines that are already wrapped
// to the width: the UI prints them one per row, and scrolls by slicing. Pure
// (no Ink, no I/O); every character from the deck goes through `neutralize`.

import { marked, type Token, type Tokens } from 'marked';
import stringWidth from 'string-width';
import { limitMarkdown, MAX_MARKDOWN } from '../../text/markdownLimits.js';
import { neutralize } from '../../text/sanitize.js';
import { highlight, languageOf } from './highlight.js';
import type { Line, Segment, Style } from './types.js';
import {
  type Attr,
  BREAK,
  hardBreak,
  type Inline,
  lineWidth,
  longestWord,
  naturalWidth,
  normalize,
  segment,
  widestGrapheme,
  wrapInline,
} from './wrap.js';

export type { Line, Segment, Style } from './types.js';
export { lineWidth };

/** A wide (CJK) character needs two columns: narrower widths are treated as 2. */
const MIN_WIDTH = 2;
/** Used when the caller has no width (e.g. stdout is not a terminal). */
const DEFAULT_WIDTH = 80;
const BULLETS = ['•', '◦', '▪'];
const CODE_INDENT = '  ';
const QUOTE_BAR = '│';

/**
 * Renders Markdown into lines no wider than `width` columns (measured with
 * string-width). Blocks are separated by one blank line; there is none at the
 * start or the end. An empty source gives no lines.
 */
export function renderMarkdown(source: string, width: number): Line[] {
  const w = Number.isFinite(width) ? Math.max(MIN_WIDTH, Math.floor(width)) : DEFAULT_WIDTH;
  if (source.length > MAX_MARKDOWN) return plainText(source, w);
  // Deep nesting and delimiter-heavy paragraphs would overflow the parser's stack or take minutes.
  const limited = limitMarkdown(source).text;
  if (limited.length > MAX_MARKDOWN) return plainText(source, w);
  const tokens = marked.lexer(limited);
  return blocks(tokens, w, ROOT, false).map(normalize);
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Greedy word wrap of one printable-ASCII line: what wrapInline does, without a cell per character. */
function wrapAscii(text: string, width: number): string[] {
  const rows: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ') i++;
    if (i >= text.length) break;
    if (i + width >= text.length) {
      rows.push(text.slice(i).trimEnd());
      break;
    }
    // The last space that fits; a word wider than the line is cut at the width.
    let cut = i + width;
    while (cut > i && text[cut] !== ' ') cut--;
    if (cut === i) cut = i + width;
    rows.push(text.slice(i, cut).trimEnd());
    i = cut;
  }
  return rows;
}

/** A side too large to parse as Markdown: its lines as they are, wrapped. */
function plainText(source: string, width: number): Line[] {
  const attr: Attr = { style: 'text', bold: false, italic: false };
  const out: Line[] = [];
  // Only what could be shown is laid out: a megabyte line of wide characters would
  // take seconds to wrap in full, and nobody scrolls through thousands of rows.
  // Every character takes a column or more (bar combining marks): this is all that fits.
  const budget = MAX_PLAIN_ROWS * width + 2;
  const shown = source.length > budget ? source.slice(0, cutAt(source, budget)) : source;
  for (const line of neutralize(shown).split('\n')) {
    const text = line.replace(/\t/g, '  ');
    if (text.trim() === '') out.push([]);
    else if (PRINTABLE_ASCII.test(text))
      for (const row of wrapAscii(text, width)) out.push([segment(row, 'text')]);
    else for (const l of wrapInline([{ text, attr }], width)) out.push(normalize(l));
    if (out.length >= MAX_PLAIN_ROWS) break;
  }
  let first = 0;
  while (first < out.length && out[first]!.length === 0) first++;
  while (out.length > first && out[out.length - 1]!.length === 0) out.pop();
  const lines = first === 0 ? out : out.slice(first);
  if (lines.length < MAX_PLAIN_ROWS && shown === source) return lines;
  lines.length = Math.min(lines.length, MAX_PLAIN_ROWS);
  const kb = Math.ceil(source.length / 1024);
  lines.push(
    [],
    ...wrapInline(
      [
        {
          text: `… this side is ${kb} KB: only its start is shown`,
          attr: { style: 'muted', bold: false, italic: false },
        },
      ],
      width,
    ),
  );
  return lines;
}

/** Most rows of a side shown as plain text. */
const MAX_PLAIN_ROWS = 2000;

/** `at`, moved back so a surrogate pair is not cut in two. */
function cutAt(text: string, at: number): number {
  const c = text.charCodeAt(at);
  return c >= 0xdc00 && c <= 0xdfff ? at - 1 : at;
}

// ---------------------------------------------------------------- blocks

interface Ctx {
  /** Style of plain text: 'text', 'quote' inside a blockquote. */
  readonly base: Style;
  readonly listDepth: number;
}

const ROOT: Ctx = { base: 'text', listDepth: 0 };

function blocks(tokens: readonly Token[], width: number, ctx: Ctx, tight: boolean): Segment[][] {
  const out: Segment[][] = [];
  for (const t of tokens) {
    const lines = block(t, width, ctx);
    if (lines.length === 0) continue;
    if (out.length > 0 && !tight) out.push([]);
    for (const l of lines) out.push(l);
  }
  return out;
}

function block(t: Token, width: number, ctx: Ctx): Segment[][] {
  switch (t.type) {
    case 'space':
    case 'def':
    case 'checkbox':
      return [];
    case 'heading':
      return wrapInline(
        inline((t as Tokens.Heading).tokens, { ...start(ctx), base: 'heading', bold: true }),
        width,
      );
    case 'paragraph':
      return wrapInline(inline((t as Tokens.Paragraph).tokens, start(ctx)), width);
    case 'list':
      return list(t as Tokens.List, width, ctx);
    case 'code':
      return code(t as Tokens.Code, width);
    case 'table':
      return table(t as Tokens.Table, width, ctx);
    case 'blockquote':
      return quote(t as Tokens.Blockquote, width, ctx);
    case 'hr':
      return [[segment('─'.repeat(width), 'muted')]];
    case 'html':
      return htmlBlock((t as Tokens.HTML).text, width, ctx);
    default: {
      // 'text' (the body of a tight list item) and tokens of extensions.
      const children = (t as Tokens.Generic).tokens;
      if (Array.isArray(children)) return wrapInline(inline(children, start(ctx)), width);
      const text: unknown = (t as { text?: unknown }).text;
      if (typeof text === 'string') {
        return wrapInline([{ text: prose(text), attr: attrOf(start(ctx)) }], width);
      }
      return [];
    }
  }
}

/** Puts `first` before the first line and `rest` before the others (blank lines stay blank). */
function prefixed(lines: readonly Segment[][], first: Segment, rest: Segment): Segment[][] {
  return lines.map((l, i) => (i === 0 ? [first, ...l] : l.length === 0 ? [] : [rest, ...l]));
}

function list(t: Tokens.List, width: number, ctx: Ctx): Segment[][] {
  const first = typeof t.start === 'number' ? t.start : 1;
  const numberWidth = String(first + t.items.length - 1).length;
  const inner: Ctx = { ...ctx, listDepth: ctx.listDepth + 1 };
  const out: Segment[][] = [];
  t.items.forEach((item, i) => {
    let marker = t.ordered
      ? `${`${first + i}.`.padStart(numberWidth + 1)} `
      : `${BULLETS[ctx.listDepth % BULLETS.length]} `;
    if (item.task) marker = `${t.ordered ? marker : ''}${item.checked ? '[x]' : '[ ]'} `;
    const markerWidth = stringWidth(marker);
    const children = item.tokens.filter((c) => c.type !== 'checkbox');
    if (i > 0 && t.loose) out.push([]);
    if (width - markerWidth >= MIN_WIDTH) {
      const lines = blocks(children, width - markerWidth, inner, !item.loose);
      if (lines.length === 0) out.push([segment(marker.trimEnd(), 'bullet')]);
      const indent = segment(' '.repeat(markerWidth), 'text');
      for (const l of prefixed(lines, segment(marker, 'bullet'), indent)) out.push(l);
    } else {
      // Too narrow to indent: the marker gets a line of its own.
      const bullet: Attr = { style: 'bullet', bold: false, italic: false };
      for (const l of wrapInline([{ text: marker.trimEnd(), attr: bullet }], width)) out.push(l);
      for (const l of blocks(children, width, inner, !item.loose)) out.push(l);
    }
  });
  return out;
}

function quote(t: Tokens.Blockquote, width: number, ctx: Ctx): Segment[][] {
  const inner: Ctx = { ...ctx, base: 'quote' };
  if (width < 4) return blocks(t.tokens, width, inner, false);
  const bar = segment(`${QUOTE_BAR} `, 'quote');
  return blocks(t.tokens, width - 2, inner, false).map((l) =>
    l.length === 0 ? [segment(QUOTE_BAR, 'quote')] : [bar, ...l],
  );
}

/** Fenced and indented code: never reflowed; long lines are broken at the width, losing nothing. */
function code(t: Tokens.Code, width: number): Segment[][] {
  // Blank lines at the edges of the block would read as paragraph spacing: drop them.
  const text = neutralize(t.text.replace(/^(?:[ \t]*\n)+/, '').trimEnd()).replace(/\t/g, '  ');
  if (text.trim() === '') return [];
  const language = t.codeBlockStyle === 'indented' ? 'plain' : languageOf(t.lang);
  const indent = width >= 6 ? CODE_INDENT : '';
  const avail = width - indent.length;
  const out: Segment[][] = [];
  for (const toks of highlight(text.split('\n'), language)) {
    if (toks.length === 0) {
      out.push([]);
      continue;
    }
    const rows = hardBreak(
      toks.map((tk) => segment(tk.text, tk.style)),
      avail,
    );
    for (const row of rows) out.push(indent === '' ? row : [segment(indent, 'text'), ...row]);
  }
  return out;
}

function htmlBlock(html: string, width: number, ctx: Ctx): Segment[][] {
  const trimmed = html.trim();
  // Only a comment (its first `-->` closes it at the very end): invisible, as in HTML.
  if (trimmed.startsWith('<!--') && trimmed.indexOf('-->', 4) === trimmed.length - 3) return [];
  const attr = attrOf(start(ctx));
  const items: Inline[] = [];
  neutralize(html.trimEnd())
    .split('\n')
    .forEach((l, i) => {
      if (i > 0) items.push(BREAK);
      items.push({ text: l.replace(/\t/g, ' '), attr });
    });
  return wrapInline(items, width);
}

// ---------------------------------------------------------------- tables

function table(t: Tokens.Table, width: number, ctx: Ctx): Segment[][] {
  const n = t.header.length;
  if (n === 0) return [];
  const head = t.header.map((c) => inline(c.tokens, { ...start(ctx), bold: true }));
  const body = t.rows.map((r) =>
    Array.from({ length: n }, (_, i) => inline(r[i]?.tokens ?? [], start(ctx))),
  );
  const rows = [head, ...body];
  const natural: number[] = [];
  const words: number[] = [];
  const minimum: number[] = [];
  for (let i = 0; i < n; i++) {
    natural.push(maxOf(rows, (r) => naturalWidth(r[i] ?? [])));
    words.push(maxOf(rows, (r) => longestWord(r[i] ?? [])));
    minimum.push(maxOf(rows, (r) => widestGrapheme(r[i] ?? [])));
  }
  // `│ a │ b │`: a bar before every column and one at the end, a space each side of a cell.
  const avail = width - (3 * n + 1);
  let widths = natural;
  if (sum(natural) > avail) {
    if (sum(minimum) > avail) return tableAsRecords(head, body, width);
    // Break words inside cells only when the columns cannot hold their longest words.
    widths = shrink(natural, sum(words) <= avail ? words : minimum, avail);
  }
  const rule = (l: string, m: string, r: string): Segment[] => [
    segment(l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r, 'tableBorder'),
  ];
  const out: Segment[][] = [rule('┌', '┬', '┐')];
  for (const l of tableRow(head, widths, t.align)) out.push(l);
  out.push(rule('├', '┼', '┤'));
  for (const r of body) for (const l of tableRow(r, widths, t.align)) out.push(l);
  out.push(rule('└', '┴', '┘'));
  return out;
}

function tableRow(
  cells: readonly Inline[][],
  widths: readonly number[],
  align: Tokens.Table['align'],
): Segment[][] {
  const wrapped = cells.map((c, i) => wrapInline(c, widths[i]!));
  const height = Math.max(1, ...wrapped.map((w) => w.length));
  const bar = segment('│', 'tableBorder');
  const space = (k: number) => segment(' '.repeat(k), 'text');
  const out: Segment[][] = [];
  for (let k = 0; k < height; k++) {
    const line: Segment[] = [bar];
    wrapped.forEach((cell, i) => {
      const content = cell[k] ?? [];
      const pad = widths[i]! - lineWidth(content);
      const a = align[i];
      const left = a === 'right' ? pad : a === 'center' ? Math.floor(pad / 2) : 0;
      line.push(space(1 + left), ...content, space(1 + pad - left), bar);
    });
    out.push(line);
  }
  return out;
}

/**
 * Narrows the widest columns first (water-filling) until the widths sum to at
 * most `avail`; no column goes below its `floor`.
 */
function shrink(natural: readonly number[], floor: readonly number[], avail: number): number[] {
  const capped = (cap: number) => natural.map((w, i) => Math.max(floor[i]!, Math.min(w, cap)));
  let lo = 0;
  let hi = Math.max(...natural);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (sum(capped(mid)) <= avail) lo = mid;
    else hi = mid - 1;
  }
  const widths = capped(lo);
  let spare = avail - sum(widths);
  for (let i = 0; i < widths.length && spare > 0; i++) {
    if (widths[i]! < natural[i]!) {
      widths[i]!++;
      spare--;
    }
  }
  return widths;
}

/** A table too wide even at its narrowest: each row as `Header: value` lines. */
function tableAsRecords(head: Inline[][], body: Inline[][][], width: number): Segment[][] {
  const out: Segment[][] = [];
  if (body.length === 0) {
    for (const h of head) for (const l of wrapInline(h, width)) out.push(l);
    return out;
  }
  const colon: Attr = { style: 'text', bold: true, italic: false };
  for (const row of body) {
    if (out.length > 0) out.push([]);
    row.forEach((cell, i) => {
      const items: Inline[] = [...(head[i] ?? []), { text: ': ', attr: colon }, ...cell];
      for (const l of wrapInline(items, width)) out.push(l);
    });
  }
  return out;
}

/** The largest measure over the rows, at least 1 (no spread: tables can be long). */
function maxOf<T>(xs: readonly T[], measure: (x: T) => number): number {
  let max = 1;
  for (const x of xs) max = Math.max(max, measure(x));
  return max;
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

// ---------------------------------------------------------------- inline

interface InlineState {
  readonly base: Style;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly strong: boolean;
  readonly link: boolean;
  readonly del: boolean;
}

function start(ctx: Ctx): InlineState {
  return { base: ctx.base, bold: false, italic: false, strong: false, link: false, del: false };
}

/** Code beats strong beats link beats strike-through beats emphasis; bold and italic always carry. */
function attrOf(s: InlineState, code = false): Attr {
  const style: Style = code
    ? 'code'
    : s.strong
      ? 'strong'
      : s.link
        ? 'link'
        : s.del
          ? 'muted'
          : s.italic
            ? 'em'
            : s.base;
  return { style, bold: s.bold, italic: s.italic };
}

function inline(tokens: readonly Token[], s: InlineState): Inline[] {
  const out: Inline[] = [];
  inlineInto(tokens, s, out);
  return out;
}

const PRESENTATIONAL_TAG =
  /^<\/?(?:a|abbr|b|cite|code|del|em|font|i|ins|kbd|mark|q|s|samp|small|span|strike|strong|sub|sup|tt|u|var)(?:\s[^>]*)?\/?>$/i;

function inlineInto(tokens: readonly Token[], s: InlineState, out: Inline[]): void {
  for (const t of tokens) {
    switch (t.type) {
      case 'text':
        if (Array.isArray(t.tokens) && t.tokens.length > 0) inlineInto(t.tokens, s, out);
        else out.push({ text: prose((t as Tokens.Text).text), attr: attrOf(s) });
        break;
      case 'escape':
        out.push({ text: neutralize((t as Tokens.Escape).text), attr: attrOf(s) });
        break;
      case 'strong':
        inlineInto((t as Tokens.Strong).tokens, { ...s, strong: true, bold: true }, out);
        break;
      case 'em':
        inlineInto((t as Tokens.Em).tokens, { ...s, italic: true }, out);
        break;
      case 'del':
        inlineInto((t as Tokens.Del).tokens, { ...s, del: true }, out);
        break;
      case 'codespan':
        out.push({ text: flat(neutralize((t as Tokens.Codespan).text)), attr: attrOf(s, true) });
        break;
      case 'br':
        out.push(BREAK);
        break;
      case 'link':
        link(t as Tokens.Link, s, out);
        break;
      case 'image': {
        const img = t as Tokens.Image;
        const muted: Attr = { style: 'muted', bold: s.bold, italic: s.italic };
        const alt = prose(img.text);
        out.push({ text: alt === '' ? '[image]' : `[image: ${alt}]`, attr: muted });
        if (img.href !== '') out.push({ text: ` (${url(img.href)})`, attr: muted });
        break;
      }
      case 'html': {
        const tag = (t as Tokens.Tag).text;
        if (/^<br\s*\/?>$/i.test(tag)) out.push(BREAK);
        else if (!tag.startsWith('<!--') && !PRESENTATIONAL_TAG.test(tag)) {
          out.push({ text: flat(neutralize(tag)), attr: attrOf(s) });
        }
        break;
      }
      default: {
        const children = (t as Tokens.Generic).tokens;
        if (Array.isArray(children)) inlineInto(children, s, out);
        else if (typeof (t as { text?: unknown }).text === 'string') {
          out.push({ text: prose((t as { text: string }).text), attr: attrOf(s) });
        }
      }
    }
  }
}

/** The link text, then ` (url)` in muted unless the url says the same. */
function link(t: Tokens.Link, s: InlineState, out: Inline[]): void {
  const from = out.length;
  inlineInto(t.tokens, { ...s, link: true }, out);
  // `<https://…>`, bare `www.…` and e-mail addresses: the text is the url.
  if (t.autolink) return;
  let label = '';
  for (let i = from; i < out.length; i++) {
    const item = out[i]!;
    if (item !== BREAK) label += item.text;
  }
  const href = url(t.href);
  if (label.trim() === '') {
    out.push({ text: href, attr: attrOf({ ...s, link: true }) });
  } else if (href !== label && href !== `mailto:${label}`) {
    out.push({ text: ` (${href})`, attr: { style: 'muted', bold: s.bold, italic: s.italic } });
  }
}

function url(href: string): string {
  return flat(neutralize(decodeEntities(href)));
}

// Soft line breaks between two Chinese/Japanese characters vanish (those scripts put
// no space between words; Korean does, so Hangul keeps its space).
const CJK_BREAK =
  /([\u2e80-\u303f\u3040-\u30ff\u3100-\u9fff\uf900-\ufaff\uff00-\uffef])\n(?=[\u2e80-\u303f\u3040-\u30ff\u3100-\u9fff\uf900-\ufaff\uff00-\uffef])/g;

/** Paragraph text: entities decoded, controls neutralised, whitespace folded to single spaces. */
function prose(text: string): string {
  return neutralize(decodeEntities(text))
    .replace(CJK_BREAK, '$1')
    .replace(/[\t\n]/g, ' ')
    .replace(/ {2,}/g, ' ');
}

/** Literal text on one line (code spans, urls, raw tags). */
function flat(text: string): string {
  return text.replace(/[\t\n]/g, ' ');
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  copy: '©',
  reg: '®',
  trade: '™',
  times: '×',
  larr: '←',
  rarr: '→',
  harr: '↔',
  uarr: '↑',
  darr: '↓',
  le: '≤',
  ge: '≥',
  ne: '≠',
};

/** The character references marked leaves in text (it renders to HTML, which would decode them). */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    /&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([A-Za-z]+));/g,
    (m, dec, hex, name) => {
      if (name !== undefined) return Object.hasOwn(ENTITIES, name) ? ENTITIES[name]! : m;
      const cp = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex, 16);
      if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\uFFFD';
      return String.fromCodePoint(cp);
    },
  );
}
