import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnswerEvent } from '../../src/store/events.js';
import { DataError, LOG_FILE, openStore, STATE_FILE } from '../../src/store/store.js';
import { KIOKU } from '../e2e/tmux.js';
import { answerEvent } from '../helpers/events.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hostile-data-'));
});
afterEach(() => {
  chmodSync(dir, 0o700);
  rmSync(dir, { recursive: true, force: true });
});

function answer(card: string, at: string, extra: Record<string, unknown> = {}): AnswerEvent {
  return { ...answerEvent({ id: `${at}-${card}`, card, at }), ...extra } as AnswerEvent;
}
const line = (e: unknown) => `${JSON.stringify(e)}\n`;
const writeLog = (text: string) => writeFileSync(path.join(dir, LOG_FILE), text);
const open = () => openStore({ dir, displayDir: 'data' });
const isRoot = process.getuid?.() === 0;

describe('damaged review log lines are skipped with their line, the rest counts', () => {
  const bad: [string, Record<string, unknown>][] = [
    ['"at": "yesterday"', { at: 'yesterday' }],
    ['"at": an impossible date', { at: '2026-13-45T99:00:00.000Z' }],
    ['"rating": 9', { rating: 9 }],
    ['"rating": 2.5', { rating: 2.5 }],
    ['"ms": -5', { ms: -5 }],
    [
      '"after" with a negative stability',
      { after: { due: '2026-01-02T00:00:00.000Z', stability: -1, state: 2 } },
    ],
    [
      '"after" with state 7',
      { after: { due: '2026-01-02T00:00:00.000Z', stability: 1, state: 7 } },
    ],
    ['"after" due "soon"', { after: { due: 'soon', stability: 1, state: 2 } }],
    ['"before" a string', { before: 'x' }],
    ['"id" empty', { id: '' }],
  ];
  for (const [name, damage] of bad) {
    it(name, async () => {
      writeLog(
        line(answer('a', '2026-01-01T10:00:00.000Z')) +
          line({ ...answer('b', '2026-01-01T10:01:00.000Z'), ...damage }) +
          line(answer('c', '2026-01-01T10:02:00.000Z')),
      );
      const store = await open();
      expect(Object.keys(store.cards).sort()).toEqual(['a', 'c']);
      expect(store.warnings).toEqual([
        `1 unreadable line(s) in ${path.join('data', LOG_FILE)} skipped and kept in the file (line 2)`,
      ]);
      await store.close();
    });
  }

  it('a byte-order mark at the start of the log does not cost the first answer', async () => {
    writeLog(
      `\uFEFF${line(answer('a', '2026-01-01T10:00:00.000Z'))}${line(answer('b', '2026-01-01T10:01:00.000Z'))}`,
    );
    const store = await open();
    expect(Object.keys(store.cards).sort()).toEqual(['a', 'b']);
    expect(store.warnings).toEqual([]);
    await store.close();
  });
});

describe('a damaged state file is kept aside and rebuilt from the log', () => {
  const states: [string, unknown][] = [
    ['cards as a list', { format: 1, log: { bytes: 0, tail: '', lastAt: '' }, cards: [] }],
    [
      'null card entries',
      { format: 1, log: { bytes: 0, tail: '', lastAt: '' }, cards: { x: null } },
    ],
    ['negative log.bytes', { format: 1, log: { bytes: -10, tail: '', lastAt: '' }, cards: {} }],
    ['fractional log.bytes', { format: 1, log: { bytes: 1.5, tail: '', lastAt: '' }, cards: {} }],
  ];
  for (const [name, state] of states) {
    it(name, async () => {
      writeLog(
        line(answer('a', '2026-01-01T10:00:00.000Z')) +
          line(answer('b', '2026-01-01T10:01:00.000Z')),
      );
      writeFileSync(path.join(dir, STATE_FILE), JSON.stringify(state));
      const store = await open();
      // The history counts: both studied cards are there, not "all new".
      expect(Object.keys(store.cards).sort()).toEqual(['a', 'b']);
      expect(store.replayedAtOpen).toBe(true);
      expect(store.warnings[0]).toMatch(
        /state\.json could not be read .*; kept as state\.json\.corrupt-/,
      );
      expect(readdirSync(dir).some((f) => f.startsWith(`${STATE_FILE}.corrupt-`))).toBe(true);
      await store.close();
    });
  }

  it('a state file with a byte-order mark is read, not set aside', async () => {
    writeLog(line(answer('a', '2026-01-01T10:00:00.000Z')));
    const first = await open();
    await first.close();
    const state = readFileSync(path.join(dir, STATE_FILE), 'utf8');
    writeFileSync(path.join(dir, STATE_FILE), `\uFEFF${state}`);
    const store = await open();
    expect(store.warnings).toEqual([]);
    expect(store.replayedAtOpen).toBe(false);
    await store.close();
  });
});

