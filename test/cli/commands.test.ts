import { execFileSync, spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIOKU } from '../e2e/tmux.js';
import { kiokuIn } from '../helpers/cli.js';

let dir: string;
const deck = (name: string, n: number, extra = '') =>
  [
    '---',
    'lang: en',
    extra,
    '---',
    ...Array.from({ length: n }, (_, i) => `Q: ${name} question ${i}\nA: a${i}\n`),
  ].join('\n');

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kioku-cmd-'));
  mkdirSync(path.join(dir, 'decks', 'en'), { recursive: true });
  writeFileSync(path.join(dir, 'decks', 'en', 'a.md'), deck('a', 30));
  writeFileSync(path.join(dir, 'decks', 'en', 'b.md'), deck('b', 3));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const kioku = (...args: string[]) => kiokuIn(dir, args);
const spawnKioku = (...args: string[]) =>
  spawnSync(process.execPath, [KIOKU, ...args], { cwd: dir, encoding: 'utf8' });

describe('kioku due', () => {
  it('prints today’s queue per deck and in total as JSON', async () => {
    const r = await kioku('due', '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      new: 20,
      learning: 0,
      review: 0,
      decks: [
        { name: 'en/a', new: 20, learning: 0, review: 0 },
        // What "kioku review en/b" would start with (the deck list's number).
        { name: 'en/b', new: 3, learning: 0, review: 0 },
      ],
    });
  });

  it('prints a table whose columns line up, for ASCII and for Japanese deck names', async () => {
    expect((await kioku('due')).stdout.trimEnd().split('\n')).toEqual([
      'deck     new  learn    due',
      'en/a      20      0      0',
      'en/b       3      0      0',
      'total     20      0      0',
    ]);
    mkdirSync(path.join(dir, 'decks', 'ja'));
    writeFileSync(path.join(dir, 'decks', 'ja', 'ネットワーク.md'), deck('n', 2));
    const lines = (await kioku('due')).stdout.trimEnd().split('\n');
    // ja/ネットワーク is 15 columns wide (9 characters): every row pads to it.
    expect(lines[0]).toBe(`deck${' '.repeat(15)}new  learn    due`);
    expect(lines).toContain(`ja/ネットワーク${' '.repeat(6)}2      0      0`);
    expect(lines.at(-1)).toBe(`total${' '.repeat(15)}20      0      0`);
  });

  it('narrows to one deck and refuses an unknown one with exit 2', async () => {
    expect(JSON.parse((await kioku('due', 'en/b', '--json')).stdout)).toMatchObject({ new: 3 });
    const r = await kioku('due', 'nope');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no deck "nope". Decks: en/a, en/b');
  });

  it('follows a deck edited since kioku last read it', async () => {
    expect(JSON.parse((await kioku('due', 'en/b', '--json')).stdout)).toMatchObject({ new: 3 });
    writeFileSync(
      path.join(dir, 'decks', 'en', 'b.md'),
      deck('b', 3, 'scheduling:\n  newPerDay: 2'),
    );
    const future = new Date(Date.now() + 5000);
    utimesSync(path.join(dir, 'decks', 'en', 'b.md'), future, future);
    expect(JSON.parse((await kioku('due', 'en/b', '--json')).stdout)).toMatchObject({ new: 2 });
  });
});

describe('kioku check', () => {
  it('reports file:line:col, a summary, and exits 1 on errors; other decks still count', async () => {
    writeFileSync(path.join(dir, 'decks', 'en', 'bad.md'), 'Q: no answer here\n\nA: \n');
    const r = await kioku('check', '--no-color');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('decks/en/bad.md:3:1: error: empty A: side');
    expect(r.stdout.trim().split('\n').at(-1)).toBe('1 error, 0 warnings in 3 decks (33 cards)');
  });

  it('prints the documented JSON and exits 0 when clean', async () => {
    const r = await kioku('check', '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ decks: 2, cards: 33, errors: [], warnings: [] });
  });

  it('neutralises terminal escapes in what it prints', async () => {
    writeFileSync(
      path.join(dir, 'decks', 'en', 'evil.md'),
      '---\nbad\u001B]0;x\u0007: 1\n---\nQ: a\nA: b\n',
    );
    const r = await kioku('check');
    expect(r.stdout).not.toContain('\u001B]');
    expect(r.stdout).toContain('␛]0;x␇');
  });

  it('prints the last result when no deck, log, settings or state changed, and checks again when one did', async () => {
    mkdirSync(path.join(dir, 'data'));
    const first = await kioku('check', '--json');
    const cacheFile = path.join(dir, 'data', 'check-cache.json');
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8'));
    expect(cache.result.report).toEqual(JSON.parse(first.stdout));
    // Marked, to tell a cached answer from a fresh one.
    cache.result.report.cards = 999;
    writeFileSync(cacheFile, JSON.stringify(cache));
    expect(JSON.parse((await kioku('check', '--json')).stdout).cards).toBe(999);
    // A check of one path is not the whole folder's: never from the cache.
    expect(JSON.parse((await kioku('check', 'decks/en/b.md', '--json')).stdout).cards).toBe(3);
    writeFileSync(cacheFile, JSON.stringify(cache));
    // A deck file changed: checked again.
    writeFileSync(path.join(dir, 'decks', 'en', 'b.md'), deck('b', 4));
    expect(JSON.parse((await kioku('check', '--json')).stdout).cards).toBe(34);
    for (const change of [
      () => writeFileSync(path.join(dir, 'data', 'settings.json'), '{"newPerDay": 5}\n'),
      () => writeFileSync(path.join(dir, 'data', 'state.json'), '{}'),
      () => writeFileSync(path.join(dir, 'data', 'reviews.jsonl'), ''),
    ]) {
      const marked = JSON.parse(readFileSync(cacheFile, 'utf8'));
      marked.result.report.cards = 999;
      writeFileSync(cacheFile, JSON.stringify(marked));
      change();
      expect(JSON.parse((await kioku('check', '--json')).stdout).cards).toBe(34);
    }
  });

  it('says what was wrong with a flag and exits 2', async () => {
    const r = await kioku('check', '--jsno');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Unknown option "--jsno". Did you mean "--json"?');
  });
});

describe('kioku rebuild', () => {
  it('says whether the state file matched the log, and reports a corrupt one it set aside', async () => {
    expect((await kioku('rebuild')).stdout).toContain('the state file matched the log');
    expect(execFileSync('ls', [path.join(dir, 'data')], { encoding: 'utf8' })).toContain(
      'state.json',
    );
    writeFileSync(path.join(dir, 'data', 'state.json'), '{"format": 1, "log":');
    const r = await kioku('rebuild');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /data\/state\.json could not be read .* kept as state\.json\.corrupt-/,
    );
    expect(r.stdout).toContain('rebuilt the state file from data/log/: ');
  });
});

