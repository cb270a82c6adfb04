import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MESSAGES } from '../../src/ui/i18n.js';
import { Review } from '../../src/ui/Review.js';
import { defaultTheme } from '../../src/ui/theme.js';
import { makeStudy } from '../helpers/study.js';

const SPACE = ' ';
const ENTER = '\r';
const ESC = '\u001B';

const DECK = `---
lang: en
---
# Networking

Q: Default NodePort range?
A: 30000-32767

Q: Which Service type is the default?
A: ClusterIP
`;

const tick = () => new Promise((r) => setTimeout(r, 20));
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  cleanup();
  for (const c of cleanups.splice(0)) await c();
});

async function setup(language: 'en' | 'ja' = 'en') {
  const now = new Date('2026-03-02T10:00:00Z');
  const made = await makeStudy({ 'en/net': DECK }, { now });
  cleanups.push(made.cleanup);
  const onQuit = vi.fn();
  const ui = render(
    <Review
      study={made.study}
      messages={MESSAGES[language]}
      theme={defaultTheme}
      now={() => now}
      onQuit={onQuit}
    />,
  );
  await tick();
  return { ...made, ui, onQuit };
}

describe('Review screen', () => {
  it('shows the breadcrumb, the counts and the question, not the answer', async () => {
    const { ui } = await setup();
    const frame = ui.lastFrame()!;
    expect(frame).toContain('en/net › Networking');
    expect(frame).toContain('New 2 · Learn 0 · Due 0');
    expect(frame).toContain('Default NodePort range?');
    expect(frame).not.toContain('30000-32767');
  });

  it('reveals the answer and the four buttons with their intervals on Space', async () => {
    const { ui } = await setup();
    ui.stdin.write(SPACE);
    await tick();
    const frame = ui.lastFrame()!;
    expect(frame).toContain('30000-32767');
    expect(frame).toContain('[1 Again 1m]');
    expect(frame).toContain('[2 Hard 6m]');
    expect(frame).toContain('[3 Good 10m]');
    expect(frame).toMatch(/\[4 Easy \d+d\]/);
  });

  it('rates with a number key, records it, and shows the next card', async () => {
    const { ui, store } = await setup();
    ui.stdin.write(ENTER);
    await tick();
    ui.stdin.write('3');
    await tick();
    const frame = ui.lastFrame()!;
    expect(frame).toContain('Which Service type is the default?');
    expect(frame).toContain('saved: Good → 10m');
    expect(frame).toContain('New 1 · Learn 1');
    const records = Object.values(store.cards);
    expect(records).toHaveLength(1);
    expect(records[0]!.memory?.state).toBe(1); // Learning
  });

  it('takes Space after the reveal as Good', async () => {
    const { ui, store } = await setup();
    ui.stdin.write(SPACE);
    await tick();
    ui.stdin.write(SPACE);
    await tick();
    expect(ui.lastFrame()).toContain('saved: Good');
    expect(Object.keys(store.cards)).toHaveLength(1);
  });

  it('ignores rating keys before the reveal', async () => {
    const { ui, store } = await setup();
    ui.stdin.write('3');
    await tick();
    expect(ui.lastFrame()).toContain('Default NodePort range?');
    expect(Object.keys(store.cards)).toHaveLength(0);
  });

  it('quits with q and hands back the session summary', async () => {
    const { ui, onQuit } = await setup();
    ui.stdin.write(SPACE);
    await tick();
    ui.stdin.write('1');
    await tick();
    ui.stdin.write('q');
    await tick();
    expect(onQuit).toHaveBeenCalledWith({ reviewed: 1, again: 1, ms: 0 });
  });

  it('quits with Esc too', async () => {
    const { ui, onQuit } = await setup();
    ui.stdin.write(ESC);
    await tick();
    await tick();
    expect(onQuit).toHaveBeenCalledTimes(1);
  });

  it('says so when nothing is left', async () => {
    const { ui } = await setup();
    for (const key of [SPACE, '4', SPACE, '4']) {
      ui.stdin.write(key);
      await tick();
    }
    expect(ui.lastFrame()).toContain('Congratulations! You have finished for now.');
  });

  it('speaks Japanese', async () => {
    const { ui } = await setup('ja');
    expect(ui.lastFrame()).toContain('新規 2');
    ui.stdin.write(SPACE);
    await tick();
    expect(ui.lastFrame()).toContain('[3 正解 10m]');
  });

  it('never lets deck text reach the terminal as an escape sequence', async () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const made = await makeStudy(
      { evil: 'Q: title \u001B]0;pwned\u0007 and \u001B[2J clear\nA: ok\n' },
      { now },
    );
    cleanups.push(made.cleanup);
    const ui = render(
      <Review
        study={made.study}
        messages={MESSAGES.en}
        theme={defaultTheme}
        now={() => now}
        onQuit={() => {}}
      />,
    );
    await tick();
    const frame = ui.lastFrame()!;
    expect(frame).toContain('␛]0;pwned␇');
    expect(frame).not.toContain('\u001B]0;');
    expect(frame).not.toContain('\u001B[2J');
  });
});