describe('a log rolled back under a newer state', () => {
  it('says so and keeps the newer state aside', async () => {
    const older = line(answer('a', '2026-01-01T10:00:00.000Z'));
    writeLog(older + line(answer('b', '2026-01-02T10:00:00.000Z')));
    const first = await open();
    await first.close();
    writeLog(older); // restored from yesterday's copy
    const store = await open();
    expect(Object.keys(store.cards)).toEqual(['a']);
    expect(store.warnings).toHaveLength(1);
    expect(store.warnings[0]).toMatch(
      /^data\/state\.json had later answers to 1 card\(s\) than data\/reviews\.jsonl \(was the log rolled back to an older copy\?\); the cards now follow the log, and the newer state is kept as state\.json\.newer-/,
    );
    const aside = readdirSync(dir).find((f) => f.startsWith(`${STATE_FILE}.newer-`))!;
    expect(
      Object.keys(JSON.parse(readFileSync(path.join(dir, aside), 'utf8')).cards).sort(),
    ).toEqual(['a', 'b']);
    await store.close();
  });

  it('says so when the log was emptied', async () => {
    writeLog(line(answer('a', '2026-01-01T10:00:00.000Z')));
    await (await open()).close();
    writeLog('');
    const store = await open();
    expect(store.warnings.join('\n')).toMatch(/had later answers to 1 card/);
    await store.close();
  });
});

describe('file system problems become one-line errors naming the file', () => {
  it('a full disk mid-session: answers saved before stay, the failure is said, later answers are refused', async () => {
    writeLog(line(answer('a', '2026-01-01T10:00:00.000Z')));
    const store = await open();
    const payload = (card: string) => {
      const { v, id, at, type, ...rest } = answer(card, '2026-01-01T11:00:00.000Z');
      return rest;
    };
    store.append('answer', payload('b'), new Date('2026-01-01T11:00:00.000Z'));
    const saved = readFileSync(path.join(dir, LOG_FILE), 'utf8');
    // /dev/full refuses every write with ENOSPC, as a full disk does.
    rmSync(path.join(dir, LOG_FILE));
    symlinkSync('/dev/full', path.join(dir, LOG_FILE));
    const full = new DataError(
      'data/reviews.jsonl: the disk is full; free some space and start kioku again',
    );
    expect(() =>
      store.append('answer', payload('c'), new Date('2026-01-01T11:01:00.000Z')),
    ).toThrow(full);
    expect(() =>
      store.append('answer', payload('d'), new Date('2026-01-01T11:02:00.000Z')),
    ).toThrow(full);
    expect(saved.trim().split('\n')).toHaveLength(2);
    await store.close();
  });

  it('the log path is a folder', async () => {
    mkdirSync(path.join(dir, LOG_FILE));
    await expect(open()).rejects.toThrow(
      new DataError(
        'data/reviews.jsonl is not a file (a folder?); move it away and start kioku again',
      ),
    );
    expect(existsSync(path.join(dir, 'kioku.lock'))).toBe(false);
  });

  it.skipIf(isRoot)('a read-only data folder', async () => {
    chmodSync(dir, 0o500);
    const err = await open().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as Error).message).toMatch(
      /^data\/kioku\.lock(\.\d+)?: permission denied; make it readable and writable for you/,
    );
  });

  it.skipIf(isRoot)('an unreadable review log', async () => {
    writeLog(line(answer('a', '2026-01-01T10:00:00.000Z')));
    chmodSync(path.join(dir, LOG_FILE), 0o000);
    await expect(open()).rejects.toThrow(
      new DataError(
        'data/reviews.jsonl: permission denied; make it readable and writable for you (chmod u+rw), or use another data folder',
      ),
    );
  });

  it.skipIf(isRoot)(
    'the log becoming unwritable mid-session: the failure is said, and later answers refused',
    async () => {
      writeLog(line(answer('a', '2026-01-01T10:00:00.000Z')));
      const store = await open();
      const payload = (card: string) => {
        const { v, id, at, type, ...rest } = answer(card, '2026-01-01T11:00:00.000Z');
        return rest;
      };
      store.append('answer', payload('b'), new Date('2026-01-01T11:00:00.000Z'));
      // Another file takes the log's place, one this process may not write (as a
      // full disk would refuse the write): sync reopens it for appending and fails.
      rmSync(path.join(dir, LOG_FILE));
      writeFileSync(path.join(dir, LOG_FILE), '');
      chmodSync(path.join(dir, LOG_FILE), 0o400);
      expect(() =>
        store.append('answer', payload('c'), new Date('2026-01-01T11:01:00.000Z')),
      ).toThrow(DataError);
      await store.close();
    },
  );
});

