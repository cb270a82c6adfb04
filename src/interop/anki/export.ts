import { createHash } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import { marked } from 'marked';
import type { SqlJsStatic } from 'sql.js';
import { renderCloze } from '../../deck/cloze.js';
import type { Card, ClozeSegment } from '../../model/card.js';
import type { CardRecord, Memory } from '../../model/record.js';
import { type DayConfig, studyDayStart, utcOffsetMinutes } from '../../schedule/day.js';
import { type ReviewEvent, replayOrder } from '../../store/events.js';
import { guidFromNoteId } from './convert.js';

/**
 * kioku cards and their history → an Anki Legacy2 package: `meta` version 2,
 * `collection.anki21` at schema 11 with `schedVer: 2` (so Anki does not apply the
 * V1 ease rewrite to kioku's ratings), a JSON media map and the media files.
 * It needs only SQLite and JSON, and every Anki since 2.1 reads it.
 */

export interface ExportInput {
  readonly cards: readonly Card[];
  readonly records: Readonly<Record<string, CardRecord>>;
  /** The whole review log (undone events and relinks are resolved here). */
  readonly events: readonly ReviewEvent[];
  readonly history: boolean;
  readonly now: Date;
  readonly day: DayConfig;
  /** A media file a card links to (a path relative to its deck file), or null if there is none. */
  readonly media: (card: Card, ref: string) => Uint8Array | null;
}

export interface ExportSummary {
  readonly notes: number;
  readonly cards: number;
  readonly reviews: number;
  readonly media: number;
  readonly decks: number;
}

const DAY_MS = 86_400_000;
const MODEL = {
  basic: 1_000_000_000_001,
  reversed: 1_000_000_000_002,
  typed: 1_000_000_000_003,
  cloze: 1_000_000_000_004,
};
const CSS =
  '.card {\n    font-family: arial;\n    font-size: 20px;\n    text-align: center;\n    color: black;\n    background-color: white;\n}\n';

function field(name: string, ord: number) {
  return { name, ord, sticky: false, rtl: false, font: 'Arial', size: 20, description: '' };
}

function template(name: string, ord: number, qfmt: string, afmt: string) {
  return { name, ord, qfmt, afmt, bqfmt: '', bafmt: '', did: null, bfont: '', bsize: 0 };
}

function model(
  id: number,
  name: string,
  type: 0 | 1,
  fields: string[],
  templates: ReturnType<typeof template>[],
  req: unknown[],
) {
  return {
    id,
    name,
    type,
    mod: 0,
    usn: 0,
    sortf: 0,
    did: null,
    tmpls: templates,
    flds: fields.map(field),
    css: CSS,
    latexPre:
      '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n',
    latexPost: '\\end{document}',
    latexsvg: false,
    req,
  };
}

const ANSWER = '{{FrontSide}}\n\n<hr id=answer>\n\n';
const MODELS = {
  [MODEL.basic]: model(
    MODEL.basic,
    'Basic',
    0,
    ['Front', 'Back'],
    [template('Card 1', 0, '{{Front}}', `${ANSWER}{{Back}}`)],
    [[0, 'any', [0]]],
  ),
  [MODEL.reversed]: model(
    MODEL.reversed,
    'Basic (and reversed card)',
    0,
    ['Front', 'Back'],
    [
      template('Card 1', 0, '{{Front}}', `${ANSWER}{{Back}}`),
      template('Card 2', 1, '{{Back}}', `${ANSWER}{{Front}}`),
    ],
    [
      [0, 'any', [0]],
      [1, 'any', [1]],
    ],
  ),
  [MODEL.typed]: model(
    MODEL.typed,
    'Basic (type in the answer)',
    0,
    ['Front', 'Back', 'Extra'],
    [
      template(
        'Card 1',
        0,
        '{{Front}}\n\n{{type:Back}}',
        '{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}<br>\n{{Extra}}',
      ),
    ],
    [[0, 'any', [0, 1]]],
  ),
  [MODEL.cloze]: model(
    MODEL.cloze,
    'Cloze',
    1,
    ['Text', 'Back Extra'],
    [template('Cloze', 0, '{{cloze:Text}}', '{{cloze:Text}}<br>\n{{Back Extra}}')],
    [[0, 'any', [0]]],
  ),
};

const SCHEMA = `
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL, ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL, dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL, ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL, type integer NOT NULL);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
`;

