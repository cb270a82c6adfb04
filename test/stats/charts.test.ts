import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/schedule/day.js';
import {
  barChart,
  type ChartLine,
  compactNumber,
  hbar,
  heatmap,
  lineText,
  truncate,
} from '../../src/stats/charts.js';

const text = (lines: readonly ChartLine[]) => lines.map(lineText);

/** Consecutive days from `first` with the given review counts. */
function calendar(first: string, reviews: readonly number[]) {
  return reviews.map((n, i) => ({ day: addDays(first, i), reviews: n }));
}

/** A deterministic year of reviews (no randomness). */
const year = calendar(
  '2025-03-11',
  Array.from({ length: 365 }, (_, i) => (i % 11 === 0 ? 0 : (i * 37) % 50)),
);

function expectFits(lines: readonly ChartLine[], width: number) {
  for (const line of lines) expect(stringWidth(lineText(line))).toBeLessThanOrEqual(width);
}

describe('heatmap', () => {
  // Wed 25 Feb – Tue 10 Mar 2026: three week columns (Mon–Sun), March starts on Sunday the 1st.
  const tiny = calendar('2026-02-25', [0, 1, 2, 3, 4, 0, 8, 0, 0, 0, 0, 0, 1, 2]);

  it('draws weeks as columns with quantile levels, month and weekday labels', () => {
    expect(text(heatmap(tiny, 20))).toEqual([
      '    Mar',
      'Mon   · ░',
      '      █ ▒',
      'Wed · ·',
      '    ░ ·',
      'Fri ▒ ·',
      '    ▓ ·',
      '    █ ·',
    ]);
  });

  it('gives each cell its level', () => {
    expect(heatmap(tiny, 20)[2]).toEqual([
      { text: '      ', level: 0 },
      { text: '█', level: 4 },
      { text: ' ', level: 0 },
      { text: '▒', level: 2 },
    ]);
  });

  it('uses one column per week when two do not fit, then keeps the latest weeks', () => {
    expect(text(heatmap(tiny, 9))).toEqual([
      '    Mar',
      'Mon  ·░',
      '     █▒',
      'Wed ··',
      '    ░·',
      'Fri ▒·',
      '    ▓·',
      '    █·',
    ]);
    // Too narrow for the weekday labels: they go first, then the oldest weeks.
    expect(text(heatmap(tiny, 6))).toEqual([
      'Mar',
      '  · ░',
      '  █ ▒',
      '· ·',
      '░ ·',
      '▒ ·',
      '▓ ·',
      '█ ·',
    ]);
    expect(text(heatmap(tiny, 2))).toEqual(['', '·░', '█▒', '·', '·', '·', '·', '·']);
  });

  it('can start weeks on Sunday', () => {
    const lines = text(heatmap(tiny, 20, false));
    // 1 March is a Sunday: the first day of the second week.
    expect(lines).toEqual([
      '      Mar',
      '      █ ·',
      'Mon   · ░',
      '      █ ▒',
      'Wed · ·',
      '    ░ ·',
      'Fri ▒ ·',
      '    ▓ ·',
    ]);
  });

  it('shows a whole year from 60 columns and fits every width', () => {
    for (const width of [20, 40, 56, 60, 80, 120]) {
      const lines = heatmap(year, width);
      expect(lines).toHaveLength(8);
      expectFits(lines, width);
    }
    // 53 weeks: one column each at 60 and 80, two at 120.
    expect(lineText(heatmap(year, 60)[1]!)).toHaveLength(4 + 53);
    expect(stringWidth(lineText(heatmap(year, 120)[1]!))).toBeGreaterThan(100);
    expect(text(heatmap(year, 80))[0]).toBe(
      '       Apr May Jun  Jul Aug  Sep Oct Nov  Dec Jan Feb Mar',
    );
    // Too narrow for the whole year: the latest weeks, today's column last.
    const narrow = text(heatmap(year, 40));
    expect(narrow[1]).toHaveLength(40);
    expect(narrow[0]).toMatch(/Mar$/);
  });

  it('labels every month in other languages, on a second row where labels would touch', () => {
    const months = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
    const lines = heatmap(year, 60, true, { months, weekdays: ['月', '水', '金'] });
    expectFits(lines, 60);
    // 10月 and 11月 (four columns each) start four or five weeks apart: one goes below.
    expect(lines).toHaveLength(9);
    expect(lineText(lines[2]!).startsWith('月 ')).toBe(true);
    const labels = `${lineText(lines[0]!)} ${lineText(lines[1]!)}`;
    for (const month of months) expect(labels.split(/\s+/)).toContain(month);
  });

  it('labels every month of the year in English and Japanese at 60, 80 and 120 columns', () => {
    const ja = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
    for (const width of [60, 80, 120]) {
      for (const names of [undefined, { months: ja, weekdays: ['月', '水', '金'] as const }]) {
        const lines = text(heatmap(year, width, true, names));
        const labels = lines
          .filter((l) => !/[·░▒▓█]/.test(l))
          .join(' ')
          .split(/\s+/);
        for (const month of names?.months ?? [
          'Jan',
          'Feb',
          'Mar',
          'Apr',
          'May',
          'Jun',
          'Jul',
          'Aug',
          'Sep',
          'Oct',
          'Nov',
          'Dec',
        ]) {
          expect(labels, `${month} at ${width}`).toContain(month);
        }
      }
    }
  });

  it('draws nothing for an empty calendar', () => {
    expect(heatmap([], 80)).toEqual([]);
  });
});

