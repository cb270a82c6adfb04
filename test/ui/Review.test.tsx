import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultTheme, monochromeTheme } from '../../src/ui/theme.js';
import { makeStudy } from '../helpers/study.js';
import { renderApp } from './app.js';
import { flush, KEY, press, together, type } from './keys.js';

const DECK = `---
lang: en
---
# Networking

Q: Default NodePort range?
A: 30000-32767

Q: Which Service type is the default?
A: ClusterIP
`;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  cleanup();
  for (const c of cleanups.splice(0)) await c();
});

const now = new Date('2026-03-02T10:00:00Z');

async function setup(
  decks: Record<string, string> = { 'en/net': DECK },
  language: 'en' | 'ja' = 'en',
  theme = defaultTheme,
) {
  const made = await makeStudy(decks, { now });
  cleanups.push(made.cleanup);
  const { ui, onDone } = await renderApp(made.study, {
    start: {},
    now: () => now,
    language,
    theme,
  });
  return { ...made, ui, onDone };
}

/** A key that must change nothing on screen. */
async function ignored(ui: Awaited<ReturnType<typeof setup>>['ui'], key: string) {
  const before = ui.lastFrame();
  ui.stdin.write(key);
  await flush();
  expect(ui.lastFrame()).toBe(before);
}

