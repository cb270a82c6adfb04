import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeStudy } from '../helpers/study.js';
import { renderApp } from './app.js';
import { KEY, press, together } from './keys.js';

const deck = (name: string, n: number, lang = 'en') =>
  [
    `---\nlang: ${lang}\n---\n`,
    ...Array.from({ length: n }, (_, i) => `Q: ${name} ${i}?\nA: ${i}\n`),
  ].join('\n');

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  cleanup();
  for (const c of cleanups.splice(0)) await c();
});
const now = new Date('2026-03-02T10:00:00Z');

async function setup(
  problems: string[] = [],
  language: 'en' | 'ja' = 'en',
  settings: Parameters<typeof makeStudy>[1]['settings'] = {},
) {
  const made = await makeStudy(
    {
      'en/network': deck('net', 3),
      'en/storage': deck('store', 25),
      'ja/ネットワーク': deck('ネット', 2, 'ja'),
    },
    { now, settings },
  );
  cleanups.push(made.cleanup);
  const { ui, onDone } = await renderApp(made.study, { now: () => now, problems, language });
  return { ...made, ui, onDone };
}

const rowOf = (frame: string, name: string) =>
  frame.split('\n').find((l) => l.includes(name)) ?? '';

describe('deck list', () => {
  it('draws the exam header at once and the plan’s prediction when it is worked out, after each session too', async () => {
    const plan = {
      exam: '2026-03-12',
      newPerDay: 3,
      start: '2026-03-02',
      deck: 'en',
      lead: 7,
      previousNewPerDay: 20,
      scoped: true,
    };
    const { ui } = await setup([], 'en', { plan });
    const figure = /Exam in 10 days · (\d+)% predicted/;
    await vi.waitFor(() => expect(ui.lastFrame()).toMatch(figure), { timeout: 5000, interval: 5 });
    await press(ui, KEY.enter);
    expect(ui.lastFrame()).toContain('net 0?');
    await press(ui, KEY.space, '3', 'q');
    // Back on the list the counts are new at once; the prediction follows.
    expect(ui.lastFrame()).toMatch(/Exam in 10 days · (predicting…|\d+% predicted)/);
    await vi.waitFor(() => expect(ui.lastFrame()).toMatch(figure), { timeout: 5000, interval: 5 });
  });

  it('shows the deck tree with New / Learn / Due per deck, folder and in total', async () => {
    const { ui } = await setup();
    const frame = ui.lastFrame()!;
    expect(frame).toContain('kioku 記憶 · Decks');
    expect(rowOf(frame, '▾ en')).toMatch(/▾ en\s+20\s+0\s+0$/);
    expect(rowOf(frame, 'network')).toMatch(/network\s+3\s+0\s+0$/);
    expect(rowOf(frame, 'storage')).toMatch(/storage\s+20\s+0\s+0$/);
    expect(rowOf(frame, 'ネットワーク')).toMatch(/ネットワーク\s+2\s+0\s+0$/);
    expect(rowOf(frame, 'Total')).toMatch(/Total\s+20\s+0\s+0$/);
    expect(frame).toContain('Today: 0 cards studied');
  });

  it('aligns Japanese deck names by display width', async () => {
    const { ui } = await setup();
    const frame = ui.lastFrame()!;
    const end = (name: string) => rowOf(frame, name).trimEnd().length;
    // Same right edge: the CJK row has fewer characters but the same columns.
    const ja = rowOf(frame, 'ネットワーク');
    const en = rowOf(frame, 'network');
    expect(ja.length).toBeLessThan(en.length);
    expect(end('network')).toBeGreaterThan(0);
  });

  it('moves with ↓/j and reviews the selected deck with Enter, back with q', async () => {
    const { ui } = await setup();
    await press(ui, KEY.down);
    expect(ui.lastFrame()).toMatch(/▸ {3}network/);
    await press(ui, 'j', 'k');
    expect(ui.lastFrame()).toMatch(/▸ {3}network/);
    await press(ui, KEY.enter);
    expect(ui.lastFrame()).toContain('en/network');
    expect(ui.lastFrame()).toContain('net 0?');
    await press(ui, KEY.space, '4', 'q');
    const back = ui.lastFrame()!;
    expect(back).toContain('Reviewed 1 card');
    expect(rowOf(back, 'network')).toMatch(/network\s+2\s+0\s+0$/);
    expect(back).toContain('Today: 1 card studied');
  });

  it('draws a key that moves the selection from cached counts: once per change, not per key', async () => {
    // 40 decks: drawing every row's counts per key cost 2 s a key at 400 decks.
    const decks: Record<string, string> = {};
    for (let i = 0; i < 40; i++) decks[`f${Math.floor(i / 10)}/d${i}`] = deck(`c${i}`, 2);
    const made = await makeStudy(decks, { now });
    cleanups.push(made.cleanup);
    const rowCounts = vi.spyOn(made.study, 'rowCounts');
    const studiedToday = vi.spyOn(made.study, 'studiedToday');
    let clock = now;
    const { ui } = await renderApp(made.study, { now: () => clock });
    expect(rowCounts).toHaveBeenCalledTimes(1);
    await press(ui, ...'jjjjjjjjjjjj');
    expect(ui.lastFrame()).toMatch(/▸ {3}d10 /);
    expect(rowCounts).toHaveBeenCalledTimes(1);
    expect(studiedToday).toHaveBeenCalledTimes(1);
    // An answer changes the counts: they are computed again, once.
    await press(ui, KEY.enter, KEY.space, '4', 'q');
    expect(rowOf(ui.lastFrame()!, 'd10 ')).toMatch(/d10\s+1\s+0\s+0$/);
    await press(ui, 'k', 'j');
    expect(rowCounts).toHaveBeenCalledTimes(2);
    // So does a new study day: the answered card is no longer counted as studied today.
    clock = new Date(now.getTime() + 86_400_000);
    await press(ui, 'k');
    expect(rowCounts).toHaveBeenCalledTimes(3);
    expect(ui.lastFrame()).toContain('Today: 0 cards studied');
  });

  it('flags decks with problems', async () => {
    const { ui } = await setup(['en/storage.md']);
    const frame = ui.lastFrame()!;
    expect(rowOf(frame, 'storage')).toContain('⚠ errors');
    expect(frame).toContain('1 deck has errors (en/storage.md)');
  });

  it('browses a megabyte cloze front (one group, 100,000 gaps) in bounded time, and Esc leaves', async () => {
    const gaps = '{{c1::a}} '.repeat(100_000);
    const made = await makeStudy({ big: `Q: small\nA: one\n\nC: ${gaps}\n` }, { now });
    cleanups.push(made.cleanup);
    const { ui } = await renderApp(made.study, { now: () => now });
    // Each frame measured the whole front: 30 s a frame before it was cut first.
    const cpu = process.cpuUsage();
    await press(ui, '/', KEY.down);
    expect(ui.lastFrame()).toMatch(/Search: +2 of 2 cards/);
    expect(ui.lastFrame()).toMatch(/\[…\] \[…\].*…/);
    await press(ui, KEY.escape);
    expect(ui.lastFrame()).toContain('Decks');
    const used = process.cpuUsage(cpu);
    expect((used.user + used.system) / 1e6).toBeLessThan(10);
  });

  it('opens browse with / and quits with q, handing back the summary', async () => {
    const { ui, onDone } = await setup();
    await press(ui, '/');
    expect(ui.lastFrame()).toContain('Search:');
    await press(ui, KEY.escape);
    expect(ui.lastFrame()).toContain('Decks');
    ui.stdin.write('q');
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(onDone).toHaveBeenCalledWith({
      type: 'quit',
      summary: { reviewed: 0, again: 0, ms: 0 },
    });
  });

  it('lists its keys in the help overlay', async () => {
    const { ui } = await setup();
    await press(ui, '?');
    expect(ui.lastFrame()).toContain('review all decks');
    expect(ui.lastFrame()).toContain('browse and search cards');
  });

  it('speaks Japanese', async () => {
    const { ui } = await setup([], 'ja');
    expect(ui.lastFrame()).toContain('合計');
    expect(ui.lastFrame()).toContain('新規');
  });
});

