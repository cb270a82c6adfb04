import { describe, expect, it } from 'vitest';
import { RELINK_THRESHOLD, similarity } from '../../src/deck/identity.js';
import { parseDeck } from '../../src/deck/parse.js';
import { cardMeta, findRelinks } from '../../src/deck/relink.js';
import type { Card } from '../../src/model/card.js';
import type { CardMeta } from '../../src/model/record.js';

function cards(source: string, name = 'en/a'): Card[] {
  const deck = parseDeck({
    name,
    file: `decks/${name}.md`,
    source: `---\nlang: en\n---\n${source}`,
  });
  expect(deck.diagnostics).toEqual([]);
  return [...deck.cards];
}

/** The history store: card id → identity fields recorded with its answers. */
function history(list: readonly Card[]): Record<string, CardMeta> {
  return Object.fromEntries(list.map((c) => [c.id, cardMeta(c)]));
}

describe('findRelinks', () => {
  it('finds nothing when every history still has its card', () => {
    const now = cards('Q: What does etcd store?\nA: state');
    expect(findRelinks(now, history(now))).toEqual({ relinks: [], orphans: [] });
  });

  it('needs no re-link after a move between files or a back edit: the id is unchanged', () => {
    const before = cards('Q: What does etcd store?\nA: state', 'en/a');
    const after = cards('# Elsewhere\n\nQ: What does etcd store?\nA: every object', 'en/b');
    expect(after[0]!.id).toBe(before[0]!.id);
    expect(findRelinks(after, history(before))).toEqual({ relinks: [], orphans: [] });
  });

  it('re-links an edited front to the edited card when the match is unambiguous', () => {
    const before = cards(
      'Q: What does etcd store?\nA: state\n\nQ: Which port does the API server use?\nA: 6443',
    );
    const after = cards(
      'Q: What does etcd store on disk?\nA: state\n\nQ: Which port does the API server use?\nA: 6443',
    );
    const expected = similarity('what does etcd store', 'what does etcd store on disk');
    expect(expected).toBeGreaterThanOrEqual(RELINK_THRESHOLD);
    expect(findRelinks(after, history(before))).toEqual({
      relinks: [{ from: before[0]!.id, to: after[0]!.id, similarity: expected }],
      orphans: [],
    });
  });

  it('re-links a Japanese front edit', () => {
    const before = cards('Q: kube-scheduler がノードを選ぶ 2 段階は？\nA: x');
    const after = cards('Q: kube-scheduler がノードを選ぶときの 2 段階は？\nA: x');
    const { relinks, orphans } = findRelinks(after, history(before));
    expect(orphans).toEqual([]);
    expect(relinks.map((r) => [r.from, r.to])).toEqual([[before[0]!.id, after[0]!.id]]);
  });

  it('re-links each edited cloze sibling to the sibling with the same deletion', () => {
    const before = cards('C: {{etcd}} stores the {{cluster state}}');
    const after = cards('C: {{etcd}} stores the whole {{cluster state}}');
    const { relinks, orphans } = findRelinks(after, history(before));
    expect(orphans).toEqual([]);
    expect(relinks.map((r) => [r.from, r.to])).toEqual(
      [
        [before[0]!.id, after[0]!.id],
        [before[1]!.id, after[1]!.id],
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
  });

  it('orphans an edit that two new cards match equally well (ambiguous)', () => {
    const before = cards('Q: What does etcd store?\nA: state');
    const after = cards(
      'Q: What does etcd store now?\nA: a\n\nQ: What does etcd store here?\nA: b',
    );
    const { relinks, orphans } = findRelinks(after, history(before));
    expect(relinks).toEqual([]);
    expect(orphans).toHaveLength(1);
    expect(orphans[0]!.id).toBe(before[0]!.id);
    expect(orphans[0]!.meta).toEqual(cardMeta(before[0]!));
    expect(orphans[0]!.candidates.map((c) => c.id).sort()).toEqual(
      [after[0]!.id, after[1]!.id].sort(),
    );
  });

  it('orphans two old histories that both match one new card', () => {
    const before = cards('Q: What does etcd store?\nA: a\n\nQ: What does etcd store now?\nA: b');
    const after = cards('Q: What does etcd store today?\nA: merged');
    const { relinks, orphans } = findRelinks(after, history(before));
    expect(relinks).toEqual([]);
    expect(orphans.map((o) => o.id).sort()).toEqual([before[0]!.id, before[1]!.id].sort());
    expect(orphans.every((o) => o.candidates[0]!.id === after[0]!.id)).toBe(true);
  });

  it('orphans a rewrite that is not similar enough', () => {
    const before = cards('Q: What does etcd store?\nA: state');
    const after = cards('Q: Name the key-value database of the control plane\nA: etcd');
    expect(similarity(before[0]!.identityText, after[0]!.identityText)).toBeLessThan(
      RELINK_THRESHOLD,
    );
    expect(findRelinks(after, history(before))).toEqual({
      relinks: [],
      orphans: [{ id: before[0]!.id, meta: cardMeta(before[0]!), candidates: [] }],
    });
  });

  it('orphans a deleted card', () => {
    const before = cards('Q: gone\nA: 1\n\nQ: kept\nA: 2');
    const after = cards('Q: kept\nA: 2');
    const { relinks, orphans } = findRelinks(after, history(before));
    expect(relinks).toEqual([]);
    expect(orphans.map((o) => o.id)).toEqual([before[0]!.id]);
  });

  it('does not re-link across decks', () => {
    const before = cards('Q: What does etcd store?\nA: state', 'en/a');
    const after = cards('Q: What does etcd store on disk?\nA: state', 'en/b');
    const { relinks, orphans } = findRelinks(after, history(before));
    expect(relinks).toEqual([]);
    expect(orphans[0]!.candidates).toEqual([]);
  });

  it('does not re-link across kinds', () => {
    const before = cards('Q: What does etcd store?\nA: state');
    const after = cards('T: What does etcd store on disk?\nA: `state`');
    expect(findRelinks(after, history(before)).relinks).toEqual([]);
  });

  it('does not re-link to the other side of a reversible card', () => {
    const before = cards('R: kube-proxy\nA: x');
    const after = cards('R: kube-proxy daemon\nA: x');
    const { relinks, orphans } = findRelinks(after, history(before));
    expect(orphans).toEqual([]);
    expect(relinks.map((r) => [r.from, r.to]).sort()).toEqual(
      [
        [before[0]!.id, after[0]!.id],
        [before[1]!.id, after[1]!.id],
      ].sort(),
    );
  });

  it('never moves history onto a card that already has one', () => {
    const before = cards('Q: What does etcd store?\nA: 1\n\nQ: What does etcd store now?\nA: 2');
    const after = cards('Q: What does etcd store now?\nA: 2');
    const { relinks, orphans } = findRelinks(after, history(before));
    expect(relinks).toEqual([]);
    expect(orphans).toEqual([{ id: before[0]!.id, meta: cardMeta(before[0]!), candidates: [] }]);
  });
});

describe('cardMeta', () => {
  it('records deck, kind, sibling key and normalised text', () => {
    const [fwd] = cards('R: kube-proxy\nA: x');
    expect(cardMeta(fwd!)).toEqual({
      deck: 'en/a',
      kind: 'reversible',
      key: 'forward',
      text: 'kube proxy',
    });
  });

  it('cuts the text to 200 characters', () => {
    const [card] = cards(`Q: ${'x'.repeat(300)}\nA: y`);
    expect(cardMeta(card!).text).toBe('x'.repeat(200));
  });
});
