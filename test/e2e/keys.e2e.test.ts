import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { deviceLog } from '../helpers/log.js';
import { KIOKU, Terminal } from './tmux.js';

/**
 * Issue 10's table, row by row, on the built program in tmux: each row's keys
 * go in ONE send-keys call, so the program reads them in one write, as it
 * does when a fast user types ahead of the screen. Every test asserts on the
 * event log (what was saved) and on the screen (what the user sees).
 *
 * Each session walks several rows in turn, each row starting from the state the
 * previous one left (what a user does): a program start costs more CPU than the
 * keys, and a loaded 2-core machine runs the whole suite. The three sessions are
 * independent (a folder and a tmux server each) and run concurrently.
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

/** Nine basic cards, shown new in file order: enough for every review row in one session. */
const NINE = `---
title: Nine
lang: en
---
${[
  ['stores the cluster state', 'etcd'],
  ['picks a node for a new Pod', 'kube-scheduler'],
  ['runs on every node', 'kubelet'],
  ['serves the Kubernetes API', 'kube-apiserver'],
  ['runs the controllers', 'kube-controller-manager'],
  ['programs Service rules on a node', 'kube-proxy'],
  ['resolves Service names', 'CoreDNS'],
  ['runs the containers', 'the container runtime'],
  ['talks to the cloud provider', 'cloud-controller-manager'],
]
  .map(([q, a]) => `Q: Which component ${q}?\nA: ${a}\n`)
  .join('\n')}`;

