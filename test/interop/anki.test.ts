import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { SqlJsStatic } from 'sql.js';
import { default_w } from 'ts-fsrs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/deck/parse.js';
import { type AnkiCollection, readCollection } from '../../src/interop/anki/collection.js';
import {
  convertCollection,
  guidFromNoteId,
  memoryFromSm2,
  noteIdFromGuid,
} from '../../src/interop/anki/convert.js';
import { exportAnkiPackage } from '../../src/interop/anki/export.js';
import { AnkiFormatError, readAnkiPackage } from '../../src/interop/anki/package.js';
import { loadSqlJs } from '../../src/interop/anki/sqlite.js';
import { DEFAULT_SETTINGS } from '../../src/model/settings.js';
import { foldEvents } from '../../src/store/events.js';
import { ANKI_FILES, ankiFile } from '../helpers/shared.js';

let SQL: SqlJsStatic;
const collections = new Map<string, { col: AnkiCollection; version: number }>();

function load(name: keyof typeof ANKI_FILES) {
  const known = collections.get(name);
  if (known) return known;
  const pkg = readAnkiPackage(readFileSync(ankiFile(name)));
  const loaded = { col: readCollection(SQL, pkg.collection), version: pkg.version };
  collections.set(name, loaded);
  return loaded;
}

const convert = (col: AnkiCollection, existing: ReadonlySet<string> = new Set()) =>
  convertCollection(col, {
    scheduler: DEFAULT_SETTINGS,
    existingCardIds: existing,
    media: new Set(),
  });

/** Counts straight from the SQLite file, independent of the reader under test. */
function query(name: keyof typeof ANKI_FILES, sql: string): unknown[][] {
  const pkg = readAnkiPackage(readFileSync(ankiFile(name)));
  const db = new SQL.Database(pkg.collection);
  try {
    return db.exec(sql)[0]?.values ?? [];
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  SQL = await loadSqlJs();
});

describe('reading Anki files', () => {
  it('detects the package version from meta, never from the decoy collection.anki2', () => {
    expect(load('latest').version).toBe(3);
    expect(load('legacy2').version).toBe(2);
    expect(load('legacy1').version).toBe(1);
    expect(load('fsrs').version).toBe(0);
    // The decoy holds one "please update" note; the real collections hold the README's notes.
    expect(load('latest').col.notes).toHaveLength(157);
    expect(load('legacy2').col.notes).toHaveLength(196);
    expect(load('legacy1').col.notes).toHaveLength(274);
    expect(load('fsrs').col.notes).toHaveLength(923);
  });

  it('reads schema 18 tables despite COLLATE unicase, and schema 11 JSON', () => {
    const latest = load('latest').col;
    expect(latest.schema).toBe(18);
    expect([...latest.notetypes.values()].map((n) => n.name)).toContain('AllInOne (kprim, mc, sc)');
    expect([...latest.decks.values()].map((d) => d.join('::'))).toContain(
      'Rendering Finals Review',
    );
    expect(latest.rollover).toBe(4);
    expect(latest.minutesWest).toBe(-480);
    const v1 = load('legacy1').col;
    expect(v1.schema).toBe(11);
    expect(v1.schedVer).toBe(1);
    expect(load('legacy2').col.schedVer).toBe(2);
    expect(load('fsrs').col.fsrs).toBe(true);
  });

  it('rejects an unknown package version, a damaged zip, a truncated collection and non-Anki bytes', () => {
    const future = zipSync({
      meta: new Uint8Array([0x08, 0x04]),
      'collection.anki21b': strToU8('x'),
    });
    expect(() => readAnkiPackage(future)).toThrow(
      /package version 4 is newer than kioku understands/,
    );
    const bytes = readFileSync(ankiFile('legacy2'));
    expect(() => readAnkiPackage(bytes.subarray(0, bytes.length / 2))).toThrow(AnkiFormatError);
    expect(() => readAnkiPackage(strToU8('hello'))).toThrow(/not an Anki file/);
    const bare = readFileSync(ankiFile('fsrs'));
    const cut = readAnkiPackage(bare.subarray(0, 200_000));
    expect(() => readCollection(SQL, cut.collection)).toThrow(AnkiFormatError);
    const noCollection = zipSync({ meta: new Uint8Array([0x08, 0x03]) });
    expect(() => readAnkiPackage(noCollection)).toThrow(/has no collection.anki21b/);
  });
});

