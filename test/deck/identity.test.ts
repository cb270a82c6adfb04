import { describe, expect, it } from 'vitest';
import { hashId, normalizeFront, RELINK_THRESHOLD, similarity } from '../../src/deck/identity.js';
import { parseDeck } from '../../src/deck/parse.js';
import type { Card } from '../../src/model/card.js';

function cards(source: string, name = 'en/a', file = `decks/${name}.md`): readonly Card[] {
  const deck = parseDeck({ name, file, source });
  expect(deck.diagnostics).toEqual([]);
  return deck.cards;
}

function ids(source: string, name?: string): string[] {
  return cards(source, name).map((c) => c.id);
}

const EN = '---\nlang: en\n---\n';
const JA = '---\nlang: ja\n---\n';

describe('normalizeFront', () => {
  it('case-folds', () => {
    expect(normalizeFront('What Does ETCD Store')).toBe('what does etcd store');
  });

  it('applies NFKC: full-width Latin and half-width katakana fold', () => {
    expect(normalizeFront('ＥＴＣＤ')).toBe('etcd');
    expect(normalizeFront('ｶﾀｶﾅ')).toBe('カタカナ');
  });

  it('collapses whitespace runs, tabs and newlines to one space and trims', () => {
    expect(normalizeFront('  what\tdoes\n\n etcd   store ')).toBe('what does etcd store');
  });

  it('collapses punctuation and Markdown emphasis', () => {
    expect(normalizeFront('What does **etcd** store?')).toBe('what does etcd store');
    expect(normalizeFront('What does `etcd` store')).toBe('what does etcd store');
    expect(normalizeFront('kube-scheduler')).toBe('kube scheduler');
  });

  it('collapses Japanese punctuation and the ideographic space', () => {
    expect(normalizeFront('Pod とは？')).toBe('pod とは');
    expect(normalizeFront('Pod　とは、何か。')).toBe('pod とは 何か');
  });

  it('keeps letters and digits of every script', () => {
    expect(normalizeFront('ポート 6443 は？')).toBe('ポート 6443 は');
  });
});

describe('hashId', () => {
  it('is 16 lower-case hex digits', () => {
    expect(hashId('basic', 'en', 'what does etcd store')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('is deterministic', () => {
    expect(hashId('a', 'b')).toBe(hashId('a', 'b'));
  });

  it('keeps parts apart: ("ab","c") differs from ("a","bc")', () => {
    expect(hashId('ab', 'c')).not.toBe(hashId('a', 'bc'));
  });
});

describe('similarity', () => {
  it('is 1 for equal texts', () => {
    expect(similarity('what does etcd store', 'what does etcd store')).toBe(1);
  });

  it('is 0 for texts with no bigram in common', () => {
    expect(similarity('abc', 'xyz')).toBe(0);
  });

  it('is 0 when both are empty', () => {
    expect(similarity('', 'x')).toBe(0);
  });

  it('is symmetric', () => {
    const a = 'what does etcd store';
    const b = 'what does etcd keep';
    expect(similarity(a, b)).toBe(similarity(b, a));
  });

  it('computes the Dice coefficient of character bigrams, ignoring spaces', () => {
    // "night" → ni ig gh ht; "nacht" → na ac ch ht: one shared of eight.
    expect(similarity('night', 'nacht')).toBe(0.25);
    expect(similarity('ni ght', 'night')).toBe(1);
  });

  it('works on Japanese, which has no spaces', () => {
    const s = similarity(
      'kube scheduler がノードを選ぶ2段階は',
      'kube scheduler がノードを選ぶ 2 つの段階は',
    );
    expect(s).toBeGreaterThanOrEqual(RELINK_THRESHOLD);
  });

  it('uses a threshold of 0.7', () => {
    expect(RELINK_THRESHOLD).toBe(0.7);
  });
});

describe('card identity', () => {
  const card = `${EN}# Control plane\n\nQ: What does etcd store? #etcd\nA: The cluster state\n`;

  it('survives a move to another file (and another heading, deck and line)', () => {
    const moved = `${EN}Intro.\n\n# Storage\n\nQ: What does etcd store?\nA: The cluster state\n`;
    expect(ids(moved, 'en/storage/etcd')).toEqual(ids(card, 'en/a'));
  });

  it('survives a back edit', () => {
    const edited = `${EN}Q: What does etcd store? #etcd\nA: Every Kubernetes object, as key-value pairs\n\nMore.`;
    expect(ids(edited)).toEqual(ids(card));
  });

  it('survives tag changes', () => {
    const retagged = `${EN}Q: What does etcd store? #storage #cka\nA: The cluster state\n`;
    expect(ids(retagged)).toEqual(ids(card));
  });

  it('survives whitespace and line-ending edits', () => {
    const reformatted =
      `${EN}Q:\t  What   does\n   etcd store?  \n\nA: The cluster state\n`.replace(/\n/g, '\r\n');
    expect(ids(reformatted)).toEqual(ids(card));
  });

  it('survives reformatting: case, emphasis, punctuation, full-width letters', () => {
    const reformatted = `${EN}Q: what does **ＥＴＣＤ** store\nA: The cluster state\n`;
    expect(ids(reformatted)).toEqual(ids(card));
  });

  it('changes when the front is reworded', () => {
    const edited = `${EN}Q: What does etcd keep?\nA: The cluster state\n`;
    expect(ids(edited)[0]).not.toBe(ids(card)[0]);
  });

  it('depends on the kind', () => {
    const typed = `${EN}T: What does etcd store?\nA: The cluster state\n`;
    expect(ids(typed)[0]).not.toBe(ids(card)[0]);
  });

  it('depends on the deck language', () => {
    const ja = `${JA}Q: What does etcd store?\nA: クラスタの状態\n`;
    expect(ids(ja)[0]).not.toBe(ids(card)[0]);
  });

  it('does not depend on the file path or deck name', () => {
    const a = cards('Q: x\nA: 1', 'en/one', 'decks/en/one.md');
    const b = cards('Q: x\nA: 1', 'other/two', '/elsewhere/two.md');
    expect(a[0]!.id).toBe(b[0]!.id);
  });

  it('keeps both reversible ids when the back is edited', () => {
    const before = ids(`${EN}R: kube-proxy\nA: Maintains Service rules on each node`);
    const after = ids(`${EN}R: kube-proxy\nA: Programs iptables/IPVS for Services`);
    expect(after).toEqual(before);
  });

  it('keeps cloze ids when a hint is added', () => {
    const before = ids('C: {{etcd}} stores the state');
    const after = ids('C: {{etcd::a database}} stores the state');
    expect(after).toEqual(before);
  });

  it('keeps a cloze sibling id when another deletion is added', () => {
    const before = ids('C: etcd stores the {{state}}');
    const after = ids('C: {{etcd}} stores the {{state}}');
    expect(after).toHaveLength(2);
    expect(after[1]).toBe(before[0]);
  });

  it('gives one family to cloze siblings and the two sides of a reversible card', () => {
    const clozes = cards('C: {{a}} {{b}} {{c}}');
    expect(new Set(clozes.map((c) => c.familyId)).size).toBe(1);
    expect(new Set(clozes.map((c) => c.id)).size).toBe(3);
    const sides = cards('R: a\nA: b');
    expect(sides[0]!.familyId).toBe(sides[1]!.familyId);
  });

  it('records the normalised front as identityText', () => {
    expect(cards(card)[0]!.identityText).toBe('what does etcd store');
    expect(cards('C: {{etcd::db}} stores **state**')[0]!.identityText).toBe('etcd stores state');
  });
});
