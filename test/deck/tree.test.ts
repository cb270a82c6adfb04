import { describe, expect, it } from 'vitest';
import {
  deckChain,
  depthOf,
  foldersAbove,
  inDeck,
  leafName,
  nearest,
  parentOf,
} from '../../src/deck/tree.js';

describe('deck tree', () => {
  it('walks from a deck up to the top folder, nearest first', () => {
    expect(deckChain('ja/cka/networking')).toEqual(['ja/cka/networking', 'ja/cka', 'ja']);
    expect(deckChain('solo')).toEqual(['solo']);
    expect(foldersAbove('ja/cka/networking')).toEqual(['ja', 'ja/cka']);
    expect(foldersAbove('solo')).toEqual([]);
    expect(parentOf('ja/cka')).toBe('ja');
    expect(parentOf('ja')).toBe('');
    expect(leafName('ja/cka/networking')).toBe('networking');
    expect(depthOf('ja/cka/networking')).toBe(2);
  });

  it('counts a deck inside its folders and itself, not inside a name that merely starts the same', () => {
    expect(inDeck('ja/cka', 'ja')).toBe(true);
    expect(inDeck('ja', 'ja')).toBe(true);
    expect(inDeck('japan', 'ja')).toBe(false);
    expect(inDeck('ja', 'ja/cka')).toBe(false);
  });

  it('finds the value set nearest the deck', () => {
    const limits: Record<string, number> = { ja: 5, 'ja/cka': 9 };
    expect(nearest('ja/cka/storage', (n) => limits[n])).toBe(9);
    expect(nearest('ja/other', (n) => limits[n])).toBe(5);
    expect(nearest('en/x', (n) => limits[n])).toBeUndefined();
  });
});
