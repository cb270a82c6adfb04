import path from 'node:path';
import { type DeckSet, filesWithErrors } from '../deck/collection.js';
import { deckName, listDeckFiles, parseDeckFiles } from '../deck/load.js';
import { registryOf } from '../deck/registry.js';
import { inDeck } from '../deck/tree.js';
import type { Card } from '../model/card.js';
import type { ExamCard } from '../model/exam.js';
import type { Study } from '../session/study.js';
import { DECK_CACHE_FILE, readDeckCache, writeDeckCache } from '../store/deckCache.js';
import { neutralize } from '../text/sanitize.js';
import {
  type Context,
  deckNames,
  PACKAGE_DIR,
  PARSER_BUILD,
  requireFolders,
  VERSION,
} from './context.js';
import type { OpenedStudy } from './open.js';
import { decksKey, saveStartIndex, usableStartIndex } from './startIndex.js';
import { watchPaths } from './watch.js';

/** What the TUI opens on, decided by the command once the decks and data are read. */
export type Start =
  | { readonly screen: 'home' }
  | { readonly screen: 'review'; readonly deck?: string }
  | { readonly screen: 'cram'; readonly cards: readonly Card[] }
  | { readonly screen: 'exam'; readonly cards: readonly ExamCard[]; readonly minutes: number };

/**
 * Ink and chalk read CI and CONTINUOUS_INTEGRATION once, as they load, and then
 * write as if to a log: no frame until exit, no colour, no resize. The UI only runs
 * on a TTY, where those variables describe the machine rather than this terminal
 * (a dev container, a CI job's debug shell), so they are hidden while the UI loads
 * and put back for what runs after, $EDITOR included.
 *
 * Ink's layout engine (yoga) loads its WebAssembly with `fetch` on the data: URL
 * it carries whenever `fetch` exists, and the first touch of `fetch` makes Node
 * load its whole HTTP client: 80 ms of CPU at every start, for bytes already in
 * memory. Without `fetch` it decodes them directly. kioku never reaches the
 * network, so `fetch` is hidden while the UI loads, and put back.
 */
function importUi(): Promise<typeof import('../ui/run.js')> {
  const hidden = ['CI', 'CONTINUOUS_INTEGRATION'].flatMap((key) => {
    const value = process.env[key];
    if (value === undefined) return [];
    delete process.env[key];
    return [[key, value] as const];
  });
  const fetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (fetch?.configurable) Reflect.deleteProperty(globalThis, 'fetch');
  return import('../ui/run.js').finally(() => {
    for (const [key, value] of hidden) process.env[key] = value;
    if (fetch?.configurable) Object.defineProperty(globalThis, 'fetch', fetch);
  });
}

/**
 * Runs the TUI for `kioku`, `review`, `cram` and `exam`: reads the decks (through
 * the parsed-deck cache), opens the data folder for writing, lets the command pick
 * where to start (`start` returns an exit code to stop with instead), and prints
 * the session summary on the way out.
 */
export async function runSession(
  ctx: Context,
  command: 'home' | 'review' | 'cram' | 'exam',
  start: (opened: OpenedStudy, decks: DeckSet) => Start | number,
): Promise<number> {
  const { where, io } = ctx;
  requireFolders(ctx, { decks: true });
  if (!io.stdin.isTTY || !io.stdout.isTTY) {
    ctx.err(
      'kioku: reviewing needs an interactive terminal (stdin and stdout must be a TTY). For scripts, use "kioku due" or "kioku check".',
    );
    return 1;
  }
  // Watching starts before the decks are read, so no change is lost before
  // the UI subscribes (the deck list is on screen well before that).
  let listener: (() => void) | null = null;
  let missed = false;
  const watcher = watchPaths([where.decks], () => {
    if (listener) listener();
    else missed = true;
  });
  try {
    return await session(ctx, command, start, (changed) => {
      listener = changed;
      if (missed) {
        missed = false;
        changed();
      }
      return () => {
        listener = null;
      };
    });
  } finally {
    watcher.close();
  }
}

