// The same Anki package imported on two devices: each appends the import to its
// own log file, the files meet (as git or a sync tool brings them together), and
// every imported event counts once, because its id comes from Anki's revlog id,
// not from the device or the time of the import.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLogEvents } from '../../src/store/store.js';
import { kiokuIn } from '../helpers/cli.js';
import { logLines } from '../helpers/log.js';
import { ankiFile } from '../helpers/shared.js';

const DEVICES = ['a', 'b'] as const;
const NOW = new Date('2026-03-10T08:00:00Z');
let root: string;
const repo = (d: string) => path.join(root, d);
const kioku = (d: string, ...args: string[]) =>
  kiokuIn(repo(d), args, {
    now: NOW,
    env: { NO_COLOR: '1', XDG_STATE_HOME: path.join(root, `state-${d}`) },
  });

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'kioku-import-twice-'));
  for (const d of DEVICES) mkdirSync(path.join(repo(d), 'decks'), { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the same Anki package imported on two devices', () => {
  it('gives each imported event once after the logs merge, and the same due list on both', async () => {
    const file = ankiFile('legacy2');
    for (const d of DEVICES) {
      const r = await kioku(d, 'import', 'anki', file);
      expect(r.stderr).not.toMatch(/error/i);
      expect(r.status).toBe(0);
    }
    const own = (d: string) => readdirSync(path.join(repo(d), 'data', 'log'));
    expect(own('a')).toHaveLength(1);
    expect(own('b')).toHaveLength(1);
    expect(own('a')).not.toEqual(own('b'));
    const imported = readLogEvents(path.join(repo('a'), 'data'));
    expect(imported.length).toBeGreaterThan(100);
    // Deterministic ids: both devices wrote the very same events.
    expect(readLogEvents(path.join(repo('b'), 'data'))).toEqual(imported);

    // The sync: each device's file is copied to the other.
    for (const [from, to] of [
      ['a', 'b'],
      ['b', 'a'],
    ] as const) {
      const name = own(from).find((n) => !own(to).includes(n))!;
      copyFileSync(
        path.join(repo(from), 'data', 'log', name),
        path.join(repo(to), 'data', 'log', name),
      );
    }
    for (const d of DEVICES) {
      // Every line is there twice, once per device's file; each event counts once.
      expect(logLines(path.join(repo(d), 'data'))).toHaveLength(2 * imported.length);
      const merged = readLogEvents(path.join(repo(d), 'data'));
      expect(merged.map((e) => e.id)).toEqual(imported.map((e) => e.id));
    }
    // A third import anywhere adds nothing.
    const again = await kioku('a', 'import', 'anki', file);
    expect(again.stdout).toMatch(/Added 0 event\(s\) to data\/log\/[0-9a-f]{16}\.jsonl\./);

    const dueA = await kioku('a', 'due', '--json');
    const dueB = await kioku('b', 'due', '--json');
    expect(dueA.status).toBe(0);
    expect(JSON.parse(dueA.stdout)).not.toEqual([]);
    expect(dueB.stdout).toBe(dueA.stdout);
  });
});