function stripHtml(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

/** Anki's `field_checksum`: the first 4 bytes of SHA-1 of the stripped first field. */
function checksum(html: string): number {
  return createHash('sha1').update(stripHtml(html)).digest().readUInt32BE(0);
}

/** Anki FSRS difficulty in the revlog `factor` column: ((D − 1) / 9 + 0.1) × 1000. */
function fsrsFactor(memory: Memory): number {
  return Math.round(((memory.difficulty - 1) / 9 + 0.1) * 1000);
}

/** Revlog interval: days when positive, seconds when negative (learning steps). */
function revlogInterval(memory: Memory | null, at: number): number {
  if (!memory) return 0;
  if (memory.scheduledDays > 0) return memory.scheduledDays;
  return -Math.max(1, Math.round((Date.parse(memory.due) - at) / 1000));
}

function revlogType(before: Memory | null): number {
  if (!before || before.state === 0 || before.state === 1) return 0;
  return before.state === 3 ? 2 : 1;
}

/** Unique positive ids near a preferred value (Anki's ids are creation times in ms). */
function idAllocator() {
  const used = new Set<number>();
  return (preferred: number) => {
    let id = Math.max(1, Math.floor(preferred));
    while (used.has(id)) id++;
    used.add(id);
    return id;
  };
}

function hashNumber(text: string): number {
  // 1e12 … 2^53: positive, far from the small ids Anki uses for its own defaults.
  return 1e12 + (createHash('sha256').update(text).digest().readUIntBE(0, 6) % 1e15);
}

function markdownHtml(markdown: string): string {
  return (marked.parse(markdown, { async: false, gfm: true }) as string).trim();
}

/** Cloze segments as Anki text: every group gets a number (kioku's unnumbered ones take the next free). */
function ankiCloze(segments: readonly ClozeSegment[]): {
  text: string;
  numbers: Map<string, number>;
} {
  const numbers = new Map<string, number>();
  for (const s of segments) {
    if (s.type === 'deletion' && /^c\d+$/.test(s.group))
      numbers.set(s.group, Number(s.group.slice(1)));
  }
  let next = Math.max(0, ...numbers.values()) + 1;
  for (const s of segments) {
    if (s.type === 'deletion' && !numbers.has(s.group)) numbers.set(s.group, next++);
  }
  const text = segments
    .map((s) =>
      s.type === 'text'
        ? s.text
        : `{{c${numbers.get(s.group)}::${s.answer}${s.hint ? `::${s.hint}` : ''}}}`,
    )
    .join('');
  return { text, numbers };
}

export function exportAnkiPackage(
  SQL: SqlJsStatic,
  input: ExportInput,
): { bytes: Uint8Array; summary: ExportSummary } {
  const { now, day } = input;
  const nowMs = now.getTime();
  const families = new Map<string, Card[]>();
  for (const c of input.cards) {
    const list = families.get(c.familyId) ?? [];
    list.push(c);
    families.set(c.familyId, list);
  }

  const { events, undone, canonical } = replayOrder(input.events);
  const exported = new Set(input.cards.map((c) => c.id));
  const history = new Map<string, ReviewEvent[]>();
  let earliest = nowMs;
  if (input.history) {
    for (const e of events) {
      if (undone.has(e.id) || (e.type !== 'answer' && e.type !== 'reset')) continue;
      const id = canonical(e.card);
      if (!exported.has(id)) continue;
      const list = history.get(id) ?? [];
      list.push(e);
      history.set(id, list);
      earliest = Math.min(earliest, Date.parse(e.at));
    }
  }
  // Day 0 of the collection: the start of the study day of the first answer.
  const crtMs = studyDayStart(new Date(earliest), day).getTime();
  const crt = Math.floor(crtMs / 1000);

  const decks = new Map<string, number>([['Default', 1]]);
  const deckId = (name: string) => {
    const anki = name.split('/').join('::');
    let id = decks.get(anki);
    if (id === undefined) {
      id = hashNumber(`deck:${anki}`);
      decks.set(anki, id);
    }
    return id;
  };

  const db = new SQL.Database();
  try {
    db.exec(SCHEMA);
    const noteIds = idAllocator();
    const cardIds = idAllocator();
    const revlogIds = idAllocator();
    const mediaNames = new Map<string, string>();
    const mediaFiles: Uint8Array[] = [];
    const insertNote = db.prepare('INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)');
    const insertCard = db.prepare('INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
    const insertRevlog = db.prepare('INSERT INTO revlog VALUES (?,?,?,?,?,?,?,?,?)');
    let notes = 0;
    let cards = 0;
    let reviews = 0;
    let position = 0;
    db.exec('BEGIN');

    const html = (card: Card, markdown: string) =>
      markdownHtml(markdown).replace(
        /(<img [^>]*src=")([^"]+)(")/g,
        (whole, a: string, src: string, b: string) => {
          if (/^[a-z][a-z0-9+.-]*:/i.test(src)) return whole;
          let ref = src;
          try {
            ref = decodeURIComponent(src);
          } catch {
            // As written.
          }
          let name = mediaNames.get(`${card.file}\u0000${ref}`);
          if (name === undefined) {
            const bytes = input.media(card, ref);
            if (!bytes) return whole;
            const base = ref.split('/').pop() || 'file';
            name = base;
            for (let n = 2; [...mediaNames.values()].includes(name); n++) name = `${n}-${base}`;
            mediaNames.set(`${card.file}\u0000${ref}`, name);
            mediaFiles.push(bytes);
          }
          return `${a}${name.replace(/"/g, '&quot;')}${b}`;
        },
      );

    for (const [familyId, members] of families) {
      const first = members[0]!;
      const source = members.map((c) => input.records[c.id]?.source).find((s) => s && 'anki' in s);
      const ankiSource = source && 'anki' in source ? source.anki : null;
      const guid = guidFromNoteId(familyId) ?? ankiSource?.guid ?? familyId;
      const introduced = members
        .map((c) => input.records[c.id]?.introduced)
        .filter((x): x is string => !!x)
        .sort()[0];
      const nid = noteIds(
        ankiSource?.nid ?? (introduced ? Date.parse(introduced) : hashNumber(`note:${familyId}`)),
      );
      let mid: number;
      let fields: string[];
      const ords = new Map<string, number>();
      if (first.kind === 'cloze' && first.cloze) {
        const { text, numbers } = ankiCloze(first.cloze.segments);
        mid = MODEL.cloze;
        // The back is the note with this card's answer shown, then the extra (kioku's A: side).
        const shown = renderCloze(first.cloze.segments, first.cloze.group, 'back');
        const extra = first.back.startsWith(shown) ? first.back.slice(shown.length).trim() : '';
        fields = [html(first, text), extra === '' ? '' : html(first, extra)];
        for (const c of members) ords.set(c.id, (numbers.get(c.cloze?.group ?? '') ?? 1) - 1);
      } else if (first.kind === 'reversible') {
        mid = MODEL.reversed;
        const forward = members.find((c) => c.direction === 'forward') ?? first;
        fields = [html(forward, forward.front), html(forward, forward.back)];
        for (const c of members) ords.set(c.id, c.direction === 'reverse' ? 1 : 0);
      } else if (first.kind === 'typed') {
        mid = MODEL.typed;
        const expected = first.expected ?? '';
        // Anki compares what was typed with the Back field's text: it holds only the expected
        // answer (as code when kioku's back is that code span), the rest of the back goes to Extra.
        const back = first.back.trim();
        const onlyCode =
          /^`+[^`]/.test(back) && markdownHtml(back).match(/^<p><code>[^<]*<\/code><\/p>$/);
        const typed = onlyCode ? `<code>${escapeHtml(expected)}</code>` : escapeHtml(expected);
        const rest = onlyCode || back === expected ? '' : html(first, first.back);
        fields = [html(first, first.front), typed, rest];
        ords.set(first.id, 0);
      } else {
        mid = MODEL.basic;
        fields = [html(first, first.front), html(first, first.back)];
        ords.set(first.id, 0);
      }
      const tags = [...new Set(members.flatMap((c) => c.tags))];
      insertNote.run([
        nid,
        guid,
        mid,
        Math.floor(nowMs / 1000),
        -1,
        tags.length > 0 ? ` ${tags.join(' ')} ` : '',
        fields.join('\u001f'),
        stripHtml(fields[0]!),
        checksum(fields[0]!),
        0,
        '',
      ]);
      notes++;
      const did = deckId(first.deck);

      for (const c of members) {
        const record = input.records[c.id];
        const memory = record?.memory ?? null;
        const ankiCid = ankiSource && members.length === 1 ? ankiSource.cid : undefined;
        const cid = cardIds(ankiCid ?? (record?.introduced ? Date.parse(record.introduced) : nid));
        let type = 0;
        let queue = 0;
        let due = position++;
        let ivl = 0;
        let data = '{}';
        if (memory && memory.state !== 0) {
          const dueMs = Date.parse(memory.due);
          data = JSON.stringify({
            s: Math.round(memory.stability * 10000) / 10000,
            d: Math.round(memory.difficulty * 1000) / 1000,
            ...(memory.lastReview ? { lrt: Math.floor(Date.parse(memory.lastReview) / 1000) } : {}),
          });
          if (memory.state === 2) {
            type = 2;
            queue = 2;
            due = Math.floor((dueMs - crtMs) / DAY_MS);
            ivl = Math.max(1, memory.scheduledDays);
          } else {
            type = memory.state === 3 ? 3 : 1;
            queue = 1;
            due = Math.floor(dueMs / 1000);
          }
        }
        if (record?.suspended) queue = -1;
        insertCard.run([
          cid,
          nid,
          did,
          ords.get(c.id) ?? 0,
          Math.floor(nowMs / 1000),
          -1,
          type,
          queue,
          due,
          ivl,
          type === 0 ? 0 : 2500,
          memory?.reps ?? 0,
          memory?.lapses ?? 0,
          0,
          0,
          0,
          0,
          data,
        ]);
        cards++;
        for (const e of history.get(c.id) ?? []) {
          const at = Date.parse(e.at);
          if (e.type === 'reset') {
            insertRevlog.run([revlogIds(at), cid, -1, 0, 0, 0, 0, 0, 4]);
            continue;
          }
          if (e.type !== 'answer') continue;
          insertRevlog.run([
            revlogIds(at),
            cid,
            -1,
            e.rating,
            revlogInterval(e.after, at),
            revlogInterval(e.before, at),
            e.cram ? 0 : fsrsFactor(e.after),
            Math.min(60_000, Math.max(0, Math.round(e.ms))),
            e.cram ? 3 : revlogType(e.before),
          ]);
          reviews++;
        }
      }
    }
    insertNote.free();
    insertCard.free();
    insertRevlog.free();

    const deckJson: Record<string, unknown> = {};
    for (const [name, id] of decks) {
      deckJson[String(id)] = {
        id,
        mod: Math.floor(nowMs / 1000),
        name,
        usn: -1,
        lrnToday: [0, 0],
        revToday: [0, 0],
        newToday: [0, 0],
        timeToday: [0, 0],
        collapsed: false,
        browserCollapsed: false,
        desc: '',
        dyn: 0,
        conf: 1,
        extendNew: 0,
        extendRev: 0,
      };
    }
    const west = -utcOffsetMinutes(now, day.timeZone);
    const conf = {
      schedVer: 2,
      rollover: day.rolloverHour,
      creationOffset: west,
      localOffset: west,
      nextPos: position,
      activeDecks: [1],
      curDeck: 1,
      curModel: MODEL.basic,
      sortType: 'noteFld',
      sortBackwards: false,
      collapseTime: 1200,
      estTimes: true,
      dueCounts: true,
      addToCur: true,
      dayLearnFirst: false,
      newSpread: 0,
      timeLim: 0,
    };
    const dconf = {
      1: {
        id: 1,
        mod: 0,
        name: 'Default',
        usn: 0,
        maxTaken: 60,
        autoplay: true,
        timer: 0,
        replayq: true,
        new: {
          bury: false,
          delays: [1.0, 10.0],
          initialFactor: 2500,
          ints: [1, 4, 0],
          order: 1,
          perDay: 20,
        },
        rev: { bury: false, ease4: 1.3, ivlFct: 1.0, maxIvl: 36500, perDay: 200, hardFactor: 1.2 },
        lapse: { delays: [10.0], leechAction: 1, leechFails: 8, minInt: 1, mult: 0.0 },
        dyn: false,
        newMix: 0,
        newPerDayMinimum: 0,
        interdayLearningMix: 0,
        reviewOrder: 0,
        newSortOrder: 0,
        newGatherPriority: 0,
        buryInterdayLearning: false,
      },
    };
    db.run('INSERT INTO col VALUES (1,?,?,?,11,0,0,0,?,?,?,?,?)', [
      crt,
      nowMs,
      nowMs,
      JSON.stringify(conf),
      JSON.stringify(MODELS),
      JSON.stringify(deckJson),
      JSON.stringify(dconf),
      '{}',
    ]);
    db.exec('COMMIT');
    const collection = db.export();
    const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {
      meta: [new Uint8Array([0x08, 0x02]), { level: 0 }],
      'collection.anki21': collection,
      media: strToU8(
        JSON.stringify(Object.fromEntries([...mediaNames.values()].map((n, i) => [String(i), n]))),
      ),
    };
    mediaFiles.forEach((bytes, i) => {
      files[String(i)] = bytes;
    });
    return {
      bytes: zipSync(files as Parameters<typeof zipSync>[0]),
      summary: { notes, cards, reviews, media: mediaFiles.length, decks: decks.size - 1 },
    };
  } finally {
    db.close();
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
