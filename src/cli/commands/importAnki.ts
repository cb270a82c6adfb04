import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { loadDecks } from '../../deck/load.js';
import { readCollection } from '../../interop/anki/collection.js';
import {
  type ConvertResult,
  convertCollection,
  type ImportSummary,
} from '../../interop/anki/convert.js';
import { AnkiFormatError, readAnkiPackage } from '../../interop/anki/package.js';
import { loadSqlJs } from '../../interop/anki/sqlite.js';
import type { ReviewEvent } from '../../store/events.js';
import { loadSettings, ownLogFile, readLogEvents } from '../../store/store.js';
import { neutralize } from '../../text/sanitize.js';
import { bar, type CommandContext, isInside, openForWrite } from './shared.js';

export interface ImportOptions {
  readonly dryRun?: boolean;
  readonly json?: boolean;
}

const VERSION_NAMES: Record<number, string> = {
  0: 'bare collection',
  1: 'Legacy1 package',
  2: 'Legacy2 package',
  3: 'Latest package',
};

/** The decks folder an import writes to, or an error message when it must not. */
export function writableDecks(ctx: CommandContext): string | { error: string } {
  if (isInside(ctx.where.decks, ctx.bundledDecks) && !ctx.decksNamed) {
    return {
      error:
        'importing needs a decks folder of your own, not the decks that come with kioku. Run it in a folder with a decks/ folder, or pass --decks DIR (or set KIOKU_DECKS)',
    };
  }
  return ctx.where.decks;
}

/** `kioku import anki FILE`: Anki notes become Markdown decks, its review log kioku events. */
export async function importAnki(
  ctx: CommandContext,
  file: string,
  options: ImportOptions,
): Promise<number> {
  const { io, display } = ctx;
  const decksDir = writableDecks(ctx);
  if (typeof decksDir !== 'string') {
    io.err(`kioku: ${decksDir.error}.`);
    return 2;
  }
  const shownFile = neutralize(file);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    io.err(
      `kioku: cannot read ${shownFile}: ${(err as NodeJS.ErrnoException).code ?? String(err)}. Nothing was imported.`,
    );
    return 1;
  }

  io.progress('reading the Anki file…');
  let result: ConvertResult;
  let packageVersion: number;
  const existingIds = new Set<string>();
  if (existsSync(decksDir)) {
    const decks = await loadDecks({ root: decksDir, display });
    for (const c of decks.cards) existingIds.add(c.id);
  }
  const settings = (await loadSettings(ctx.where.data, { readOnly: true })).settings;
  try {
    const pkg = readAnkiPackage(bytes);
    packageVersion = pkg.version;
    const SQL = await loadSqlJs();
    const col = readCollection(SQL, pkg.collection);
    result = convertCollection(col, {
      scheduler: settings,
      existingCardIds: existingIds,
      media: new Set(pkg.media.keys()),
      packageVersion: pkg.version,
      onProgress: (done, total) => io.progress(bar('importing', done, total)),
    });
    io.progress(null);
    // Read every media file now: a damaged one fails the import before anything is written.
    const media = result.media.map((m) => ({ ...m, bytes: pkg.media.get(m.name)!() }));
    return await finish(ctx, decksDir, file, result, media, packageVersion, options);
  } catch (err) {
    io.progress(null);
    if (err instanceof AnkiFormatError) {
      io.err(`kioku: ${shownFile}: ${neutralize(err.message)}. Nothing was imported.`);
      return 1;
    }
    throw err;
  }
}