describe('browse', () => {
  it('searches as you type, shows a card’s details, and suspends it with s', async () => {
    const { ui, study } = await setup();
    await press(ui, '/');
    await press(ui, ...'store 1');
    let frame = ui.lastFrame()!;
    expect(frame).toContain('store 1?');
    expect(frame).toMatch(/\d+ of 30 cards/);
    await press(ui, KEY.enter);
    frame = ui.lastFrame()!;
    expect(frame).toContain('Stability');
    expect(frame).toContain('Retrievability');
    expect(frame).toContain('File en/storage.md:');
    await press(ui, 's');
    expect(ui.lastFrame()).toContain('Suspended');
    const card = study.decks.cards.find((c) => c.front === 'store 1?')!;
    expect(study.record(card)?.suspended).toBe(true);
    await press(ui, 's');
    expect(study.record(card)?.suspended).toBe(false);
  });

  it('fits a short, narrow terminal: the list alone when the details leave it no room', async () => {
    const { ui } = await setup();
    Object.defineProperty(ui.stdout, 'columns', { value: 40, configurable: true });
    for (const [rows, details] of [
      [12, false],
      [16, true],
      [24, true],
    ] as const) {
      Object.defineProperty(ui.stdout, 'rows', { value: rows, configurable: true });
      ui.stdout.emit('resize');
      if (rows === 12) await press(ui, '/');
      await vi.waitFor(() => expect(ui.lastFrame()!.includes('Retrievability')).toBe(details));
      const frame = ui.lastFrame()!;
      expect(frame.split('\n').length).toBeLessThanOrEqual(rows);
      expect(frame.startsWith('Search:')).toBe(true);
      expect(frame.includes('Retrievability')).toBe(details);
    }
  });

  it('filters with is: and says when nothing matches', async () => {
    const { ui } = await setup();
    await press(ui, '/');
    await press(ui, ...'is:leech');
    expect(ui.lastFrame()).toContain('No cards match.');
  });
});

