import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectDecks } from '../../src/deck/collection.js';
import { parseDeck } from '../../src/deck/parse.js';
import { deckSettingsOf } from '../../src/deck/registry.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/model/settings.js';
import type { DayConfig } from '../../src/schedule/day.js';
import { deckScheduling } from '../../src/schedule/perDeck.js';
import { createStudy, type Study } from '../../src/session/study.js';
import { openStore, type Store } from '../../src/store/store.js';

export const UTC_DAY: DayConfig = { timeZone: 'UTC', rolloverHour: 4 };

/** A study over in-memory deck sources and a store in a fresh temp dir; fuzz off. */
export async function makeStudy(
  decks: Record<string, string>,
  options: { now: Date; settings?: Partial<Settings>; dir?: string },
): Promise<{ study: Study; store: Store; dir: string; cleanup: () => Promise<void> }> {
  const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), 'kioku-test-'));
  const set = collectDecks(
    Object.entries(decks).map(([name, source]) => parseDeck({ name, file: `${name}.md`, source })),
  );
  const settings: Settings = { ...DEFAULT_SETTINGS, fuzz: false, ...options.settings };
  const store = await openStore({
    dir,
    replay: () => {
      const { schedulerFor } = deckScheduling(settings, deckSettingsOf(set), UTC_DAY);
      return (m, at, r, deck) => schedulerFor(deck).answer(m, at, r);
    },
  });
  const study = createStudy({
    decks: set,
    store,
    settings,
    deckSettings: deckSettingsOf(set),
    day: UTC_DAY,
    relink: true,
    now: options.now,
  });
  return {
    study,
    store,
    dir,
    cleanup: async () => {
      await store.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
