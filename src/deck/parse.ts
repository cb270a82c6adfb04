import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { Card, CardKind, ClozeSegment } from '../model/card.js';
import { CKA_DOMAINS } from '../model/exam.js';
import { readDeckSettings } from '../model/settings.js';
import { hashId, normalizeFront } from './identity.js';
import type { DeckMeta, Diagnostic, ParsedDeck } from './types.js';

/** Front-matter keys a deck may set; anything else is a warning, never an error. */
export const FRONT_MATTER_KEYS = [
  'title',
  'description',
  'tags',
  'lang',
  'sources',
  'domain',
  'scheduling',
] as const;

/** CKA exam domains a deck can declare (used to weight mock exams). */
export const DOMAINS = CKA_DOMAINS;

type Marker = 'Q' | 'A' | 'R' | 'T' | 'C';

const MARKER = /^([QARTC]):(?=[ \t]|$)[ \t]?(.*)$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const ID_COMMENT = /^[ \t]*<!--[ \t]*id:[ \t]*(.*?)[ \t]*-->[ \t]*$/;
const VALID_ID = /^[\p{L}\p{N}][\p{L}\p{N}._\-/:]*$/u;
const TRAILING_TAGS = /(^|[ \t])((?:#[\p{L}\p{N}_\-/.:]+[ \t]*)+)$/u;

interface OpenCard {
  kind: Exclude<Marker, 'A'>;
  line: number;
  /** 1-based column where the front's text starts on the marker line. */
  column: number;
  front: string[];
  back: string[] | null;
  backLine: number;
  tags: string[];
  explicitId: string | null;
  headings: string[];
}

export interface ParseInput {
  /** Deck name, e.g. `ja/architecture`. */
  readonly name: string;
  /** Path used in diagnostics. */
  readonly file: string;
  readonly source: string;
}

/** Parses one deck file. Pure: never throws on bad input, reports diagnostics instead. */
export function parseDeck(input: ParseInput): ParsedDeck {
  const { name, file } = input;
  const diagnostics: Diagnostic[] = [];
  const report = (severity: Diagnostic['severity'], line: number, message: string, column = 1) =>
    diagnostics.push({ severity, file, line, column, message });

  // CRLF, lone CR and a BOM must parse exactly like LF.
  const text = input.source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');

  const { meta, bodyStart } = readFrontMatter(lines, report);
  const lang = meta.lang ?? '';

  const cards: Card[] = [];
  const headings: string[] = [];
  let open: OpenCard | null = null;
  let strayAnswer = false; // inside an A: side that belongs to no question
  let fence: { char: string; length: number; line: number } | null = null;

  const close = () => {
    if (open) finishCard(open, { name, file, lang, meta }, cards, report);
    open = null;
    strayAnswer = false;
  };

  for (let i = bodyStart; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineNo = i + 1;

    if (fence) {
      if (isFenceClose(raw, fence)) fence = null;
      appendLine(open, raw);
      continue;
    }
    const fenceOpen = openFence(raw);
    if (fenceOpen) {
      fence = { ...fenceOpen, line: lineNo };
      appendLine(open, raw);
      continue;
    }

    const marker = MARKER.exec(raw);
    if (marker) {
      const kind = marker[1] as Marker;
      const rest = marker[2] ?? '';
      const { text: side, tags } = splitTags(rest);
      // `A: ```yaml` opens a fence too: its lines (`# comment`, `---`, `Q:`) are code.
      const sideFence = openFence(side);
      if (sideFence) fence = { ...sideFence, line: lineNo };
      if (kind === 'A') {
        const current = open as OpenCard | null;
        // After a C: card, an A: side is its "extra": shown only with the answer.
        if (current && current.back === null) {
          current.back = [side];
          current.backLine = lineNo;
          current.tags.push(...tags);
        } else {
          close();
          const why = current
            ? 'this card already has an answer'
            : 'no Q:, R:, T: or C: line before it';
          report('error', lineNo, `answer without a question (${why})`);
          strayAnswer = true;
        }
        continue;
      }
      close();
      open = {
        kind,
        line: lineNo,
        column: raw.length - rest.length + 1,
        front: [side],
        back: null,
        backLine: 0,
        tags,
        explicitId: null,
        headings: [...headings],
      };
      continue;
    }

    const heading = HEADING.exec(raw);
    if (heading) {
      close();
      const level = heading[1]!.length;
      headings.length = Math.min(headings.length, level - 1);
      while (headings.length < level - 1) headings.push('');
      headings.push((heading[2] ?? '').trim());
      continue;
    }

    if (THEMATIC_BREAK.test(raw)) {
      close();
      continue;
    }

    const idComment = ID_COMMENT.exec(raw);
    if (idComment) {
      const id = idComment[1]!;
      const current = open as OpenCard | null;
      if (!current) {
        report('error', lineNo, 'id comment is not attached to a card (put it right after one)');
      } else if (!VALID_ID.test(id)) {
        report(
          'error',
          lineNo,
          `invalid card id "${id}": use letters, digits and . _ - / : (starting with a letter or digit)`,
        );
      } else if (current.explicitId !== null) {
        report('error', lineNo, `card already has the id "${current.explicitId}"`);
      } else {
        current.explicitId = id;
      }
      continue;
    }

    if (!strayAnswer) appendLine(open, raw);
  }

  if (fence) {
    report(
      'error',
      fence.line,
      `unclosed code fence: no closing ${fence.char.repeat(fence.length)} before the end of the file`,
    );
  }
  close();

  return { name, file, meta, cards, diagnostics };
}

function appendLine(open: OpenCard | null, line: string) {
  if (!open) return;
  (open.back ?? open.front).push(line);
}

/** A fence opener; a backtick fence's info string may not hold a backtick (CommonMark). */
function openFence(line: string): { char: string; length: number } | null {
  const m = FENCE_OPEN.exec(line);
  if (!m || (m[1]!.startsWith('`') && m[2]!.includes('`'))) return null;
  return { char: m[1]![0]!, length: m[1]!.length };
}

/** Start of the next run of exactly `n` backticks at or after `from`, or -1. */
function closingTicks(line: string, from: number, n: number): number {
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

function isFenceClose(line: string, fence: { char: string; length: number }): boolean {
  const m = /^[ \t]*(`{3,}|~{3,})[ \t]*$/.exec(line);
  return !!m && m[1]![0] === fence.char && m[1]!.length >= fence.length;
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

/** Joins side lines, dropping blank lines at either end. */
function joinSide(lines: readonly string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end).join('\n');
}

interface DeckContext {
  name: string;
  file: string;
  lang: string;
  meta: DeckMeta;
}

type Report = (
  severity: Diagnostic['severity'],
  line: number,
  message: string,
  column?: number,
) => void;

function finishCard(open: OpenCard, ctx: DeckContext, out: Card[], report: Report) {
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
    const plain = normalizeFront(clozePlain(cloze));
    // The extra is explanation: editing it, like editing a back, keeps the identity.
    const extra = open.back === null ? '' : joinSide(open.back);
    const familyId = open.explicitId ?? hashId('cloze', ctx.lang, plain);
    for (const group of uniq(cloze.flatMap((s) => (s.type === 'deletion' ? [s.group] : [])))) {
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
  let i = 0;
  while (i < line.length) {
    if (line[i] !== '`') {
      i++;
      continue;
    }
    let n = 1;
    while (line[i + n] === '`') n++;
    const j = closingTicks(line, i + n, n);
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

/**
 * Splits a cloze note into text and deletions. Fenced code and inline code are
 * copied through untouched, so `{{ .Values.image }}` inside them stays literal.
 */
export function scanCloze(
  lines: readonly string[],
  firstLine: number,
  report: Report,
  /** Column of the first line's text in the file (after `C: `), for diagnostics. */
  firstColumn = 1,
): ClozeSegment[] | null {
  const segments: ClozeSegment[] = [];
  let text = '';
  let deletion: { body: string; line: number; column: number } | null = null;
  let fence: { char: string; length: number } | null = null;
  let unnumbered = 0;
  const seen = new Map<string, number>();
  let ok = true;

  const pushText = (s: string) => {
    if (deletion) deletion.body += s;
    else text += s;
  };

  lines.forEach((line, index) => {
    const lineNo = firstLine + index;
    const columnBase = index === 0 ? firstColumn : 1;
    if (index > 0) pushText('\n');
    if (fence) {
      if (isFenceClose(line, fence)) fence = null;
      pushText(line);
      return;
    }
    const f = openFence(line);
    if (f) {
      fence = f;
      pushText(line);
      return;
    }
    let i = 0;
    while (i < line.length) {
      const ch = line[i]!;
      if (ch === '`') {
        let n = 1;
        while (line[i + n] === '`') n++;
        const j = closingTicks(line, i + n, n);
        const end = j === -1 ? i + n : j + n;
        pushText(line.slice(i, end));
        i = end;
        continue;
      }
      if (!deletion && line.startsWith('{{', i)) {
        if (text !== '') segments.push({ type: 'text', text });
        text = '';
        deletion = { body: '', line: lineNo, column: columnBase + i };
        i += 2;
        continue;
      }
      if (deletion && line.startsWith('}}', i)) {
        const parsed = parseDeletion(deletion.body);
        if (!parsed) {
          report('error', deletion.line, 'empty cloze deletion {{}}', deletion.column);
          ok = false;
        } else {
          let group = parsed.group;
          if (group === null) {
            // Keyed by answer text, not position, so adding a deletion before it keeps its id.
            let key = normalizeFront(parsed.answer) || `#${unnumbered}`;
            // `{{c1}}` hides the text "c1"; it must not join the `{{c1::…}}` group.
            // Normalised text holds no "=", so the prefix cannot collide.
            if (/^c\d+$/.test(key)) key = `=${key}`;
            const count = seen.get(key) ?? 0;
            seen.set(key, count + 1);
            group = count === 0 ? key : `${key}#${count + 1}`;
            unnumbered++;
          }
          segments.push({
            type: 'deletion',
            group,
            answer: parsed.answer,
            ...(parsed.hint !== undefined ? { hint: parsed.hint } : {}),
          });
        }
        deletion = null;
        i += 2;
        continue;
      }
      pushText(ch);
      i++;
    }
  });

  if (deletion) {
    const d = deletion as { line: number; column: number };
    report('error', d.line, 'unclosed cloze: "{{" has no matching "}}"', d.column);
    return null;
  }
  if (!ok) return null;
  if (text !== '') segments.push({ type: 'text', text });
  return segments;
}

function parseDeletion(
  body: string,
): { group: string | null; answer: string; hint?: string } | null {
  const parts = body.split('::');
  let group: string | null = null;
  if (parts.length > 1 && /^c\d+$/i.test(parts[0]!.trim())) {
    group = parts.shift()!.trim().toLowerCase();
  }
  const answer = (parts.shift() ?? '').trim();
  const hint = parts.length > 0 ? parts.join('::').trim() : undefined;
  if (answer === '') return null;
  return hint ? { group, answer, hint } : { group, answer };
}

function clozePlain(segments: readonly ClozeSegment[]): string {
  return segments.map((s) => (s.type === 'text' ? s.text : s.answer)).join('');
}

/** Front: this card's deletions masked as `[…]` or `[hint]`; back: them in bold. */
export function renderCloze(
  segments: readonly ClozeSegment[],
  group: string,
  side: 'front' | 'back',
): string {
  return segments
    .map((s) => {
      if (s.type === 'text') return s.text;
      if (s.group !== group) return s.answer;
      if (side === 'front') return `[${s.hint ?? '…'}]`;
      return `**${s.answer}**`;
    })
    .join('')
    .trim();
}

function readFrontMatter(lines: string[], report: Report): { meta: DeckMeta; bodyStart: number } {
  const empty: DeckMeta = { tags: [], sources: [] };
  if (lines[0]?.trimEnd() !== '---') return { meta: empty, bodyStart: 0 };
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!.trimEnd();
    if (l === '---' || l === '...') {
      end = i;
      break;
    }
  }
  if (end === -1) {
    report('error', 1, 'front matter is not closed: add a line "---" after it');
    return { meta: empty, bodyStart: 1 };
  }
  const yamlText = lines.slice(1, end).join('\n');
  let data: unknown;
  try {
    data = parseYaml(yamlText, { uniqueKeys: true });
  } catch (err) {
    const pos = err instanceof YAMLParseError && err.linePos ? err.linePos[0] : null;
    // The library counts lines from the start of the YAML, not of the file: drop
    // its "at line 2, column 1:" and report the file position instead.
    const message = (err instanceof Error ? err.message.split('\n')[0]! : String(err))
      .replace(/ at line \d+, column \d+:?$/, '')
      .replace(/:$/, '');
    report('error', pos ? pos.line + 1 : 1, `invalid front matter: ${message}`, pos ? pos.col : 1);
    return { meta: empty, bodyStart: end + 1 };
  }
  if (data === null || data === undefined) return { meta: empty, bodyStart: end + 1 };
  if (typeof data !== 'object' || Array.isArray(data)) {
    report('error', 2, 'invalid front matter: expected "key: value" lines');
    return { meta: empty, bodyStart: end + 1 };
  }

  const keyLine = (key: string) => {
    const idx = lines.slice(1, end).findIndex((l) => l.startsWith(`${key}:`));
    return idx === -1 ? 2 : idx + 2;
  };
  const record = data as Record<string, unknown>;
  const meta: { -readonly [K in keyof DeckMeta]: DeckMeta[K] } = { tags: [], sources: [] };
  for (const [key, value] of Object.entries(record)) {
    switch (key) {
      case 'title':
      case 'description':
      case 'lang':
        if (typeof value === 'string') meta[key] = value;
        else report('error', keyLine(key), `invalid front matter: "${key}" must be text`);
        break;
      case 'domain':
        if (typeof value === 'string' && DOMAINS.includes(value)) meta.domain = value;
        else
          report(
            'error',
            keyLine(key),
            `invalid front matter: "domain" must be one of ${DOMAINS.join(', ')}`,
          );
        break;
      case 'scheduling': {
        const { settings, problems } = readDeckSettings(value);
        meta.scheduling = settings;
        for (const p of problems) report('error', keyLine(key), `invalid front matter: ${p}`);
        break;
      }
      case 'tags':
      case 'sources': {
        const list = typeof value === 'string' ? [value] : value;
        if (
          Array.isArray(list) &&
          list.every((t) => typeof t === 'string' || typeof t === 'number')
        ) {
          meta[key] = list.map(String);
        } else {
          report('error', keyLine(key), `invalid front matter: "${key}" must be a list of words`);
        }
        break;
      }
      default:
        report(
          'warning',
          keyLine(key),
          `unknown front-matter key "${key}" (known: ${FRONT_MATTER_KEYS.join(', ')})`,
        );
    }
  }
  return { meta, bodyStart: end + 1 };
}
