// Opening the data folder and the study service: the heavy half of a command's
// context (the store, the scheduler, statistics), kept apart from context.ts so
// that what every command loads first, and the deck list's first paint, does
// not pay for it.
import type { DeckSet } from '../deck/collection.js';
import { type DeckRegistry, deckSettingsOf, registryDeckSettings } from '../deck/registry.js';
import type { DeckSettings, Settings } from '../model/settings.js';
import { examReadiness } from '../plan/readiness.js';
import { type DayConfig, localTimeZone } from '../schedule/day.js';
import { createScheduler } from '../schedule/fsrs.js';
import { deckScheduling } from '../schedule/perDeck.js';
import { createStudy, dayConfig } from '../session/study.js';
import { computeStats } from '../stats/stats.js';
import { deviceIdFile, loadDeviceId } from '../store/device.js';
import { loadSettings, openStore, readLogEvents, type Store } from '../store/store.js';
import { neutralize } from '../text/sanitize.js';
import { type Context, requireFolders } from './context.js';

/** Statistics over the whole review log and the decks as they are now. */
export function statsFor(
  store: Store,
  decks: DeckSet,
  settings: Settings,
  day: DayConfig,
  now: Date,
) {
  const scheduler = createScheduler(settings, day);
  const events = readLogEvents(store.dir);
  const stats = computeStats({
    events,
    cards: decks.cards,
    records: store.cards,
    now,
    day,
    desiredRetention: settings.desiredRetention,
    retrievability: (memory, now) => scheduler.retrievability(memory, now),
  });
  // With a saved exam plan, the statistics gain its readiness section.
  if (!settings.plan) return stats;
  return {
    ...stats,
    readiness: examReadiness({ settings, decks, records: store.cards, day, now, events }),
  };
}

/**
 * Settings, then the store (which replays merged answers with the scheduler
 * those settings make). Warnings go to stderr unless the caller shows them.
 */
export async function openData(
  ctx: Context,
  options: {
    readOnly: boolean;
    /** The data folder may be created (a first review); else one named by --data must exist. */
    create?: boolean;
    quiet?: boolean;
    /** The decks' scheduling overrides, when the decks were read; else the registry's. */
    deckSettings?: Readonly<Record<string, DeckSettings>>;
  },
) {
  requireFolders(ctx, { data: options.readOnly ? 'read' : options.create ? 'create' : 'write' });
  const dataDir = ctx.where.data;
  const shown = ctx.display(dataDir);
  const { settings, warnings: settingWarnings } = await loadSettings(dataDir, {
    readOnly: options.readOnly,
    displayDir: shown,
  });
  const day = dayConfig(settings, localTimeZone());
  const store = await openStore({
    dir: dataDir,
    readOnly: options.readOnly,
    displayDir: shown,
    device: () => loadDeviceId(deviceIdFile(ctx.env, ctx.io.home)),
    now: () => ctx.now(),
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
  if (!options.quiet) for (const w of warnings) ctx.err(`kioku: ${neutralize(w)}`);
  return { settings, day, store, warnings };
}

/** Settings, store and study service, in the order each needs the one before. */
export async function openStudy(
  ctx: Context,
  decks: DeckSet,
  options: { readOnly: boolean; create?: boolean; quiet?: boolean },
) {
  const { settings, day, store, warnings } = await openData(ctx, {
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
      now: ctx.now(),
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

export type OpenedStudy = Awaited<ReturnType<typeof openStudy>>;