async function session(
  ctx: Context,
  command: 'home' | 'review' | 'cram' | 'exam',
  start: (opened: OpenedStudy, decks: DeckSet) => Start | number,
  onDecksChanged: (changed: () => void) => () => void,
): Promise<number> {
  const { where, display } = ctx;
  // Reviewing: start loading the UI now, so its modules load while the decks are
  // read. The deck list instead paints first (below) and loads the UI after.
  const early = command === 'home' ? null : importUi();
  early?.catch(() => {});
  const files = await listDeckFiles({ root: where.decks, display });
  // What the start-up index must have been made from, but the data folder's state.
  const startKey = decksKey(`${VERSION}/${PARSER_BUILD}`, files, display(where.decks));
  // The deck list appears now if the start-up index still holds: it has every
  // row's counts, so neither the decks nor the state need to be read first.
  let painted: { lines: number; selected: number } | undefined;
  if (command === 'home') {
    const index = usableStartIndex(where.data, startKey, new Date());
    if (index) {
      const { paintHome } = await import('../ui/firstPaint.js');
      painted = await paintHome({
        rows: index.rows,
        studiedToday: index.studiedToday,
        exam: index.exam,
        problems: index.problems,
        decksDir: display(where.decks),
        language: ctx.language,
        color: ctx.color,
        stats: true,
        out: process.stdout,
      });
      process.stdin.setRawMode?.(true);
    }
  }
  const decks = await parseDeckFiles(
    files,
    readDeckCache(where.data, PARSER_BUILD, [
      {
        file: path.join(PACKAGE_DIR, 'dist', DECK_CACHE_FILE),
        root: path.join(PACKAGE_DIR, 'decks'),
      },
    ]),
  );
  // The store and the scheduler load after the first paint, not before it.
  const { openStudy, statsFor } = await import('./open.js');
  const opened = await openStudy(ctx, decks, { readOnly: false, create: true, quiet: true });
  const saveIndex = (study: Study, listed: typeof files, problems: string[]) =>
    saveStartIndex({
      dataDir: where.data,
      key: { ...startKey, files: decksKey('', listed, '').files },
      study,
      store: opened.store,
      problems,
      now: new Date(),
    });
  try {
    opened.saveRegistry(registryOf(decks, files.files, files.root));
    const deck = command === 'home' ? undefined : ctx.args[0];
    if (deck && !decks.cards.some((c) => inDeck(c.deck, deck))) {
      ctx.err(`kioku: no deck "${neutralize(deck)}". Decks: ${deckNames(decks)}`);
      return 2;
    }
    const first = start(opened, decks);
    if (typeof first === 'number') return first;
    // Without a start-up index, the deck list appears now; Ink (most of the
    // start-up time) takes over when loaded.
    if (first.screen === 'home' && !painted) {
      const { paintHome } = await import('../ui/firstPaint.js');
      const { homeSnapshot } = await import('../ui/homeView.js');
      const problems = [...filesWithErrors(decks.diagnostics)];
      // The exam prediction (a simulation) waits for after this frame.
      const snapshot = homeSnapshot(opened.study, new Date(), new Set(problems), false);
      painted = await paintHome({
        rows: snapshot.rows,
        studiedToday: snapshot.studiedToday,
        exam: snapshot.exam,
        problems,
        decksDir: display(where.decks),
        language: ctx.language,
        color: ctx.color,
        stats: true,
        out: process.stdout,
      });
      // Keys pressed before Ink is ready wait in stdin instead of being echoed.
      process.stdin.setRawMode?.(true);
    }
    const { runApp } = await (early ?? importUi());
    // Remember the parsed decks for the next start: once the first frame is out,
    // or on the way out of a session shorter than that.
    let cached = false;
    const saveCache = () => {
      if (cached) return;
      cached = true;
      // So that the next start is quick even if this session never ends cleanly.
      if (command === 'home')
        void saveIndex(opened.study, files, [...filesWithErrors(decks.diagnostics)]);
      writeDeckCache(
        where.data,
        PARSER_BUILD,
        decks,
        files.files,
        (f) => deckName(files.root, f),
        display,
      );
    };
    setTimeout(saveCache, 250).unref();
    let current = opened.study;
    let currentFiles = files;
    let currentProblems = [...filesWithErrors(decks.diagnostics)];
    const warnedAtStart = opened.store.warnings.length;
    const summary = await runApp({
      study: opened.study,
      ...(first.screen === 'review' ? { review: first.deck ? { deck: first.deck } : {} } : {}),
      ...(first.screen === 'cram' ? { cram: first.cards } : {}),
      ...(first.screen === 'exam' ? { exam: { cards: first.cards, minutes: first.minutes } } : {}),
      warnings: opened.warnings,
      problems: [...filesWithErrors(decks.diagnostics)],
      decksDir: display(where.decks),
      language: ctx.language,
      color: ctx.color,
      ...(painted ? { painted } : {}),
      loadStats: () =>
        statsFor(opened.store, current.decks, current.settings, current.day, new Date()),
      onDecksChanged,
      reload: async () => {
        const again = await listDeckFiles({ root: where.decks, display });
        const reloaded = await parseDeckFiles(again);
        opened.saveRegistry(registryOf(reloaded, again.files, again.root));
        current = opened.restudy(reloaded);
        currentFiles = again;
        currentProblems = [...filesWithErrors(reloaded.diagnostics)];
        return { study: current, problems: currentProblems };
      },
    });
    saveCache();
    await opened.flush();
    // The counts the session leaves behind, for the next start's first frame.
    await saveIndex(current, currentFiles, currentProblems);
    ctx.out(summary);
    // What happened to data/ during the session (the log replaced by a git pull).
    for (const w of opened.store.warnings.slice(warnedAtStart)) ctx.err(`kioku: ${neutralize(w)}`);
    return 0;
  } finally {
    await opened.close();
  }
}
