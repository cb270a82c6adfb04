import type { QueueCard } from '../model/card.js';
import type { DeckSettings } from '../model/settings.js';
import type { DeckSet } from './collection.js';
import { type DeckFile, deckName } from './load.js';

export interface RegistryDeck {
  readonly name: string;
  readonly file: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly scheduling?: DeckSettings;
  /** [id, familyId] of each card, in deck order. */
  readonly cards: readonly (readonly [string, string])[];
}

/**
 * The deck registry kept in the state file: each deck file's size, modification
 * time and card identities. `kioku due` answers from it without parsing a deck
 * when no file changed since kioku last read them.
 */
export interface DeckRegistry {
  readonly version: 1;
  readonly root: string;
  readonly decks: readonly RegistryDeck[];
}

/** Builds the registry from decks just loaded. Pure. */
export function registryOf(set: DeckSet, files: readonly DeckFile[], root: string): DeckRegistry {
  const byDeck = new Map<string, (readonly [string, string])[]>();
  for (const card of set.cards) {
    const list = byDeck.get(card.deck) ?? [];
    if (list.length === 0) byDeck.set(card.deck, list);
    list.push([card.id, card.familyId]);
  }
  const fileByName = new Map(files.map((f) => [deckName(root, f.path), f]));
  const decks: RegistryDeck[] = [];
  for (const deck of set.decks) {
    const name = deck.name;
    const file = fileByName.get(name);
    if (!file) continue;
    decks.push({
      name,
      file: file.path,
      size: file.size,
      mtimeMs: file.mtimeMs,
      ...(deck.meta.scheduling ? { scheduling: deck.meta.scheduling } : {}),
      cards: byDeck.get(name) ?? [],
    });
  }
  return { version: 1, root, decks };
}

/**
 * The registry's cards when it still describes exactly these files (same set,
 * sizes and modification times); null when any deck changed. Pure.
 */
export function registryCards(
  registry: DeckRegistry | null,
  files: readonly DeckFile[],
  root: string,
): { cards: QueueCard[]; scheduling: Record<string, DeckSettings>; names: string[] } | null {
  if (registry?.version !== 1 || registry.root !== root) return null;
  if (registry.decks.length !== files.length) return null;
  const current = new Map(files.map((f) => [f.path, f]));
  const cards: QueueCard[] = [];
  for (const deck of registry.decks) {
    const file = current.get(deck.file);
    if (!file || file.size !== deck.size || file.mtimeMs !== deck.mtimeMs) return null;
    for (const [id, familyId] of deck.cards) cards.push({ id, familyId, deck: deck.name });
  }
  return {
    cards,
    scheduling: registryDeckSettings(registry),
    names: registry.decks.map((d) => d.name),
  };
}

/** Each deck's scheduling overrides, from decks just read. Pure. */
export function deckSettingsOf(set: DeckSet): Record<string, DeckSettings> {
  return Object.fromEntries(set.decks.map((d) => [d.name, d.meta.scheduling ?? {}]));
}

/** Each deck's scheduling overrides as the registry last saw them. Pure. */
export function registryDeckSettings(registry: DeckRegistry | null): Record<string, DeckSettings> {
  return Object.fromEntries(
    (registry?.decks ?? []).flatMap((d) => (d.scheduling ? [[d.name, d.scheduling]] : [])),
  );
}
