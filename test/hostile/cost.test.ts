import { describe, expect, it } from 'vitest';
import { normalizeFront, similarity } from '../../src/deck/identity.js';
import { parseDeck } from '../../src/deck/parse.js';
import { highlight } from '../../src/ui/markdown/highlight.js';
import { renderMarkdown } from '../../src/ui/markdown/render.js';
import { fill, KB, MB, overBudget } from './helpers.js';

// Every regular expression and scanner that deck text reaches, fed a 1 MB
// line built to make backtracking quadratic. Each case names the rule it aims at.

const parse = (source: string) => parseDeck({ name: 'd', file: 'd.md', source });

function frontMatterKeys(size: number): string {
  const lines: string[] = [];
  for (let i = 0, n = 0; n < size; i++) {
    lines.push(`k${i}: 1`);
    n += lines[i]!.length + 1;
  }
  return `---\n${lines.join('\n')}\n---\nQ: q\nA: a`;
}

type Case = [name: string, make: (n: number) => string, largest?: number];

// One long line each: the 1 MB line of the issue.
const deckCases: Case[] = [
  ['heading: spaces before a non-space (lazy text, then [ \\t]*$)', (n) => `# a${' '.repeat(n)}x`],
  ['heading: spaces before closing hashes', (n) => `# a${' '.repeat(n)}#x`],
  ['tags: many tags ending in a non-tag (trailing tags)', (n) => `Q: q ${fill('#a ', n)}!\nA: a`],
  ['tags: many tags, then spaces', (n) => `Q: q ${fill('#a ', n)}${' '.repeat(n)}\nA: a`],
  ['id comment: spaces without a close', (n) => `Q: q\nA: a\n<!-- id: a${' '.repeat(n)}x`],
  ['id comment: spaces before the close', (n) => `Q: q\nA: a\n<!-- id: a${' '.repeat(n)}-- >`],
  ['front matter: many keys (refused past 1,000 lines)', (n) => frontMatterKeys(n), 256 * KB],
  // Repeated answers are distinct groups (a, a#2, a#3…): each would be a card holding the note.
  ['cloze: many distinct groups (refused, not multiplied)', (n) => `C: ${fill('{{a}} ', n)}`],
  ['heading: words and closing hashes', (n) => `## ${fill('a # ', n)}!`],
  ['heading: only hashes', (n) => `# ${'#'.repeat(n)}`],
  ['tags: tags without spaces', (n) => `Q: q #${fill('a#', n)}\nA: a`],
  ['tags: spaces then a backtick', (n) => `Q: q${' '.repeat(n)}\`\nA: a`],
  ['id comment: repeated closers', (n) => `Q: q\nA: a\n<!-- id: ${fill(' -->', n)}x`],
  ['id comment: long valid-looking id', (n) => `Q: q\nA: a\n<!-- id: ${'a'.repeat(n)}. -->`],
  ['thematic break: dashes and spaces', (n) => `${fill('- ', n)}x`],
  ['thematic break: spaces between two marks', (n) => `-${' '.repeat(n)}-x`],
  ['marker: spaces only', (n) => `Q:${' '.repeat(n)}`],
  ['fence: opener with spaces then a backtick', (n) => `\`\`\`${' '.repeat(n)}x\``],
  ['fence: closer candidates', (n) => `Q: q\n\`\`\`\n${fill('`` ', n)}\n`],
  ['front matter: one long value', (n) => `---\ntitle: ${fill('a ', n)}\n---\nQ: q\nA: a`],
  ['cloze: unclosed openers', (n) => `C: ${fill('{{', n)}`],
  ['cloze: nested openers', (n) => `C: ${fill('{{a', n)}}}`],
  ['cloze: backtick runs', (n) => `C: {{a}} ${fill('`` `', n)}`],
  ['identity: punctuation runs in a front', (n) => `Q: ${fill('a .,;', n)}\nA: a`],
  ['wide characters', (n) => `Q: ${'字'.repeat(n)}\nA: ${'ア'.repeat(n)}`],
  // Many lines or many cards: the per-card work dominates, 64 KB shows the growth.
  ['cloze: many deletions of one group', (n) => `C: ${fill('{{c1::a::h}} ', n)}`, 64 * KB],
  ['lone carriage returns', (n) => `Q: q${'\r'.repeat(n)}A: a`, 64 * KB],
  ['many short cards', (n) => fill('Q: q\nA: a\n\n', n), 64 * KB],
];

describe('deck parsing costs linear time on adversarial 1 MB lines', () => {
  for (const [name, make, largest] of deckCases) {
    it(name, () => {
      expect(overBudget(make, parse, largest)).toBeNull();
    });
  }

  // Backtick runs of growing length (`a``a```a…): each unmatched opener searched the
  // rest of the line for its closer, O(n·√n), two seconds at 1 MB; not quadratic, so
  // the ramp is told to catch 8× growth per step, under a tighter budget.
  const tickRuns = (n: number) => {
    let s = '';
    for (let k = 1; s.length < n; k++) s += `${'`'.repeat(k)}a`;
    return s;
  };
  it('backtick runs of growing length: cloze notes and typed answers', () => {
    expect(overBudget((n) => `C: {{a}} ${tickRuns(n)}`, parse, MB, 500, 5)).toBeNull();
    expect(overBudget((n) => `T: q\nA: ${tickRuns(n)}`, parse, MB, 500, 5)).toBeNull();
  });

  it('identity normalisation and similarity', () => {
    expect(overBudget((n) => fill('a \u3000.,;!', n), normalizeFront)).toBeNull();
    expect(
      overBudget(
        (n) => fill('ab', n),
        (s) => similarity(s, `${s}x`),
        256 * KB,
      ),
    ).toBeNull();
  });
});

// Markdown is rendered from the card side (not the file), at 80 columns. Sides
// over 32 KB all take the plain-text path: one 1 MB case covers it, the others
// ramp to 64 KB to reach both the limited-Markdown and the plain path.
const markdownCases: Case[] = [
  ['underscore emphasis', (n) => fill('_a', n)],
  ['star emphasis', (n) => fill('*a', n)],
  ['strong emphasis', (n) => fill('**a', n)],
  ['strike-through', (n) => fill('~a', n)],
  ['open brackets', (n) => '['.repeat(n)],
  ['images', (n) => fill('![a', n)],
  ['links without a close', (n) => fill('[a](b', n)],
  ['backticks', (n) => fill('`a', n)],
  ['one inline code span', (n) => `\`${'a'.repeat(n)}\``],
  ['angle brackets', (n) => fill('<a', n)],
  ['entities', (n) => fill('&#', n)],
  ['backslashes', (n) => '\\'.repeat(n)],
  ['table pipes', (n) => `${fill('|a', n)}\n|-|\n`],
  ['a heading', (n) => `# ${fill('a _', n)}`],
  ['spaces', (n) => `a${' '.repeat(n)}b`],
  ['wide characters', (n) => '字'.repeat(n)],
  ['emphasis over many short lines', (n) => fill('_a _a _a _a _a _a _a _a\n', n)],
  ['emphasis over runs just under the paragraph limit', (n) => fill(`${fill('_a', 4000)}\n\n`, n)],
  ['a fenced code line', (n) => `\`\`\`\n${'a'.repeat(n)}\n\`\`\``],
  [
    'YAML code lines at the highlighter limit',
    (n) => `\`\`\`yaml\n${fill(`a${' '.repeat(998)}\n`, n)}\`\`\``,
  ],
  ['nested quotes on one line', (n) => fill('> ', n)],
  ['nested lists on one line', (n) => fill('- ', n)],
  ['nested ordered lists', (n) => fill('1. ', n)],
  [
    'quotes deepening line by line',
    (n) => {
      const lines: string[] = [];
      let size = 0;
      for (let i = 1; size < n; i++) {
        const l = `${'>'.repeat(Math.min(i, 2000))} x`;
        lines.push(l);
        size += l.length + 1;
      }
      return lines.join('\n');
    },
  ],
];

describe('Markdown rendering costs linear time on adversarial 1 MB input', () => {
  for (const [name, make] of markdownCases) {
    it(name, () => {
      expect(overBudget(make, (s) => renderMarkdown(s, 80), 64 * KB)).toBeNull();
    });
  }

  it('a 1 MB side takes the plain-text path in linear time', () => {
    expect(
      overBudget(
        (n) => fill('_a `b [c](d ', n),
        (s) => renderMarkdown(s, 80),
      ),
    ).toBeNull();
  });

  it('highlighters, line by line at their length limit', () => {
    for (const language of ['yaml', 'bash', 'console', 'json'] as const) {
      for (const unit of ['a ', '"', "'", '{{', '$(', 'a: ', '- ', '#', '\\', '1e']) {
        const make = (n: number) => fill(`${fill(unit, 999)}\n`, n);
        // Code over 32 KB is never highlighted (the side is shown as plain text).
        const cost = overBudget(make, (s) => highlight(s.split('\n'), language), 64 * KB);
        expect(cost, `${language} ${unit}`).toBeNull();
      }
    }
  });
});
