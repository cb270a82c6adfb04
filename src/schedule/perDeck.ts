import { deckChain } from '../deck/tree.js';
import type { DeckSettings, Settings } from '../model/settings.js';
import type { DayConfig } from './day.js';
import { createScheduler, type Scheduler } from './fsrs.js';

/** The settings and scheduler that apply to each deck, folder overrides included. */
export interface DeckScheduling {
  settingsFor(deck: string): Settings;
  schedulerFor(deck: string): Scheduler;
}

/**
 * One scheduler per distinct set of FSRS settings, shared by the decks that have
 * it: answering, previews and the replay of merged logs all schedule a card with
 * its own deck's settings.
 */
export function deckScheduling(
  settings: Settings,
  deckSettings: Readonly<Record<string, DeckSettings>>,
  day: DayConfig,
): DeckScheduling {
  const schedulers = new Map<string, Scheduler>();
  const settingsFor = (deck: string): Settings => ({
    ...settings,
    ...overridesFor(deckSettings, deck),
  });
  return {
    settingsFor,
    schedulerFor(deck) {
      const s = settingsFor(deck);
      const key = JSON.stringify([
        s.desiredRetention,
        s.maximumInterval,
        s.learningSteps,
        s.relearningSteps,
      ]);
      let scheduler = schedulers.get(key);
      if (!scheduler) {
        scheduler = createScheduler(s, day);
        schedulers.set(key, scheduler);
      }
      return scheduler;
    },
  };
}

/** Overrides set on the deck or on folders above it; the nearest wins. */
function overridesFor(
  deckSettings: Readonly<Record<string, DeckSettings>>,
  deck: string,
): DeckSettings {
  const chain = deckChain(deck).flatMap((name) => deckSettings[name] ?? []);
  return Object.assign({}, ...chain.reverse());
}
