import { describe, expect, it } from 'vitest';
import { MAX_CLOZE_GROUPS } from '../../src/deck/cards.js';
import { parseDeck } from '../../src/deck/parse.js';

const parse = (source: string) => parseDeck({ name: 'd', file: 'd.md', source });
const summary = (source: string) =>
  parse(source).diagnostics.map((d) => `${d.file}:${d.line}: ${d.severity}: ${d.message}`);

describe('decks that would multiply into too many cards', () => {
  it('refuses a cloze note with more groups than the limit, at its line', () => {
    const groups = Array.from({ length: MAX_CLOZE_GROUPS + 1 }, (_, i) => `{{c${i + 1}::x}}`);
    const deck = parse(`Q: fine\nA: yes\n\nC: ${groups.join(' ')}`);
    expect(deck.cards.map((c) => c.front)).toEqual(['fine']);
    expect(deck.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([
      `4: cloze note has ${MAX_CLOZE_GROUPS + 1} deletion groups; at most ${MAX_CLOZE_GROUPS} (split it into smaller notes)`,
    ]);
  });

  it('refuses a cloze note whose cards would hold more than 8 MB of text together', () => {
    const groups = Array.from({ length: 10 }, (_, i) => `{{c${i + 1}::a}}`).join(' ');
    const deck = parse(`C: ${groups} ${'x'.repeat(1024 * 1024)}`);
    expect(deck.cards.length).toBe(0);
    expect(deck.diagnostics[0]?.message).toBe(
      'cloze note too large: 10 cards of 1025 KB each (split it into smaller notes)',
    );
  });

  it('still makes a card per group up to the limit', () => {
    const groups = Array.from({ length: MAX_CLOZE_GROUPS }, (_, i) => `{{c${i + 1}::x}}`);
    expect(parse(`C: ${groups.join(' ')}`).cards).toHaveLength(MAX_CLOZE_GROUPS);
  });
});

describe('the rewritten line rules read decks as before', () => {
  it('headings: closing hashes, hashes in text, empty headings', () => {
    const deck = parse(
      [
        '# One #',
        '## Two ###   ',
        'Q: a',
        'A: b',
        '### C# and F#',
        'Q: c',
        'A: d',
        '#### ####',
        'Q: e',
        'A: f',
        '#',
        '#not a heading',
        'Q: g',
        'A: h',
      ].join('\n'),
    );
    expect(deck.cards.map((c) => c.headings)).toEqual([
      ['One', 'Two'],
      ['One', 'Two', 'C# and F#'],
      ['One', 'Two', 'C# and F#'],
      [],
    ]);
    expect(deck.cards[3]?.front).toBe('g');
  });

  it('trailing tags: several, glued, after code, and a # that is not a tag', () => {
    const deck = parse(
      [
        'Q: q1 #a #b/c  #d.e',
        'A: x',
        'Q: q2 #a#b',
        'A: x',
        'Q: `echo #x` #real',
        'A: x',
        'Q: `a #x',
        'A: x',
        'Q: C#',
        'A: x',
        'Q: q3 #tag !',
        'A: x',
      ].join('\n'),
    );
    expect(deck.cards.map((c) => [c.front, c.tags])).toEqual([
      ['q1', ['a', 'b/c', 'd.e']],
      ['q2', ['a#b']],
      ['`echo #x`', ['real']],
      ['`a #x', []],
      ['C#', []],
      ['q3 #tag !', []],
    ]);
  });

  it('id comments: spacing, an id holding -->, and bad ids at their line', () => {
    const deck = parse(
      [
        'Q: a',
        'A: b',
        '  <!--id:one-->  ',
        'Q: c',
        'A: d',
        '<!-- id:   two.2   -->',
        'Q: e',
        'A: f',
        '<!-- id: x --> y -->',
        '<!-- note -->',
      ].join('\n'),
    );
    expect(deck.cards.map((c) => c.id)).toEqual(['one', 'two.2', expect.any(String)]);
    expect(deck.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([
      '9: invalid card id "x --> y": use letters, digits and . _ - / : (starting with a letter or digit)',
    ]);
  });

  it('front matter over 1,000 lines is refused at line 1, and the cards still load', () => {
    const keys = Array.from({ length: 1001 }, (_, i) => `k${i}: 1`).join('\n');
    const deck = parse(`---\n${keys}\n---\nQ: a\nA: b`);
    expect(deck.cards.map((c) => c.front)).toEqual(['a']);
    expect(summary(`---\n${keys}\n---\nQ: a\nA: b`)).toEqual([
      'd.md:1: error: front matter too long: 1001 lines (at most 1000); it was ignored',
    ]);
  });

  it('front matter: an unknown key is reported at its own line', () => {
    expect(summary('---\ntitle: T\nfoo: 1\nbar: 2\n---\nQ: a\nA: b')).toEqual([
      'd.md:3: warning: unknown front-matter key "foo" (known: title, description, tags, lang, sources, domain, scheduling)',
      'd.md:4: warning: unknown front-matter key "bar" (known: title, description, tags, lang, sources, domain, scheduling)',
    ]);
  });
});
