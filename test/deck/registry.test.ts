import { describe, expect, it } from 'vitest';
import { collectDecks } from '../../src/deck/collection.js';
import { parseDeck } from '../../src/deck/parse.js';
import { registryCards, registryOf } from '../../src/deck/registry.js';

const root = '/decks';
const set = collectDecks([
  parseDeck({
    name: 'en/a',
    file: 'decks/en/a.md',
    source: '---\nscheduling:\n  newPerDay: 3\n---\nQ: one\nA: 1\n\nR: two\nA: 2\n',
  }),
  parseDeck({ name: 'en/b', file: 'decks/en/b.md', source: 'C: {{x}} and {{y}}\n' }),
]);
const files = [
  { path: '/decks/en/a.md', size: 40, mtimeMs: 1000 },
  { path: '/decks/en/b.md', size: 20, mtimeMs: 2000 },
];

describe('deck registry', () => {
  it('gives back the cards in deck order, with their families and deck overrides', () => {
    const registry = registryOf(set, files, root);
    const cached = registryCards(registry, files, root)!;
    expect(cached.cards).toEqual(
      set.cards.map((c) => ({ id: c.id, familyId: c.familyId, deck: c.deck })),
    );
    expect(cached.names).toEqual(['en/a', 'en/b']);
    expect(cached.scheduling).toEqual({ 'en/a': { newPerDay: 3 } });
    // It survives the trip through the state file.
    expect(registryCards(JSON.parse(JSON.stringify(registry)), files, root)).toEqual(cached);
  });

  it('is not used when any deck changed, appeared or went away, or for another folder', () => {
    const registry = registryOf(set, files, root);
    expect(registryCards(registry, [files[0]!, { ...files[1]!, mtimeMs: 2001 }], root)).toBeNull();
    expect(registryCards(registry, [files[0]!, { ...files[1]!, size: 21 }], root)).toBeNull();
    expect(registryCards(registry, [files[0]!], root)).toBeNull();
    expect(
      registryCards(registry, [...files, { path: '/decks/en/c.md', size: 1, mtimeMs: 1 }], root),
    ).toBeNull();
    expect(registryCards(registry, files, '/other')).toBeNull();
    expect(registryCards(null, files, root)).toBeNull();
  });
});
