import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIOKU } from '../e2e/tmux.js';
import { kiokuIn } from '../helpers/cli.js';
import { logLines as dataLogLines, logFiles } from '../helpers/log.js';
import { ankiFile } from '../helpers/shared.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kioku-import-'));
  mkdirSync(path.join(dir, 'decks'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// In this process, as the bin runs it: sql.js and the parser load once per file.
const kioku = (...args: string[]) => kiokuIn(dir, args, { env: { NO_COLOR: '1' } });
const logLines = () => dataLogLines(path.join(dir, 'data'));

describe('kioku import anki (the built program)', () => {
  it('imports a Latest package: decks that pass check, its history, and nothing more the second time', async () => {
    const file = ankiFile('latest');
    const first = await kioku('import', 'anki', file);
    expect(first.stderr).toContain('notetype "AllInOne (kprim, mc, sc)" is not a stock one');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(
      'tobenwarrior-backup-2025-04-10.colpkg: Anki Latest package, schema 18',
    );
    expect(first.stdout).toContain('  cards    157 Q:');
    expect(first.stdout).toContain(
      '  history  1099 reviews, 0 cram answers, 290 resets, 0 reschedules',
    );
    expect(first.stdout).toContain('  skipped  20 review rows of 11 deleted cards');
    expect(readdirSync(path.join(dir, 'decks')).sort()).toEqual([
      'Computer Network Mid Terms Review.md',
      'Rendering Finals Calculation Questions.md',
      'Rendering Finals Review.md',
      'Rendering Mid Terms Review.md',
    ]);
    const events = logLines().length;
    expect(events).toBe(1489);

    const check = await kioku('check');
    expect(check.stdout).toContain('0 errors, 0 warnings in 4 decks (157 cards)');
    expect(check.status).toBe(0);
    // Anki's queue as it was: 95 review cards due since the backup, 5 in learning.
    const due = JSON.parse((await kioku('due', '--json')).stdout);
    expect(due).toMatchObject({ learning: 5, review: 95 });

    // The scriptable card list says where each imported card came from.
    const rows = (await kioku('cards', 'deck:Rendering', '--json')).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const withHistory = rows.filter((r) => r.source);
    expect(withHistory.length).toBeGreaterThan(0);
    expect(withHistory[0].source.anki).toMatchObject({
      cid: expect.any(Number),
      nid: expect.any(Number),
      guid: expect.any(String),
    });
    expect(withHistory[0].id).toBe(
      `anki-${Buffer.from(withHistory[0].source.anki.guid).toString('hex')}`,
    );

    const before = readFileSync(path.join(dir, 'decks', 'Rendering Finals Review.md'), 'utf8');
    const second = await kioku('import', 'anki', file);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('  notes    157 (157 already in your decks, left as they are)');
    expect(second.stdout).toContain('  log      0 new events, 1489 already imported');
    expect(logLines()).toHaveLength(events);
    expect(readFileSync(path.join(dir, 'decks', 'Rendering Finals Review.md'), 'utf8')).toBe(
      before,
    );
  });

  it('adds to a deck file that exists without rewriting what is in it', async () => {
    const mine =
      '---\nlang: en\n---\n\nQ: My own card\nA: kept as it is\nThis line is part of the answer.\n';
    const file = path.join(dir, 'decks', 'Vocabulary - golden.md');
    writeFileSync(file, mine);
    const r = await kioku('import', 'anki', ankiFile('legacy2'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('(Vocabulary - golden.md +)');
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(`${mine}\n---\n\nQ: `)).toBe(true);
    const check = await kioku('check', '--json');
    expect(JSON.parse(check.stdout)).toMatchObject({ errors: [], cards: 197 });
  });

  it('--dry-run --json reports the counts and writes nothing (the built program)', () => {
    // The one run of the bundle here: it must find sql.js's WebAssembly beside itself.
    const r = spawnSync(
      process.execPath,
      [KIOKU, 'import', 'anki', ankiFile('legacy1'), '--dry-run', '--json'],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', KIOKU_DECKS: '', KIOKU_DATA: '' },
      },
    );
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      format: 'Legacy1 package',
      dryRun: true,
      eventsAdded: 1375 + 274,
      summary: { notes: 274, reviews: 1375, skipped: { orphanRows: 925, orphanCards: 258 } },
    });
    expect(readdirSync(path.join(dir, 'decks'))).toEqual([]);
    expect(logFiles(path.join(dir, 'data'))).toEqual([]);
  });

  it('refuses a damaged file with the reason, and writes nothing', async () => {
    const bytes = readFileSync(ankiFile('legacy2'));
    const broken = path.join(dir, 'broken.colpkg');
    writeFileSync(broken, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    const r = await kioku('import', 'anki', broken);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^kioku: .*broken\.colpkg: .*damaged or truncated\. Nothing was imported\.\n$/,
    );
    expect(readdirSync(path.join(dir, 'decks'))).toEqual([]);
    expect(logFiles(path.join(dir, 'data'))).toEqual([]);
  });

  it('says what to type for a wrong source or a missing file', async () => {
    const wrong = await kioku('import', 'mnemosyne', 'x');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('Use one of: kioku import anki, kioku import obsidian.');
    const missing = await kioku('import', 'anki', 'nope.apkg');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe('kioku: cannot read nope.apkg: ENOENT. Nothing was imported.\n');
  });
});

describe('kioku import: where decks go', () => {
  it('never writes into the decks that come with kioku unless told to', async () => {
    const bare = mkdtempSync(path.join(os.tmpdir(), 'kioku-nodecks-'));
    try {
      const r = await kiokuIn(bare, [
        'import',
        'anki',
        ankiFile('legacy2'),
        '--data',
        path.join(bare, 'data'),
      ]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('importing needs a decks folder of your own');
      expect(logFiles(path.join(bare, 'data'))).toEqual([]);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
