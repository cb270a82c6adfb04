import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deviceLog, logEvents } from '../helpers/log.js';
import { KIOKU, Terminal } from './tmux.js';

const DECK = [
  '---',
  'lang: en',
  '---',
  ...Array.from({ length: 8 }, (_, i) => `Q: card ${i}?\nA: answer ${i}\n`),
].join('\n');

let dir: string;
const terms: Terminal[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kioku-crash-'));
  mkdirSync(path.join(dir, 'decks'));
  writeFileSync(path.join(dir, 'decks', 'd.md'), DECK);
});
afterEach(() => {
  for (const t of terms.splice(0)) t.close();
  rmSync(dir, { recursive: true, force: true });
});

const open = () => {
  const t = new Terminal(`node ${KIOKU} review`, { cwd: dir });
  terms.push(t);
  return t;
};
const answers = () => logEvents(path.join(dir, 'data'));

describe('crash safety', () => {
  it('keeps every answer shown as saved when the program is killed with SIGKILL', async () => {
    const t = open();
    await t.waitFor('card 0?');
    for (let i = 0; i < 3; i++) {
      t.send('Space');
      await t.waitFor(`answer ${i}`);
      t.send('4');
      await t.waitFor(`card ${i + 1}?`);
    }
    process.kill(t.pid(), 'SIGKILL');
    await t.waitFor('[exit 137]');

    expect(answers().map((e) => e.type)).toEqual(['answer', 'answer', 'answer']);
    const again = open();
    const screen = await again.waitFor('card 3?');
    expect(screen).toContain('New 5');
    again.send('q');
    await again.waitFor('[exit 0]');
    // The state file is whole JSON and agrees with the log.
    const state = JSON.parse(readFileSync(path.join(dir, 'data', 'state.json'), 'utf8'));
    expect(Object.keys(state.cards)).toHaveLength(3);
  });

  it('keeps answers given after a git pull replaced the log mid-session', async () => {
    const t = open();
    await t.waitFor('card 0?');
    t.send('Space');
    await t.waitFor('answer 0');
    t.send('4');
    await t.waitFor('card 1?');
    // The log is written anew and renamed into place, with a line from elsewhere
    // (a union merge of a device id copied to two machines).
    const log = deviceLog(path.join(dir, 'data'));
    const other = { ...answers()[0], id: 'other-device-1', card: 'elsewhere', text: 'elsewhere' };
    writeFileSync(`${log}.merge`, `${readFileSync(log, 'utf8')}${JSON.stringify(other)}\n`);
    renameSync(`${log}.merge`, log);
    t.send('Space');
    await t.waitFor('answer 1');
    t.send('4');
    await t.waitFor('card 2?');
    t.send('q');
    const screen = await t.waitFor('[exit 0]');
    expect(screen).toContain(`${path.basename(log)} changed while kioku ran`);
    expect(answers().map((e) => e.id)).toEqual([
      answers()[0]!.id,
      'other-device-1',
      answers()[2]!.id,
    ]);
    expect(answers()[2]!.text).toBe('card 1');
    const state = JSON.parse(readFileSync(path.join(dir, 'data', 'state.json'), 'utf8'));
    expect(Object.keys(state.cards)).toHaveLength(3);
  });

  it('refuses a second kioku on the same data/ with the first one’s pid', async () => {
    const first = open();
    await first.waitFor('card 0?');
    const pid = first.pid();
    const second = open();
    const screen = await second.waitFor('[exit 1]');
    expect(screen).toContain(`data is in use by kioku (pid ${pid})`);
    first.send('q');
    await first.waitFor('[exit 0]');
  });
});

describe('two processes writing one data/', () => {
  let bundle: string;
  beforeAll(async () => {
    bundle = path.join(mkdtempSync(path.join(os.tmpdir(), 'kioku-writer-')), 'writer.mjs');
    await build({
      entryPoints: [path.resolve(import.meta.dirname, 'writer.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: bundle,
      logLevel: 'warning',
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
    });
  });
  afterAll(() => rmSync(path.dirname(bundle), { recursive: true, force: true }));

  it('loses nothing: each takes the lock in turn and every event lands in log and state', async () => {
    const data = path.join(dir, 'data');
    const run = (name: string) =>
      new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, [bundle, data, name, '150'], { stdio: 'inherit' });
        child.on('error', reject);
        child.on('exit', (code) => resolve(code ?? -1));
      });
    const codes = await Promise.all([run('a'), run('b')]);
    expect(codes).toEqual([0, 0]);
    const events = answers();
    expect(events).toHaveLength(300);
    expect(new Set(events.map((e) => e.id)).size).toBe(300);
    const state = JSON.parse(readFileSync(path.join(data, 'state.json'), 'utf8'));
    expect(Object.keys(state.cards)).toHaveLength(300);
    // And the state agrees with a rebuild from the log.
    const out = execFileSync(
      process.execPath,
      [KIOKU, 'rebuild', '--data', data, '--decks', path.join(dir, 'decks')],
      {
        encoding: 'utf8',
      },
    );
    expect(out).toMatch(/rebuilt 300 cards from \S*reviews\.jsonl: the state file matched the log/);
  });
});
