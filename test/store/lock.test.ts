import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireLock, DataLockedError } from '../../src/store/lock.js';

let dir: string;
let racer: string;

// The racers are a few long-lived processes, each run through many rounds. In a
// round every racer blocks until the parent says go (with an instant to start at,
// so they contend together), tries the lock and says whether it got it. The winner
// keeps the lock until the parent says release, so every other racer finds it held
// however late the machine lets it run: the outcome depends on no timing.
const RACER = `
import { createInterface } from 'node:readline';
import { acquireLock, DataLockedError } from './lock.mjs';
let lock = null;
process.stdout.write('ready\\n');
for await (const line of createInterface({ input: process.stdin })) {
  const [command, lockPath, startAt] = line.split(' ');
  if (command === 'try') {
    while (Date.now() < Number(startAt)) {}
    try {
      lock = acquireLock(lockPath, 'data/');
      process.stdout.write('got\\n');
    } catch (err) {
      process.stdout.write(err instanceof DataLockedError ? 'locked\\n' : \`\${String(err)}\\n\`);
    }
  } else if (command === 'release') {
    lock?.release();
    lock = null;
    process.stdout.write('released\\n');
  }
}
`;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kioku-lock-'));
  buildSync({
    entryPoints: [path.resolve(import.meta.dirname, '../../src/store/lock.ts')],
    outfile: path.join(dir, 'lock.mjs'),
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
  });
  racer = path.join(dir, 'racer.mjs');
  writeFileSync(racer, RACER);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Racer {
  readonly child: ChildProcess;
  /** The racer's next line of output ('' once it has exited). */
  next(): Promise<string>;
}

function startRacer(): Racer {
  const child = spawn(process.execPath, [racer], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return { child, next: async () => (await lines.next()).value ?? '' };
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once('close', () => resolve());
  });
}

describe('data lock', () => {
  it('lets exactly one of many processes take over a stale lock at the same instant', async () => {
    // A pid that surely belongs to no process: one that just ended.
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const racers = Array.from({ length: 6 }, () => startRacer());
    try {
      for (const r of racers) expect(await r.next()).toBe('ready');
      for (let round = 0; round < 12; round++) {
        const lockPath = path.join(dir, `kioku-${round}.lock`);
        writeFileSync(lockPath, JSON.stringify({ pid: dead, started: '2026-01-01T00:00:00.000Z' }));
        const startAt = Date.now() + 20;
        for (const r of racers) r.child.stdin!.write(`try ${lockPath} ${startAt}\n`);
        const results = await Promise.all(racers.map((r) => r.next()));
        expect(results.filter((r) => r === 'got')).toHaveLength(1);
        expect(results.filter((r) => r === 'locked')).toHaveLength(5);
        // The winner still holds the lock: it lets go only when told to.
        const winner = racers[results.indexOf('got')]!;
        expect(JSON.parse(readFileSync(lockPath, 'utf8')).pid).toBe(winner.child.pid);
        for (const r of racers) r.child.stdin!.write('release\n');
        for (const r of racers) expect(await r.next()).toBe('released');
        expect(existsSync(lockPath)).toBe(false);
      }
    } finally {
      for (const r of racers) r.child.stdin!.end();
      await Promise.all(racers.map((r) => exited(r.child)));
    }
  });

  it('does not remove a lock another process took over after it read the stale one', () => {
    const lockPath = path.join(dir, 'interleaved.lock');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(lockPath, JSON.stringify({ pid: dead, started: '2026-01-01T00:00:00.000Z' }));
    // Between this process reading the dead pid and acting on it, another (live:
    // our parent) removes the stale lock and puts its own.
    const other = JSON.stringify({ pid: process.ppid, started: '2026-01-01T00:00:01.000Z' });
    expect(() =>
      acquireLock(lockPath, 'data/', {
        beforeTakeover: () => writeFileSync(lockPath, other),
      }),
    ).toThrow(DataLockedError);
    expect(readFileSync(lockPath, 'utf8')).toBe(other);
    expect(existsSync(`${lockPath}.takeover`)).toBe(false);
  });

  it('takes over when a process died in the middle of a takeover', () => {
    const lockPath = path.join(dir, 'guarded.lock');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(lockPath, JSON.stringify({ pid: dead, started: '2026-01-01T00:00:00.000Z' }));
    writeFileSync(`${lockPath}.takeover`, JSON.stringify({ pid: dead }));
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${lockPath}.takeover`, old, old);
    const lock = acquireLock(lockPath, 'data/');
    expect(JSON.parse(readFileSync(lockPath, 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(lockPath)).toBe(false);
  });
});
