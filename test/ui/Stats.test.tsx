import { cleanup } from 'ink-testing-library';
import stringWidth from 'string-width';
import { afterEach, describe, expect, it } from 'vitest';
import { Rating } from '../../src/schedule/fsrs.js';
import { computeStats } from '../../src/stats/stats.js';
import { readLogEvents } from '../../src/store/store.js';
import { MESSAGES } from '../../src/ui/i18n.js';
import { statsReport } from '../../src/ui/statsReport.js';
import { makeStudy } from '../helpers/study.js';
import { renderApp } from './app.js';
import { KEY, press } from './keys.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  cleanup();
  for (const c of cleanups.splice(0)) await c();
});

const now = new Date('2026-03-10T12:00:00Z');
let latest: Awaited<ReturnType<typeof makeStudy>> | null = null;

async function stats() {
  const deck = [
    '---\nlang: en\n---',
    ...Array.from({ length: 6 }, (_, i) => `Q: card ${i}?\nA: ${i}\n`),
  ].join('\n');
  const made = await makeStudy({ 'en/デッキ': deck }, { now });
  cleanups.push(made.cleanup);
  const { study, store } = made;
  latest = made;
  // Two days of work: yesterday four cards, today two (one of them Again).
  const yesterday = new Date(now.getTime() - 86_400_000);
  for (const card of study.decks.cards.slice(0, 4))
    study.answer(card, null, Rating.Easy, 4000, yesterday);
  study.answer(study.decks.cards[4]!, null, Rating.Again, 6000, now);
  study.answer(study.decks.cards[5]!, null, Rating.Good, 2000, now);
  return computeStats({
    events: readLogEvents(store.dir),
    cards: study.decks.cards,
    records: store.cards,
    now,
    day: study.day,
    desiredRetention: 0.9,
    retrievability: () => 0.9,
  });
}

describe('statistics report', () => {
  it('states today, the streak and the counts', async () => {
    const lines = statsReport(await stats(), 80, MESSAGES.en).map((l) =>
      l.map((s) => s.text).join(''),
    );
    expect(lines).toContain('2 reviews · 2 new · 0 min  again 50%');
    expect(lines).toContain('Streak: 2 days · longest 2');
    const total = lines.find((l) => l.startsWith('Total'))!;
    expect(total.split(/\s+/).slice(1)).toEqual(['0', '2', '4', '0', '0', '0']);
    expect(
      lines.some((l) => l.startsWith('You would recall about 5.4 of 6 studied cards now')),
    ).toBe(true);
  });

  it('fits every line in 80 columns and wider, in English and Japanese', async () => {
    const s = await stats();
    for (const width of [80, 100, 160]) {
      for (const t of [MESSAGES.en, MESSAGES.ja]) {
        for (const line of statsReport(s, width, t)) {
          expect(stringWidth(line.map((x) => x.text).join(''))).toBeLessThanOrEqual(width);
        }
      }
    }
  });

  it('opens with s on the deck list, scrolls, and goes back with Esc', async () => {
    const report = await stats();
    const { ui } = await renderApp(latest!.study, { now: () => now, loadStats: () => report });
    await press(ui, 's');
    expect(ui.lastFrame()).toContain('kioku 記憶 · Statistics');
    expect(ui.lastFrame()).toContain('Reviews, last 12 months');
    expect(ui.lastFrame()).not.toContain('Retrievability now');
    await press(ui, 'G');
    expect(ui.lastFrame()).toContain('Retrievability now');
    await press(ui, KEY.escape);
    expect(ui.lastFrame()).toContain('kioku 記憶 · Decks');
  });
});