describe('keys that arrive together', () => {
  it('takes a held-down j as several moves', async () => {
    const { ui } = await setup();
    await together(ui, 'j', 'j', 'j');
    expect(ui.lastFrame()).toMatch(/▸ {2}▾ ja|▸ ▾ ja/);
  });

  it('opens the deck the moves reached when Enter comes in the same chunk', async () => {
    const { ui } = await setup();
    await together(ui, 'j', 'j', KEY.enter);
    expect(ui.lastFrame()).toContain('en/storage');
    expect(ui.lastFrame()).toContain('store 0?');
  });

  it('in browse, acts on the card the moves reached, not the one drawn last', async () => {
    const { ui, study } = await setup();
    await press(ui, '/');
    await press(ui, ...'store 1');
    await together(ui, KEY.enter, 'j', 's');
    const suspended = study.decks.cards.filter((c) => study.record(c)?.suspended);
    expect(suspended.map((c) => c.front)).toEqual(['store 10?']);
  });
});

describe('browse: reset and undo', () => {
  it('resets a studied card to new with r, and undoes it with u', async () => {
    const { ui, study } = await setup();
    const card = study.decks.cards.find((c) => c.front === 'net 0?')!;
    study.answer(card, null, 4, 1000, now);
    await press(ui, '/');
    await press(ui, ...'net 0');
    await together(ui, KEY.enter, 'r');
    expect(ui.lastFrame()).toContain('Reset: the card is new again');
    expect(study.memory(card)).toBeNull();
    await press(ui, 'u');
    expect(ui.lastFrame()).toContain('undone: reset');
    expect(study.memory(card)?.reps).toBe(1);
  });
});
