import { describe, expect, it } from 'vitest';
import { compareTyped } from '../../src/answer/compare.js';
import { parseDeck } from '../../src/deck/parse.js';
import { limitMarkdown, MAX_DELIMITERS, MAX_NESTING } from '../../src/text/markdownLimits.js';
import { MESSAGES } from '../../src/ui/i18n.js';
import { renderMarkdown } from '../../src/ui/markdown/render.js';
import { cardLines } from '../../src/ui/screens/Review.js';
import { defaultTheme } from '../../src/ui/theme.js';

const text = (source: string, width = 80) =>
  renderMarkdown(source, width)
    .map((l) => l.map((s) => s.text).join(''))
    .join('\n');

describe('nesting is bounded before the Markdown parser sees it', () => {
  // Each of these overflowed the parser's stack (RangeError inside marked).
  const deep: [string, string][] = [
    ['a blockquote 10,000 deep on one line', `${'> '.repeat(10_000)}x`],
    ['a list 10,000 deep on one line', `${'- '.repeat(10_000)}x`],
    ['an ordered list 10,000 deep on one line', `${'1. '.repeat(10_000)}x`],
    ['quotes and lists mixed', `${'> - '.repeat(5000)}x`],
    [
      'a list nested by indentation, line by line',
      Array.from({ length: 150 }, (_, i) => `${'  '.repeat(i)}- x${i}`).join('\n'),
    ],
    [
      'a quote deepening line by line',
      Array.from({ length: 150 }, (_, i) => `${'>'.repeat(i + 1)} x${i}`).join('\n'),
    ],
  ];
  for (const [name, source] of deep) {
    it(`${name}: renders, losing no text`, () => {
      const out = text(source);
      expect(out).toContain('x');
      expect(limitMarkdown(source).hits.some((h) => h.kind === 'nesting')).toBe(true);
    });
  }

  it('keeps MAX_NESTING levels as structure and shows the rest as text', () => {
    const source = `${'> '.repeat(MAX_NESTING + 3)}deep`;
    const { text: limited, hits } = limitMarkdown(source);
    expect(hits).toEqual([{ line: 0, kind: 'nesting' }]);
    expect(limited).toBe(`${'> '.repeat(MAX_NESTING)}\\> > > deep`);
    const out = text(source, 200);
    expect(out).toContain('> > > deep');
    expect(out.startsWith('│ '.repeat(MAX_NESTING))).toBe(true);
  });

  it('leaves ordinary nesting, code and prose exactly as written', () => {
    const source = [
      '- a',
      '  - b',
      '    > c',
      '',
      '```',
      `${'> '.repeat(40)}code is literal`,
      '```',
      '',
      `${' '.repeat(60)}indented text`,
      'some *emphasis* and `code` and [a link](http://x)',
    ].join('\n');
    expect(limitMarkdown(source)).toEqual({ text: source, hits: [] });
  });
});

describe('the deck parser warns at the line of over-deep nesting', () => {
  const parse = (source: string) => parseDeck({ name: 'd', file: 'd.md', source });
  const warnings = (source: string) =>
    parse(source).diagnostics.map((d) => `${d.file}:${d.line}: ${d.severity}: ${d.message}`);
  const message = `lists or quotes nested deeper than ${MAX_NESTING} levels`;

  it('a list 10,000 deep in an answer: one warning at its line; the card loads and renders', () => {
    const source = `# Deck\n\nQ: fine\nA: yes\n\nQ: deep\nA: look:\n\n${'- '.repeat(10_000)}x\n`;
    const deck = parse(source);
    expect(warnings(source)).toEqual([
      `d.md:9: warning: ${message}: the deeper levels are shown as plain text`,
    ]);
    expect(deck.cards.map((c) => c.front)).toEqual(['fine', 'deep']);
    const out = text(deck.cards[1]!.back);
    expect(out).toContain('look:');
    // Levels past the limit are drawn as text (wrapped), none lost.
    const words = out.trim().split(/\s+/);
    expect(words.filter((w) => w === '-')).toHaveLength(10_000 - MAX_NESTING);
    expect(words.at(-1)).toBe('x');
  });

  it('names the first deep line of a side, counts the others, and skips code fences', () => {
    const nested = Array.from({ length: 20 }, (_, i) => `${'  '.repeat(i)}- x${i}`);
    const source = [
      'Q: nested',
      '```',
      `${'> '.repeat(40)}code`,
      '```',
      ...nested,
      '<!-- id: n1 -->',
      'A: fine',
      '',
      'C: {{deep}} cloze',
      `${'> '.repeat(17)}y`,
    ].join('\n');
    expect(warnings(source)).toEqual([
      `d.md:21: warning: ${message} (and 3 more lines of this side): the deeper levels are shown as plain text`,
      `d.md:29: warning: ${message}: the deeper levels are shown as plain text`,
    ]);
    expect(parse(source).cards).toHaveLength(2);
  });

  it('stays quiet at the limit', () => {
    expect(warnings(`Q: ok\nA: ${'> '.repeat(MAX_NESTING)}x`)).toEqual([]);
  });
});

