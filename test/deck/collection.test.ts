import { describe, expect, it } from 'vitest';
import { collectDecks, compareDiagnostics, filesWithErrors } from '../../src/deck/collection.js';
import { parseDeck } from '../../src/deck/parse.js';
import type { Diagnostic, ParsedDeck } from '../../src/deck/types.js';

function deck(name: string, source: string): ParsedDeck {
  return parseDeck({ name, file: `decks/${name}.md`, source });
}

function messages(diagnostics: readonly Diagnostic[]) {
  return diagnostics.map((d) => `${d.file}:${d.line}: ${d.severity}: ${d.message}`);
}

const DUPLICATE =
  'duplicate card: same identity as decks/en/a.md:1 (reword one front, or give one an <!-- id: … --> line)';

describe('collectDecks: duplicate identities', () => {
  it('reports a duplicate in another file at the second card, naming the first', () => {
    const set = collectDecks([
      deck('en/b', 'Q: other\nA: 0\n\nQ: What does etcd store?\nA: state'),
      deck('en/a', 'Q: What does etcd store?\nA: the cluster state'),
    ]);
    expect(messages(set.diagnostics)).toEqual([`decks/en/b.md:4: error: ${DUPLICATE}`]);
    expect(set.diagnostics[0]!.column).toBe(1);
  });

  it('reports a duplicate in the same file', () => {
    const set = collectDecks([deck('en/a', 'Q: Same front\nA: 1\n\nQ: same   FRONT!\nA: 2')]);
    expect(messages(set.diagnostics)).toEqual([`decks/en/a.md:4: error: ${DUPLICATE}`]);
  });

  it('keeps the first card and drops the duplicate', () => {
    const set = collectDecks([deck('en/a', 'Q: x\nA: first\nQ: x\nA: second')]);
    expect(set.cards.map((c) => c.back)).toEqual(['first']);
  });

  it('reports a duplicate reversible note once, not once per side', () => {
    const set = collectDecks([deck('en/a', 'R: kube-proxy\nA: rules\n\nR: kube-proxy\nA: other')]);
    expect(messages(set.diagnostics)).toEqual([`decks/en/a.md:4: error: ${DUPLICATE}`]);
    expect(set.cards).toHaveLength(2);
  });

  it('reports a duplicate cloze note once', () => {
    const set = collectDecks([deck('en/a', 'C: {{a}} and {{b}}\n\nC: {{a}} and {{b}}')]);
    expect(messages(set.diagnostics)).toEqual([`decks/en/a.md:3: error: ${DUPLICATE}`]);
    expect(set.cards).toHaveLength(2);
  });

  it('reports a repeated explicit id', () => {
    const set = collectDecks([
      deck('en/a', 'Q: one\nA: 1\n<!-- id: same -->'),
      deck('en/b', 'Q: two\nA: 2\n<!-- id: same -->'),
    ]);
    expect(messages(set.diagnostics)).toEqual([`decks/en/b.md:1: error: ${DUPLICATE}`]);
  });

  it('does not report the same front in two languages', () => {
    const set = collectDecks([
      deck('en/a', '---\nlang: en\n---\nQ: Pod\nA: x'),
      deck('ja/a', '---\nlang: ja\n---\nQ: Pod\nA: x'),
    ]);
    expect(set.diagnostics).toEqual([]);
    expect(set.cards).toHaveLength(2);
  });

  it('does not report the same front with different kinds', () => {
    const set = collectDecks([deck('en/a', 'Q: x\nA: 1\nT: x\nA: `1`')]);
    expect(set.diagnostics).toEqual([]);
  });
});

describe('collectDecks: empty decks', () => {
  it('warns about a deck with no cards, at line 1', () => {
    const set = collectDecks([deck('en/empty', '# Only a heading\n\nSome prose.')]);
    expect(messages(set.diagnostics)).toEqual([
      'decks/en/empty.md:1: warning: empty deck: no cards (cards start with Q:, R:, T: or C: at the start of a line)',
    ]);
  });

  it('does not add the warning when the deck already has errors', () => {
    const set = collectDecks([deck('en/bad', 'A: stray')]);
    expect(set.diagnostics.map((d) => d.severity)).toEqual(['error']);
  });
});

describe('collectDecks: order and extras', () => {
  it('sorts decks by name and keeps cards in deck then file order', () => {
    const set = collectDecks([
      deck('ja/z', 'Q: z1\nA: 1'),
      deck('en/a', 'Q: a1\nA: 1\nQ: a2\nA: 2'),
    ]);
    expect(set.decks.map((d) => d.name)).toEqual(['en/a', 'ja/z']);
    expect(set.cards.map((c) => c.front)).toEqual(['a1', 'a2', 'z1']);
  });

  it('merges extra diagnostics and sorts all by file, line, column', () => {
    const extra: Diagnostic = {
      severity: 'error',
      file: 'decks/en/a.md',
      line: 1,
      column: 1,
      message: 'from the loader',
    };
    const set = collectDecks([deck('en/a', 'Q: x\nA: 1\nA: 2')], [extra]);
    expect(set.diagnostics.map((d) => [d.line, d.message.split(' (')[0]])).toEqual([
      [1, 'from the loader'],
      [3, 'answer without a question'],
    ]);
  });

  it('compareDiagnostics orders by file, then line, then column', () => {
    const d = (file: string, line: number, column: number): Diagnostic => ({
      severity: 'error',
      file,
      line,
      column,
      message: '',
    });
    const sorted = [d('b', 1, 1), d('a', 2, 1), d('a', 1, 5), d('a', 1, 2)].sort(
      compareDiagnostics,
    );
    expect(sorted.map((x) => `${x.file}:${x.line}:${x.column}`)).toEqual([
      'a:1:2',
      'a:1:5',
      'a:2:1',
      'b:1:1',
    ]);
  });

  it('filesWithErrors lists files with an error, not those with only warnings', () => {
    const set = collectDecks([deck('en/bad', 'Q: x'), deck('en/empty', 'text')]);
    expect([...filesWithErrors(set.diagnostics)]).toEqual(['decks/en/bad.md']);
  });
});
