import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DeckSet, filesWithErrors } from '../deck/collection.js';
import { deckName, listDeckFiles, loadDecks, parseDeckFiles } from '../deck/load.js';
import {
  type DeckRegistry,
  deckSettingsOf,
  registryCards,
  registryDeckSettings,
  registryOf,
} from '../deck/registry.js';
import { inDeck } from '../deck/tree.js';
import type { Card } from '../model/card.js';
import type { ExamCard } from '../model/exam.js';
import { type DeckSettings, deckLimits, type Settings } from '../model/settings.js';
import { examReadiness } from '../plan/readiness.js';
import type { DayConfig } from '../schedule/day.js';
import { localTimeZone } from '../schedule/day.js';
import { createScheduler } from '../schedule/fsrs.js';
import { deckScheduling } from '../schedule/perDeck.js';
import { buildQueue } from '../schedule/queue.js';
import { cramCards } from '../session/cram.js';
import { drawExam } from '../session/exam.js';
import { createStudy, dayConfig, type Study } from '../session/study.js';
import { computeStats } from '../stats/stats.js';
import { DECK_CACHE_FILE, readDeckCache, writeDeckCache } from '../store/deckCache.js';
import { DataLockedError } from '../store/lock.js';
import {
  LOG_FILE,
  loadSettings,
  openStore,
  readLogEvents,
  SETTINGS_FILE,
  type Store,
  updateSettings,
} from '../store/store.js';
import { neutralize } from '../text/sanitize.js';
import { seededRandom } from '../util/random.js';
import { type CliOptions, helpText, parseCli } from './args.js';
import { checkReport, formatCheck, orphanDiagnostics } from './check.js';
import { allAscii, dueReport, formatDue } from './due.js';
import { locate } from './paths.js';

declare const KIOKU_VERSION: string;
declare const KIOKU_PARSER_HASH: string;
const VERSION = typeof KIOKU_VERSION === 'string' ? KIOKU_VERSION : '0.0.0-dev';
/** Keys the parsed-deck cache: it changes whenever the parser's code does. */
const PARSER_BUILD = typeof KIOKU_PARSER_HASH === 'string' ? KIOKU_PARSER_HASH : 'dev';

/** The package root: dist/kioku.js lives one level below it. */
const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const io: Io = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
};

