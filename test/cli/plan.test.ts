import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import stringWidth from 'string-width';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDecks, generateLog } from '../../scripts/gen-scale.js';
import { listDeckFiles, parseDeckFiles } from '../../src/deck/load.js';
import { kiokuIn } from '../helpers/cli.js';

let dir: string;
const deck = (name: string, n: number, domain: string) =>
  [
    '---',
    'lang: en',
    `domain: ${domain}`,
    '---',
    ...Array.from({ length: n }, (_, i) => `Q: ${name} question ${i}\nA: a${i}\n`),
  ].join('\n');

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kioku-plan-'));
  mkdirSync(path.join(dir, 'decks', 'en'), { recursive: true });
  writeFileSync(path.join(dir, 'decks', 'en', 'net.md'), deck('net', 40, 'networking'));
  writeFileSync(path.join(dir, 'decks', 'en', 'fix.md'), deck('fix', 30, 'troubleshooting'));
  writeFileSync(path.join(dir, 'decks', 'en', 'empty.md'), '---\nlang: en\n---\n# Nothing yet\n');
  mkdirSync(path.join(dir, 'decks', 'ja'), { recursive: true });
  writeFileSync(path.join(dir, 'decks', 'ja', 'net.md'), deck('ja net', 25, 'networking'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** In this process, at a fixed time: 10:00 UTC, study day 2026-03-02 (the day starts at 04:00). */
const NOW = new Date('2026-03-02T10:00:00Z');
const kioku = (...args: string[]) => kiokuIn(dir, args, { now: NOW });

/** The study day `n` days from NOW. */
function inDays(n: number): string {
  return new Date(Date.parse('2026-03-02T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10);
}

describe('kioku plan', () => {
  it('prints the documented JSON: a day per day left, recall per domain, what is uncovered', async () => {
    const r = await kioku('plan', '--exam', inDays(21), '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(Object.keys(plan)).toEqual(['exam', 'days', 'recall', 'uncovered']);
    expect(plan.exam).toBe(inDays(21));
    expect(plan.days).toHaveLength(21);
    expect(Object.keys(plan.days[0])).toEqual(['date', 'new', 'reviews', 'minutes']);
    // 70 new cards over the 14 days before the last week: 5 a day.
    expect(plan.days.map((d: { new: number }) => d.new)).toEqual([
      ...Array(14).fill(5),
      ...Array(7).fill(0),
    ]);
    expect(Object.keys(plan.recall.domains)).toEqual(['troubleshooting', 'networking']);
    expect(plan.recall.overall).toBeGreaterThan(0.85);
    expect(plan.uncovered).toEqual({ cards: 0, domains: {} });
    // Seeded: the same inputs give the same plan.
    expect((await kioku('plan', '--exam', inDays(21), '--json')).stdout).toBe(r.stdout);
  });

  it('prints a chart of minutes a day and the domain table, and says which recall it shows', async () => {
    const r = await kioku('plan', '--exam', inDays(30), '--new', '2', '--no-color');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      `Exam on ${inDays(30)}: 30 day(s) from today · en · 70 card(s), 70 new`,
    );
    expect(r.stdout).toContain('New cards: 2 a day until');
    expect(r.stdout).toContain('Pace: 10 s an answer (a default');
    expect(r.stdout).toContain('Minutes a day');
    expect(r.stdout).toContain('Predicted recall on exam day, with the planned reviews done');
    expect(r.stdout).toMatch(/^troubleshooting +30% +\d+% +\d+/m);
    expect(r.stdout).toMatch(/^Not covered: 24 new card\(s\)/m);
  });

  it('speaks Japanese with the Japanese interface, wrapped by display width', async () => {
    const r = await kioku(
      'plan',
      '--exam',
      inDays(30),
      'en',
      '--new',
      '2',
      '--lang',
      'ja',
      '--width',
      '60',
    );
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    // 62 columns: wrapped at the last space that fits, by display width.
    expect(lines.slice(0, 2)).toEqual([
      `試験日 ${inDays(30)}: 今日から 30 日 · en · 70 枚（うち新規 70`,
      '  枚）',
    ]);
    expect(r.stdout).toContain('1 日の所要時間（分）');
    expect(r.stdout).toContain('試験日の想起予測（計画どおり復習した場合）');
    // The table lines up by display width: two-column headings over ASCII figures.
    const head = lines.find((l) => l.startsWith('分野'))!;
    const row = lines.find((l) => l.startsWith('troubleshooting'))!;
    const end = (l: string, s: string) => stringWidth(l.slice(0, l.indexOf(s) + s.length));
    expect(head).toMatch(/^分野 +配点 +想起 +未学習$/);
    expect(row).toMatch(/^troubleshooting +30% +\d+% +0 /);
    expect(end(head, '配点')).toBe(end(row, '30%'));
    expect(end(head, '未学習')).toBe(end(row, ' 0'));
    expect(r.stdout).toContain('未学習: 新規カード 24 枚');
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(60);
  });

  it('keeps each table row on one line at the width given, a bar near 100% included', async () => {
    for (const width of ['60', '80', '100']) {
      const r = await kioku('plan', '--exam', inDays(30), '--width', width, '--no-color');
      const lines = r.stdout.trimEnd().split('\n');
      const row = lines.findIndex((l) => l.startsWith('troubleshooting'));
      expect(lines[row]).toMatch(/^troubleshooting +30% +9\d% +0 +█+/);
      // The next line is the next domain's row, not the bar wrapped.
      expect(lines[row + 1]).toMatch(/^networking /);
      for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(Number(width));
    }
  });

  it('fits a budget of minutes a day, and refuses one too small with exit 2', async () => {
    const fit = JSON.parse(
      (await kioku('plan', '--exam', inDays(21), '--minutes', '2', '--json')).stdout,
    );
    expect(Math.max(...fit.days.map((d: { minutes: number }) => d.minutes))).toBeLessThanOrEqual(2);
    expect(fit.uncovered.cards).toBeGreaterThan(0);
    // Applied, the budget goes with the plan: the queue's exam week fills days up to it.
    await kioku('plan', '--exam', inDays(21), '--minutes', '2', '--apply');
    const saved = JSON.parse(readFileSync(path.join(dir, 'data', 'settings.json'), 'utf8'));
    expect(saved.plan.examWeekPerDay).toBe(12); // 2 minutes at the default 10 s an answer
    const r = await kioku('plan', '--exam', inDays(21), '--minutes', '1');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/1 minute\(s\) a day is not enough: .* Use "--minutes \d+" or more/);
  });

  it('refuses bad input with what to type instead, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['plan'], /needs the exam date. Use "kioku plan --exam \d{4}-\d\d-\d\d"/],
      [
        ['plan', '--exam', 'next friday'],
        /Unexpected value "next friday" for --exam. Use a date as YYYY-MM-DD/,
      ],
      [['plan', '--exam', '2026-02-30'], /Unexpected value "2026-02-30"/],
      [['plan', '--exam', inDays(0)], /is today .* Use a later date/],
      [['plan', '--exam', inDays(-3)], /is in the past/],
      [
        ['plan', '--exam', inDays(9), '--new', '3', '--minutes', '9'],
        /either --minutes .* or --new/,
      ],
      [['plan', '--exam', inDays(9), 'en/empty'], /No cards to plan for in "en\/empty"/],
      [['plan', '--exam', inDays(9), 'nope'], /No deck "nope"/],
      [['plan', '--exam', inDays(9), '--new', '0'], /Use a whole number from 1/],
    ];
    for (const [args, message] of cases) {
      const r = await kioku(...args);
      expect({ args, status: r.status }).toEqual({ args, status: 2 });
      expect(r.stderr).toMatch(message);
    }
  });

  it('--apply limits new cards in the planned folder only; --clear lifts it', async () => {
    const newToday = async (deck: string) =>
      JSON.parse((await kioku('due', deck, '--json')).stdout).new;
    expect([await newToday('en'), await newToday('ja')]).toEqual([20, 20]);
    const r = await kioku('plan', '--exam', inDays(21), '--apply');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      `Saved the plan to data/settings.json: 5 new card(s) a day from "en" until the exam on ${inDays(21)}. Other decks keep the limit of 20 new card(s) a day.`,
    );
    const file = path.join(dir, 'data', 'settings.json');
    const settings = JSON.parse(readFileSync(file, 'utf8'));
    expect(settings.plan).toEqual({
      exam: inDays(21),
      newPerDay: 5,
      start: inDays(0),
      deck: 'en',
      lead: 7,
      previousNewPerDay: 20,
      scoped: true,
      startRecall: { overall: expect.any(Number), domains: expect.any(Object) },
    });
    // The global limit is untouched: ja/ keeps it, en/ follows the plan, all decks add up.
    expect(settings.newPerDay).toBe(20);
    expect([await newToday('en'), await newToday('ja'), await newToday('')]).toEqual([5, 20, 25]);
    const cleared = await kioku('plan', '--clear');
    expect(cleared.stdout).toContain('new cards a day are back to 20 for "en"');
    expect(await newToday('en')).toBe(20);
  });

  it('--clear puts back the global limit a plan saved before scoping overwrote', async () => {
    mkdirSync(path.join(dir, 'data'));
    const file = path.join(dir, 'data', 'settings.json');
    const plan = {
      exam: inDays(21),
      newPerDay: 5,
      start: inDays(0),
      deck: 'en',
      lead: 7,
      previousNewPerDay: 30,
    };
    writeFileSync(file, JSON.stringify({ newPerDay: 5, plan }));
    expect((await kioku('plan', '--clear')).stdout).toContain('back to 30 for "en"');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ newPerDay: 30, plan: null });
  });

  it('in the exam week the queue asks for the plan’s cards ahead of their date, and the plan counted them', async () => {
    // 90 cards, a third of them studied for months: most are due after the exam on 11-12.
    const root = path.join(dir, 'scale');
    generateDecks(path.join(root, 'decks'), 3, 30);
    const { cards } = await parseDeckFiles(await listDeckFiles({ root: path.join(root, 'decks') }));
    generateLog(path.join(root, 'data'), cards, 6000, new Date('2026-11-02T00:00:00Z'));
    const at = (date: string) => new Date(`${date}T10:00:00Z`);
    const run = (date: string, ...args: string[]) => kiokuIn(root, args, { now: at(date) });
    const reviewsDue = async (date: string) =>
      JSON.parse((await run(date, 'due', '--json')).stdout).review as number;
    const days = ['2026-11-04', '2026-11-05', '2026-11-08', '2026-11-11', '2026-11-12'];

    const plain = await Promise.all(days.map(reviewsDue));
    const planned = await run('2026-11-02', 'plan', '--exam', '2026-11-12', '--apply', '--json');
    expect(planned.status).toBe(0);
    const withPlan = await Promise.all(days.map(reviewsDue));
    // The day before the week and the exam day: as before.
    expect(withPlan[0]).toBe(plain[0]);
    expect(withPlan[4]).toBe(plain[4]);
    // In the week never fewer; nothing was answered since the week began, so its
    // last day asks for every studied card (siblings apart), far more than FSRS's due.
    for (const i of [1, 2, 3]) expect(withPlan[i]).toBeGreaterThanOrEqual(plain[i]!);
    expect(withPlan[3]).toBeGreaterThan(plain[3]! + 10);
    // The plan counted the week's reviews.
    const text = await run('2026-11-02', 'plan', '--exam', '2026-11-12');
    expect(text.stdout).toMatch(
      /^Exam week \(the last 7 day\(s\)\): \d+ review\(s\) ahead of their date/m,
    );
  });
});