describe('delimiter-heavy text is shown literally instead of costing quadratic time', () => {
  it('escapes a paragraph with more delimiters than the limit, and only it', () => {
    const heavy = '_a'.repeat(MAX_DELIMITERS + 1);
    const source = `*light* paragraph\n\n${heavy}\n\n**also light**`;
    const { text: limited, hits } = limitMarkdown(source);
    expect(hits).toEqual([{ line: 2, kind: 'delimiters' }]);
    expect(limited.split('\n')[0]).toBe('*light* paragraph');
    const out = renderMarkdown(source, 10_000).map((l) => l.map((s) => s.text).join(''));
    expect(out).toEqual(['light paragraph', '', heavy, '', 'also light']);
  });

  it('keeps a long prose paragraph with ordinary formatting as Markdown', () => {
    const prose = 'Some *words* and a `term` here. '.repeat(60);
    expect(limitMarkdown(prose).hits).toEqual([]);
  });

  it('shows a side over 32 KB as plain text, every character kept', () => {
    const big = `**bold** ${'word '.repeat(8000)}end`;
    const out = text(big, 80);
    expect(out.startsWith('**bold** word')).toBe(true);
    expect(out.endsWith('end')).toBe(true);
    expect(
      out
        .replace(/\n/g, ' ')
        .split(' ')
        .filter((w) => w === 'word'),
    ).toHaveLength(8000);
  });
});

describe('a huge side lays out only what can be shown', () => {
  it('a typed answer checked against a 1 MB answer: every line of the card stays short', () => {
    const card = parseDeck({
      name: 'd',
      file: 'd.md',
      source: `T: type it\nA: \`${'a '.repeat(1 << 19)}\``,
    }).cards[0]!;
    const result = compareTyped('a b', card.expected!);
    const lines = cardLines(card, true, result, 76, MESSAGES.en, defaultTheme);
    const widest = Math.max(...lines.map((l) => l.reduce((n, s) => n + s.text.length, 0)));
    // The diff lines held the whole megabyte: Ink measured it on every frame.
    expect(widest).toBeLessThanOrEqual(4 * 76 + 20);
    expect(lines.length).toBeLessThanOrEqual(2010);
  });

  const huge: [string, string][] = [
    ['a 1 MB line of wide characters', '字'.repeat(1 << 20)],
    ['a 1 MB line of emoji and combining marks', '😀e\u0301'.repeat(1 << 18)],
    ['a 1 MB single-line inline code span', `\`${'a'.repeat(1 << 20)}\``],
    ['a 1 MB cloze-like line', '[…] '.repeat(1 << 18)],
  ];
  for (const [name, source] of huge) {
    it(`${name}: at most 2,000 rows and a note, in well under a second`, () => {
      // CPU time of this process: a busy machine must not fail a bounded render.
      const started = process.cpuUsage();
      const lines = renderMarkdown(source, 80);
      const used = process.cpuUsage(started);
      const ms = (used.user + used.system) / 1000;
      expect(lines.length).toBeLessThanOrEqual(2002);
      const last = lines[lines.length - 1]!.map((s) => s.text).join('');
      expect(last).toMatch(/^… this side is \d+ KB: only its start is shown$/);
      // Wrapping the whole megabyte took seconds; the first 2,000 rows take milliseconds.
      expect(ms).toBeLessThan(1500);
    });
  }
});
