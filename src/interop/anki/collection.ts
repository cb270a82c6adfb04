import type { Database, SqlJsStatic } from 'sql.js';
import { AnkiFormatError } from './package.js';
import { protoFields, protoString, protoVarint } from './protobuf.js';

/**
 * An Anki collection as plain values: what the conversion needs, read once from
 * the SQLite file (schema 11 keeps notetypes and decks as JSON in `col`; schema
 * 15 and later in tables of their own, with protobuf configs).
 */

export interface AnkiTemplate {
  readonly name: string;
  readonly ord: number;
  readonly qfmt: string;
  readonly afmt: string;
}

export interface AnkiNotetype {
  readonly id: number;
  readonly name: string;
  /** Cloze notetype (Anki `type` 1 / `kind` 1). */
  readonly cloze: boolean;
  readonly fields: readonly string[];
  readonly templates: readonly AnkiTemplate[];
}

export interface AnkiNote {
  readonly id: number;
  readonly guid: string;
  readonly mid: number;
  readonly mod: number;
  readonly tags: readonly string[];
  readonly fields: readonly string[];
}

export interface AnkiCard {
  readonly id: number;
  readonly nid: number;
  /** Home deck (the original deck while the card is in a filtered deck). */
  readonly did: number;
  readonly ord: number;
  readonly mod: number;
  readonly type: number;
  readonly queue: number;
  /** The due value of the home deck (`odue` while in a filtered deck). */
  readonly due: number;
  readonly ivl: number;
  readonly factor: number;
  readonly reps: number;
  readonly lapses: number;
  /** FSRS memory Anki stored (`cards.data` `s`, `d`), and its last review time (`lrt`, seconds). */
  readonly fsrs: { readonly s: number; readonly d: number; readonly lrt?: number } | null;
}

export interface AnkiRevlog {
  readonly id: number;
  readonly cid: number;
  readonly ease: number;
  readonly ivl: number;
  readonly lastIvl: number;
  readonly factor: number;
  readonly time: number;
  readonly type: number;
}

export interface AnkiCollection {
  readonly schema: number;
  /** `col.crt`: creation, in seconds; the start of the collection's day 0. */
  readonly crt: number;
  /** 1 for the V1 scheduler, 2 or 3 otherwise. */
  readonly schedVer: number;
  /** Hour (local) at which Anki's day starts. */
  readonly rollover: number | null;
  /** Minutes west of UTC (Anki's `localOffset`, else `creationOffset`). */
  readonly minutesWest: number | null;
  readonly fsrs: boolean;
  readonly notetypes: ReadonlyMap<number, AnkiNotetype>;
  /** Deck id → name parts (`A::B` → `['A', 'B']`). */
  readonly decks: ReadonlyMap<number, readonly string[]>;
  readonly notes: readonly AnkiNote[];
  readonly cards: readonly AnkiCard[];
  readonly revlog: readonly AnkiRevlog[];
}

type Row = Record<string, unknown>;

function rows(db: Database, sql: string): Row[] {
  const result = db.exec(sql);
  const first = result[0];
  if (!first) return [];
  return first.values.map((values) => {
    const row: Row = {};
    first.columns.forEach((c, i) => {
      row[c] = values[i];
    });
    return row;
  });
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : 0;
}

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  return v === null || v === undefined ? '' : String(v);
}

