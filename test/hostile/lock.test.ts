import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, DataLockedError } from '../../src/store/lock.js';

let dir: string;
let lockPath: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hostile-lock-'));
  lockPath = path.join(dir, 'kioku.lock');
});
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** A pid that surely belongs to no process: one that just ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;
const lockOf = (pid: number) => JSON.stringify({ pid, started: new Date().toISOString() });

function live(command: string, args: string[]): number {
  const child = spawn(command, args, { stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

describe('lock recovery', () => {
  it('recovers a stale lock left together with a fresh takeover guard (a crash mid-takeover)', () => {
    writeFileSync(lockPath, lockOf(deadPid()));
    writeFileSync(`${lockPath}.takeover`, lockOf(deadPid()));
    const started = Date.now();
    const lock = acquireLock(lockPath, 'data/');
    expect(JSON.parse(readFileSync(lockPath, 'utf8')).pid).toBe(process.pid);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(existsSync(`${lockPath}.takeover`)).toBe(false);
    lock.release();
  });

  it('recovers a torn (empty) takeover guard', () => {
    writeFileSync(lockPath, lockOf(deadPid()));
    writeFileSync(`${lockPath}.takeover`, '');
    acquireLock(lockPath, 'data/').release();
  });

  it.runIf(existsSync('/proc/self/cmdline'))(
    'takes over a lock whose pid now belongs to a process that is not kioku (pid reuse)',
    () => {
      const pid = live('sleep', ['30']);
      writeFileSync(lockPath, lockOf(pid));
      const lock = acquireLock(lockPath, 'data/');
      expect(JSON.parse(readFileSync(lockPath, 'utf8')).pid).toBe(process.pid);
      lock.release();
    },
  );

  it('still refuses a lock held by a live node process', () => {
    const pid = live(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    writeFileSync(lockPath, lockOf(pid));
    expect(() => acquireLock(lockPath, 'data/')).toThrow(DataLockedError);
    expect(JSON.parse(readFileSync(lockPath, 'utf8')).pid).toBe(pid);
  });

  it('cleans up files left under the pids of processes that are gone', () => {
    const dead = deadPid();
    const alive = process.ppid;
    const leftovers = [
      `kioku.lock.${dead}`,
      `kioku.lock.takeover.${dead}`,
      `decks-cache.json.${dead}.tmp`,
    ];
    const kept = [`decks-cache.json.${alive}.tmp`, 'reviews.jsonl', 'notes.1234.txt'];
    for (const f of [...leftovers, ...kept]) writeFileSync(path.join(dir, f), 'x');
    const lock = acquireLock(lockPath, 'data/');
    expect(readdirSync(dir).sort()).toEqual([...kept, 'kioku.lock'].sort());
    lock.release();
  });
});