async function finish(
  ctx: CommandContext,
  decksDir: string,
  file: string,
  result: ConvertResult,
  media: readonly { path: string; bytes: Uint8Array }[],
  packageVersion: number,
  options: ImportOptions,
): Promise<number> {
  const { io, display } = ctx;
  const { files, mediaWrites, fresh } = await writeImport(
    ctx,
    decksDir,
    result.decks,
    media,
    result.events,
    options.dryRun === true,
  );

  const s = result.summary;
  if (options.json) {
    io.out(
      JSON.stringify(
        {
          file,
          format: VERSION_NAMES[packageVersion],
          dryRun: options.dryRun === true,
          summary: s,
          decksWritten: files.map((f) => ({
            deck: f.deck.name,
            file: display(f.target),
            notes: f.deck.notes,
            cards: f.deck.cards,
            appended: f.exists,
          })),
          mediaWritten: mediaWrites.length,
          eventsAdded: fresh.length,
          eventsAlreadyInLog: result.events.length - fresh.length,
          warnings: result.warnings,
          deckProblems: result.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`),
        },
        null,
        2,
      ),
    );
    return 0;
  }
  const lines = summaryLines(
    file,
    packageVersion,
    s,
    files,
    fresh.length,
    result.events.length - fresh.length,
  );
  for (const l of lines) io.out(neutralize(l));
  for (const w of result.warnings) io.err(`kioku: warning: ${neutralize(w)}`);
  for (const d of result.diagnostics)
    io.err(`kioku: warning: ${neutralize(`${d.file}:${d.line}: ${d.message}`)}`);
  if (s.noScheduling) {
    io.out(
      'This file has no review history: every card is new. It was probably exported without scheduling. In Anki, choose File › Export, tick "Include scheduling information", export again and import that file: the cards already imported stay, and their history is added.',
    );
  }
  if (options.dryRun) io.out('Dry run: nothing was written.');
  else
    io.out(`Added ${fresh.length} event(s) to ${display(ownLogFile(ctx.where.data, ctx.device))}.`);
  return 0;
}

/** A deck an import writes: its front matter (for a new file) and its new notes. */
export interface DeckWrite {
  readonly name: string;
  readonly header: string;
  readonly body: string;
  readonly notes: number;
  readonly cards: number;
}

/**
 * Writes what an import converted: media and deck files (a new file whole, or the
 * new notes appended to an existing one, never rewriting it), then the events the
 * log does not have yet, through the store. With `dryRun`, only says what it would do.
 */
export async function writeImport(
  ctx: CommandContext,
  decksDir: string,
  decks: readonly DeckWrite[],
  media: readonly { path: string; bytes: Uint8Array }[],
  events: readonly ReviewEvent[],
  dryRun: boolean,
) {
  const { io, display } = ctx;
  const known = new Set(readLogEvents(ctx.where.data).map((e) => e.id));
  const fresh: ReviewEvent[] = events.filter((e) => !known.has(e.id));
  const files = decks
    .filter((d) => d.body !== '')
    .map((d) => {
      const target = `${path.join(decksDir, ...d.name.split('/'))}.md`;
      return { deck: d, target, exists: existsSync(target) };
    });
  const mediaWrites = media.filter((m) => !existsSync(path.join(decksDir, ...m.path.split('/'))));
  if (dryRun) return { files, mediaWrites, fresh };

  for (const m of mediaWrites) {
    const target = path.join(decksDir, ...m.path.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, m.bytes, { flag: 'wx' });
  }
  for (const f of files) {
    mkdirSync(path.dirname(f.target), { recursive: true });
    if (f.exists) {
      // Never rewrite the user's file: the new notes go after a rule that ends its last card.
      appendFileSync(f.target, `\n---\n\n${f.deck.body}`);
    } else {
      const tmp = `${f.target}.kioku-import-${process.pid}`;
      writeFileSync(tmp, `${f.deck.header}\n${f.deck.body}`, { flag: 'wx' });
      renameSync(tmp, f.target);
    }
  }
  if (fresh.length > 0) {
    const { store, warnings } = await openForWrite(ctx.where.data, display, ctx.device);
    for (const w of warnings) io.err(`kioku: ${neutralize(w)}`);
    try {
      store.appendMany(fresh);
      // Imported events are older than the log's newest: replay all, as the next start would.
      await store.rebuild();
    } finally {
      await store.close();
    }
  }
  return { files, mediaWrites, fresh };
}

function summaryLines(
  file: string,
  version: number,
  s: ImportSummary,
  files: readonly {
    deck: { name: string; notes: number; cards: number };
    target: string;
    exists: boolean;
  }[],
  added: number,
  already: number,
): string[] {
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const kinds = [
    [s.cards.basic, 'Q:'],
    [s.cards.reversible, 'R:'],
    [s.cards.typed, 'T:'],
    [s.cards.cloze, 'C:'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, k]) => `${n} ${k}`)
    .join(', ');
  const lines = [
    `${path.basename(file)}: Anki ${VERSION_NAMES[version]}, schema ${s.schema}`,
    `  decks    ${s.decks}${files.length > 0 ? ` (${files.map((f) => `${f.deck.name}.md${f.exists ? ' +' : ''}`).join(', ')})` : ''}`,
    `  notes    ${s.notes}${s.notesExisting > 0 ? ` (${s.notesExisting} already in your decks, left as they are)` : ''}`,
    `  cards    ${kinds || '0'}`,
    `  history  ${plural(s.reviews, 'review')}, ${plural(s.cramReviews, 'cram answer')}, ${plural(s.resets, 'reset')}, ${plural(s.reschedules, 'reschedule')}`,
    `  state    ${s.fsrsStates} FSRS memories from Anki, ${s.seededFromSm2} seeded from SM-2 ease, ${s.suspended} suspended, ${s.buried} buried`,
  ];
  const skipped: string[] = [];
  if (s.skipped.orphanRows > 0)
    skipped.push(
      `${plural(s.skipped.orphanRows, 'review row')} of ${plural(s.skipped.orphanCards, 'deleted card')}`,
    );
  if (s.skipped.rowsOfSkippedCards > 0)
    skipped.push(`${plural(s.skipped.rowsOfSkippedCards, 'review row')} of cards not imported`);
  if (s.skipped.manualRows > 0)
    skipped.push(`${plural(s.skipped.manualRows, 'manual row')} of new cards`);
  for (const [nt, n] of Object.entries(s.skipped.notesByNotetype))
    skipped.push(`${plural(n, 'note')} of "${nt}"`);
  if (skipped.length > 0) lines.push(`  skipped  ${skipped.join('; ')}`);
  if (s.media > 0) lines.push(`  media    ${plural(s.media, 'file')}`);
  lines.push(
    `  log      ${plural(added, 'new event')}${already > 0 ? `, ${already} already imported` : ''}`,
  );
  return lines;
}