function colorEnabled(options: CliOptions, stream: NodeJS.WriteStream): boolean {
  if (options.color === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (options.color === true) return true;
  return stream.isTTY === true;
}

/**
 * Ink and chalk read CI and CONTINUOUS_INTEGRATION once, as they load, and then
 * write as if to a log: no frame until exit, no colour, no resize. The UI only runs
 * on a TTY, where those variables describe the machine rather than this terminal
 * (a dev container, a CI job's debug shell), so they are hidden while the UI loads
 * and put back for what runs after, $EDITOR included.
 */
function importUi(): Promise<typeof import('../ui/run.js')> {
  const hidden = ['CI', 'CONTINUOUS_INTEGRATION'].flatMap((key) => {
    const value = process.env[key];
    if (value === undefined) return [];
    delete process.env[key];
    return [[key, value] as const];
  });
  return import('../ui/run.js').finally(() => {
    for (const [key, value] of hidden) process.env[key] = value;
  });
}

function uiLanguage(options: CliOptions): 'en' | 'ja' {
  if (options.lang) return options.lang;
  const env = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  return env.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseCli(argv);
  if (!parsed.ok) {
    io.err(`kioku: ${parsed.error}`);
    return 2;
  }
  const { command, args, options } = parsed;
  if (options.version) {
    io.out(VERSION);
    return 0;
  }
  if (options.help || command === 'help') {
    io.out(helpText(VERSION));
    return 0;
  }

  const where = locate({
    flags: options,
    env: process.env,
    cwd: process.cwd(),
    home: os.homedir(),
    bundledDecks: path.join(PACKAGE_DIR, 'decks'),
    isDirectory: (p) => existsSync(p) && statSync(p).isDirectory(),
  });
  const display = (p: string) => {
    const rel = path.relative(process.cwd(), p);
    return rel === '' ? '.' : rel.startsWith('..') ? p : rel;
  };

  const color = colorEnabled(options, process.stdout);
  const sgr = (code: string) => (s: string) => (color ? `\u001B[${code}m${s}\u001B[0m` : s);

  switch (command) {
    case 'check': {
      const rootChecked = args.length === 0 || args.some((a) => path.resolve(a) === where.decks);
      const decks = await loadDecks({
        root: where.decks,
        ...(args.length > 0 ? { paths: args } : {}),
        display,
      });
      let diagnostics = [...decks.diagnostics];
      if (rootChecked && existsSync(path.join(where.data, LOG_FILE))) {
        const { study, close } = await openStudy(where.data, decks, display, { readOnly: true });
        await close();
        diagnostics = [
          ...diagnostics,
          ...orphanDiagnostics(study.orphans, decks, display(path.join(where.data, LOG_FILE))),
        ];
      }
      const report = checkReport(decks, diagnostics);
      if (options.json) io.out(JSON.stringify(report, null, 2));
      else io.out(formatCheck(report, diagnostics, { error: sgr('31;1'), warning: sgr('33;1') }));
      return report.errors.length > 0 ? 1 : 0;
    }
    case 'due':
      return due(where, args[0], options, display);
    case 'stats': {
      const decks = await loadDecks({ root: where.decks, display });
      const { settings, day, store } = await openData(where.data, display, { readOnly: true });
      try {
        const stats = statsFor(store, decks, settings, day);
        if (options.json) {
          io.out(JSON.stringify(stats, null, 2));
        } else {
          const { statsReport } = await import('../ui/statsReport.js');
          const { MESSAGES } = await import('../ui/i18n.js');
          const width = Math.min(process.stdout.columns || 80, 120);
          for (const line of statsReport(stats, width, MESSAGES[uiLanguage(options)])) {
            io.out(
              line
                .map((s) => s.text)
                .join('')
                .trimEnd(),
            );
          }
        }
        return 0;
      } finally {
        await store.close();
      }
    }
    case 'plan': {
      const decks = await loadDecks({ root: where.decks, display });
      // Saving a plan holds the data lock, as every writer does (and creates data/).
      const writes = options.apply === true || options.clear === true;
      const { settings, day, store } = await openData(where.data, display, { readOnly: !writes });
      try {
        const { runPlan } = await import('./commands/plan.js');
        return await runPlan({
          args,
          options,
          decks,
          records: store.cards,
          events: readLogEvents(store.dir),
          settings,
          day,
          now: new Date(),
          language: uiLanguage(options),
          width: process.stdout.columns || 80,
          out: io.out,
          err: io.err,
          saveSettings: (changes) => updateSettings(where.data, changes),
          settingsFile: display(path.join(where.data, SETTINGS_FILE)),
        });
      } finally {
        await store.close();
      }
    }
    case 'optimize': {
      // The store is opened for writing so that no other kioku changes the log meanwhile.
      const { settings, day, store } = await openData(where.data, display, { readOnly: false });
      try {
        const { optimize, shouldSave } = await import('../optimize/run.js');
        const tty = process.stderr.isTTY === true;
        let lastShown = -1;
        const result = await optimize({
          events: readLogEvents(store.dir),
          day,
          currentWeights: settings.weights,
          numRelearningSteps: settings.relearningSteps.length,
          onProgress: ({ current, total }) => {
            const pct = total > 0 ? Math.floor((current / total) * 100) : 0;
            if (pct === lastShown) return;
            lastShown = pct;
            const bar = `${'█'.repeat(Math.floor(pct / 5))}${'░'.repeat(20 - Math.floor(pct / 5))}`;
            if (tty) process.stderr.write(`\roptimizing ${bar} ${pct}%`);
            else if (pct % 25 === 0) io.err(`optimizing… ${pct}%`);
          },
        });
        if (tty && lastShown >= 0) process.stderr.write('\n');
        const metrics = (m: { logLoss: number; rmse: number }) =>
          `log loss ${m.logLoss.toFixed(4)}, RMSE(bins) ${(m.rmse * 100).toFixed(2)}%`;
        switch (result.outcome) {
          case 'too-few':
            io.out(`${result.message} Nothing was changed.`);
            return 0;
          case 'unavailable':
          case 'failed':
            io.err(`kioku: ${result.message}. Nothing was changed.`);
            return 1;
          default:
            io.out(
              `before: ${metrics(result.before)}  (${settings.weights.length > 0 ? 'your parameters' : 'default parameters'})`,
            );
            io.out(
              `after:  ${metrics(result.after)}  (fitted to ${result.data.reviews} reviews of ${result.data.cards} cards)`,
            );
            if (shouldSave(result)) {
              await updateSettings(where.data, { weights: [...result.weights] });
              io.out(
                `saved the new parameters to ${display(path.join(where.data, SETTINGS_FILE))}`,
              );
            } else {
              io.out(
                'the fitted parameters are not better than the ones in use; nothing was changed',
              );
            }
            return 0;
        }
      } finally {
        await store.close();
      }
    }
    case 'rebuild': {
      // Rebuilding reads only the log: no decks, so memory stays flat on a large log.
      const { store } = await openData(where.data, display, { readOnly: false });
      try {
        if (store.replayedAtOpen) {
          // The state file was missing, unreadable or behind an edited or merged log:
          // opening already replayed the whole log, so there is nothing left to compare.
          io.out(
            `rebuilt the state file from ${LOG_FILE}: the old state file was missing or did not match the log`,
          );
          return 0;
        }
        const result = await store.rebuild();
        io.out(
          result.differing.length === 0
            ? `rebuilt ${result.cards} cards from ${LOG_FILE}: the state file matched the log`
            : `rebuilt ${result.cards} cards from ${LOG_FILE}: ${result.differing.length} card(s) differed from the state file and were corrected`,
        );
        return 0;
      } finally {
        await store.close();
      }
    }
    case 'relink':
    case 'drop': {
      const { store } = await openData(where.data, display, { readOnly: false });
      try {
        const [from, to] = args as [string, string | undefined];
        if (!store.cards[from]) {
          io.err(
            `kioku: no history for card "${neutralize(from)}". "kioku check" lists orphaned histories.`,
          );
          return 1;
        }
        const now = new Date();
        if (command === 'drop') {
          store.append('drop', { card: from }, now);
          io.out(`dropped the history of ${from} (it is still in ${LOG_FILE})`);
          return 0;
        }
        const decks = await loadDecks({ root: where.decks, display });
        const target = decks.cards.find((c) => c.id === to);
        if (!target) {
          io.err(`kioku: no card with id "${neutralize(to ?? '')}" in ${display(where.decks)}.`);
          return 1;
        }
        if (store.cards[target.id]) {
          io.err(`kioku: card ${target.id} already has a history; drop one of them first.`);
          return 1;
        }
        store.append('relink', { from, to: target.id }, now);
        io.out(`moved the history of ${from} to ${target.file}:${target.line}`);
        return 0;
      } finally {
        await store.close();
      }
    }
    case 'home':
    case 'review':
    case 'cram':
    case 'exam': {
      if (!process.stdin.isTTY || !process.stdout.isTTY) {
        io.err(
          'kioku: reviewing needs an interactive terminal (stdin and stdout must be a TTY). For scripts, use "kioku due" or "kioku check".',
        );
        return 1;
      }
      // Reviewing: start loading the UI now, so its modules load while the decks are
      // read. The deck list instead paints first (below) and loads the UI after.
      const early = command === 'home' ? null : importUi();
      early?.catch(() => {});
      const files = await listDeckFiles({ root: where.decks, display });
      const decks = await parseDeckFiles(
        files,
        readDeckCache(where.data, PARSER_BUILD, [path.join(PACKAGE_DIR, 'dist', DECK_CACHE_FILE)]),
      );
      const opened = await openStudy(where.data, decks, display, { readOnly: false, quiet: true });
      try {
        opened.saveRegistry(registryOf(decks, files.files, files.root));
        const deck = command === 'home' ? undefined : args[0];
        if (deck && !decks.cards.some((c) => inDeck(c.deck, deck))) {
          io.err(`kioku: no deck "${neutralize(deck)}". Decks: ${deckNames(decks)}`);
          return 2;
        }
        let cram: Card[] | undefined;
        if (command === 'cram') {
          cram = cramCards(
            decks.cards,
            opened.store.cards,
            { ...(deck ? { deck } : {}), ...(options.tag ? { tag: options.tag } : {}) },
            seededRandom(Date.now()),
          );
          if (cram.length === 0) {
            io.err(
              `kioku: no cards to cram${deck ? ` in "${neutralize(deck)}"` : ''}${options.tag ? ` with tag "${neutralize(options.tag)}"` : ''}.`,
            );
            return 1;
          }
        }
        let exam: ExamCard[] | undefined;
        if (command === 'exam') {
          const domains = new Map(decks.decks.map((d) => [d.name, d.meta.domain]));
          // One language per exam: the deck given, else the interface language's folder if there is one.
          const lang = uiLanguage(options);
          const scope = deck ?? (decks.decks.some((d) => inDeck(d.name, lang)) ? lang : undefined);
          exam = drawExam(
            decks.cards.filter(
              (c) =>
                opened.store.cards[c.id]?.suspended !== true && (!scope || inDeck(c.deck, scope)),
            ),
            (card) => domains.get(card.deck),
            Number(options.cards ?? 40),
            seededRandom(Date.now()),
          );
          if (exam.length === 0) {
            io.err(
              'kioku: no cards with a CKA domain: decks declare one in front matter (domain: …).',
            );
            return 1;
          }
        }
        // The deck list appears now; Ink (most of the start-up time) takes over when loaded.
        let painted: { lines: number; selected: number } | undefined;
        if (command === 'home') {
          const { paintHome } = await import('../ui/firstPaint.js');
          painted = paintHome({
            study: opened.study,
            now: new Date(),
            problems: [...filesWithErrors(decks.diagnostics)],
            decksDir: display(where.decks),
            language: uiLanguage(options),
            color,
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
        const warnedAtStart = opened.store.warnings.length;
        const summary = await runApp({
          study: opened.study,
          ...(command === 'review' ? { review: deck ? { deck } : {} } : {}),
          ...(cram ? { cram } : {}),
          ...(exam ? { exam: { cards: exam, minutes: Number(options.minutes ?? 60) } } : {}),
          warnings: opened.warnings,
          problems: [...filesWithErrors(decks.diagnostics)],
          decksDir: display(where.decks),
          language: uiLanguage(options),
          color,
          ...(painted ? { painted } : {}),
          loadStats: () => statsFor(opened.store, current.decks, current.settings, current.day),
          reload: async () => {
            const again = await listDeckFiles({ root: where.decks, display });
            const reloaded = await parseDeckFiles(again);
            opened.saveRegistry(registryOf(reloaded, again.files, again.root));
            current = opened.restudy(reloaded);
            return {
              study: current,
              problems: [...filesWithErrors(reloaded.diagnostics)],
            };
          },
        });
        saveCache();
        await opened.flush();
        io.out(summary);
        // What happened to data/ during the session (the log replaced by a git pull).
        for (const w of opened.store.warnings.slice(warnedAtStart))
          io.err(`kioku: ${neutralize(w)}`);
        return 0;
      } finally {
        await opened.close();
      }
    }
  }
}

/**
 * `kioku due`: answers from the deck registry in the state file when no deck
 * changed (no parsing, no UI), else parses the decks.
 */
async function due(
  where: { decks: string; data: string },
  selected: string | undefined,
  options: CliOptions,
  display: (p: string) => string,
): Promise<number> {
  const files = await listDeckFiles({ root: where.decks, display });
  const { settings, day, store } = await openData(where.data, display, { readOnly: true });
  try {
    let source = registryCards(store.deckRegistry, files.files, files.root);
    if (!source) {
      const decks = await parseDeckFiles(files);
      source = {
        cards: [...decks.cards],
        names: decks.decks.map((d) => d.name),
        scheduling: deckSettingsOf(decks),
      };
    }
    if (selected && !source.names.some((name) => inDeck(name, selected))) {
      io.err(`kioku: no deck "${neutralize(selected)}". Decks: ${source.names.join(', ')}`);
      return 2;
    }
    const queue = buildQueue({
      cards: selected ? source.cards.filter((c) => inDeck(c.deck, selected)) : source.cards,
      records: store.cards,
      now: new Date(),
      day,
      settings,
      perDeck: deckLimits(source.scheduling),
    });
    const report = dueReport(queue, source.names, (name) => !selected || inDeck(name, selected));
    if (options.json) io.out(JSON.stringify(report, null, 2));
    else {
      // string-width costs ~20 ms to load, a tenth of this command run from a prompt.
      const width = allAscii(source.names)
        ? (s: string) => s.length
        : (await import('string-width')).default;
      io.out(formatDue(report, width));
    }
    return 0;
  } finally {
    await store.close();
  }
}

/** Statistics over the whole review log and the decks as they are now. */
function statsFor(store: Store, decks: DeckSet, settings: Settings, day: DayConfig) {
  const scheduler = createScheduler(settings, day);
  const now = new Date();
  const stats = computeStats({
    events: readLogEvents(store.dir),
    cards: decks.cards,
    records: store.cards,
    now,
    day,
    desiredRetention: settings.desiredRetention,
    retrievability: (memory, at) => scheduler.retrievability(memory, at),
  });
  if (!settings.plan) return stats;
  return {
    ...stats,
    readiness: examReadiness({ settings, decks, records: store.cards, day, now }),
  };
}

function deckNames(decks: DeckSet): string {
  return decks.decks.map((d) => d.name).join(', ');
}

/** Settings, store and study service, in the order each needs the one before. */
/**
 * Settings, then the store (which replays merged answers with the scheduler
 * those settings make). Warnings go to stderr unless the caller shows them.
 */
async function openData(
  dataDir: string,
  display: (p: string) => string,
  options: {
    readOnly: boolean;
    quiet?: boolean;
    /** The decks' scheduling overrides, when the decks were read; else the registry's. */
    deckSettings?: Readonly<Record<string, DeckSettings>>;
  },
) {
  const shown = display(dataDir);
  const { settings, warnings: settingWarnings } = await loadSettings(dataDir, {
    readOnly: options.readOnly,
    displayDir: shown,
  });
  const day = dayConfig(settings, localTimeZone());
  const store = await openStore({
    dir: dataDir,
    readOnly: options.readOnly,
    displayDir: shown,
    replay: (registry) => {
      const { schedulerFor } = deckScheduling(
        settings,
        options.deckSettings ?? registryDeckSettings(registry),
        day,
      );
      return (before, at, rating, deck) => schedulerFor(deck).answer(before, at, rating);
    },
  });
  const warnings = [...settingWarnings, ...store.warnings];
  if (!options.quiet) for (const w of warnings) io.err(`kioku: ${neutralize(w)}`);
  return { settings, day, store, warnings };
}

/** Settings, store and study service, in the order each needs the one before. */
async function openStudy(
  dataDir: string,
  decks: DeckSet,
  display: (p: string) => string,
  options: { readOnly: boolean; quiet?: boolean },
) {
  const { settings, day, store, warnings } = await openData(dataDir, display, {
    ...options,
    deckSettings: deckSettingsOf(decks),
  });
  const make = (set: DeckSet) =>
    createStudy({
      decks: set,
      store,
      settings,
      deckSettings: deckSettingsOf(set),
      day,
      relink: !options.readOnly,
      now: new Date(),
    });
  return {
    study: make(decks),
    /** A study over decks read again (after an edit), on the same store. */
    restudy: make,
    warnings,
    flush: () => store.flush(),
    saveRegistry: (registry: DeckRegistry) => store.saveDeckRegistry(registry),
    store,
    close: () => store.close(),
  };
}

export type { Study };

// Closing the terminal (SIGHUP) or `kill` (SIGTERM) must still run exit handlers,
// which release the data lock; every answer is already durable in the log.
for (const [signal, code] of [
  ['SIGHUP', 129],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => process.exit(code));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof DataLockedError) {
      io.err(`kioku: ${err.message}`);
      process.exit(1);
    }
    io.err(`kioku: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