describe('converting Anki collections', () => {
  // README counts: notes and cards per file; graded (ease 1–4) rows of cards that still exist.
  const expected = {
    latest: { cards: 157, graded: 1099, resets: 290, orphanRows: 20, orphanCards: 11 },
    legacy2: { cards: 196, graded: 237, resets: 0, orphanRows: 0, orphanCards: 0 },
    legacy1: { cards: 274, graded: 1375, resets: 0, orphanRows: 925, orphanCards: 258 },
    fsrs: { cards: 923, graded: 122, resets: 0, orphanRows: 0, orphanCards: 0 },
  } as const;

  for (const name of Object.keys(expected) as (keyof typeof expected)[]) {
    it(`${ANKI_FILES[name]}: counts match the file, and the decks parse cleanly`, () => {
      const want = expected[name];
      const result = convert(load(name).col);
      const s = result.summary;
      const cards = Object.values(s.cards).reduce((a, b) => a + b, 0);
      expect(cards).toBe(want.cards);
      expect(Object.values(s.ankiCardsByNotetype).reduce((a, b) => a + b, 0)).toBe(want.cards);
      const [[graded]] = query(
        name,
        'select count(*) from revlog where ease between 1 and 4 and cid in (select id from cards)',
      ) as [[number]];
      expect(graded).toBe(want.graded);
      expect(s.reviews + s.cramReviews).toBe(want.graded);
      expect(result.events.filter((e) => e.type === 'answer')).toHaveLength(want.graded);
      expect(s.resets).toBe(want.resets);
      expect(s.skipped.orphanRows).toBe(want.orphanRows);
      expect(s.skipped.orphanCards).toBe(want.orphanCards);
      expect(result.diagnostics).toEqual([]);
      for (const deck of result.decks) {
        const parsed = parseDeck({
          name: deck.name,
          file: `${deck.name}.md`,
          source: `${deck.header}\n${deck.body}`,
        });
        expect(parsed.diagnostics).toEqual([]);
      }
      expect(s.noScheduling).toBe(false);
    });
  }

  it('gives the same events, ids included, every time', () => {
    const a = convert(load('legacy2').col);
    const b = convert(load('legacy2').col);
    expect(b.events).toEqual(a.events);
    expect(new Set(a.events.map((e) => e.id)).size).toBe(a.events.length);
    expect(a.events[0]!.id).toMatch(/^anki:1654632000:/);
  });

  it('writes no note twice: notes whose cards are already in the decks are left out', () => {
    const first = convert(load('legacy2').col);
    const ids = new Set(
      first.decks.flatMap((d) =>
        parseDeck({ name: d.name, file: 'x', source: d.body }).cards.map((c) => c.id),
      ),
    );
    const again = convert(load('legacy2').col, ids);
    expect(again.decks.every((d) => d.body === '')).toBe(true);
    expect(again.summary.notesExisting).toBe(196);
    expect(again.events).toEqual(first.events);
  });

  it('keeps the FSRS stability and difficulty Anki stored for the 42 FSRS cards', () => {
    const result = convert(load('fsrs').col);
    expect(result.summary.fsrsStates).toBe(42);
    const cards = foldEvents(result.events);
    const stored = query('fsrs', 'select id, data from cards where data like \'%"s":%\'') as [
      number,
      string,
    ][];
    expect(stored).toHaveLength(42);
    const byCid = new Map<number, { stability: number; difficulty: number }>();
    for (const record of Object.values(cards)) {
      const source = record.source;
      if (source && 'anki' in source && record.memory) byCid.set(source.anki.cid, record.memory);
    }
    for (const [cid, data] of stored) {
      const { s, d } = JSON.parse(data) as { s: number; d: number };
      expect(byCid.get(cid), `card ${cid}`).toMatchObject({ stability: s, difficulty: d });
    }
  });

  it('applies the V1 ease remap: a learning Good (3) under V1 is Easy', () => {
    const result = convert(load('legacy1').col);
    const [[easy]] = query(
      'legacy1',
      'select count(*) from revlog where cid in (select id from cards) and (ease = 4 or (ease = 3 and type in (0, 2)))',
    ) as [[number]];
    const answers = result.events.filter((e) => e.type === 'answer');
    expect(answers.filter((e) => e.rating === 4)).toHaveLength(easy);
    expect(easy).toBeGreaterThan(0);
  });

  it('keeps the due dates Anki had, and every answer chain is consistent for the fold', () => {
    const { col } = load('legacy2');
    const result = convert(col);
    const cards = foldEvents(result.events, () => {
      throw new Error('an imported answer did not follow the memory before it');
    });
    const reviewCards = col.cards.filter((c) => c.type === 2);
    expect(reviewCards).toHaveLength(40);
    for (const c of reviewCards) {
      const record = Object.values(cards).find(
        (r) => r.source && 'anki' in r.source && r.source.anki.cid === c.id,
      );
      expect(record?.memory?.due).toBe(new Date((col.crt + c.due * 86400) * 1000).toISOString());
      expect(record?.memory?.state).toBe(2);
    }
  });

  it('explains a package exported without scheduling', () => {
    const { col } = load('legacy2');
    const bare: AnkiCollection = {
      ...col,
      revlog: [],
      cards: col.cards.map((c) => ({ ...c, type: 0, queue: 0, fsrs: null })),
    };
    const result = convert(bare);
    expect(result.summary.noScheduling).toBe(true);
    expect(result.events).toEqual([]);
  });

  it('maps the stock notetypes by structure, whatever their names', () => {
    const { col } = load('fsrs');
    const result = convert(col);
    // 问答题 (Basic) and 填空题 (Cloze), in Chinese.
    expect(result.summary.cards.cloze).toBe(1);
    expect(result.decks.map((d) => d.body).join('\n')).toMatch(/^C: \{\{c1::WinFR\}\}/m);
    const latest = convert(load('latest').col);
    expect(latest.warnings).toEqual([
      'notetype "AllInOne (kprim, mc, sc)" is not a stock one: its notes were imported as Q: cards, first field the front, the other fields the back',
    ]);
  });
});

