import { generatorParameters, S_MIN } from 'ts-fsrs';
import { parseDeck } from '../../deck/parse.js';
import { cardMeta } from '../../deck/relink.js';
import type { Diagnostic } from '../../deck/types.js';
import type { Card, CardKind } from '../../model/card.js';
import type { CardMeta, Memory } from '../../model/record.js';
import type { SchedulerSettings } from '../../model/settings.js';
import { type DayConfig, studyDay } from '../../schedule/day.js';
import { createScheduler, type Grade, State } from '../../schedule/fsrs.js';
import type { ReviewEvent } from '../../store/events.js';
import type { AnkiCard, AnkiCollection, AnkiNote, AnkiNotetype, AnkiRevlog } from './collection.js';
import { htmlToMarkdown } from './html.js';

/**
 * Anki collection (as values) → kioku decks (Markdown text) and review-log events.
 * Pure: no file system, no clock. Every event id is derived from the file, so
 * converting the same collection twice gives the same events.
 */

export interface ConvertOptions {
  /** kioku's scheduling settings (weights, retention, steps) for replaying histories. */
  readonly scheduler: SchedulerSettings;
  /** Card ids already in the user's decks: notes whose cards all exist are not written again. */
  readonly existingCardIds: ReadonlySet<string>;
  /** Media file names present in the package. */
  readonly media: ReadonlySet<string>;
  /** Called as cards' histories are converted. */
  readonly onProgress?: (done: number, total: number) => void;
}

export type NoteMapping = 'basic' | 'typed' | 'reversible' | 'optional-reversible' | 'cloze';

export interface ImportedDeck {
  /** kioku deck name: the path under the decks folder without `.md` (`A::B` → `A/B`). */
  readonly name: string;
  /** The Anki deck it came from, with `::`. */
  readonly ankiName: string;
  /** Front matter for a new file. */
  readonly header: string;
  /** The notes not yet in the user's decks, as Markdown. */
  readonly body: string;
  readonly notes: number;
  readonly cards: number;
}

export interface MediaCopy {
  /** Name in the package. */
  readonly name: string;
  /** Path under the decks folder to write it to. */
  readonly path: string;
}

export interface ImportSummary {
  readonly packageVersion: number;
  readonly schema: number;
  readonly decks: number;
  readonly notes: number;
  /** Notes already in the decks (a second import), not written again. */
  readonly notesExisting: number;
  /** kioku cards by kind. */
  readonly cards: Record<CardKind, number>;
  /** Anki cards by notetype name. */
  readonly ankiCardsByNotetype: Record<string, number>;
  /** Graded reviews of live cards that became answer events. */
  readonly reviews: number;
  readonly cramReviews: number;
  readonly resets: number;
  readonly reschedules: number;
  /** Cards whose state is Anki's stored FSRS memory. */
  readonly fsrsStates: number;
  /** Cards whose state was seeded from SM-2 ease and interval (truncated history). */
  readonly seededFromSm2: number;
  readonly suspended: number;
  readonly buried: number;
  readonly media: number;
  readonly skipped: {
    readonly orphanRows: number;
    readonly orphanCards: number;
    /** Revlog rows of cards not imported (skipped notetype, unused template, deck error). */
    readonly rowsOfSkippedCards: number;
    /** Manual rows (set due date) of cards with no state yet. */
    readonly manualRows: number;
    readonly notesByNotetype: Record<string, number>;
  };
  /** Exported without scheduling: no review log and every card new. */
  readonly noScheduling: boolean;
}

export interface ConvertResult {
  readonly decks: readonly ImportedDeck[];
  readonly media: readonly MediaCopy[];
  readonly events: readonly ReviewEvent[];
  readonly warnings: readonly string[];
  /** Problems the deck parser found in the generated Markdown (should be none). */
  readonly diagnostics: readonly Diagnostic[];
  readonly summary: ImportSummary;
}