describe('review screen', () => {
  it('shows the breadcrumb, the counts, a progress bar and the question only', async () => {
    const { ui } = await setup();
    const frame = ui.lastFrame()!;
    expect(frame).toContain('en/net › Networking');
    expect(frame).toContain('New 2 · Learn 0 · Due 0');
    expect(frame).toMatch(/─+ 0\/2/);
    expect(frame).toContain('Default NodePort range?');
    expect(frame).not.toContain('30000-32767');
  });

  it('reveals the answer and the four buttons with their intervals on Space', async () => {
    const { ui } = await setup();
    await press(ui, KEY.space);
    const frame = ui.lastFrame()!;
    expect(frame).toContain('30000-32767');
    expect(frame).toContain('[1 Again 1m]');
    expect(frame).toContain('[2 Hard 6m]');
    expect(frame).toContain('[3 Good 10m]');
    expect(frame).toMatch(/\[4 Easy \d+d\]/);
  });

  it('rates with a number key, records it, and shows the next card', async () => {
    const { ui, store } = await setup();
    await press(ui, KEY.enter, '3');
    const frame = ui.lastFrame()!;
    expect(frame).toContain('Which Service type is the default?');
    expect(frame).toContain('saved: Good → 10m');
    expect(frame).toContain('New 1 · Learn 1');
    expect(frame).toMatch(/━+─* 1\/3/);
    expect(Object.values(store.cards)[0]!.memory?.state).toBe(1);
  });

  it('takes Space after the reveal as Good, and ignores ratings before it', async () => {
    const { ui, store } = await setup();
    await ignored(ui, '3');
    expect(Object.keys(store.cards)).toHaveLength(0);
    await press(ui, KEY.space, KEY.space);
    expect(ui.lastFrame()).toContain('saved: Good');
    expect(Object.keys(store.cards)).toHaveLength(1);
  });

  it('undoes answers several levels deep, showing each card again', async () => {
    const { ui, store } = await setup();
    await press(ui, KEY.space, '1', KEY.space, '4');
    expect(Object.keys(store.cards)).toHaveLength(2);
    await press(ui, 'u');
    expect(ui.lastFrame()).toContain('undone: answer');
    expect(ui.lastFrame()).toContain('Which Service type is the default?');
    await press(ui, 'u');
    expect(ui.lastFrame()).toContain('Default NodePort range?');
    expect(Object.keys(store.cards)).toHaveLength(0);
    await press(ui, 'u');
    expect(ui.lastFrame()).toContain('Nothing to undo.');
  });

  it('buries and suspends the card on screen', async () => {
    const { ui, study } = await setup();
    await press(ui, 'b');
    expect(ui.lastFrame()).toContain('Buried until tomorrow.');
    expect(ui.lastFrame()).toContain('Which Service type is the default?');
    await press(ui, 's');
    expect(ui.lastFrame()).toContain('Congratulations');
    expect(study.record(study.decks.cards[1]!)?.suspended).toBe(true);
  });

  it('quits with q or Esc and hands back the session summary', async () => {
    const { ui, onDone } = await setup();
    await press(ui, KEY.space, '1');
    ui.stdin.write('q');
    await vi.waitFor(() =>
      expect(onDone).toHaveBeenCalledWith({
        type: 'quit',
        summary: { reviewed: 1, again: 1, ms: 0 },
      }),
    );
    const other = await setup();
    other.ui.stdin.write(KEY.escape);
    await vi.waitFor(() => expect(other.onDone).toHaveBeenCalledTimes(1));
  });

  it('asks for the card to be edited with e', async () => {
    const { ui, onDone, study } = await setup();
    ui.stdin.write('e');
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(onDone).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'edit', card: study.decks.cards[0] }),
    );
  });

  it('says so when nothing is left, with the session summary', async () => {
    const { ui } = await setup();
    await press(ui, KEY.space, '4', KEY.space, '4');
    expect(ui.lastFrame()).toContain('Congratulations! You have finished for now.');
    expect(ui.lastFrame()).toContain('Reviewed 2 cards in 0s · again 0%');
  });

  it('shows every key of the screen in the help overlay, and closes it with any key', async () => {
    const { ui } = await setup();
    await press(ui, '?');
    const help = ui.lastFrame()!;
    for (const line of [
      'Space Enter',
      'show the answer',
      'undo the last',
      'bury until tomorrow',
      'edit the card in $EDITOR',
    ]) {
      expect(help).toContain(line);
    }
    await press(ui, 'x');
    expect(ui.lastFrame()).toContain('Default NodePort range?');
  });

  it('scrolls the help in a terminal too short for it, and closes it with any other key', async () => {
    const { ui } = await setup();
    Object.defineProperty(ui.stdout, 'rows', { value: 12, configurable: true });
    ui.stdout.emit('resize');
    await press(ui, '?');
    let lines = ui.lastFrame()!.split('\n');
    expect(lines).toHaveLength(12);
    expect(lines[1]).toContain('↑↓ PgUp PgDn scroll · any other key closes');
    expect(lines[2]).toContain('Reviewing');
    expect(lines.at(-2)).toMatch(/↓ \d+ more lines/);
    expect(ui.lastFrame()).not.toContain('Backspace');
    // j scrolls instead of closing; PgDn reaches the end, where nothing is left below.
    await press(ui, 'j');
    lines = ui.lastFrame()!.split('\n');
    expect(lines[2]).not.toContain('Reviewing');
    await together(ui, KEY.pageDown, KEY.pageDown, KEY.pageDown);
    expect(ui.lastFrame()).toContain('Backspace');
    expect(ui.lastFrame()).not.toMatch(/more lines?/);
    await press(ui, 'x');
    expect(ui.lastFrame()).toContain('Default NodePort range?');
  });

  it('speaks Japanese', async () => {
    const { ui } = await setup({ 'en/net': DECK }, 'ja');
    expect(ui.lastFrame()).toContain('新規 2');
    await press(ui, KEY.space);
    expect(ui.lastFrame()).toContain('[3 正解 10m]');
  });

  it('masks a cloze deletion with its hint and reveals it', async () => {
    const { ui } = await setup({
      c: '---\nlang: en\n---\nC: NodePort range is {{30000-32767::a range}} by default\n',
    });
    expect(ui.lastFrame()).toContain('NodePort range is [a range] by default');
    await press(ui, KEY.space);
    expect(ui.lastFrame()).toContain('NodePort range is 30000-32767 by default');
  });

  it('checks a typed answer, shows the diff, and suggests Again when it is wrong', async () => {
    const deck =
      '---\nlang: en\n---\nT: Scale web to 3 replicas\nA: `kubectl scale deployment web --replicas=3`\n\nWorks for ReplicaSets too.\n';
    const { ui, store } = await setup({ t: deck }, 'en', monochromeTheme);
    expect(ui.lastFrame()).toContain('Type the answer, then Enter:');
    await type(ui, 'kubectl scale deployment web --replicas=4');
    expect(ui.lastFrame()).toContain('› kubectl scale deployment web --replicas=4');
    await press(ui, KEY.enter);
    const frame = ui.lastFrame()!;
    expect(frame).toContain('✗ Not quite');
    expect(frame).toContain('[1 Again 1m]*');
    expect(frame).toContain('Works for ReplicaSets too.');
    await press(ui, KEY.enter);
    expect(Object.values(store.cards)[0]!.memory?.state).toBe(1); // Again: learning again
    expect(ui.lastFrame()).toContain('saved: Again');
  });

  it('takes a pasted command as typed text, on one line, and checks it on Enter', async () => {
    const deck =
      '---\nlang: en\n---\nT: Scale web to 3 replicas\nA: `kubectl scale deployment web --replicas=3`\n';
    const { ui } = await setup({ t: deck });
    await press(ui, KEY.paste('kubectl scale deployment web --replicas=4\n'), KEY.enter);
    expect(ui.lastFrame()).toContain('✗ Not quite');
    expect(ui.lastFrame()).toContain('you: kubectl scale deployment web --replicas=4');
  });

  it('checks all that was typed when Enter comes before the screen redrew', async () => {
    const deck =
      '---\nlang: en\n---\nT: Scale web to 3 replicas\nA: `kubectl scale deployment web --replicas=3`\n';
    const { ui } = await setup({ t: deck });
    // A fast typist, or a paste then Enter: separate chunks, no redraw in between.
    ui.stdin.write('kubectl scale deployment web');
    ui.stdin.write(' --replicas=3');
    ui.stdin.write(KEY.enter);
    await vi.waitFor(() => expect(ui.lastFrame()).toContain('✓ Correct'));
    expect(ui.lastFrame()).toContain('[3 Good 10m]*');
  });

  it('accepts a typed answer with its flags in another order', async () => {
    const deck =
      '---\nlang: en\n---\nT: Make a deployment web from nginx with 3 replicas\nA: `kubectl create deployment web --image=nginx --replicas=3`\n';
    const { ui } = await setup({ t: deck });
    await type(ui, 'kubectl create deployment web --replicas 3 --image nginx');
    await press(ui, KEY.enter);
    expect(ui.lastFrame()).toContain('✓ Correct');
    expect(ui.lastFrame()).toContain('[3 Good 10m]*');
  });

  it('scrolls a card longer than the screen', async () => {
    const long = Array.from({ length: 40 }, (_, i) => `- line ${i + 1}`).join('\n');
    const { ui } = await setup({ l: `---\nlang: en\n---\nQ: Long list\nA: Items:\n\n${long}\n` });
    await press(ui, KEY.space);
    expect(ui.lastFrame()).toMatch(/↓ \d+ more lines/);
    expect(ui.lastFrame()).not.toContain('line 40');
    await together(ui, KEY.pageDown, KEY.pageDown, KEY.pageDown);
    expect(ui.lastFrame()).toContain('line 40');
  });

  it('draws megabyte cards in bounded rows, and q and Esc still leave them', async () => {
    const MB = 1 << 20;
    const groups = Array.from({ length: 200 }, (_, i) => `{{c${i + 1}::w${i}}}`).join(' ');
    const made = await makeStudy(
      {
        a: `Q: ${'字'.repeat(MB)}\nA: ${'x'.repeat(MB)}\n`,
        // Checking a typed answer against a megabyte took seconds; the diff line was a megabyte.
        b: `T: type it\nA: \`${'a '.repeat(MB / 2)}\`\n`,
        // The most groups a note may have (a thousand are refused by the parser).
        c: `C: ${groups}\n`,
      },
      { now },
    );
    cleanups.push(made.cleanup);
    const { ui } = await renderApp(made.study, { start: { home: 0 }, now: () => now });
    const rows = ui.lastFrame()!.split('\n').length;
    const bounded = (text: string) => {
      const frame = ui.lastFrame()!;
      expect(frame).toContain(text);
      // One terminal's worth of rows, none of them longer than a row.
      expect(frame.split('\n').length).toBeLessThanOrEqual(Math.max(rows, 24));
      expect(Math.max(...frame.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
    };
    await press(ui, KEY.enter);
    bounded('字字字字');
    await press(ui, KEY.space);
    bounded('[1 Again');
    await press(ui, KEY.pageDown);
    bounded('字字字字');
    await press(ui, 'q');
    bounded('kioku 記憶 · Decks');
    await press(ui, 'j', KEY.enter);
    await type(ui, 'a b');
    await press(ui, KEY.enter);
    bounded('✗ Not quite');
    await press(ui, KEY.escape);
    bounded('kioku 記憶 · Decks');
    await press(ui, 'j', KEY.enter);
    bounded('[…] w1 w2');
    await press(ui, KEY.escape);
    bounded('kioku 記憶 · Decks');
  });

  it('never lets deck text reach the terminal as an escape sequence', async () => {
    const { ui } = await setup({
      evil: 'Q: title \u001B]0;pwned\u0007 and \u001B[2J clear\nA: ok\n',
    });
    const frame = ui.lastFrame()!;
    expect(frame).toContain('␛]0;pwned␇');
    expect(frame).not.toContain('\u001B]0;');
    expect(frame).not.toContain('\u001B[2J');
  });

  it('follows a resize', async () => {
    const { ui } = await setup({
      w: `---\nlang: en\n---\nQ: ${'word '.repeat(30).trim()}\nA: x\n`,
    });
    const wide = ui.lastFrame()!.split('\n').length;
    Object.defineProperty(ui.stdout, 'columns', { value: 40, configurable: true });
    ui.stdout.emit('resize');
    await vi.waitFor(() => expect(ui.lastFrame()!.split('\n').length).toBeGreaterThan(wide));
    const narrow = ui.lastFrame()!;
    expect(narrow.split('\n').length).toBeGreaterThan(wide);
  });
});