describe('ids and SM-2 seeding', () => {
  it('turns a guid into an explicit id and back', () => {
    for (const guid of ['f!.q3/;)H/', 'kwZ;+*5t`0', 'D@[Zdm7aIM']) {
      const id = noteIdFromGuid(guid);
      expect(id).toMatch(/^anki-[0-9a-f]+$/);
      expect(guidFromNoteId(id)).toBe(guid);
    }
    expect(guidFromNoteId('etcd-stores')).toBeNull();
  });

  it('seeds memory from SM-2 as Anki does: stability is the interval at 90 %, difficulty from the ease', () => {
    const low = memoryFromSm2(1.3, 10, default_w);
    const high = memoryFromSm2(2.5, 10, default_w);
    expect(high.stability).toBeCloseTo(10, 6);
    // 11 − (2.5 − 1) / (e^w8 · 10^−w9 · (e^(0.1·w10) − 1)) with the default weights.
    expect(high.difficulty).toBeCloseTo(6.915, 2);
    expect(low.difficulty).toBe(10);
  });
});

/** A zstd frame of raw (stored) blocks: enough to build a Latest package without a zstd encoder. */
function zstdRaw(data: Uint8Array): Uint8Array {
  const out: number[] = [0x28, 0xb5, 0x2f, 0xfd, 0xa0];
  for (let i = 0; i < 4; i++) out.push(Math.floor(data.length / 256 ** i) % 256);
  const BLOCK = 128 * 1024;
  for (let start = 0; start < data.length || start === 0; start += BLOCK) {
    const size = Math.min(BLOCK, data.length - start);
    const last = start + BLOCK >= data.length ? 1 : 0;
    const header = size * 8 + last;
    out.push(header % 256, Math.floor(header / 256) % 256, Math.floor(header / 65536));
    for (let i = 0; i < size; i++) out.push(data[start + i]!);
    if (data.length === 0) break;
  }
  return new Uint8Array(out);
}

describe('Latest packages with media', () => {
  it('reads the zstd protobuf media list and zstd media files, and converts the image link', () => {
    const deck = parseDeck({
      name: 'pics',
      file: '/decks/pics.md',
      source: 'Q: What is shown?\nA: ![a pod](assets/pod.png)\n',
    });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 7, 7, 7]);
    const legacy = exportAnkiPackage(SQL, {
      cards: deck.cards,
      records: {},
      events: [],
      history: false,
      now: new Date('2026-03-10T08:00:00Z'),
      day: { timeZone: 'UTC', rolloverHour: 4 },
      media: () => png,
    });
    const files = unzipSync(legacy.bytes);
    const name = strToU8('pod.png');
    const entry = [0x0a, name.length, ...name];
    const latest = zipSync({
      meta: new Uint8Array([0x08, 0x03]),
      'collection.anki21b': zstdRaw(files['collection.anki21']!),
      media: zstdRaw(new Uint8Array([0x0a, entry.length, ...entry])),
      '0': zstdRaw(files['0']!),
      'collection.anki2': strToU8('decoy'),
    });
    const pkg = readAnkiPackage(latest);
    expect(pkg.version).toBe(3);
    expect([...pkg.media.keys()]).toEqual(['pod.png']);
    expect(pkg.media.get('pod.png')!()).toEqual(png);
    const result = convertCollection(readCollection(SQL, pkg.collection), {
      scheduler: DEFAULT_SETTINGS,
      existingCardIds: new Set(),
      media: new Set(pkg.media.keys()),
    });
    expect(result.media).toEqual([{ name: 'pod.png', path: 'assets/pod.png' }]);
    expect(result.decks[0]!.body).toContain('![a pod](assets/pod.png)');
  });
});
