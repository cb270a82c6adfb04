import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { drawExam } from '../../src/session/exam.js';
import { readLogEvents } from '../../src/store/store.js';
import { seededRandom } from '../../src/util/random.js';
import { makeStudy } from '../helpers/study.js';
import { renderApp } from './app.js';
import { KEY, press, together } from './keys.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  cleanup();
  for (const c of cleanups.splice(0)) await c();
});

const TS = `---\nlang: en\ndomain: troubleshooting\n---\n# Pods\nQ: A Pod is Pending with FailedScheduling. First command?\nA: kubectl describe pod\n\nT: Show the previous container's logs of pod web\nA: \`kubectl logs web --previous\`\n`;
const ST = `---\nlang: en\ndomain: storage\n---\nQ: Default reclaim policy of a dynamically provisioned PV?\nA: Delete\n`;

async function setup(minutes = 30) {
  let clock = new Date('2026-03-10T12:00:00Z');
  const made = await makeStudy({ 'en/ts': TS, 'en/st': ST }, { now: clock });
  cleanups.push(made.cleanup);
  const domains = new Map(made.study.decks.decks.map((d) => [d.name, d.meta.domain]));
  // Typed cards last: the help key is text while an answer is being typed.
  const exam = drawExam(
    made.study.decks.cards,
    (c) => domains.get(c.deck),
    3,
    seededRandom(5),
  ).sort((a, b) => Number(a.card.kind === 'typed') - Number(b.card.kind === 'typed'));
  const { ui, onDone, ticker } = await renderApp(made.study, {
    start: { exam, minutes },
    now: () => clock,
  });
  return {
    ...made,
    ui,
    exam,
    onDone,
    ticker,
    advance: (ms: number) => (clock = new Date(clock.getTime() + ms)),
  };
}

describe('mock exam screen', () => {
  it('asks each card, grades typed ones itself and the rest by y/n, then scores by domain and saves it', async () => {
    const { ui, exam, store, onDone } = await setup();
    expect(ui.lastFrame()).toMatch(/Mock exam · 1\/3 · (Troubleshooting|Storage)/);
    expect(ui.lastFrame()).toContain('⏱ 30:00 left');
    // The case the question belongs to, as the review screen shows it.
    expect(ui.lastFrame()).toMatch(/en\/(ts › Pods|st)/);
    for (const item of exam) {
      if (item.card.kind === 'typed') {
        // Typed fast: Enter arrives before the screen redrew.
        ui.stdin.write('kubectl logs');
        ui.stdin.write(' --previous web');
        await press(ui, KEY.enter);
        expect(ui.lastFrame()).toContain('✓ Correct');
        await press(ui, KEY.space);
      } else {
        await press(ui, KEY.space);
        expect(ui.lastFrame()).toContain('Did you know it? y yes · n no');
        await press(ui, item.domain === 'storage' ? 'n' : 'y');
      }
    }
    const frame = ui.lastFrame()!;
    expect(frame).toContain('Mock exam: 75% (pass mark 66%) · PASS');
    expect(frame).toMatch(/Troubleshooting\s+30%\s+2\/2\s+100%/);
    expect(frame).toMatch(/Storage\s+10%\s+0\/1\s+0%/);
    expect(frame).toContain('Weakest: Storage');
    const saved = readLogEvents(store.dir).filter((e) => e.type === 'exam');
    expect(saved).toEqual([
      expect.objectContaining({ score: 0.75, correct: 2, total: 3, answered: 3 }),
    ]);
    // No card's schedule moved.
    expect(store.cards).toEqual({});
    ui.stdin.write('q');
    await vi.waitFor(() =>
      expect(onDone).toHaveBeenCalledWith(
        expect.objectContaining({
          type: 'quit',
          message: 'Mock exam: 75% (pass mark 66%) · PASS · 2/3',
        }),
      ),
    );
  });

  it('ends by itself when the time is up, counting the rest as wrong', async () => {
    const { ui, advance, ticker } = await setup(1);
    advance(30_000);
    ticker.tick();
    await vi.waitFor(() => expect(ui.lastFrame()).toContain('⏱ 0:30 left'));
    advance(31_000);
    ticker.tick();
    await vi.waitFor(() => expect(ui.lastFrame()).toContain('Time is up.'));
    expect(ui.lastFrame()).toContain('0 of 3 correct · 0 answered');
  });

  it('ends early with q, and lists its keys in help', async () => {
    const { ui } = await setup();
    await press(ui, '?');
    expect(ui.lastFrame()).toContain('end the exam now');
    await press(ui, 'x');
    await press(ui, 'q');
    expect(ui.lastFrame()).toContain('0 of 3 correct');
  });

  it('scrolls a long answer in a short terminal', async () => {
    const long = Array.from({ length: 30 }, (_, i) => `- step ${i + 1}`).join('\n');
    const made = await makeStudy(
      {
        'en/ts': `---\nlang: en\ndomain: troubleshooting\n---\nQ: Debug a Pod?\nA: Steps:\n\n${long}\n`,
      },
      { now: new Date('2026-03-10T12:00:00Z') },
    );
    cleanups.push(made.cleanup);
    const card = made.study.decks.cards[0]!;
    const { ui } = await renderApp(made.study, {
      start: { exam: [{ card, domain: 'troubleshooting' }], minutes: 30 },
      now: () => new Date('2026-03-10T12:00:00Z'),
    });
    Object.defineProperty(ui.stdout, 'rows', { value: 16, configurable: true });
    ui.stdout.emit('resize');
    await vi.waitFor(() => expect(ui.lastFrame()!.split('\n').length).toBeLessThanOrEqual(16));
    await press(ui, KEY.space);
    expect(ui.lastFrame()!.split('\n').length).toBeLessThanOrEqual(16);
    expect(ui.lastFrame()).toMatch(/↓ \d+ more lines/);
    expect(ui.lastFrame()).not.toContain('step 30');
    await together(ui, KEY.pageDown, KEY.pageDown, KEY.pageDown, KEY.pageDown);
    expect(ui.lastFrame()).toContain('step 30');
    expect(ui.lastFrame()).toContain('Did you know it? y yes · n no');
  });
});
