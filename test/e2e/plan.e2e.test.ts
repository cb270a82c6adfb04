import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { kiokuIn } from '../helpers/cli.js';
import { KIOKU, Terminal } from './tmux.js';

// The bundled decks (no decks/ in the working directory), English interface, UTC.
const ENV = { TZ: 'UTC', LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
let dir: string;
let term: Terminal | null = null;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kioku-plan-e2e-'));
  // A data folder named by --data must exist for a command that only reads it.
  mkdirSync(path.join(dir, 'data'));
});
afterEach(() => {
  term?.close();
  term = null;
  rmSync(dir, { recursive: true, force: true });
});

// The commands run in this process; the deck list is the built program in a terminal.
const kioku = (...args: string[]) =>
  kiokuIn(dir, ['--data', path.join(dir, 'data'), ...args], { env: ENV });

/** The study day `n` days from today (rollover 04:00, UTC). */
function inDays(n: number): string {
  const today = new Date(Date.now() - 4 * 3_600_000).toISOString().slice(0, 10);
  return new Date(Date.parse(today) + n * 86_400_000).toISOString().slice(0, 10);
}

it('plans the bundled decks, applies the plan, and the queue and the deck list follow it', async () => {
  const exam = inDays(30);
  const json = await kioku('plan', '--exam', exam, '--json');
  expect(json.stderr).toBe('');
  expect(json.status).toBe(0);
  const plan = JSON.parse(json.stdout);
  expect(plan.days).toHaveLength(30);
  expect(Object.keys(plan.recall.domains)).toEqual([
    'troubleshooting',
    'architecture',
    'networking',
    'workloads',
    'storage',
  ]);
  // Siblings come one a day: a note of many cloze gaps late in the deck may leave
  // a card or two past the cut-off whatever the rate; the plan says so.
  expect(plan.uncovered.cards).toBeLessThan(5);
  const perDay = plan.days[0].new;
  // Every English card introduced within the 23 days before the last week.
  expect(perDay).toBeGreaterThan(20);
  expect(plan.days.slice(23).every((d: { new: number }) => d.new === 0)).toBe(true);

  const applied = await kioku('plan', '--exam', exam, '--apply');
  expect(applied.status).toBe(0);
  expect(applied.stdout).toContain(
    `Saved the plan to data/settings.json: ${perDay} new card(s) a day from "en"`,
  );
  const settings = JSON.parse(readFileSync(path.join(dir, 'data', 'settings.json'), 'utf8'));
  expect(settings).toMatchObject({
    newPerDay: 20,
    plan: { exam, newPerDay: perDay, deck: 'en', scoped: true },
  });

  // The daily queue's new-card limit in en/ is the plan's (ja/ keeping the global one is
  // test/cli/plan.test.ts's).
  expect(JSON.parse((await kioku('due', 'en', '--json')).stdout).new).toBe(perDay);

  // The deck list header: days left and the predicted exam-day recall, as the plan said.
  const predicted = Math.round(plan.recall.overall * 100);
  term = new Terminal(`${process.execPath} ${KIOKU} --data ${path.join(dir, 'data')}`, {
    cwd: dir,
    env: ENV,
    width: 80,
    height: 24,
  });
  const screen = await term.waitFor(/New +Learn +Due/, 30_000);
  // No start-up index yet: the first frame does not wait for the simulation.
  expect(screen.split('\n')[0]).toMatch(
    new RegExp(
      `^kioku 記憶 · Decks +Exam in 30 days · (predicting…|${predicted}% predicted) · Today: 0 cards studied$`,
    ),
  );
  // The Ink screen, once loaded, has the figure the plan printed.
  term.send('j');
  await term.waitFor(/▸ +architecture/, 30_000);
  expect(term.screen().split('\n')[0]).toContain(`Exam in 30 days · ${predicted}% predicted`);
  term.send('q');
  await term.waitFor('[exit 0]', 30_000);

  const stats = await kioku('stats');
  expect(stats.stdout).toContain('Exam readiness');
  expect(stats.stdout).toContain(`Exam on ${exam}: 30 days left · plan since ${inDays(0)}`);
  expect(stats.stdout).toMatch(new RegExp(`^overall +${predicted}% +${predicted}%`, 'm'));
  // Four commands and a terminal session over 2,300 cards: slow machines need more than the default.
}, 90_000);
