import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/deck/parse.js';
import { renderMarkdown } from '../../src/ui/markdown/render.js';
import { pick, rng } from './helpers.js';

// Seeded, bounded fuzzing of the deck parser: realistic decks, mutated a few
// times each with deck syntax, controls and damage. No input may throw, hang,
// or produce a diagnostic that does not point at a line of the file.

const SEEDS = [
  '---\ntitle: T\ntags: [a, b]\nlang: ja\ndomain: storage\nscheduling:\n  desired_retention: 0.9\n---\n# H\n\nQ: What? #tag\nA: That.\n<!-- id: x1 -->\n',
  'Q: one\nA: two\n\nR: both ways\nA: yes\n\nT: type it\nA: `kubectl get pods`\n',
  'C: The {{c1::kubelet}} runs on {{c2::every node::where?}}.\nA: extra\n\nC: {{plain}} and {{c1}}\n',
  '## Section\n\nQ: code?\nA:\n```yaml\napiVersion: v1\n# not a heading\nQ: not a card\n```\n\n---\n\nQ: after break\nA: ok\n',
  'Q: list\nA:\n- a\n  - b\n> quote\n\n| h | i |\n|---|---|\n| 1 | 2 |\n',
  'C: fenced\n~~~\n{{ .Values.x }}\n~~~\nand {{c1::real}} `{{c2::code}}`\n',
];

const PIECES = [
  'Q:',
  'A:',
  'R:',
  'T:',
  'C:',
  'Q: ',
  'A: ',
  '\n',
  '\n\n',
  '---\n',
  '...',
  '# ',
  '###### ',
  '#',
  '#tag',
  '<!-- id: ',
  ' -->',
  '<!--',
  '```',
  '```yaml\n',
  '~~~',
  '`',
  '{{',
  '}}',
  '::',
  'c1::',
  '{{c1::',
  '> ',
  '- ',
  '1. ',
  '|',
  '\t',
  '\r',
  '\r\n',
  '\uFEFF',
  '\x00',
  '\x1b[2J',
  '\u009b',
  '\u202e',
  '字',
  '\u{1F600}',
  '\uD800',
  'e\u0301',
  ': ',
  'key: [',
  '{',
  '}',
  '"',
  "'",
  '&',
  '*',
  'x'.repeat(200),
  'title: ',
  'scheduling: ',
  'domain: x',
  'tags: 5',
];

function mutate(r: () => number, text: string): string {
  let s = text;
  const count = 1 + Math.floor(r() * 6);
  for (let k = 0; k < count; k++) {
    const at = Math.floor(r() * (s.length + 1));
    switch (Math.floor(r() * 6)) {
      case 0: // insert syntax or damage
        s = s.slice(0, at) + pick(r, PIECES) + s.slice(at);
        break;
      case 1: // delete a range
        s = s.slice(0, at) + s.slice(at + Math.floor(r() * 20));
        break;
      case 2: // duplicate a range
        s = s.slice(0, at) + s.slice(at, at + Math.floor(r() * 40)) + s.slice(at);
        break;
      case 3: {
        // swap two lines
        const lines = s.split('\n');
        const i = Math.floor(r() * lines.length);
        const j = Math.floor(r() * lines.length);
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        s = lines.join('\n');
        break;
      }
      case 4: // truncate
        s = s.slice(0, at);
        break;
      default: // replace one character with any code unit
        s = s.slice(0, at) + String.fromCharCode(Math.floor(r() * 0x10000)) + s.slice(at + 1);
    }
  }
  return s;
}

describe('deck parser fuzzing (seeded)', () => {
  it('3,000 mutated decks: no crash, no hang, every diagnostic at file:line', () => {
    const r = rng(20261130);
    const started = performance.now();
    let errors = 0;
    let cards = 0;
    for (let i = 0; i < 3000; i++) {
      let source = pick(r, SEEDS);
      // Some decks are mutations of mutations, or several decks joined.
      if (r() < 0.3) source += `\n${pick(r, SEEDS)}`;
      source = mutate(r, source);
      if (r() < 0.2) source = mutate(r, source);
      const lineCount = source.split(/\r\n|\r|\n/).length;
      let deck: ReturnType<typeof parseDeck>;
      try {
        deck = parseDeck({ name: 'fuzz', file: 'fuzz.md', source });
      } catch (err) {
        throw new Error(`deck ${i} threw ${String(err)}:\n${JSON.stringify(source)}`);
      }
      for (const d of deck.diagnostics) {
        const where = `deck ${i}: ${d.message}\n${JSON.stringify(source)}`;
        expect(d.file, where).toBe('fuzz.md');
        expect(Number.isInteger(d.line) && d.line >= 1 && d.line <= lineCount, where).toBe(true);
        expect(Number.isInteger(d.column) && d.column >= 1, where).toBe(true);
        expect(d.message.length, where).toBeGreaterThan(0);
        if (d.severity === 'error') errors++;
      }
      for (const card of deck.cards) {
        expect(card.line >= 1 && card.line <= lineCount).toBe(true);
        cards++;
        // Rendering is part of showing a card: every tenth deck's cards go through it.
        if (i % 10 === 0) {
          renderMarkdown(card.front, 40);
          renderMarkdown(card.back, 40);
        }
      }
    }
    // The mutations must reach both outcomes, or the fuzzer tests nothing.
    expect(errors).toBeGreaterThan(300);
    expect(cards).toBeGreaterThan(3000);
    expect(performance.now() - started).toBeLessThan(30_000);
  });
});