function json(v: unknown): unknown {
  const s = text(v);
  if (s === '') return null;
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

function blob(v: unknown): Uint8Array {
  return v instanceof Uint8Array ? v : new Uint8Array(0);
}

/**
 * Opens the database. Anki declares `COLLATE unicase` on name columns, a collation
 * only Anki registers: the in-memory copy gets its schema without it, then is reopened.
 */
function open(SQL: SqlJsStatic, bytes: Uint8Array): Database {
  let db: Database | null = null;
  try {
    db = new SQL.Database(bytes);
    const collated = rows(
      db,
      "select count(*) as n from sqlite_master where sql like '%COLLATE unicase%'",
    );
    if (num(collated[0]?.n) > 0) {
      db.exec(`PRAGMA writable_schema=ON;
        UPDATE sqlite_master SET sql = replace(sql, 'COLLATE unicase', '') WHERE sql LIKE '%COLLATE unicase%';
        PRAGMA writable_schema=OFF;`);
      const cleaned = db.export();
      db.close();
      db = new SQL.Database(cleaned);
    }
    const check = text(rows(db, 'pragma quick_check')[0]?.quick_check);
    if (check !== 'ok') throw new Error(check);
    return db;
  } catch (err) {
    db?.close();
    throw new AnkiFormatError(
      `the collection database is damaged (${err instanceof Error ? err.message : String(err)})`,
    );
  }
}

export function readCollection(SQL: SqlJsStatic, bytes: Uint8Array): AnkiCollection {
  const db = open(SQL, bytes);
  try {
    return read(db);
  } catch (err) {
    if (err instanceof AnkiFormatError) throw err;
    throw new AnkiFormatError(
      `not a readable Anki collection (${err instanceof Error ? err.message : String(err)})`,
    );
  } finally {
    db.close();
  }
}

function read(db: Database): AnkiCollection {
  const tables = new Set(
    rows(db, "select name from sqlite_master where type = 'table'").map((r) => text(r.name)),
  );
  for (const t of ['col', 'notes', 'cards', 'revlog']) {
    if (!tables.has(t)) throw new AnkiFormatError(`not an Anki collection: no "${t}" table`);
  }
  const col = rows(db, 'select * from col')[0];
  if (!col) throw new AnkiFormatError('not an Anki collection: the "col" table is empty');
  const schema = num(col.ver);
  const crt = num(col.crt);

  let conf: Record<string, unknown> = {};
  if (tables.has('config')) {
    for (const r of rows(db, 'select KEY as k, val from config')) conf[text(r.k)] = json(r.val);
  }
  const legacyConf = json(col.conf);
  if (legacyConf && typeof legacyConf === 'object') conf = { ...(legacyConf as Row), ...conf };

  const notetypes = tables.has('notetypes') ? tableNotetypes(db) : jsonNotetypes(col);
  const decks = tables.has('decks') ? tableDecks(db) : jsonDecks(col);

  const notes = rows(db, 'select id, guid, mid, mod, tags, flds from notes order by id').map(
    (r): AnkiNote => ({
      id: num(r.id),
      guid: text(r.guid),
      mid: num(r.mid),
      mod: num(r.mod),
      tags: text(r.tags)
        .split(/[ \u3000]+/)
        .filter((t) => t !== ''),
      fields: text(r.flds).split('\u001f'),
    }),
  );
  const cards = rows(
    db,
    'select id, nid, did, ord, mod, type, queue, due, ivl, factor, reps, lapses, odue, odid, data from cards order by id',
  ).map((r): AnkiCard => {
    const odid = num(r.odid);
    const data = json(r.data) as Row | null;
    const s = data?.s;
    const d = data?.d;
    return {
      id: num(r.id),
      nid: num(r.nid),
      did: odid !== 0 ? odid : num(r.did),
      ord: num(r.ord),
      mod: num(r.mod),
      type: num(r.type),
      queue: num(r.queue),
      due: odid !== 0 && num(r.odue) !== 0 ? num(r.odue) : num(r.due),
      ivl: num(r.ivl),
      factor: num(r.factor),
      reps: num(r.reps),
      lapses: num(r.lapses),
      fsrs:
        typeof s === 'number' && typeof d === 'number'
          ? { s, d, ...(typeof data?.lrt === 'number' ? { lrt: data.lrt } : {}) }
          : null,
    };
  });
  const revlog = rows(
    db,
    'select id, cid, ease, ivl, lastIvl, factor, time, type from revlog order by id',
  ).map(
    (r): AnkiRevlog => ({
      id: num(r.id),
      cid: num(r.cid),
      ease: num(r.ease),
      ivl: num(r.ivl),
      lastIvl: num(r.lastIvl),
      factor: num(r.factor),
      time: num(r.time),
      type: num(r.type),
    }),
  );

  const rollover = typeof conf.rollover === 'number' ? conf.rollover : null;
  const west =
    typeof conf.localOffset === 'number'
      ? conf.localOffset
      : typeof conf.creationOffset === 'number'
        ? conf.creationOffset
        : null;
  return {
    schema,
    crt,
    schedVer: typeof conf.schedVer === 'number' ? conf.schedVer : schema >= 15 ? 2 : 1,
    rollover,
    minutesWest: west,
    fsrs: conf.fsrs === true,
    notetypes,
    decks,
    notes,
    cards,
    revlog,
  };
}

function jsonNotetypes(col: Row): Map<number, AnkiNotetype> {
  const out = new Map<number, AnkiNotetype>();
  const models = json(col.models);
  if (!models || typeof models !== 'object') return out;
  for (const m of Object.values(models as Record<string, Row>)) {
    if (!m || typeof m !== 'object') continue;
    const flds = Array.isArray(m.flds) ? (m.flds as Row[]) : [];
    const tmpls = Array.isArray(m.tmpls) ? (m.tmpls as Row[]) : [];
    out.set(num(m.id), {
      id: num(m.id),
      name: text(m.name),
      cloze: num(m.type) === 1,
      fields: [...flds].sort((a, b) => num(a.ord) - num(b.ord)).map((f) => text(f.name)),
      templates: [...tmpls]
        .sort((a, b) => num(a.ord) - num(b.ord))
        .map((t) => ({
          name: text(t.name),
          ord: num(t.ord),
          qfmt: text(t.qfmt),
          afmt: text(t.afmt),
        })),
    });
  }
  return out;
}

function tableNotetypes(db: Database): Map<number, AnkiNotetype> {
  const fields = new Map<number, { ord: number; name: string }[]>();
  for (const r of rows(db, 'select ntid, ord, name from fields')) {
    const list = fields.get(num(r.ntid)) ?? [];
    list.push({ ord: num(r.ord), name: text(r.name) });
    fields.set(num(r.ntid), list);
  }
  const templates = new Map<number, AnkiTemplate[]>();
  for (const r of rows(db, 'select ntid, ord, name, config from templates')) {
    const config = protoFields(blob(r.config));
    const list = templates.get(num(r.ntid)) ?? [];
    list.push({
      name: text(r.name),
      ord: num(r.ord),
      qfmt: protoString(config, 1) ?? '',
      afmt: protoString(config, 2) ?? '',
    });
    templates.set(num(r.ntid), list);
  }
  const out = new Map<number, AnkiNotetype>();
  for (const r of rows(db, 'select id, name, config from notetypes')) {
    const id = num(r.id);
    out.set(id, {
      id,
      name: text(r.name),
      cloze: protoVarint(protoFields(blob(r.config)), 1) === 1,
      fields: (fields.get(id) ?? []).sort((a, b) => a.ord - b.ord).map((f) => f.name),
      templates: (templates.get(id) ?? []).sort((a, b) => a.ord - b.ord),
    });
  }
  return out;
}

function jsonDecks(col: Row): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const decks = json(col.decks);
  if (!decks || typeof decks !== 'object') return out;
  for (const d of Object.values(decks as Record<string, Row>)) {
    if (d && typeof d === 'object') out.set(num(d.id), text(d.name).split('::'));
  }
  return out;
}

function tableDecks(db: Database): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const r of rows(db, 'select id, name from decks')) {
    out.set(num(r.id), text(r.name).split('\u001f'));
  }
  return out;
}
