import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logLines } from '../helpers/log.js';
import { KIOKU, Terminal } from './tmux.js';

const DECK = `---
title: Basics
lang: en
---
# Control plane

Q: Which component stores the cluster state?
A: etcd

Q: Which component picks a node for a new Pod?
A: kube-scheduler
`;

let dir: string;
let term: Terminal | null = null;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kioku-e2e-'));
  mkdirSync(path.join(dir, 'decks'));
  writeFileSync(path.join(dir, 'decks', 'basics.md'), DECK);
});

afterEach(() => {
  term?.close();
  term = null;
  rmSync(dir, { recursive: true, force: true });
});

function start(): Terminal {
  term = new Terminal(`node ${KIOKU} review`, { cwd: dir });
  return term;
}

describe('review in a real terminal', () => {
  it('reveals, rates, quits, and a restart no longer shows the reviewed card', async () => {
    const t = start();
    await t.waitFor('Which component stores the cluster state?');
    expect(t.screen()).toContain('New 2');
    t.send('Space');
    await t.waitFor('etcd');
    const rated = await t.waitFor(/\[3 Good \d+m\]/);
    expect(rated).toMatch(/\[1 Again .+\].*\[4 Easy \d+d\]/);
    t.send('4'); // Easy: out of learning, due in days
    await t.waitFor('Which component picks a node for a new Pod?');
    await t.waitFor('saved: Easy');
    t.send('q');
    await t.waitFor('[exit 0]');
    expect(t.screen()).toContain('Reviewed 1 card');
    t.close();

    const log = logLines(path.join(dir, 'data'));
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0]!)).toMatchObject({ type: 'answer', rating: 4 });

    const again = start();
    const screen = await again.waitFor('Which component picks a node for a new Pod?');
    expect(screen).not.toContain('stores the cluster state');
    expect(screen).toContain('New 1');
    again.send('q');
    await again.waitFor('[exit 0]');
  });

  it('says what to do when stdin is not a terminal', async () => {
    term = new Terminal(`node ${KIOKU} < /dev/null`, { cwd: dir });
    const screen = await term.waitFor('[exit 1]');
    expect(screen).toContain('needs an interactive terminal');
  });
});