describe('a narrow, short terminal (40×12)', () => {
  it('puts the answer buttons on two rows and still fits the screen, header included', async () => {
    const long = Array.from({ length: 20 }, (_, i) => `- line ${i + 1}`).join('\n');
    const { ui } = await setup({ n: `---\nlang: en\n---\nQ: Long list\nA: Items:\n\n${long}\n` });
    Object.defineProperty(ui.stdout, 'columns', { value: 40, configurable: true });
    Object.defineProperty(ui.stdout, 'rows', { value: 12, configurable: true });
    ui.stdout.emit('resize');
    await press(ui, KEY.space);
    const lines = ui.lastFrame()!.split('\n');
    expect(lines.length).toBeLessThanOrEqual(12);
    expect(lines[0]).toContain('New 1 · Learn 0');
    expect(lines.find((l) => l.includes('[1 Again'))).toMatch(/^\[1 Again 1m\] +\[2 Hard 6m\]$/);
    expect(lines.find((l) => l.includes('[3 Good'))).toMatch(/^\[3 Good 10m\] +\[4 Easy \d+d\]$/);
  });
});

describe('cram session', () => {
  it('shows every given card, requeues an Again, and changes no schedule', async () => {
    const made = await makeStudy({ 'en/net': DECK }, { now });
    cleanups.push(made.cleanup);
    const cards = made.study.decks.cards;
    const { ui } = await renderApp(made.study, { start: { cram: cards }, now: () => now });
    expect(ui.lastFrame()).toContain('Cram · 2 left');
    await press(ui, KEY.space);
    expect(ui.lastFrame()).toContain('[1 Again]');
    await press(ui, '1');
    expect(ui.lastFrame()).toContain('saved (cram, schedule unchanged): Again');
    expect(ui.lastFrame()).toContain('Cram · 2 left');
    await press(ui, KEY.space, '3', KEY.space, '3');
    expect(ui.lastFrame()).toContain('Congratulations');
    expect(made.store.cards).toEqual({});
  });
});

