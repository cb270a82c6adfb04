// Issue 15's end-to-end test: two clones of one deck repository and a bare
// remote on disk, reviews on both (the same card on the same day on both, an
// undo on one), `kioku sync` on each in turn; then both devices have the same
// events and byte-identical `kioku due --json`, with no conflict, a clean
// status and no duplicates. And a device whose clock runs three days behind.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDecks } from '../../src/deck/load.js';
import type { Card } from '../../src/model/card.js';
import { DEFAULT_SETTINGS } from '../../src/model/settings.js';
import { deckScheduling } from '../../src/schedule/perDeck.js';
import { createStudy } from '../../src/session/study.js';
import { openStore, readLogEvents } from '../../src/store/store.js';
import { kiokuIn } from '../helpers/cli.js';
import { ankiFile } from '../helpers/shared.js';

const DEVICES = { a: '00000000000000aa', b: '00000000000000bb' } as const;
const DAY = { timeZone: 'UTC', rolloverHour: 4 };
let root: string;

const env = (device: 'a' | 'b'): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  TZ: 'UTC',
  NO_COLOR: '1',
  XDG_STATE_HOME: path.join(root, `state-${device}`),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
});
const repo = (device: 'a' | 'b') => path.join(root, device);
// kioku runs in this process (git itself is real): as the bin would, in the repository.
const kioku = (device: 'a' | 'b', ...args: string[]) =>
  kiokuIn(repo(device), args, { env: { ...env(device), NO_COLOR: '1' } });
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env: env('a'), encoding: 'utf8' }).trim();

/** Studies on one device as the review screen does: its own store, its own device id. */
async function study(
  device: 'a' | 'b',
  now: Date,
  act: (s: ReturnType<typeof createStudy>, card: (front: string) => Card) => void,
) {
  const decks = await loadDecks({ root: path.join(repo(device), 'decks') });
  const settings = { ...DEFAULT_SETTINGS };
  const scheduling = () => deckScheduling(settings, {}, DAY);
  const store = await openStore({
    dir: path.join(repo(device), 'data'),
    device: () => DEVICES[device],
    replay: () => (m, at, r, deck) => scheduling().schedulerFor(deck).answer(m, at, r),
    now: () => now,
  });
  const s = createStudy({ decks, store, settings, day: DAY, relink: true, now });
  const card = (front: string) => {
    const found = decks.cards.find((c) => c.front.startsWith(front));
    if (!found) throw new Error(`no card ${front}`);
    return found;
  };
  act(s, card);
  await store.close();
}