/** Anki's day boundary as a kioku day: UTC with the rollover hour shifted by the offset. */
export function ankiDay(col: AnkiCollection): DayConfig {
  if (col.rollover !== null && col.minutesWest !== null) {
    const hour = col.rollover + Math.round(col.minutesWest / 60);
    return { timeZone: 'UTC', rolloverHour: ((hour % 24) + 24) % 24 };
  }
  // V1 collections: `crt` is the start of the creation day.
  return {
    timeZone: 'UTC',
    rolloverHour: Math.floor((((col.crt % 86400) + 86400) % 86400) / 3600),
  };
}

/** The explicit kioku id of an Anki note: its guid in hex (guids use characters ids cannot). */
export function noteIdFromGuid(guid: string): string {
  return `anki-${Buffer.from(guid, 'utf8').toString('hex')}`;
}

export function guidFromNoteId(id: string): string | null {
  const m = /^anki-((?:[0-9a-f]{2})+)$/.exec(id);
  return m ? Buffer.from(m[1]!, 'hex').toString('utf8') : null;
}

const SPECIAL_FIELDS = new Set([
  'FrontSide',
  'Tags',
  'Type',
  'Deck',
  'Subdeck',
  'Card',
  'CardFlag',
]);

/** Field names a template refers to (`{{Front}}`, `{{type:Back}}`, `{{#Add Reverse}}`…). */
function refs(template: string): {
  plain: string[];
  typed: string[];
  cloze: string[];
  cond: string[];
} {
  const out = {
    plain: [] as string[],
    typed: [] as string[],
    cloze: [] as string[],
    cond: [] as string[],
  };
  for (const m of template.matchAll(/\{\{([^{}]+)\}\}/g)) {
    const inner = m[1]!.trim();
    if (inner.startsWith('/')) continue;
    if (inner.startsWith('#') || inner.startsWith('^')) {
      out.cond.push(inner.slice(1).trim());
      continue;
    }
    const parts = inner.split(':');
    const name = parts[parts.length - 1]!.trim();
    if (SPECIAL_FIELDS.has(name)) continue;
    const filters = parts.slice(0, -1).map((f) => f.trim());
    if (filters.includes('type')) out.typed.push(name);
    else if (filters.includes('cloze')) out.cloze.push(name);
    else out.plain.push(name);
  }
  return out;
}

interface Mapping {
  readonly kind: NoteMapping | 'other' | 'skip';
  readonly front: number;
  readonly back: readonly number[];
}

/** Recognises the stock notetypes by structure (names are translated: 问答题 is Basic). */
export function classifyNotetype(nt: AnkiNotetype): Mapping {
  const idx = (name: string) => nt.fields.indexOf(name);
  const others = (used: readonly number[]) =>
    nt.fields.map((_, i) => i).filter((i) => !used.includes(i));
  const t = nt.templates;
  if (
    t.some((x) => /image-?occlusion/i.test(x.qfmt + x.afmt)) ||
    /image occlusion/i.test(nt.name)
  ) {
    return { kind: 'skip', front: 0, back: [] };
  }
  if (nt.cloze) {
    const text = t[0] ? refs(t[0].qfmt).cloze[0] : undefined;
    const front = text === undefined ? -1 : idx(text);
    if (front >= 0) return { kind: 'cloze', front, back: others([front]) };
    return { kind: 'other', front: 0, back: others([0]) };
  }
  const q0 = t[0] ? refs(t[0].qfmt) : null;
  const a0 = t[0] ? refs(t[0].afmt) : null;
  if (t.length === 1 && q0 && a0 && q0.typed.length === 1 && q0.plain.length === 1) {
    const front = idx(q0.plain[0]!);
    const typed = idx(q0.typed[0]!);
    // Anki's stock type-in notetype has two fields; kioku's export adds an Extra.
    const extra = a0.plain.map(idx).filter((i) => i >= 0 && i !== front && i !== typed);
    if (front >= 0 && typed >= 0 && front !== typed && nt.fields.length <= 3) {
      return { kind: 'typed', front, back: [typed, ...extra] };
    }
  }
  if (t.length === 1 && q0 && a0 && nt.fields.length === 2) {
    if (q0.plain.length === 1 && q0.typed.length === 0) {
      const front = idx(q0.plain[0]!);
      const back = a0.plain.map(idx).filter((i) => i >= 0 && i !== front);
      if (front >= 0 && back.length === 1) return { kind: 'basic', front, back };
    }
  }
  if (t.length === 2 && q0 && q0.plain.length === 1 && q0.typed.length === 0) {
    const front = idx(q0.plain[0]!);
    const a1 = refs(t[1]!.afmt);
    const q1 = refs(t[1]!.qfmt);
    const back = nt.fields.findIndex(
      (_, i) =>
        i !== front &&
        i < 3 &&
        (q1.plain.includes(nt.fields[i]!) || a0!.plain.includes(nt.fields[i]!)),
    );
    const answersFront = a1.plain.includes(nt.fields[front] ?? '');
    if (front >= 0 && back >= 0 && answersFront) {
      if (nt.fields.length === 2 && q1.plain.length === 1)
        return { kind: 'reversible', front, back: [back] };
      if (nt.fields.length === 3) return { kind: 'optional-reversible', front, back: [back] };
    }
  }
  return { kind: 'other', front: 0, back: others([0]) };
}

