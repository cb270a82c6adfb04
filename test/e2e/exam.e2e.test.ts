import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIOKU, Terminal } from './tmux.js';

let dir: string;
let term: Terminal | null = null;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kioku-exam-'));
  mkdirSync(path.join(dir, 'decks'));
  writeFileSync(
    path.join(dir, 'decks', 'trouble.md'),
    '---\nlang: en\ndomain: troubleshooting\n---\n# Pods\nQ: Pod Pending with FailedScheduling: first command?\nA: kubectl describe pod\n\nT: Show the logs of the previous container of pod web\nA: `kubectl logs web --previous`\n',
  );
  writeFileSync(
    path.join(dir, 'decks', 'storage.md'),
    '---\nlang: en\ndomain: storage\n---\nQ: Default reclaim policy of a dynamically provisioned PV?\nA: Delete\n',
  );
});
afterEach(() => {
  term?.close();
  term = null;
  rmSync(dir, { recursive: true, force: true });
});

describe('mock exam in a real terminal', () => {
  it('runs a timed exam to its result, saves it, and stats shows it', async () => {
    term = new Terminal(`node ${KIOKU} exam --cards 3 --minutes 5`, {
      cwd: dir,
      width: 80,
      height: 24,
    });
    const t = term;
    for (let i = 1; i <= 3; i++) {
      const screen = await t.waitFor(`Mock exam · ${i}/3`);
      expect(screen).toMatch(/⏱ [45]:\d\d left/);
      if (screen.includes('Type the answer, then Enter:')) {
        t.type('kubectl logs --previous web');
        await t.waitFor('› kubectl logs --previous web');
        t.send('Enter');
        await t.waitFor('✓ Correct');
        t.send('Space');
      } else {
        t.send('Space');
        await t.waitFor('Did you know it?');
        t.send('y');
      }
    }
    const result = await t.waitFor('Mock exam: 100% (pass mark 66%) · PASS');
    expect(result).toMatch(/Troubleshooting\s+30%\s+2\/2\s+100%/);
    expect(result).toMatch(/Storage\s+10%\s+1\/1\s+100%/);
    expect(result).toContain('Every domain is at or above the pass mark.');
    t.send('q');
    const end = await t.waitFor('[exit 0]');
    expect(end).toContain('Mock exam: 100%');

    const stats = JSON.parse(
      execFileSync(process.execPath, [KIOKU, 'stats', '--json'], { cwd: dir, encoding: 'utf8' }),
    );
    expect(stats.exams).toEqual([
      expect.objectContaining({
        score: 1,
        correct: 3,
        total: 3,
        domains: { troubleshooting: { correct: 2, total: 2 }, storage: { correct: 1, total: 1 } },
      }),
    ]);
  });

  it('refuses a bad --cards value with what to type instead', () => {
    const r = (() => {
      try {
        execFileSync(process.execPath, [KIOKU, 'exam', '--cards', 'many'], {
          cwd: dir,
          encoding: 'utf8',
          stdio: 'pipe',
        });
        return null;
      } catch (err) {
        return err as { status: number; stderr: string };
      }
    })();
    expect(r?.status).toBe(2);
    expect(r?.stderr).toContain(
      'Unexpected value "many" for --cards. Use a whole number from 1, e.g. "--cards 40".',
    );
  });
});

describe('cram in a real terminal', () => {
  it('reviews every card of a deck and leaves no schedule behind', async () => {
    term = new Terminal(`node ${KIOKU} cram trouble`, { cwd: dir, width: 80, height: 24 });
    const t = term;
    let screen = await t.waitFor('Cram · 2 left');
    for (let i = 0; i < 2; i++) {
      screen = t.screen();
      if (screen.includes('Type the answer, then Enter:')) {
        t.type('kubectl logs web --previous');
        await t.waitFor('› kubectl logs web --previous');
        t.send('Enter');
        await t.waitFor('✓ Correct');
      } else {
        t.send('Space');
        await t.waitFor('[3 Good]');
      }
      t.send('3');
      await t.waitFor(`saved (cram, schedule unchanged): Good`);
      await t.waitFor(i === 0 ? 'Cram · 1 left' : 'Congratulations');
    }
    t.send('q');
    screen = await t.waitFor('[exit 0]');
    expect(screen).toContain('Reviewed 2 cards');
    const due = JSON.parse(
      execFileSync(process.execPath, [KIOKU, 'due', '--json'], { cwd: dir, encoding: 'utf8' }),
    );
    expect(due.new).toBe(3); // nothing was introduced
  });
});
