import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { KIOKU, Terminal } from './tmux.js';

/**
 * Issue 10's table, row by row, on the built program in tmux: each row's keys
 * go in ONE send-keys call, so the program reads them in one write, as it
 * does when a fast user types ahead of the screen. Every test asserts on the
 * event log (what was saved) and on the screen (what the user sees).
 *
 * The tests are independent (a folder and a tmux server each) and run
 * concurrently: each is mostly waiting for a Node process to start.
 */

const BASICS = `---
title: Basics
lang: en
---
# Control plane

Q: Which component stores the cluster state?
A: etcd

Q: Which component picks a node for a new Pod?
A: kube-scheduler

Q: Which component runs on every node?
A: kubelet
`;

/** A basic card, then a typed-answer card: the field has focus when the second one shows. */
const TYPED = `---
title: Typed
lang: en
---
# Pods

Q: Which component stores the cluster state?
A: etcd

T: List the pods in the current namespace
A: \`kubectl get pods\`
`;

const STORES = 'which component stores the cluster state';
const PICKS = 'which component picks a node for a new pod';
const RUNS = 'which component runs on every node';

/** Generous: the machine these run on may be loaded well beyond its cores. */
const WAIT_MS = 30_000;
const TEST_MS = 90_000;

interface LogEvent {
  readonly type: string;
  readonly id: string;
  readonly card: string;
  readonly text: string;
  readonly rating?: number;
  readonly undone?: string;
  readonly suspended?: boolean;
}

interface Session {
  readonly t: Terminal;
  readonly dir: string;
  /** The event log now (empty when nothing was written yet). */
  log(): LogEvent[];
  /** Polls the log until it holds `count` events; returns them. */
  waitForLog(count: number): Promise<LogEvent[]>;
  waitFor(expected: string | RegExp): Promise<string>;
}

/**
 * A temporary deck folder with one deck, kioku started on it in tmux (decks and
 * data given by the environment, so nothing outside the folder is read or
 * written), and the first frame on screen before the test sends a key.
 */