/** The device's cards as `kioku due` folds them (with the scheduler for answers that crossed). */
function openCards(device: 'a' | 'b') {
  const scheduling = deckScheduling({ ...DEFAULT_SETTINGS }, {}, DAY);
  return openStore({
    dir: path.join(repo(device), 'data'),
    readOnly: true,
    replay: () => (m, at, r, deck) => scheduling.schedulerFor(deck).answer(m, at, r),
  });
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'kioku-sync-e2e-'));
  git(root, 'init', '--quiet', '--bare', 'remote.git');
  const made = await kiokuIn(root, ['init', 'a'], { env: env('a') });
  expect(made.status).toBe(0);
  git(repo('a'), 'remote', 'add', 'origin', path.join(root, 'remote.git'));
  expect((await kioku('a', 'sync')).status).toBe(0);
  git(root, 'clone', '--quiet', 'remote.git', 'b');
  for (const d of ['a', 'b'] as const) {
    git(repo(d), 'config', 'user.name', `Device ${d}`);
    git(repo(d), 'config', 'user.email', `${d}@example.com`);
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Many git and kioku processes per test: on one loaded core that is minutes, not seconds.
describe('studying on two machines with kioku sync', { timeout: 180_000 }, () => {
  it('ends with the same events and byte-identical due lists on both, without conflicts or duplicates', async () => {
    const day = '2026-03-10';
    await study('a', new Date(`${day}T08:00:00Z`), (s, card) => {
      const t = (m: number) => new Date(Date.parse(`${day}T08:00:00Z`) + m * 60_000);
      s.answer(card('Which marker'), null, 3, 2000, t(0));
      s.answer(card('Type the command'), null, 1, 2000, t(1));
      s.answer(card('spaced repetition'), null, 4, 2000, t(2));
      // Undo the last one on this device.
      expect(s.undo(t(3))?.card.front).toMatch(/^spaced repetition/);
    });
    await study('b', new Date(`${day}T09:00:00Z`), (s, card) => {
      const t = (m: number) => new Date(Date.parse(`${day}T09:00:00Z`) + m * 60_000);
      // The same card as A, the same day, offline.
      s.answer(card('Which marker'), null, 2, 3000, t(0));
      s.answer(card('spaced repetition'), null, 3, 3000, t(1));
    });

    const first = await kioku('a', 'sync');
    expect(first).toMatchObject({ status: 0, stderr: '' });
    expect(first.stdout).toContain('sync: sent 4 log entries');
    const second = await kioku('b', 'sync');
    expect(second).toMatchObject({ status: 0, stderr: '' });
    expect(second.stdout).toContain('sync: received 4 log entries');
    expect(second.stdout).toContain('sync: sent 2 log entries');
    const third = await kioku('a', 'sync');
    expect(third.stdout).toContain('sync: received 2 log entries');

    const idsA = readLogEvents(path.join(repo('a'), 'data')).map((e) => e.id);
    const idsB = readLogEvents(path.join(repo('b'), 'data')).map((e) => e.id);
    expect(idsA).toHaveLength(6);
    expect(idsB).toEqual(idsA);
    expect(new Set(idsA).size).toBe(idsA.length);
    for (const d of ['a', 'b'] as const) {
      expect(readdirSync(path.join(repo(d), 'data', 'log')).sort()).toEqual([
        `${DEVICES.a}.jsonl`,
        `${DEVICES.b}.jsonl`,
        'README.md',
      ]);
    }

    const dueA = await kioku('a', 'due', '--json');
    const dueB = await kioku('b', 'due', '--json');
    expect(dueA.status).toBe(0);
    expect(dueA.stdout).not.toBe('');
    expect(dueB.stdout).toBe(dueA.stdout);
    // The undone answer is retracted on both: B's answer to that card is its first.
    const a = await openCards('a');
    const b = await openCards('b');
    expect(b.cards).toEqual(a.cards);
    const reps = Object.values(a.cards).map((c) => [
      c.text.slice(0, 12).toLowerCase(),
      c.memory?.reps,
    ]);
    expect(reps).toContainEqual(['spaced repet', 1]);
    expect(reps).toContainEqual(['which marker', 2]);
    await a.close();
    await b.close();

    for (const d of ['a', 'b'] as const) {
      expect(git(repo(d), 'status', '--porcelain')).toBe('');
      expect(git(repo(d), 'ls-files', '--unmerged')).toBe('');
    }
    expect(git(repo('a'), 'rev-parse', 'HEAD')).toBe(git(repo('b'), 'rev-parse', 'HEAD'));
  });

  it("gives no negative interval when one device's clock runs three days behind", async () => {
    // A studies on the 20th; B, whose clock says the 17th, studies after syncing.
    await study('a', new Date('2026-03-20T08:00:00Z'), (s, card) => {
      const c = card('Which marker');
      s.answer(c, s.memory(c), 3, 2000, new Date('2026-03-20T08:00:00Z'));
    });
    expect((await kioku('a', 'sync')).status).toBe(0);
    expect((await kioku('b', 'sync')).status).toBe(0);
    const behind = new Date('2026-03-17T08:00:00Z');
    await study('b', behind, (s, card) => {
      const c = card('Which marker');
      for (const rating of [1, 2, 3, 4] as const) {
        for (const o of s.preview(c, behind))
          expect(o.memory.scheduledDays).toBeGreaterThanOrEqual(0);
        const result = s.answer(c, s.memory(c), rating, 2000, behind);
        expect(result.memory.scheduledDays).toBeGreaterThanOrEqual(0);
        expect(Date.parse(result.memory.due)).toBeGreaterThanOrEqual(behind.getTime());
      }
    });
    expect((await kioku('b', 'sync')).status).toBe(0);
    expect((await kioku('a', 'sync')).status).toBe(0);
    // B's answers were dated just after A's, so both devices replay them after it.
    const events = readLogEvents(path.join(repo('a'), 'data'));
    const last = events.filter((e) => e.type === 'answer').slice(-5);
    expect(last.map((e) => e.at > '2026-03-20T08:00:00.000Z')).toEqual([
      false,
      true,
      true,
      true,
      true,
    ]);
    const a = await openCards('a');
    const b = await openCards('b');
    expect(b.cards).toEqual(a.cards);
    for (const c of Object.values(a.cards)) {
      if (!c.memory) continue;
      expect(c.memory.scheduledDays).toBeGreaterThanOrEqual(0);
      expect(Date.parse(c.memory.due)).toBeGreaterThanOrEqual(
        Date.parse(c.memory.lastReview ?? c.memory.due),
      );
    }
    await a.close();
    await b.close();
    expect((await kioku('b', 'due', '--json')).stdout).toBe(
      (await kioku('a', 'due', '--json')).stdout,
    );
  });

  it('the same Anki package imported on both devices counts once after syncing, with the same due list', async () => {
    const before = readLogEvents(path.join(repo('a'), 'data')).length;
    const imported = [] as number[];
    for (const d of ['a', 'b'] as const) {
      const r = await kioku(d, 'import', 'anki', ankiFile('legacy2'), '--json');
      expect(r.status).toBe(0);
      imported.push(JSON.parse(r.stdout).eventsAdded);
    }
    expect(imported[0]).toBeGreaterThan(0);
    expect(imported[1]).toBe(imported[0]);
    for (const d of ['a', 'b', 'a'] as const) {
      const r = await kioku(d, 'sync');
      expect(r).toMatchObject({ status: 0, stderr: '' });
    }
    const idsA = readLogEvents(path.join(repo('a'), 'data')).map((e) => e.id);
    const idsB = readLogEvents(path.join(repo('b'), 'data')).map((e) => e.id);
    // Each imported event once, though both devices' logs hold it: ids come from the revlog.
    expect(new Set(idsA).size).toBe(before + imported[0]!);
    expect(new Set(idsB)).toEqual(new Set(idsA));
    expect((await kioku('b', 'due', '--json')).stdout).toBe(
      (await kioku('a', 'due', '--json')).stdout,
    );
    for (const d of ['a', 'b'] as const) {
      expect(git(repo(d), 'status', '--porcelain')).toBe('');
      expect(git(repo(d), 'ls-files', '--unmerged')).toBe('');
    }
    // The imported decks are one set of files, the same on both.
    expect(git(repo('a'), 'rev-parse', 'HEAD:decks')).toBe(
      git(repo('b'), 'rev-parse', 'HEAD:decks'),
    );
  });
});
