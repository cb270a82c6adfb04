import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { logLines } from '../helpers/log.js';
import { KIOKU, Terminal } from './tmux.js';

const SERVICES = `# Services

Q: Which Service type is the default?
A: ClusterIP

Q: Which Service type opens a port on every node?
A: NodePort
`;

let dir: string;
let term: Terminal | null = null;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kioku-reload-'));
  mkdirSync(path.join(dir, 'decks', 'en'), { recursive: true });
  writeFileSync(path.join(dir, 'decks', 'en', 'services.md'), SERVICES);
});

afterEach(() => {
  term?.close();
  term = null;
  rmSync(dir, { recursive: true, force: true });
});

/** Waits until `pattern` is no longer on the screen. */
async function waitGone(t: Terminal, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const screen = t.latestScreen();
    if (!pattern.test(screen)) return screen;
    if (Date.now() > deadline) throw new Error(`still on screen: ${pattern}\n${screen}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

it('reloads added, changed and removed deck files in a running session, keeping its place and history', async () => {
  term = new Terminal(`node ${KIOKU}`, {
    cwd: dir,
    env: { LANG: 'en_US.UTF-8' },
    width: 80,
    height: 24,
  });
  const t = term;
  await t.waitFor(/services\s+2\s+0\s+0/);

  // A new deck file appears in the list.
  writeFileSync(
    path.join(dir, 'decks', 'en', 'pods.md'),
    'Q: Smallest deployable unit?\nA: A Pod\n',
  );
  await t.waitFor(/pods\s+1\s+0\s+0/);
  // A card added to a deck counts at once.
  appendFileSync(
    path.join(dir, 'decks', 'en', 'services.md'),
    '\nQ: Which type has no cluster IP?\nA: Headless\n',
  );
  await t.waitFor(/services\s+3\s+0\s+0/);
  // A removed file leaves the list.
  unlinkSync(path.join(dir, 'decks', 'en', 'pods.md'));
  await waitGone(t, /pods\s+1/);

  // In a review: answer one card, then edit the next one's question on disk.
  t.send('j');
  await t.waitFor(/▸ +services/);
  t.send('Enter');
  await t.waitFor('Which Service type is the default?');
  t.send('Space');
  await t.waitFor('ClusterIP');
  t.send('3');
  await t.waitFor('opens a port on every node?');
  const file = path.join(dir, 'decks', 'en', 'services.md');
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace('no cluster IP?', 'no cluster IP at all?'),
  );
  t.send('Space');
  await t.waitFor('NodePort');
  t.send('3');
  // The next card is read from the file as it is now.
  await t.waitFor('Which type has no cluster IP at all?');
  t.send('q');
  const screen = await t.waitFor('Reviewed 2 cards');
  expect(screen).toMatch(/services\s+1\s+\d+\s+0/);
  t.send('q');
  await t.waitFor('[exit 0]');
  const log = logLines(path.join(dir, 'data'));
  expect(log.filter((l) => l.includes('"type":"answer"'))).toHaveLength(2);
});