const TAG_CHARS = /[^\p{L}\p{N}_\-/.:]/gu;

function tagOf(tag: string): string | null {
  const cleaned = tag.replace(TAG_CHARS, '_').replace(/^[_]+|[_]+$/g, '');
  return cleaned === '' ? null : cleaned;
}

const TRAILING_TAGS = /(^|[ \t])((?:#[\p{L}\p{N}_\-/.:]+[ \t]*)+)$/u;

/** The first line of a side on a marker line: a trailing `#word` run of the text is escaped, not taken as tags. */
function markerLine(marker: string, side: string, tags: readonly string[]): string {
  const lines = side.split('\n');
  let first = lines[0] ?? '';
  if (TRAILING_TAGS.test(first))
    first = first.replace(
      TRAILING_TAGS,
      (_, lead: string, run: string) => lead + run.replace(/#/g, '\\#'),
    );
  // A fence, list or quote must start on a line of its own, not after the marker.
  const own = /^(?:`{3,}|~{3,}|\s*[-*+] |\s*\d+\. |>|\|)/.test(first);
  const tagText = tags.map((t) => ` #${t}`).join('');
  if (own) return [`${marker}${tagText}`, ...lines].join('\n');
  return [`${marker} ${first}${tagText}`.trimEnd(), ...lines.slice(1)].join('\n');
}

export function safePathPart(part: string): string {
  const cleaned = part
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '-')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 100);
  return cleaned === '' ? '_' : cleaned;
}

function safeMediaName(name: string): string {
  const base = name.replace(/[\u0000-\u001f\u007f/\\]/g, '_').replace(/^\.+/, '_');
  return base === '' ? '_' : base;
}

/** Anki's `memory_state_from_sm2`: the FSRS memory whose recall growth matches an SM-2 ease. */
export function memoryFromSm2(
  ease: number,
  interval: number,
  weights: readonly number[],
  retention = 0.9,
): { stability: number; difficulty: number } {
  const w = weights;
  const decay = -(w[20] ?? 0.5);
  const factor = 0.9 ** (1 / decay) - 1;
  const stability = Math.max(
    S_MIN,
    (Math.max(interval, S_MIN) * factor) / (retention ** (1 / decay) - 1),
  );
  const growth = Math.exp(w[8]!) * stability ** -w[9]! * (Math.exp((1 - retention) * w[10]!) - 1);
  const difficulty = 11 - (ease - 1) / growth;
  return { stability, difficulty: Math.min(10, Math.max(1, difficulty)) };
}

const DAY_MS = 86_400_000;

interface NotePlan {
  readonly note: AnkiNote;
  readonly notetype: AnkiNotetype;
  readonly mapping: Mapping;
  readonly kind: NoteMapping | 'other';
  /** kioku card id → the Anki card. */
  readonly cards: Map<string, AnkiCard>;
  readonly deck: string;
  readonly folder: string;
  readonly markdown: string;
  readonly baseId: string;
}

export function convertCollection(
  col: AnkiCollection,
  options: ConvertOptions & { packageVersion?: number },
): ConvertResult {
  const warnings: string[] = [];
  const skippedNotes: Record<string, number> = {};
  const byNotetype: Record<string, number> = {};
  const mappings = new Map<number, Mapping>();
  for (const nt of col.notetypes.values()) mappings.set(nt.id, classifyNotetype(nt));

  const cardsByNote = new Map<number, AnkiCard[]>();
  for (const c of col.cards) {
    const list = cardsByNote.get(c.nid) ?? [];
    list.push(c);
    cardsByNote.set(c.nid, list);
  }
  const deckPath = (did: number) => {
    const parts = col.decks.get(did) ?? ['Default'];
    return { name: parts.map(safePathPart).join('/'), anki: parts.join('::') };
  };

  const mediaCopies = new Map<string, MediaCopy>();
  const mediaFor = (folder: string) => (name: string) => {
    const file = safeMediaName(name);
    if (options.media.has(name)) {
      const path = folder === '' ? `assets/${file}` : `${folder}/assets/${file}`;
      mediaCopies.set(path, { name, path });
    }
    return `assets/${file}`;
  };

  const warnedTypes = new Set<number>();
  const plans: NotePlan[] = [];
  for (const note of col.notes) {
    const nt = col.notetypes.get(note.mid);
    const ankiCards = (cardsByNote.get(note.id) ?? []).sort((a, b) => a.ord - b.ord);
    const ntName = nt?.name ?? `notetype ${note.mid}`;
    byNotetype[ntName] = (byNotetype[ntName] ?? 0) + ankiCards.length;
    const mapping = nt ? mappings.get(nt.id)! : { kind: 'other' as const, front: 0, back: [] };
    if (!nt || mapping.kind === 'skip') {
      skippedNotes[ntName] = (skippedNotes[ntName] ?? 0) + 1;
      if (nt && !warnedTypes.has(nt.id)) {
        warnedTypes.add(nt.id);
        warnings.push(
          `notetype "${ntName}" (image occlusion) is not supported: its notes were skipped`,
        );
      }
      continue;
    }
    if (ankiCards.length === 0) continue;
    if (mapping.kind === 'other' && !warnedTypes.has(nt.id)) {
      warnedTypes.add(nt.id);
      warnings.push(
        `notetype "${ntName}" is not a stock one: its notes were imported as Q: cards, first field the front, the other fields the back`,
      );
    }
    const { name: deck, anki } = deckPath(ankiCards[0]!.did);
    const folder = deck.includes('/') ? deck.slice(0, deck.lastIndexOf('/')) : '';
    const media = mediaFor(folder);
    const field = (i: number) => htmlToMarkdown(note.fields[i] ?? '', { media });
    const tags = note.tags.map(tagOf).filter((t): t is string => t !== null);
    const baseId = noteIdFromGuid(note.guid);
    const idLine = `<!-- id: ${baseId} -->`;
    const cards = new Map<string, AnkiCard>();
    let kind: NoteMapping | 'other' = mapping.kind;
    let markdown: string;
    if (mapping.kind === 'cloze') {
      const text = field(mapping.front);
      const extra = mapping.back
        .map(field)
        .filter((s) => s !== '')
        .join('\n\n');
      markdown = [
        markerLine('C:', text, tags),
        ...(extra ? [markerLine('A:', extra, [])] : []),
        idLine,
      ].join('\n');
      for (const c of ankiCards) cards.set(`${baseId}::c${c.ord + 1}`, c);
    } else {
      let front: string;
      let back: string;
      if (mapping.kind === 'other') {
        const values = nt.fields.map((name, i) => ({ name, text: field(i) }));
        const first = values.findIndex((v) => v.text !== '');
        front = first >= 0 ? values[first]!.text : '';
        back = values
          .filter((v, i) => i !== first && v.text !== '')
          .map((v) => {
            const label = `**${v.name.replace(/[*`\\]/g, '\\$&')}:**`;
            // A block value (a list, a table, several lines) starts below its label.
            return v.text.includes('\n') ? `${label}\n\n${v.text}` : `${label} ${v.text}`;
          })
          .join('\n\n');
      } else {
        front = field(mapping.front);
        back = mapping.back
          .map(field)
          .filter((s) => s !== '')
          .join('\n\n');
      }
      if (front === '') {
        skippedNotes[`${ntName} (empty front)`] =
          (skippedNotes[`${ntName} (empty front)`] ?? 0) + 1;
        continue;
      }
      if (back === '') back = '(empty in Anki)';
      if (mapping.kind === 'optional-reversible') {
        kind = ankiCards.some((c) => c.ord === 1) ? 'reversible' : 'basic';
      }
      const marker = kind === 'typed' ? 'T:' : kind === 'reversible' ? 'R:' : 'Q:';
      markdown = [markerLine(marker, front, tags), markerLine('A:', back, []), idLine].join('\n');
      if (kind === 'reversible') {
        for (const c of ankiCards) {
          if (c.ord === 0) cards.set(`${baseId}::forward`, c);
          if (c.ord === 1) cards.set(`${baseId}::reverse`, c);
        }
      } else {
        cards.set(baseId, ankiCards[0]!);
      }
    }
    plans.push({ note, notetype: nt, mapping, kind, cards, deck, folder, markdown, baseId });
    void anki;
  }

  // Decks: parse what would be written, to get kioku's own card identities.
  const deckOrder: string[] = [];
  const deckPlans = new Map<string, NotePlan[]>();
  const ankiNames = new Map<string, string>();
  for (const p of plans) {
    if (!deckPlans.has(p.deck)) {
      deckPlans.set(p.deck, []);
      deckOrder.push(p.deck);
      ankiNames.set(p.deck, deckPath(p.cards.values().next().value!.did).anki);
    }
    deckPlans.get(p.deck)!.push(p);
  }
  const diagnostics: Diagnostic[] = [];
  const kiokuCards = new Map<string, Card>();
  const decks: ImportedDeck[] = [];
  const cardCounts: Record<CardKind, number> = { basic: 0, reversible: 0, typed: 0, cloze: 0 };
  let notesExisting = 0;
  for (const name of deckOrder) {
    const list = deckPlans.get(name)!;
    const ankiName = ankiNames.get(name)!;
    const header = `---\ntitle: ${JSON.stringify(ankiName)}\ndescription: ${JSON.stringify(`Imported from the Anki deck "${ankiName}"`)}\n---\n`;
    const all = `${header}\n${list.map((p) => p.markdown).join('\n\n')}\n`;
    const parsed = parseDeck({ name, file: `${name}.md`, source: all });
    diagnostics.push(...parsed.diagnostics);
    for (const c of parsed.cards) kiokuCards.set(c.id, c);
    const fresh = list.filter(
      (p) => ![...p.cards.keys()].every((id) => options.existingCardIds.has(id)),
    );
    notesExisting += list.length - fresh.length;
    let cards = 0;
    for (const p of list) {
      for (const id of p.cards.keys()) {
        const c = kiokuCards.get(id);
        if (c) cardCounts[c.kind]++;
      }
    }
    for (const p of fresh) cards += [...p.cards.keys()].filter((id) => kiokuCards.has(id)).length;
    decks.push({
      name,
      ankiName,
      header,
      body: fresh.length > 0 ? `${fresh.map((p) => p.markdown).join('\n\n')}\n` : '',
      notes: fresh.length,
      cards,
    });
  }

  // History.
  const scheduler = createScheduler({ ...options.scheduler, fuzz: false }, ankiDay(col));
  const day = ankiDay(col);
  const weights =
    options.scheduler.weights.length > 0 ? options.scheduler.weights : generatorParameters().w;
  const ankiToKioku = new Map<number, { id: string; card: Card }>();
  for (const p of plans) {
    for (const [id, c] of p.cards) {
      const card = kiokuCards.get(id);
      if (card) ankiToKioku.set(c.id, { id, card });
    }
  }
  const liveCards = new Set(col.cards.map((c) => c.id));
  const rowsByCard = new Map<number, AnkiRevlog[]>();
  let orphanRows = 0;
  const orphanCards = new Set<number>();
  let rowsOfSkipped = 0;
  for (const r of col.revlog) {
    if (!liveCards.has(r.cid)) {
      orphanRows++;
      orphanCards.add(r.cid);
      continue;
    }
    if (!ankiToKioku.has(r.cid)) {
      rowsOfSkipped++;
      continue;
    }
    const list = rowsByCard.get(r.cid) ?? [];
    list.push(r);
    rowsByCard.set(r.cid, list);
  }

  const events: ReviewEvent[] = [];
  const counts = {
    reviews: 0,
    cram: 0,
    resets: 0,
    reschedules: 0,
    fsrs: 0,
    seeded: 0,
    suspended: 0,
    buried: 0,
    manual: 0,
  };
  const prefix = `anki:${col.crt}`;
  const v1 = col.schedVer === 1;

  let done = 0;
  for (const c of col.cards) {
    if (++done % 500 === 0) options.onProgress?.(done, col.cards.length);
    const target = ankiToKioku.get(c.id);
    if (!target) continue;
    const meta: CardMeta = cardMeta(target.card);
    const base = (id: string, at: number) => ({
      v: 1 as const,
      id,
      at: new Date(at).toISOString(),
      card: target.id,
      ...meta,
    });
    const rows = rowsByCard.get(c.id) ?? [];
    const graded = (r: AnkiRevlog) => r.ease >= 1 && r.ease <= 4;
    const isReset = (r: AnkiRevlog) => r.type === 4 && r.factor === 0 && r.ease === 0;
    const isCram = (r: AnkiRevlog) => r.type === 3 && r.factor === 0;
    // Anki's reviews_for_fsrs: the history since the last reset; without a learning
    // block in it (an older import cut it off), it starts at the first inter-day review
    // and is seeded from SM-2.
    let lastReset = -1;
    rows.forEach((r, i) => {
      if (isReset(r)) lastReset = i;
    });
    const since = rows.slice(lastReset + 1);
    const hasLearning = since.some((r) => graded(r) && r.type === 0);
    const seedRow = hasLearning
      ? null
      : (since.find((r) => graded(r) && !isCram(r) && (r.ivl >= 1 || r.ivl <= -86400)) ?? null);

    let memory: Memory | null = null;
    let lastAt = 0;
    for (const r of rows) {
      const at = r.id;
      lastAt = Math.max(lastAt, at);
      if (isReset(r)) {
        events.push({ ...base(`${prefix}:${r.id}:${c.id}`, at), type: 'reset' });
        counts.resets++;
        memory = null;
        continue;
      }
      if (!graded(r)) {
        // Manual rows: set due date (type 4) and FSRS reschedules (type 5).
        if (memory && (r.type === 4 || r.type === 5) && r.ivl > 0) {
          const due = new Date(at + r.ivl * DAY_MS).toISOString();
          events.push({
            ...base(`${prefix}:${r.id}:${c.id}`, at),
            type: 'reschedule',
            due,
            scheduledDays: r.ivl,
          });
          memory = { ...(memory as Memory), due, scheduledDays: r.ivl };
          counts.reschedules++;
        } else counts.manual++;
        continue;
      }
      const ease =
        v1 && (r.ease === 2 || r.ease === 3) && (r.type === 0 || r.type === 2)
          ? r.ease + 1
          : r.ease;
      const rating = ease as Grade;
      const ms = Math.max(0, Math.round(r.time));
      const after = scheduler.answer(memory, new Date(at), rating);
      if (isCram(r)) {
        events.push({
          ...base(`${prefix}:${r.id}:${c.id}`, at),
          type: 'answer',
          rating,
          ms,
          before: memory,
          after,
          cram: true,
        });
        counts.cram++;
        continue;
      }
      events.push({
        ...base(`${prefix}:${r.id}:${c.id}`, at),
        type: 'answer',
        rating,
        ms,
        before: memory,
        after,
      });
      counts.reviews++;
      memory = after;
      if (r === seedRow) {
        const ease = r.factor > 0 && r.factor <= 1100 ? null : (r.factor || 2500) / 1000;
        const ivl = r.ivl > 0 ? r.ivl : -r.ivl / 86400;
        const seeded =
          ease === null
            ? {
                stability: memoryFromSm2(2.5, ivl, weights).stability,
                difficulty: (r.factor / 1000 - 0.1) * 9 + 1,
              }
            : memoryFromSm2(ease, ivl, weights);
        memory = { ...memory, ...seeded };
        events.push({
          ...base(`${prefix}:seed:${c.id}:${r.id}`, at + 1),
          type: 'imported',
          memory,
          source: sourceOf(c, target),
        });
        lastAt = at + 1;
        counts.seeded++;
      }
    }

    // The card as Anki has it now: its due date, and its FSRS memory if Anki kept one.
    if (c.type === 0) {
      if (memory) {
        events.push({
          ...base(`${prefix}:forget:${c.id}:${c.mod}`, Math.max(lastAt + 1, c.mod * 1000)),
          type: 'reset',
        });
        counts.resets++;
        memory = null;
      }
    } else {
      const lastReview = c.fsrs?.lrt
        ? c.fsrs.lrt * 1000
        : memory?.lastReview
          ? Date.parse(memory.lastReview)
          : null;
      const dueMs = c.type === 2 || c.due < 1e9 ? col.crt * 1000 + c.due * DAY_MS : c.due * 1000;
      let sd: { stability: number; difficulty: number };
      if (c.fsrs) {
        sd = { stability: c.fsrs.s, difficulty: c.fsrs.d };
        counts.fsrs++;
      } else if (memory) sd = { stability: memory.stability, difficulty: memory.difficulty };
      else {
        sd = memoryFromSm2((c.factor || 2500) / 1000, Math.max(c.ivl, 1), weights);
        counts.seeded++;
      }
      const state: Memory = {
        due: new Date(dueMs).toISOString(),
        stability: sd.stability,
        difficulty: sd.difficulty,
        scheduledDays: c.type === 2 ? c.ivl : 0,
        learningSteps: c.type === 2 ? 0 : (memory?.learningSteps ?? 0),
        reps: c.reps,
        lapses: c.lapses,
        state: c.type === 1 ? State.Learning : c.type === 3 ? State.Relearning : State.Review,
        lastReview: new Date(
          lastReview ?? (c.type === 2 ? dueMs - c.ivl * DAY_MS : c.mod * 1000),
        ).toISOString(),
      };
      const at = Math.max(lastAt + 1, lastReview ?? 0);
      events.push({
        ...base(`${prefix}:state:${c.id}:${c.mod}`, at),
        type: 'imported',
        memory: state,
        source: sourceOf(c, target),
      });
      lastAt = at;
    }
    if (c.queue === -1) {
      events.push({
        ...base(`${prefix}:suspend:${c.id}:${c.mod}`, Math.max(lastAt + 1, c.mod * 1000)),
        type: 'suspend',
        suspended: true,
      });
      counts.suspended++;
    } else if (c.queue === -2 || c.queue === -3) {
      const at = Math.max(lastAt + 1, c.mod * 1000);
      events.push({
        ...base(`${prefix}:bury:${c.id}:${c.mod}`, at),
        type: 'bury',
        day: studyDay(new Date(at), day),
      });
      counts.buried++;
    }
  }

  const notes = plans.length;
  return {
    decks,
    media: [...mediaCopies.values()],
    events,
    warnings,
    diagnostics,
    summary: {
      packageVersion: options.packageVersion ?? 0,
      schema: col.schema,
      decks: decks.length,
      notes,
      notesExisting,
      cards: cardCounts,
      ankiCardsByNotetype: byNotetype,
      reviews: counts.reviews,
      cramReviews: counts.cram,
      resets: counts.resets,
      reschedules: counts.reschedules,
      fsrsStates: counts.fsrs,
      seededFromSm2: counts.seeded,
      suspended: counts.suspended,
      buried: counts.buried,
      media: mediaCopies.size,
      skipped: {
        orphanRows,
        orphanCards: orphanCards.size,
        rowsOfSkippedCards: rowsOfSkipped,
        manualRows: counts.manual,
        notesByNotetype: skippedNotes,
      },
      noScheduling: col.revlog.length === 0 && col.cards.every((c) => c.type === 0),
    },
  };
}

function sourceOf(
  c: AnkiCard,
  target: { id: string },
): { anki: { cid: number; nid: number; guid: string } } {
  const guid = guidFromNoteId(target.id.split('::')[0]!) ?? '';
  return { anki: { cid: c.id, nid: c.nid, guid } };
}