describe('kioku stats', () => {
  it('prints every figure as JSON, today under "today"', async () => {
    const r = await kioku('stats', '--json');
    expect(r.status).toBe(0);
    const stats = JSON.parse(r.stdout);
    expect(Object.keys(stats).sort()).toEqual(
      [
        'averageMs',
        'buttons',
        'calendar',
        'counts',
        'day',
        'exams',
        'forecast',
        'memory',
        'perDay',
        'retention',
        'streak',
        'today',
      ].sort(),
    );
    expect(stats.today).toEqual({ reviews: 0, newCards: 0, again: 0, timeMs: 0, cramReviews: 0 });
    expect(stats.counts.total.new).toBe(33);
    expect(stats.calendar).toHaveLength(365);
    expect(stats.forecast).toHaveLength(30);
  });

  it('prints a readable report', async () => {
    const r = await kioku('stats');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Reviews, last 12 months');
    expect(r.stdout).toContain('True retention (desired 90%)');
  });
});

describe('kioku optimize', () => {
  it('says when there are too few reviews and changes nothing', async () => {
    const before = await kioku('due'); // creates data/ and settings.json
    expect(before.status).toBe(0);
    await kioku('rebuild');
    const settings = readFileSync(path.join(dir, 'data', 'settings.json'), 'utf8');
    const r = await kioku('optimize');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Nothing was changed\./);
    expect(readFileSync(path.join(dir, 'data', 'settings.json'), 'utf8')).toBe(settings);
  });
});

describe('the bin (dist/kioku.js, spawned)', () => {
  it('runs a command and exits with its code; usage errors exit 2 on stderr', () => {
    const ok = spawnKioku('due', '--json');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ new: 20 });
    const bad = spawnKioku('due', '--jsno');
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('Unknown option "--jsno"');
    expect(spawnKioku('check', 'decks/en/missing.md').status).toBe(1);
  });

  it('flushes all of a large output to a pipe before exiting', () => {
    const r = spawnKioku('stats', '--json');
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(16 * 1024);
    expect(JSON.parse(r.stdout).calendar).toHaveLength(365);
  });

  it('never loads the UI: no React or Ink in the modules it imports', async () => {
    const dist = path.dirname(KIOKU);
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(file, 'utf8');
      // Static imports only: the UI is behind a dynamic import().
      for (const m of code.matchAll(/from "(\.\.?\/[^"]+)"/g)) {
        visit(path.resolve(path.dirname(file), m[1]!));
      }
    };
    visit(KIOKU);
    const statics = [...seen].map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(statics).not.toMatch(/useInput|react\.production|ReactCurrentOwner|__CLIENT_INTERNALS/);
    // …and the UI chunk does exist, loaded on demand (by the session's own chunk,
    // itself loaded when a TUI command runs).
    const chunks = path.join(dist, 'chunks');
    const files = [KIOKU, ...readdirSync(chunks).map((f) => path.join(chunks, f))];
    const ui = /useInput|react\.production|ReactCurrentOwner|__CLIENT_INTERNALS/;
    // The chunk a dynamic import() names, with everything it imports statically.
    const closure = (file: string) => {
      seen.clear();
      visit(file);
      return [...seen].map((f) => readFileSync(f, 'utf8')).join('\n');
    };
    const lazy = files.some((f) =>
      [...readFileSync(f, 'utf8').matchAll(/import\("\.\/((?:chunks\/)?run-[\w-]+\.js)"\)/g)].some(
        (m) => ui.test(closure(path.resolve(path.dirname(f), m[1]!))),
      ),
    );
    expect(lazy).toBe(true);
    expect(dist).toContain('dist');
  });
});
