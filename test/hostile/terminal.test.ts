import { describe, expect, it } from 'vitest';
import { neutralize, neutralizeLine, toJson } from '../../src/text/sanitize.js';
import { renderMarkdown } from '../../src/ui/markdown/render.js';
import { pick, rng } from './helpers.js';

// What a terminal acts on: C0 (TAB and LF included: a rendered line holds
// neither), DEL, C1, and the bidi controls that reorder what is shown.
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
// The same, minus TAB and LF, which text may keep.
const UNSAFE =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const BIDI = [
  0x61c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
];

/** Pieces random strings are built from: controls of every kind, and Markdown that carries text. */
const PIECES = [
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)),
  ...Array.from({ length: 0x21 }, (_, i) => String.fromCharCode(0x7f + i)),
  ...BIDI.map((c) => String.fromCharCode(c)),
  '\u2028',
  '\u2029',
  '\uD800', // a lone surrogate
  '\u{1F600}',
  'e\u0301',
  '字',
  'ｶ',
  'a',
  'word ',
  ' ',
  '\n',
  '\n\n',
  '\x1b[2J',
  '\x1b]52;c;aGk=\x07',
  '\x1b]8;;http://x\x1b\\',
  '\x1bP1$q\x1b\\',
  '\x1bc',
  '\u009b31m',
  '&#27;',
  '&#x1b;',
  '&#155;',
  '&#x202e;',
  '**',
  '_',
  '`',
  '```\n',
  '[',
  '](',
  ')',
  '<',
  '>',
  '> ',
  '- ',
  '1. ',
  '# ',
  '| a | b |\n|---|---|\n',
  '<span>',
  '<!--',
  '\\',
  'https://',
  '{{c1::',
  '}}',
];

function randomString(r: () => number): string {
  const n = Math.floor(r() * 24);
  let s = '';
  for (let i = 0; i < n; i++) s += pick(r, PIECES);
  return s;
}

describe('neutralize: controls become visible, nothing acts on the terminal', () => {
  it('shows C0 as control pictures, DEL, C1 and bidi controls as visible marks', () => {
    expect(neutralize('a\x1b[2Jb')).toBe('a␛[2Jb');
    expect(neutralize('\x07\x00\x7f')).toBe('␇␀␡');
    expect(neutralize('x\u009b31m')).toBe('x\uFFFD31m');
    expect(neutralize('abc\u202Edef')).toBe('abc⟨RLO⟩def');
    expect(neutralize('\u2066x\u2069\u200E\u200F\u061C')).toBe('⟨LRI⟩x⟨PDI⟩⟨LRM⟩⟨RLM⟩⟨ALM⟩');
    expect(neutralize('tab\tand\nnewline')).toBe('tab\tand\nnewline');
    expect(neutralize('日本語 é 😀')).toBe('日本語 é 😀');
  });

  it('neutralizeLine keeps a name or an argument on one line', () => {
    expect(neutralizeLine('a\nb\tc\x1b')).toBe('a\u2424b c␛');
  });

  it('property: no random string keeps an unsafe character (2,000 seeded strings)', () => {
    const r = rng(13);
    for (let i = 0; i < 2000; i++) {
      const s = randomString(r);
      const out = neutralize(s);
      expect(UNSAFE.test(out), JSON.stringify(s)).toBe(false);
      expect(UNSAFE.test(neutralizeLine(s)) || neutralizeLine(s).includes('\n')).toBe(false);
    }
  });
});

describe('renderMarkdown: no control character reaches a rendered line', () => {
  it('property: 2,000 seeded random Markdown sources at random widths', () => {
    const r = rng(1313);
    for (let i = 0; i < 2000; i++) {
      const s = randomString(r);
      const width = 2 + Math.floor(r() * 100);
      for (const line of renderMarkdown(s, width)) {
        for (const seg of line) expect(CONTROL.test(seg.text), JSON.stringify(s)).toBe(false);
      }
    }
  });

  it('entities that decode to controls are shown, not obeyed', () => {
    const text = renderMarkdown('a &#27;[2J &#x9b; &#x202e; [l](http://x/&#27;)', 80)
      .flat()
      .map((s) => s.text)
      .join('');
    expect(text).toContain('␛[2J');
    expect(text).toContain('\uFFFD');
    expect(text).toContain('⟨RLO⟩');
    expect(CONTROL.test(text)).toBe(false);
  });

  it('marks bidi overrides in every kind of text: prose, code, headings, links, tables', () => {
    const rlo = '\u202E';
    const source = [
      `# head${rlo}ing`,
      `text ${rlo} \`code${rlo}\` [link${rlo}](http://x${rlo})`,
      '',
      '```',
      `code${rlo}block`,
      '```',
      '',
      `| a${rlo} | b |`,
      '|---|---|',
      `| c | d${rlo} |`,
    ].join('\n');
    const text = renderMarkdown(source, 80)
      .flat()
      .map((s) => s.text)
      .join('\n');
    expect(text.split('⟨RLO⟩').length - 1).toBe(8);
    expect(CONTROL.test(text.replace(/\n/g, ''))).toBe(false);
  });
});

describe('toJson: JSON whose text is printable and parses back to the same value', () => {
  it('escapes C1, DEL, bidi controls and line separators; JSON.stringify already escapes C0', () => {
    expect(toJson('\u009b31m')).toBe('"\\u009b31m"');
    expect(toJson({ '\u202e': '\x1b\x7f\u2028' })).toBe('{"\\u202e":"\\u001b\\u007f\\u2028"}');
    expect(toJson(undefined)).toBe('null');
  });

  it('property: 2,000 seeded values round-trip, and no raw control is left', () => {
    const r = rng(7);
    for (let i = 0; i < 2000; i++) {
      const value = { [randomString(r)]: [randomString(r), i, { name: randomString(r) }] };
      const json = toJson(value, i % 2 === 0 ? 2 : undefined);
      expect(JSON.parse(json)).toEqual(value);
      expect(
        /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/.test(
          json,
        ),
      ).toBe(false);
    }
  });
});