async function open(
  ctx: TestContext,
  deck: string,
  args: string,
  firstFrame: string,
): Promise<Session> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kioku-keys-'));
  mkdirSync(path.join(dir, 'decks'));
  writeFileSync(path.join(dir, 'decks', 'deck.md'), deck);
  const t = new Terminal(`node ${KIOKU} ${args}`.trim(), {
    cwd: dir,
    env: {
      KIOKU_DECKS: path.join(dir, 'decks'),
      KIOKU_DATA: path.join(dir, 'data'),
      LANG: 'en_US.UTF-8',
    },
  });
  ctx.onTestFinished(() => {
    t.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const logFile = path.join(dir, 'data', 'reviews.jsonl');
  const log = (): LogEvent[] => {
    let text: string;
    try {
      text = readFileSync(logFile, 'utf8');
    } catch {
      return [];
    }
    // Only lines ended by a newline: a line still being written is not an event yet.
    return text
      .split('\n')
      .slice(0, -1)
      .map((line) => JSON.parse(line) as LogEvent);
  };
  const session: Session = {
    t,
    dir,
    log,
    waitFor: (expected) => t.waitFor(expected, WAIT_MS),
    async waitForLog(count) {
      const deadline = Date.now() + WAIT_MS;
      for (;;) {
        const events = log();
        if (events.length >= count) return events;
        if (Date.now() > deadline) {
          throw new Error(
            `timed out waiting for ${count} events; log has ${events.length}; screen was:\n${t.screen()}`,
          );
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
  await session.waitFor(firstFrame);
  return session;
}

const review = (ctx: TestContext, deck = BASICS) =>
  open(ctx, deck, 'review', 'Which component stores the cluster state?');
const deckList = (ctx: TestContext, deck = BASICS) => open(ctx, deck, '', 'Enter review · a all');

/** Past the first (basic) card of TYPED, rated Good, to the typed card with its field focused. */
async function typedCard(ctx: TestContext): Promise<Session> {
  const s = await review(ctx, TYPED);
  s.t.send('Space', '3');
  await s.waitFor('Type the answer, then Enter:');
  await s.waitForLog(1);
  return s;
}

const PASTE_START = '\u001B[200~';
const PASTE_END = '\u001B[201~';

describe.concurrent('keys typed ahead, in one write, in a real terminal (issue 10)', () => {
  it(
    'Space 3 Space 3 Space 3 on three new cards saves three answers',
    async (ctx) => {
      const s = await review(ctx);
      s.t.send('Space', '3', 'Space', '3', 'Space', '3');
      await s.waitForLog(3);
      const screen = await s.waitFor('New 0 · Learn 3');
      expect(screen).toContain('saved: Good');
      const log = s.log();
      expect(log.map((e) => [e.type, e.rating, e.text])).toEqual([
        ['answer', 3, STORES],
        ['answer', 3, PICKS],
        ['answer', 3, RUNS],
      ]);
      expect(new Set(log.map((e) => e.card)).size).toBe(3);
    },
    TEST_MS,
  );

  it(
    'Space 3 on a card shows the answer, rates it Good and saves it',
    async (ctx) => {
      const s = await review(ctx);
      s.t.send('Space', '3');
      const [answer] = await s.waitForLog(1);
      expect(answer).toMatchObject({ type: 'answer', rating: 3, text: STORES });
      const screen = await s.waitFor('Which component picks a node for a new Pod?');
      expect(screen).toContain('saved: Good');
      expect(screen).toContain('New 2');
      expect(s.log()).toHaveLength(1);
    },
    TEST_MS,
  );

  it(
    'Enter Space on the deck list opens the review with the answer shown',
    async (ctx) => {
      const s = await deckList(ctx);
      s.t.send('Enter', 'Space');
      const screen = await s.waitFor(/\[3 Good \d+m\]/);
      expect(screen).toContain('Which component stores the cluster state?');
      expect(screen).toContain('etcd');
      expect(s.log()).toEqual([]);
    },
    TEST_MS,
  );

  it(
    '/ s t on the deck list opens browse searching "st", not the statistics',
    async (ctx) => {
      const s = await deckList(ctx);
      s.t.send('/', 's', 't');
      const screen = await s.waitFor(/Search: st +1 of 3 cards/);
      expect(screen).toMatch(/▸ Which component stores the cluster state\?/);
      expect(screen).not.toContain('Statistics');
      expect(s.log()).toEqual([]);
    },
    TEST_MS,
  );

  it.for([
    { key: 'b', type: 'bury', status: 'Buried until tomorrow.' },
    { key: 's', type: 'suspend', status: 'Suspended: it will not be shown' },
  ])(
    '3 $key after a reveal rates this card and applies $key to the next one',
    { timeout: TEST_MS },
    async ({ key, type, status }, ctx) => {
      const s = await review(ctx);
      s.t.send('Space');
      await s.waitFor(/\[3 Good \d+m\]/);
      s.t.send('3', key);
      const [answer, other] = await s.waitForLog(2);
      expect(answer).toMatchObject({ type: 'answer', rating: 3, text: STORES });
      expect(other).toMatchObject({ type, text: PICKS });
      expect(other!.card).not.toBe(answer!.card);
      const screen = await s.waitFor('Which component runs on every node?');
      expect(screen).toContain(status);
      expect(s.log()).toHaveLength(2);
    },
  );

  it(
    '4 q after a reveal saves the answer and the summary counts it',
    async (ctx) => {
      const s = await review(ctx);
      s.t.send('Space');
      await s.waitFor(/\[4 Easy \d+d\]/);
      s.t.send('4', 'q');
      const screen = await s.waitFor('[exit 0]');
      expect(screen).toContain('Reviewed 1 card');
      expect(screen).not.toContain('No cards reviewed');
      expect(s.log().map((e) => [e.type, e.rating, e.text])).toEqual([['answer', 4, STORES]]);
    },
    TEST_MS,
  );

  it(
    'two Backspaces in one write delete two characters in the search box',
    async (ctx) => {
      const s = await deckList(ctx);
      s.t.send('/');
      await s.waitFor('Search:');
      s.t.type('kubelet');
      await s.waitFor(/Search: kubelet +1 of 3 cards/);
      s.t.send('BSpace', 'BSpace');
      await s.waitFor(/Search: kubel +1 of 3 cards/);
      // Two more: "kub" finds kube-scheduler's card too.
      s.t.send('BSpace', 'BSpace');
      const screen = await s.waitFor(/Search: kub +2 of 3 cards/);
      expect(screen).toContain('Which component picks a node for a new Pod?');
      expect(s.log()).toEqual([]);
    },
    TEST_MS,
  );

  it(
    'two Backspaces in one write delete two characters in the answer field',
    async (ctx) => {
      const s = await typedCard(ctx);
      s.t.type('kubectl get podsxx');
      await s.waitFor('› kubectl get podsxx');
      s.t.send('BSpace', 'BSpace');
      await s.waitFor(/› kubectl get pods\s*│/);
      s.t.send('Enter');
      const screen = await s.waitFor('✓ Correct');
      expect(screen).toContain('you: kubectl get pods');
      expect(s.log()).toHaveLength(1);
    },
    TEST_MS,
  );

  it(
    'Enter s in browse after typing a query suspends the selected card',
    async (ctx) => {
      const s = await deckList(ctx);
      s.t.send('/');
      await s.waitFor('Search:');
      s.t.type('every node');
      await s.waitFor(/Search: every node +1 of 3 cards/);
      s.t.send('Enter', 's');
      const [event] = await s.waitForLog(1);
      expect(event).toMatchObject({ type: 'suspend', suspended: true, text: RUNS });
      const screen = await s.waitFor('Suspended: it will not be shown');
      expect(screen).toMatch(/Search: every node +1 of 3 cards/);
      expect(screen).toMatch(/▸ Which component runs on every node\? +deck +\S+ +suspended/);
      expect(s.log()).toHaveLength(1);
    },
    TEST_MS,
  );

  it(
    'Esc u on a typed-answer card leaves the field and undoes the previous answer',
    async (ctx) => {
      const s = await typedCard(ctx);
      const [answer] = s.log();
      s.t.send('Escape', 'u');
      const [, undo] = await s.waitForLog(2);
      expect(undo).toMatchObject({ type: 'undo', undone: answer!.id, text: STORES });
      // The undone card comes back, question first; nothing was typed into the field.
      const screen = await s.waitFor('undone: answer');
      expect(screen).toContain('Which component stores the cluster state?');
      expect(screen).toContain('New 2');
      expect(screen).not.toContain('Type the answer');
      expect(s.log()).toHaveLength(2);
    },
    TEST_MS,
  );

  it(
    'Ctrl-U and Ctrl-W edit the answer field as in a shell, typed ahead in one write',
    async (ctx) => {
      const s = await typedCard(ctx);
      // Ctrl-U clears the line; Ctrl-W cuts "nodes", leaving "kubectl get ".
      s.t.send('oops wrong', 'C-u', 'kubectl get nodes', 'C-w', 'pods');
      await s.waitFor(/› kubectl get pods\s*│/);
      s.t.send('C-w', 'C-w');
      await s.waitFor(/› kubectl\s*│/);
      s.t.send('C-u');
      await s.waitFor(/›\s*│/);
      s.t.send('oops', 'C-u', 'kubectl get nodes', 'C-w', 'pods', 'Enter');
      const screen = await s.waitFor('✓ Correct');
      expect(screen).toContain('you: kubectl get pods');
      expect(s.log()).toHaveLength(1);
    },
    TEST_MS,
  );

  it(
    'a bracketed paste lands in the answer field as text, its letters never read as keys',
    async (ctx) => {
      const s = await typedCard(ctx);
      // Letters that are review commands (u undo, b bury, s suspend, q back), and a
      // line break as a terminal pastes it: one line of text, not Enter.
      s.t.type(`${PASTE_START}kubectl get\rpods${PASTE_END}`);
      await s.waitFor(/› kubectl get pods\s*│/);
      expect(s.t.screen()).toContain('Type the answer, then Enter:');
      s.t.send('Enter');
      const screen = await s.waitFor('✓ Correct');
      expect(screen).toContain('you: kubectl get pods');
      expect(s.log()).toHaveLength(1);
    },
    TEST_MS,
  );

  it(
    'a bracketed paste on the deck list does nothing',
    async (ctx) => {
      const s = await deckList(ctx);
      // Every one of these is a deck-list command when typed: search, stats, review all, quit.
      s.t.type(`${PASTE_START}/sa q${PASTE_END}`);
      // Keys are read in order: once the help is up, the paste has been read too.
      s.t.send('?');
      const screen = await s.waitFor('Keys · Press any key to close.');
      expect(screen).toContain('Deck list');
      expect(screen).not.toContain('[exit');
      s.t.send('x');
      const list = await s.waitFor('Enter review · a all');
      expect(list).toMatch(/▸ deck +3 +0 +0/);
      expect(list).not.toMatch(/Search:|Statistics|\[exit/);
      expect(s.log()).toEqual([]);
    },
    TEST_MS,
  );
});
