import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import {
  isPlainCodePoint,
  quickWidth,
  textWidth,
  widthMissed,
  withWidths,
} from '../../src/text/width.js';
import { rng } from '../hostile/helpers.js';

// The quick measure runs before string-width is loaded: whatever it calls
// plain must measure exactly as string-width does, alone and in any mix, or
// the first paint and Ink's frame would disagree by a column.

const plain: number[] = [];
for (let cp = 0; cp <= 0x10ffff; cp++) if (isPlainCodePoint(cp)) plain.push(cp);

describe('the quick width measure', () => {
  it('agrees with string-width on the code points it calls plain', () => {
    // Every one, but only every 7th in the uniform kanji and Hangul blocks.
    widthMissed(); // other files in this worker may have left it set
    const sample = plain.filter((cp) => cp < 0x3400 || cp % 7 === 0);
    const wrong = sample.filter((cp) => {
      const ch = String.fromCodePoint(cp);
      return quickWidth(ch) !== stringWidth(ch);
    });
    expect(plain.length).toBeGreaterThan(40_000);
    expect(wrong.map((cp) => cp.toString(16))).toEqual([]);
    expect(widthMissed()).toBe(false);
  });

  it('agrees on random mixes of plain text (kana, kanji, Latin, box drawing, the UI symbols)', () => {
    widthMissed();
    const r = rng(20261130);
    for (let i = 0; i < 2000; i++) {
      const length = 1 + Math.floor(r() * 40);
      let text = '';
      for (let j = 0; j < length; j++)
        text += String.fromCodePoint(plain[Math.floor(r() * plain.length)]!);
      expect(quickWidth(text)).toBe(stringWidth(text));
    }
    expect(quickWidth('kioku 記憶 · Decks ▸ en/kubectl ✓ … ←')).toBe(
      stringWidth('kioku 記憶 · Decks ▸ en/kubectl ✓ … ←'),
    );
    expect(widthMissed()).toBe(false);
  });

  it('says when it only estimated: emoji, combining marks, joiners, variation selectors', () => {
    for (const text of ['🙂', 'e\u0301', '👩\u200d💻', '©\ufe0f', '↔', 'ｶﾞ', '\u00ad', '\u200b']) {
      widthMissed();
      quickWidth(`deck ${text}`);
      expect(widthMissed(), JSON.stringify(text)).toBe(true);
    }
  });

  it('lays out again with the exact measure when the quick one estimated', async () => {
    const texts = ['deck 🙂', 'e\u0301t\u0301e\u0301', '👩\u200d💻 ops', 'ｶﾞｲﾄﾞ'];
    const widths = await withWidths(() => texts.map((t) => textWidth(t)));
    expect(widths).toEqual(texts.map((t) => stringWidth(t)));
  });
});
