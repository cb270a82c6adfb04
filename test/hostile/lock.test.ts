import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  acquireLock,
  DataLockedError,
  type ProcessInfo,
  procStartTime,
  systemProcesses,
} from '../../src/store/lock.js';

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

describe('a pid reused by another node program', () => {
  const HOLDER = 4_000_000; // no real pid: the injected reader alone answers for it
  /** A system where HOLDER runs node, started at `start` (null: no /proc). */
  const system = (start: string | null): ProcessInfo => ({
    exists: (pid) => pid === HOLDER || pid === process.pid,
    command: (pid) => (pid === HOLDER ? 'node\0/usr/lib/some-server.js\0' : null),
    startTime: (pid) => (pid === process.pid ? 'boot:1' : pid === HOLDER ? start : null),
  });
  const lockFrom = (processStart?: string) =>
    JSON.stringify({ pid: HOLDER, started: '2026-03-01T00:00:00Z', processStart });

  it('takes over a lock whose holder started at another time than the live process', () => {
    writeFileSync(lockPath, lockFrom('boot:100'));
    const lock = acquireLock(lockPath, 'data/', { processes: system('boot:200') });
    const taken = JSON.parse(readFileSync(lockPath, 'utf8'));
    // The new lock records this process's start, for the next one to check.
    expect(taken).toMatchObject({ pid: process.pid, processStart: 'boot:1' });
    lock.release();
  });

  it('refuses while the process that started then still runs', () => {
    writeFileSync(lockPath, lockFrom('boot:100'));
    expect(() => acquireLock(lockPath, 'data/', { processes: system('boot:100') })).toThrow(
      DataLockedError,
    );
  });

  it('without a start time (an older lock, or no /proc) a live node process still holds it', () => {
    writeFileSync(lockPath, lockFrom());
    expect(() => acquireLock(lockPath, 'data/', { processes: system('boot:200') })).toThrow(
      DataLockedError,
    );
    writeFileSync(lockPath, lockFrom('boot:100'));
    expect(() => acquireLock(lockPath, 'data/', { processes: system(null) })).toThrow(
      DataLockedError,
    );
  });

  it('reads the start time after the command name, whatever it holds', () => {
    const stat = (comm: string) =>
      `77 (${comm}) S 1 77 77 0 -1 4194560 100 0 0 0 5 2 0 0 20 0 1 0 987654 1000 200 18446744073709551615`;
    expect(procStartTime(stat('node'), 'b-1\n')).toBe('b-1:987654');
    expect(procStartTime(stat('a) (b c) 1 2'), null)).toBe(':987654');
    expect(procStartTime(null, 'b-1')).toBeNull();
    expect(procStartTime('garbage', 'b-1')).toBeNull();
  });

  it.runIf(existsSync('/proc/self/stat'))('this process has a steady start time here', () => {
    const start = systemProcesses.startTime(process.pid);
    expect(start).toMatch(/:\d+$/);
    expect(systemProcesses.startTime(process.pid)).toBe(start);
  });
});
