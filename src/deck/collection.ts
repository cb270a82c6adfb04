import type { Card } from '../model/card.js';
import type { Diagnostic, ParsedDeck } from './types.js';

export interface DeckSet {
  readonly decks: readonly ParsedDeck[];
  /** Every card of every deck, in deck order then file order; duplicates removed. */
  readonly cards: readonly Card[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Joins parsed decks into one set: reports cards whose identity repeats (at the
 * second one, naming the first) and empty decks. Pure.
 */
export function collectDecks(
  decks: readonly ParsedDeck[],
  extra: readonly Diagnostic[] = [],
): DeckSet {
  const sorted = [...decks].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const diagnostics: Diagnostic[] = [...extra];
  const cards: Card[] = [];
  const byId = new Map<string, Card>();
  // Both sides of a reversible note (or all cloze siblings) clash with the same
  // earlier note: one error per pair of notes, not one per card.
  const reported = new Set<string>();
  for (const deck of sorted) {
    diagnostics.push(...deck.diagnostics);
    if (deck.cards.length === 0 && !deck.diagnostics.some((d) => d.severity === 'error')) {
      diagnostics.push({
        severity: 'warning',
        file: deck.file,
        line: 1,
        column: 1,
        message: 'empty deck: no cards (cards start with Q:, R:, T: or C: at the start of a line)',
      });
    }
    for (const card of deck.cards) {
      const first = byId.get(card.id);
      if (first) {
        // Ids within one note are distinct, so the same spot means the same note seen twice.
        if (first.file === card.file && first.line === card.line) continue;
        const pair = `${first.file}:${first.line}\u0000${card.file}:${card.line}`;
        if (reported.has(pair)) continue;
        reported.add(pair);
        diagnostics.push({
          severity: 'error',
          file: card.file,
          line: card.line,
          column: 1,
          message: `duplicate card: same identity as ${first.file}:${first.line} (reword one front, or give one an <!-- id: … --> line)`,
        });
        continue;
      }
      byId.set(card.id, card);
      cards.push(card);
    }
  }
  diagnostics.sort(compareDiagnostics);
  return { decks: sorted, cards, diagnostics };
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column;
}

/** Files that hold at least one error, for flagging decks in the UI. */
export function filesWithErrors(diagnostics: readonly Diagnostic[]): Set<string> {
  return new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
}
