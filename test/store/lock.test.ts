import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireLock, DataLockedError } from '../../src/store/lock.js';

let dir: string;
let racer: string;

// Each racer waits for a common instant, tries the lock, and holds it a while when it
// gets it, so that every other racer finds it held.
const RACER = `
import { acquireLock, DataLockedError } from './lock.mjs';
const [lockPath, startAt] = process.argv.slice(2);
while (Date.now() < Number(startAt)) {}
try {
  const lock = acquireLock(lockPath, 'data/');
  process.stdout.write('got');
  setTimeout(() => lock.release(), 300);
} catch (err) {
  process.stdout.write(err instanceof DataLockedError ? 'locked' : String(err));
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

function run(lockPath: string, startAt: number): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [racer, lockPath, String(startAt)]);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('close', () => resolve(out));
  });
}

describe('data lock', () => {
  it('lets exactly one of many processes take over a stale lock at the same instant', async () => {
    // A pid that surely belongs to no process: one that just ended.
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    for (let round = 0; round < 8; round++) {
      const lockPath = path.join(dir, `kioku-${round}.lock`);
      writeFileSync(lockPath, JSON.stringify({ pid: dead, started: '2026-01-01T00:00:00.000Z' }));
      const startAt = Date.now() + 300;
      const results = await Promise.all(Array.from({ length: 6 }, () => run(lockPath, startAt)));
      expect(results.filter((r) => r === 'got')).toHaveLength(1);
      expect(results.filter((r) => r === 'locked')).toHaveLength(5);
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