describe('the typed-answer field', () => {
  const deck = '---\nlang: en\n---\nQ: first?\nA: 1\n\nT: List the pods\nA: `kubectl get pods`\n';

  it('edits like a shell: arrows, Home/End, Ctrl-W, Ctrl-U', async () => {
    const { ui } = await setup({ t: deck });
    await press(ui, KEY.space, '3');
    await type(ui, 'kubectl pods');
    await press(ui, KEY.ctrl('w'));
    expect(ui.lastFrame()).toContain('› kubectl');
    await press(ui, ...'get');
    // The cursor alone is not in a colourless frame: move and type in one write.
    await together(ui, KEY.home, 'x');
    expect(ui.lastFrame()).toContain('› xkubectl get');
    await together(ui, KEY.end, KEY.ctrl('u'));
    expect(ui.lastFrame()).not.toContain('xkubectl');
  });

  it('leaves the field with Esc, so u undoes the last answer without a wrong answer first', async () => {
    const { ui, store } = await setup({ t: deck });
    await press(ui, KEY.space, '3');
    expect(ui.lastFrame()).toContain('List the pods');
    await type(ui, 'kub');
    await press(ui, KEY.escape);
    expect(ui.lastFrame()).toContain('Not typing: the keys below act on the card.');
    await press(ui, 'u');
    expect(ui.lastFrame()).toContain('undone: answer');
    expect(ui.lastFrame()).toContain('first?');
    expect(Object.keys(store.cards)).toHaveLength(0);
  });

  it('goes back to the field with Enter, keeping what was typed', async () => {
    const { ui } = await setup({ t: deck });
    await press(ui, KEY.space, '3');
    await type(ui, 'kubectl get');
    await press(ui, KEY.escape);
    await press(ui, KEY.enter);
    expect(ui.lastFrame()).toContain('Type the answer, then Enter:');
    await type(ui, ' pods');
    await press(ui, KEY.enter);
    expect(ui.lastFrame()).toContain('✓ Correct');
  });
});

describe('status messages', () => {
  it('wraps a leech notice instead of cutting it at 80 columns', async () => {
    const made = await makeStudy({ 'en/net': DECK }, { now, settings: { leechThreshold: 1 } });
    cleanups.push(made.cleanup);
    let clock = now;
    const card = made.study.decks.cards[0]!;
    made.study.answer(card, null, 4, 1000, new Date(now.getTime() - 30 * 86_400_000));
    const { ui } = await renderApp(made.study, { start: {}, now: () => clock });
    clock = new Date(now.getTime() + 1000);
    expect(ui.lastFrame()).toContain('Default NodePort range?');
    await press(ui, KEY.space, '1');
    const frame = ui.lastFrame()!;
    expect(frame).toContain('Leech: forgotten 1 times');
    expect(frame.replace(/\s+/g, ' ')).toContain('or unsuspend it in browse (/).');
  });
});