/** A basic card, three typed-answer cards, another basic card, a last typed card. */
const TYPED = `---
title: Typed
lang: en
---
# Pods

Q: Which component stores the cluster state?
A: etcd

T: List the pods in the current namespace
A: \`kubectl get pods\`

T: Show every pod in this namespace
A: \`kubectl get pods\`

T: Print the pods of the current namespace
A: \`kubectl get pods\`

Q: Which component picks a node for a new Pod?
A: kube-scheduler

T: Get the pods here
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
  const log = (): LogEvent[] => {
    let text: string;
    try {
      text = readFileSync(deviceLog(path.join(dir, 'data')), 'utf8');
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

const which = (q: string) => `which component ${q}`;
const PASTE_START = '\u001B[200~';
const PASTE_END = '\u001B[201~';

describe.concurrent('keys typed ahead, in one write, in a real terminal (issue 10)', () => {
  it(
    'review: Space 3; Space 3 ×3; 3 b and 3 s after a reveal; 4 q: every answer saved, each key on its card',
    async (ctx) => {
      const s = await open(ctx, NINE, 'review', 'Which component stores the cluster state?');
      const answers = () => s.log().filter((e) => e.type === 'answer');

      // Space 3 on a card shows the answer, rates it Good and saves it.
      s.t.send('Space', '3');
      const [first] = await s.waitForLog(1);
      expect(first).toMatchObject({
        type: 'answer',
        rating: 3,
        text: STORES,
      });
      let screen = await s.waitFor('Which component picks a node for a new Pod?');
      expect(screen).toContain('saved: Good');
      expect(screen).toContain('New 8');

      // Space 3 Space 3 Space 3 on three new cards saves three answers.
      s.t.send('Space', '3', 'Space', '3', 'Space', '3');
      await s.waitForLog(4);
      screen = await s.waitFor('New 5 · Learn 4');
      expect(screen).toContain('Which component runs the controllers?');
      expect(answers().map((e) => [e.rating, e.text])).toEqual([
        [3, STORES],
        [3, which('picks a node for a new pod')],
        [3, which('runs on every node')],
        [3, which('serves the kubernetes api')],
      ]);
      expect(new Set(answers().map((e) => e.card)).size).toBe(4);

      // 3 b (and 3 s) after a reveal: rate this card, apply the letter to the next one.
      for (const [key, type, status, rated, hit, next] of [
        [
          'b',
          'bury',
          'Buried until tomorrow.',
          'runs the controllers',
          'programs service rules on a node',
          'Which component resolves Service names?',
        ],
        [
          's',
          'suspend',
          'Suspended: it will not be shown',
          'resolves service names',
          'runs the containers',
          'Which component talks to the cloud provider?',
        ],
      ] as const) {
        const before = s.log().length;
        s.t.send('Space');
        await s.waitFor(/\[3 Good \d+m\]/);
        s.t.send('3', key);
        const events = await s.waitForLog(before + 2);
        const [answer, other] = events.slice(before);
        expect(answer).toMatchObject({ type: 'answer', rating: 3, text: which(rated) });
        expect(other).toMatchObject({ type, text: which(hit) });
        screen = await s.waitFor(next);
        expect(screen).toContain(status);
        expect(s.log()).toHaveLength(before + 2);
      }

      // 4 q after a reveal saves the answer, and the summary counts it.
      s.t.send('Space');
      await s.waitFor(/\[4 Easy \d+d\]/);
      s.t.send('4', 'q');
      screen = await s.waitFor('[exit 0]');
      expect(screen).toContain('Reviewed 7 cards');
      expect(answers().at(-1)).toMatchObject({
        rating: 4,
        text: which('talks to the cloud provider'),
      });
      expect(s.log()).toHaveLength(9);
    },
    TEST_MS,
  );

  it(
    'deck list and browse: a paste does nothing; / s t searches; Backspace ×2 deletes two; Enter s suspends; Enter Space reveals',
    async (ctx) => {
      const s = await open(ctx, BASICS, '', 'Enter review · a all');

      // A bracketed paste on the deck list does nothing: each of these is a
      // deck-list command when typed (search, stats, review all, quit).
      s.t.type(`${PASTE_START}/sa q${PASTE_END}`);
      // Keys are read in order: once the help is up, the paste has been read too.
      s.t.send('?');
      let screen = await s.waitFor('Keys · Press any key to close.');
      expect(screen).toContain('Deck list');
      expect(screen).not.toContain('[exit');
      s.t.send('x');
      screen = await s.waitFor('Enter review · a all');
      expect(screen).toMatch(/▸ deck +3 +0 +0/);
      expect(screen).not.toMatch(/Search:|Statistics|\[exit/);

      // / s t opens browse searching "st", not the statistics.
      s.t.send('/', 's', 't');
      screen = await s.waitFor(/Search: st +1 of 3 cards/);
      expect(screen).toMatch(/▸ Which component stores the cluster state\?/);
      expect(screen).not.toContain('Statistics');

      // Two Backspaces in one write delete two characters, twice.
      s.t.type('ate');
      await s.waitFor(/Search: state +1 of 3 cards/);
      s.t.send('BSpace', 'BSpace');
      await s.waitFor(/Search: sta +1 of 3 cards/);
      s.t.send('BSpace', 'BSpace');
      await s.waitFor(/Search: s +3 of 3 cards/);

      // Enter s after typing a query suspends the selected card.
      s.t.send('BSpace');
      s.t.type('every node');
      await s.waitFor(/Search: every node +1 of 3 cards/);
      s.t.send('Enter', 's');
      const [event] = await s.waitForLog(1);
      expect(event).toMatchObject({ type: 'suspend', suspended: true, text: RUNS });
      screen = await s.waitFor('Suspended: it will not be shown');
      expect(screen).toMatch(/Search: every node +1 of 3 cards/);
      expect(screen).toMatch(/▸ Which component runs on every node\? +deck +\S+ +suspended/);

      // Enter Space on the deck list opens the review with the answer shown.
      s.t.send('Escape');
      await s.waitFor(/▸ deck +2 +0 +0/);
      s.t.send('Enter', 'Space');
      screen = await s.waitFor(/\[3 Good \d+m\]/);
      expect(screen).toContain('Which component stores the cluster state?');
      expect(screen).toContain('etcd');
      expect(s.log()).toHaveLength(1);
    },
    TEST_MS,
  );

  it(
    'answer field: Backspace ×2, Ctrl-U and Ctrl-W typed ahead, a paste as text, Esc u',
    async (ctx) => {
      const s = await open(ctx, TYPED, 'review', 'Which component stores the cluster state?');
      s.t.send('Space', '3');
      await s.waitFor('List the pods in the current namespace');
      await s.waitFor('Type the answer, then Enter:');
      await s.waitForLog(1);

      // Two Backspaces in one write delete two characters in the answer field.
      s.t.type('kubectl get podsxx');
      await s.waitFor('› kubectl get podsxx');
      s.t.send('BSpace', 'BSpace');
      await s.waitFor(/› kubectl get pods\s*│/);
      s.t.send('Enter');
      let screen = await s.waitFor('✓ Correct');
      expect(screen).toContain('you: kubectl get pods');
      expect(s.log()).toHaveLength(1);
      s.t.send('3');
      await s.waitFor('Show every pod in this namespace');
      await s.waitForLog(2);

      // Ctrl-U clears the line; Ctrl-W cuts a word: as in a shell, typed ahead in one write.
      s.t.send('oops wrong', 'C-u', 'kubectl get nodes', 'C-w', 'pods');
      await s.waitFor(/› kubectl get pods\s*│/);
      s.t.send('C-w', 'C-w');
      await s.waitFor(/› kubectl\s*│/);
      s.t.send('C-u');
      await s.waitFor(/›\s*│/);
      s.t.send('oops', 'C-u', 'kubectl get nodes', 'C-w', 'pods', 'Enter');
      screen = await s.waitFor('✓ Correct');
      expect(screen).toContain('you: kubectl get pods');
      expect(s.log()).toHaveLength(2);
      s.t.send('3');
      await s.waitFor('Print the pods of the current namespace');
      await s.waitForLog(3);

      // A bracketed paste lands in the field as text: its letters are review
      // commands (u undo, b bury, s suspend, q back), and its line break is not Enter.
      s.t.type(`${PASTE_START}kubectl get\rpods${PASTE_END}`);
      await s.waitFor(/› kubectl get pods\s*│/);
      expect(s.t.screen()).toContain('Type the answer, then Enter:');
      s.t.send('Enter');
      screen = await s.waitFor('✓ Correct');
      expect(screen).toContain('you: kubectl get pods');
      expect(s.log()).toHaveLength(3);
      s.t.send('3');
      await s.waitFor('Which component picks a node for a new Pod?');
      await s.waitForLog(4);
      s.t.send('Space', '3');
      await s.waitFor('Get the pods here');
      const answered = await s.waitForLog(5);

      // Esc u leaves the field and undoes the previous answer: the basic card
      // comes back, question first, and nothing was typed into the field.
      s.t.send('Escape', 'u');
      const events = await s.waitForLog(6);
      expect(events[5]).toMatchObject({ type: 'undo', undone: answered[4]!.id, text: PICKS });
      screen = await s.waitFor('undone: answer');
      expect(screen).toContain('Which component picks a node for a new Pod?');
      expect(screen).not.toContain('Type the answer');
      expect(s.log()).toHaveLength(6);
    },
    TEST_MS,
  );
});