describe('barChart', () => {
  const values = [0, 1, 2, 4, 8, 3].map((value, i) => ({ label: String(i), value }));

  it('draws bars in eighths with the maximum on the y axis and every fifth label', () => {
    expect(text(barChart(values, 20, 2))).toEqual([
      '8 ┤        █',
      '0 ┤  ▂ ▄ █ █ ▆',
      '   0         5',
    ]);
    const [top] = barChart(values, 20, 2);
    expect(top).toEqual([
      { text: '8 ┤        ', level: 0 },
      { text: '█', level: 4 },
    ]);
  });

  it('packs bars when there is no room for gaps, keeping the latest', () => {
    expect(text(barChart(values, 9, 1))).toEqual(['8 ┤ ▁▂▄█▃', '   0    5']);
    expect(text(barChart(values, 6, 1))).toEqual(['8 ┤▄█▃', '     5']);
  });

  it('draws at least an eighth for any value above zero, and wider bars when there is room', () => {
    const lines = text(
      barChart(
        [
          { label: 'a', value: 1000 },
          { label: 'b', value: 1 },
        ],
        20,
        4,
      ),
    );
    expect(lines.at(-2)).toBe('   0 ┤███ ▁▁▁');
  });

  it('fits 60, 80 and 120 columns', () => {
    const month = Array.from({ length: 30 }, (_, i) => ({
      label: addDays('2026-03-10', i).slice(5),
      value: (i * 7) % 13,
    }));
    for (const width of [20, 60, 80, 120]) {
      const lines = barChart(month, width);
      expect(lines).toHaveLength(9);
      expectFits(lines, width);
    }
    expect(text(barChart(month, 80)).at(-1)).toBe(
      '    03-10     03-15     03-20     03-25     03-30     04-04',
    );
  });

  it('shows an empty chart for zeros and nothing for no values', () => {
    expect(text(barChart([{ label: 'a', value: 0 }], 10, 2))).toEqual(['0 ┤', '0 ┤', '   a']);
    expect(barChart([], 80)).toEqual([]);
  });
});

describe('hbar', () => {
  it('aligns labels by display width and right-aligns values', () => {
    const rows = [
      { label: '日本語', value: 12 },
      { label: 'en', value: 3 },
      { label: 'zero', value: 0 },
    ];
    expect(text(hbar(rows, 30))).toEqual([
      `日本語 ${'█'.repeat(20)} 12`,
      `en     █████${' '.repeat(16)} 3`,
      `zero   ${' '.repeat(21)} 0`,
    ]);
    expect(hbar(rows, 30)[1]).toEqual([
      { text: 'en     ', level: 0 },
      { text: '█████', level: 4 },
      { text: `${' '.repeat(16)} 3`, level: 0 },
    ]);
  });

  it('draws partial cells in eighths', () => {
    const rows = [
      { label: 'a', value: 8 },
      { label: 'b', value: 3 },
    ];
    // 8 columns of bar: 3/8 of 64 eighths = 24 = 3 cells; 8 columns minus 1 = 7/8 of a cell…
    expect(text(hbar(rows, 12))).toEqual(['a ████████ 8', 'b ███      3']);
    expect(text(hbar([rows[0]!, { label: 'c', value: 1 }], 12))[1]).toBe('c █        1');
    expect(
      text(
        hbar(
          [
            { label: 'a', value: 16 },
            { label: 'c', value: 1 },
          ],
          13,
        ),
      )[1],
    ).toBe('c ▌         1');
  });

  it('cuts long labels and fits 60, 80 and 120 columns', () => {
    const rows = [
      { label: 'ja/とても長いデッキの名前ですよ本当に長い名前です', value: 1234 },
      { label: 'en/kubectl', value: 56_789 },
      { label: 'x', value: 0 },
    ];
    for (const width of [20, 60, 80, 120]) {
      const lines = hbar(rows, width);
      expectFits(lines, width);
      for (const line of lines) expect(stringWidth(lineText(line))).toBe(width);
    }
    expect(lineText(hbar(rows, 60)[0]!)).toMatch(/^ja\/とても長いデッキ… ▊ +1234$/);
    expect(lineText(hbar(rows, 60)[1]!)).toMatch(/ 57k$/);
    expectFits(hbar(rows, 8), 8);
  });
});

describe('helpers', () => {
  it('truncates by display width', () => {
    expect(truncate('日本語テキスト', 7)).toBe('日本語…');
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('abc', 0)).toBe('');
  });

  it('shortens large counts', () => {
    expect([0, 999, 9999, 12_345, 999_499, 1_234_567, 12_345_678, 2.5].map(compactNumber)).toEqual([
      '0',
      '999',
      '9999',
      '12k',
      '999k',
      '1.2M',
      '12M',
      '2.5',
    ]);
  });
});