// Root is exempt from file permissions, so the cases above cannot fail as root
// (and are skipped). There, the same cases run through the built program as the
// unprivileged user nobody, when setpriv can drop to it and nobody can read kioku.
const NOBODY = 65534;
const asNobody = (cwd: string, args: readonly string[]) =>
  spawnSync(
    'setpriv',
    [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, ...args],
    {
      cwd,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        HOME: cwd,
        XDG_STATE_HOME: path.join(cwd, 'state'),
        NO_COLOR: '1',
        TZ: 'UTC',
      },
    },
  );
const nobodyRunsKioku =
  isRoot &&
  asNobody(os.tmpdir(), ['-e', `require('fs').accessSync(${JSON.stringify(KIOKU)})`]).status === 0;

describe.runIf(nobodyRunsKioku)('permissions, as an unprivileged user (root is exempt)', () => {
  let home: string;
  const kioku = (...args: string[]) =>
    asNobody(home, [KIOKU, ...args, '--data', 'data', '--decks', 'decks']);
  beforeEach(() => {
    home = mkdtempSync(path.join(os.tmpdir(), 'kioku-nobody-'));
    for (const sub of ['data', 'decks', 'state']) mkdirSync(path.join(home, sub));
    writeFileSync(path.join(home, 'decks', 'a.md'), 'Q: one\nA: 1\n');
    for (const p of ['', 'data', 'decks', 'state', 'decks/a.md'])
      chownSync(path.join(home, p), NOBODY, NOBODY);
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('a read-only data folder: one line naming it, exit 1', () => {
    chmodSync(path.join(home, 'data'), 0o500);
    const r = kioku('rebuild');
    expect(r.stderr).toBe(
      'kioku: data folder data cannot be written to (given by --data). Give the right one with --data DIR or KIOKU_DATA.\n',
    );
    expect(r.status).toBe(1);
  });

  it('an unreadable review log: one line naming it, and no state folded without its history', () => {
    const log = path.join(home, 'data', LOG_FILE);
    writeFileSync(log, line(answer('a', '2026-01-01T10:00:00.000Z')));
    chownSync(log, NOBODY, NOBODY);
    chmodSync(log, 0o000);
    for (const command of ['rebuild', 'due']) {
      const r = kioku(command);
      expect(r.stderr).toBe(
        'kioku: data/reviews.jsonl: permission denied; make it readable and writable for you (chmod u+rw), or use another data folder\n',
      );
      expect(r.status).toBe(1);
    }
    expect(existsSync(path.join(home, 'data', STATE_FILE))).toBe(false);
  });
});
