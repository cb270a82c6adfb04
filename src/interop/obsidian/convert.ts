import { hashId, normalizeFront } from '../../deck/identity.js';
import { parseDeck } from '../../deck/parse.js';
import { cardMeta } from '../../deck/relink.js';
import type { Diagnostic } from '../../deck/types.js';
import type { Card, CardKind } from '../../model/card.js';
import type { Memory } from '../../model/record.js';
import { type DayConfig, fromSchedulerTime } from '../../schedule/day.js';
import { State } from '../../schedule/fsrs.js';
import type { ImportedEvent } from '../../store/events.js';
import { memoryFromSm2, safePathPart } from '../anki/convert.js';
import { guardLines } from '../anki/html.js';

/**
 * Notes of an Obsidian vault in the Spaced Repetition plugin's syntax → kioku
 * decks, and each card's scheduling comment → an `imported` memory state. Pure:
 * takes the files' text, returns Markdown and events. The plugin keeps no review
 * log, so there is no history to bring, only where each card stands.
 */

export interface VaultFile {
  /** Path inside the vault, with `/`. */
  readonly path: string;
  readonly text: string;
}

/** The plugin's card syntax: its defaults, or what its settings (`data.json`) say. */
export interface ObsidianSyntax {
  /** Tags that mark a note as holding cards, without `#`. */
  readonly tags: readonly string[];
  readonly single: string;
  readonly singleReversed: string;
  readonly multi: string;
  readonly multiReversed: string;
  readonly highlight: boolean;
  readonly bold: boolean;
  readonly curly: boolean;
}

export const DEFAULT_SYNTAX: ObsidianSyntax = {
  tags: ['flashcards'],
  single: '::',
  singleReversed: ':::',
  multi: '?',
  multiReversed: '??',
  highlight: true,
  bold: false,
  curly: false,
};

