import type { Card, Diagnostic, ParsedDeck } from './types.js';

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
        // Siblings of one note come out together; report the note once.
        if (first.file === card.file && first.line === card.line) continue;
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