/** The syntax from the plugin's settings file (`.obsidian/plugins/obsidian-spaced-repetition/data.json`). */
export function syntaxFromSettings(settings: unknown): ObsidianSyntax {
  if (!settings || typeof settings !== 'object') return DEFAULT_SYNTAX;
  const s = settings as Record<string, unknown>;
  const text = (v: unknown, fallback: string) =>
    typeof v === 'string' && v.trim() !== '' ? v.trim() : fallback;
  const flag = (v: unknown, fallback: boolean) => (typeof v === 'boolean' ? v : fallback);
  const tags = Array.isArray(s.flashcardTags)
    ? s.flashcardTags
        .filter((t): t is string => typeof t === 'string')
        .map((t) => t.replace(/^#/, ''))
        .filter((t) => t !== '')
    : [];
  return {
    tags: tags.length > 0 ? tags : DEFAULT_SYNTAX.tags,
    single: text(s.singleLineCardSeparator, DEFAULT_SYNTAX.single),
    singleReversed: text(s.singleLineReversedCardSeparator, DEFAULT_SYNTAX.singleReversed),
    multi: text(s.multilineCardSeparator, DEFAULT_SYNTAX.multi),
    multiReversed: text(s.multilineReversedCardSeparator, DEFAULT_SYNTAX.multiReversed),
    highlight: flag(s.convertHighlightsToClozes, DEFAULT_SYNTAX.highlight),
    bold: flag(s.convertBoldTextToClozes, DEFAULT_SYNTAX.bold),
    curly: flag(s.convertCurlyBracketsToClozes, DEFAULT_SYNTAX.curly),
  };
}

export interface ObsidianOptions {
  readonly syntax?: ObsidianSyntax;
  readonly weights: readonly number[];
  readonly day: DayConfig;
  readonly existingCardIds: ReadonlySet<string>;
}

export interface ObsidianSummary {
  readonly files: number;
  readonly filesWithCards: number;
  readonly decks: number;
  readonly notes: number;
  readonly notesExisting: number;
  readonly cards: Record<CardKind, number>;
  readonly statesSm2: number;
  readonly statesFsrs: number;
  /** Siblings without a schedule (new, or the plugin's placeholder). */
  readonly newCards: number;
  readonly unreadableSchedules: number;
}

export interface ObsidianResult {
  readonly decks: readonly {
    name: string;
    header: string;
    body: string;
    notes: number;
    cards: number;
  }[];
  readonly events: readonly ImportedEvent[];
  readonly diagnostics: readonly Diagnostic[];
  readonly summary: ObsidianSummary;
}

interface Note {
  readonly kind: 'Q' | 'R' | 'C';
  readonly front: string;
  readonly back: string;
  readonly deck: string;
  readonly file: string;
  readonly line: number;
  readonly schedule: string | null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches a card tag: group 1 the tag, group 2 the deck path under it. */
function deckTag(syntax: ObsidianSyntax, anchored = false): RegExp {
  const names = syntax.tags.map(escapeRegExp).join('|');
  return new RegExp(
    `${anchored ? '^' : '(?:^|\\s)'}#(${names})(?:\\/([\\p{L}\\p{N}_\\-/]+))?${anchored ? '\\s+' : '(?=\\s|$)'}`,
    'u',
  );
}
const SR_COMMENT = /<!--SR:(.*?)-->/;
const BLOCK_ID = /\s\^[A-Za-z0-9-]+\s*$/;

function deckOfTag(tag: string, sub: string | undefined): string {
  const path = (sub ?? '')
    .split('/')
    .filter((p) => p !== '')
    .map(safePathPart)
    .join('/');
  return path !== '' ? path : safePathPart(tag);
}

/** Index of a separator outside inline code, or -1. */
function separatorAt(line: string, sep: string): number {
  let ticks = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '`') {
      let run = 0;
      while (line[i + run] === '`') run++;
      ticks = ticks === 0 ? run : ticks === run ? 0 : ticks;
      i += run - 1;
      continue;
    }
    if (ticks === 0 && line.startsWith(sep, i)) return i;
  }
  return -1;
}

function fileDeck(text: string, syntax: ObsidianSyntax): string | null {
  const DECK_TAG = deckTag(syntax);
  const front = /^---\n([\s\S]*?)\n---/.exec(text);
  if (front) {
    const tags = /^tags:\s*(.*(?:\n\s+-.*)*)/m.exec(front[1]!);
    const names = syntax.tags.map(escapeRegExp).join('|');
    const m = tags
      ? new RegExp(`(?:^|[\\s\\[,#-])(${names})(?:\\/([\\p{L}\\p{N}_\\-/]+))?`, 'u').exec(tags[1]!)
      : null;
    if (m) return deckOfTag(m[1]!, m[2]);
  }
  let fenced = false;
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const m = DECK_TAG.exec(line.replace(/`[^`]*`/g, ''));
    if (m) return deckOfTag(m[1]!, m[2]);
  }
  return null;
}

/** The cards of one note file, with the scheduling comment that follows each. */
export function notesOf(file: VaultFile, syntax: ObsidianSyntax = DEFAULT_SYNTAX): Note[] {
  const text = file.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let deck = fileDeck(text, syntax);
  const DECK_TAG = deckTag(syntax);
  const OWN_TAG = deckTag(syntax, true);
  // The longer separator first: `:::` also contains `::`.
  const separators = (
    [
      [syntax.singleReversed, 'R'],
      [syntax.single, 'Q'],
    ] as const
  )
    .slice()
    .sort((a, b) => b[0].length - a[0].length);
  if (deck === null) return [];
  const lines = text.split('\n');
  let start = 0;
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1);
    if (end > 0) start = end + 1;
  }
  const notes: Note[] = [];
  let block: { text: string; line: number }[] = [];
  let fenced = false;

  const flush = () => {
    const current = block;
    block = [];
    if (current.length === 0) return;
    // Scheduling comments and block ids are the plugin's, not the card's.
    let schedule: string | null = null;
    const cleaned = current
      .map((l) => {
        const m = SR_COMMENT.exec(l.text);
        if (m) schedule = m[1]!;
        return { ...l, text: l.text.replace(SR_COMMENT, '').replace(BLOCK_ID, '').trimEnd() };
      })
      .filter((l) => l.text.trim() !== '');
    if (cleaned.length === 0) return;
    let cardDeck = deck!;
    const first = cleaned[0]!;
    const own = OWN_TAG.exec(first.text);
    if (own) {
      cardDeck = deckOfTag(own[1]!, own[2]);
      cleaned[0] = { ...first, text: first.text.slice(own[0].length) };
    }
    const split = cleaned.findIndex(
      (l) => l.text.trim() === syntax.multi || l.text.trim() === syntax.multiReversed,
    );
    if (split > 0) {
      notes.push({
        kind: cleaned[split]!.text.trim() === syntax.multiReversed ? 'R' : 'Q',
        front: cleaned
          .slice(0, split)
          .map((l) => l.text)
          .join('\n'),
        back: cleaned
          .slice(split + 1)
          .map((l) => l.text)
          .join('\n'),
        deck: cardDeck,
        file: file.path,
        line: cleaned[0]!.line,
        schedule,
      });
      return;
    }
    let inline = false;
    current.forEach((raw, i) => {
      const l = raw.text.replace(SR_COMMENT, '').replace(BLOCK_ID, '').trimEnd();
      for (const [sep, kind] of separators) {
        const at = separatorAt(l, sep);
        if (at <= 0) continue;
        const front = l
          .slice(0, at)
          .trim()
          .replace(/^#flashcards(?:\/[\p{L}\p{N}_\-/]+)?\s+/u, '');
        const back = l.slice(at + sep.length).trim();
        if (front === '' || back === '') break;
        const comment =
          SR_COMMENT.exec(raw.text) ??
          SR_COMMENT.exec(
            current[i + 1]?.text.trim().startsWith('<!--SR:') ? current[i + 1]!.text : '',
          );
        notes.push({
          kind,
          front,
          back,
          deck: cardDeck,
          file: file.path,
          line: raw.line,
          schedule: comment ? comment[1]! : null,
        });
        inline = true;
        break;
      }
    });
    if (inline) return;
    const body = cleaned.map((l) => l.text).join('\n');
    if (hasCloze(body, syntax)) {
      notes.push({
        kind: 'C',
        front: body,
        back: '',
        deck: cardDeck,
        file: file.path,
        line: cleaned[0]!.line,
        schedule,
      });
    }
  };

  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (!fenced && line.trim() === '') {
      flush();
      continue;
    }
    if (!fenced && /^#{1,6}\s/.test(line)) {
      flush();
      continue;
    }
    // A line of tags alone sets the deck of the cards after it.
    const tagLine = /^\s*(?:#[\p{L}\p{N}_\-/]+\s*)+$/u.test(line) ? DECK_TAG.exec(line) : null;
    if (!fenced && tagLine) {
      flush();
      deck = deckOfTag(tagLine[1]!, tagLine[2]);
      continue;
    }
    block.push({ text: line, line: i + 1 });
  }
  flush();
  return notes;
}

/** `==answer==` (with an optional `^[hint]`) → kioku's `{{answer}}` / `{{answer::hint}}`, outside code. */
function hasCloze(text: string, syntax: ObsidianSyntax): boolean {
  const outside = text.replace(/`[^`\n]*`/g, '');
  return (
    (syntax.highlight && /==[^=\n]+?==/.test(outside)) ||
    (syntax.bold && /\*\*[^*\n]+?\*\*/.test(outside)) ||
    (syntax.curly && /\{\{[^{}\n]+?\}\}/.test(outside))
  );
}

function clozeText(text: string, syntax: ObsidianSyntax): string {
  const deletion = (_: string, answer: string, hint?: string) =>
    hint ? `{{${answer}::${hint}}}` : `{{${answer}}}`;
  return text
    .split(/(`[^`\n]*`)/)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      let out = part;
      if (syntax.curly) {
        out = out.replace(/\{\{([^{}\n]+?)\}\}(?:\^\[([^\]\n]+)\])?/g, deletion);
      }
      if (syntax.highlight) out = out.replace(/==([^=\n]+?)==(?:\^\[([^\]\n]+)\])?/g, deletion);
      if (syntax.bold) out = out.replace(/\*\*([^*\n]+?)\*\*(?:\^\[([^\]\n]+)\])?/g, deletion);
      return out;
    })
    .join('');
}

function parseDate(text: string): Date | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) return new Date(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`);
  m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(text);
  if (m) return new Date(`${m[3]}-${m[2]}-${m[1]}T00:00:00Z`);
  const parsed = Date.parse(`${text} UTC`);
  return Number.isNaN(parsed) ? null : new Date(parsed);
}

const DAY_MS = 86_400_000;

/** One `!`-segment of a scheduling comment as a kioku memory; null for a new card, undefined if unreadable. */
export function memoryOfSegment(
  segment: string,
  options: Pick<ObsidianOptions, 'weights' | 'day'>,
): Memory | null | undefined {
  const parts = segment.split(',').map((p) => p.trim());
  if (parts[0] === 'fsrs') {
    const [, due, interval, s, d, state, reps, lapses, steps, last] = parts;
    const numbers = [interval, s, d, state, reps, lapses, steps].map(Number);
    if (!due || Number.isNaN(Date.parse(due)) || numbers.some((n) => !Number.isFinite(n)))
      return undefined;
    const [ivl, stability, difficulty, st, r, l, ls] = numbers as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (st === State.New) return null;
    return {
      due: new Date(due).toISOString(),
      stability,
      difficulty,
      scheduledDays: ivl,
      learningSteps: ls,
      reps: r,
      lapses: l,
      state: st as State,
      lastReview:
        last && last !== '-' && !Number.isNaN(Date.parse(last))
          ? new Date(last).toISOString()
          : null,
    };
  }
  const [date, ivlText, easeText] = parts;
  const day = date ? parseDate(date) : null;
  const ivl = Number(ivlText);
  const ease = Number(easeText);
  if (!day || !Number.isFinite(ivl) || !Number.isFinite(ease) || ivl < 0 || ease <= 0)
    return undefined;
  // The plugin's placeholder for a sibling not reviewed yet.
  if (date === '2000-01-01') return null;
  const due = fromSchedulerTime(day, options.day);
  const { stability, difficulty } = memoryFromSm2(ease / 100, Math.max(ivl, 1), options.weights);
  return {
    due: due.toISOString(),
    stability,
    difficulty,
    scheduledDays: ivl,
    learningSteps: 0,
    reps: 1,
    lapses: 0,
    state: State.Review,
    lastReview: new Date(due.getTime() - ivl * DAY_MS).toISOString(),
  };
}

export function convertVault(
  files: readonly VaultFile[],
  options: ObsidianOptions,
): ObsidianResult {
  const byDeck = new Map<string, { markdown: string; note: Note; id: string }[]>();
  const seen = new Set<string>();
  let filesWithCards = 0;
  for (const file of files) {
    const notes = notesOf(file, options.syntax);
    if (notes.length > 0) filesWithCards++;
    for (const note of notes) {
      const front =
        note.kind === 'C' ? clozeText(note.front, options.syntax ?? DEFAULT_SYNTAX) : note.front;
      let id = `obsidian-${hashId('obsidian', note.file, note.kind, normalizeFront(note.front))}`;
      for (let n = 2; seen.has(id); n++)
        id = `obsidian-${hashId('obsidian', note.file, note.kind, normalizeFront(note.front), String(n))}`;
      seen.add(id);
      const marker = `${note.kind}:`;
      const markdown = [
        `${marker} ${guardLines(front)}`,
        ...(note.kind === 'C' ? [] : [`A: ${guardLines(note.back)}`]),
        `<!-- id: ${id} -->`,
      ].join('\n');
      const list = byDeck.get(note.deck) ?? [];
      list.push({ markdown, note, id });
      byDeck.set(note.deck, list);
    }
  }

  const decks: ObsidianResult['decks'][number][] = [];
  const events: ImportedEvent[] = [];
  const diagnostics: Diagnostic[] = [];
  const counts: Record<CardKind, number> = { basic: 0, reversible: 0, typed: 0, cloze: 0 };
  let notesCount = 0;
  let notesExisting = 0;
  let sm2 = 0;
  let fsrs = 0;
  let fresh = 0;
  let unreadable = 0;
  for (const [name, list] of byDeck) {
    const header = `---\ntitle: ${JSON.stringify(name)}\ndescription: ${JSON.stringify('Imported from an Obsidian vault')}\n---\n`;
    const parsed = parseDeck({
      name,
      file: `${name}.md`,
      source: `${header}\n${list.map((n) => n.markdown).join('\n\n')}\n`,
    });
    diagnostics.push(...parsed.diagnostics);
    const cardsOf = new Map<string, Card[]>();
    for (const c of parsed.cards) {
      const base = c.familyId;
      const group = cardsOf.get(base) ?? [];
      group.push(c);
      cardsOf.set(base, group);
    }
    const kept = list.filter(
      (n) => !(cardsOf.get(n.id) ?? []).every((c) => options.existingCardIds.has(c.id)),
    );
    notesCount += list.length;
    notesExisting += list.length - kept.length;
    let cardCount = 0;
    for (const n of list) {
      const siblings = cardsOf.get(n.id) ?? [];
      for (const c of siblings) counts[c.kind]++;
      if (kept.includes(n)) cardCount += siblings.length;
      const segments = (n.note.schedule ?? '').split('!').filter((s) => s.trim() !== '');
      siblings.forEach((card, i) => {
        const segment = segments[i];
        if (segment === undefined) {
          fresh++;
          return;
        }
        const memory = memoryOfSegment(segment, options);
        if (memory === undefined) {
          unreadable++;
          return;
        }
        if (memory === null) {
          fresh++;
          return;
        }
        if (segment.trim().startsWith('fsrs')) fsrs++;
        else sm2++;
        events.push({
          v: 1,
          id: `obsidian:${card.id}:${hashId(segment.trim())}`,
          at: memory.lastReview ?? memory.due,
          card: card.id,
          ...cardMeta(card),
          type: 'imported',
          memory,
          source: { obsidian: { file: n.note.file, line: n.note.line } },
        });
      });
    }
    decks.push({
      name,
      header,
      body: kept.length > 0 ? `${kept.map((n) => n.markdown).join('\n\n')}\n` : '',
      notes: kept.length,
      cards: cardCount,
    });
  }
  return {
    decks,
    events,
    diagnostics,
    summary: {
      files: files.length,
      filesWithCards,
      decks: decks.length,
      notes: notesCount,
      notesExisting,
      cards: counts,
      statesSm2: sm2,
      statesFsrs: fsrs,
      newCards: fresh,
      unreadableSchedules: unreadable,
    },
  };
}
