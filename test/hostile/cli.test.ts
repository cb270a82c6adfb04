import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kiokuIn } from '../helpers/cli.js';

// Whatever a deck, a file name or an argument holds, the command line prints no
// byte a terminal acts on: C0 (but newline and tab), DEL, C1, bidi controls.
const UNSAFE =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const HOSTILE = '\x1b[2J\x1b]52;c;aGk=\x07\u009b31m\u202Eevil';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hostile-cli-'));
  mkdirSync(path.join(dir, 'decks'), { recursive: true });
  writeFileSync(
    path.join(dir, 'decks', `name${HOSTILE}.md`),
    `---\ntitle: t\nkey${HOSTILE}: 1\n---\nQ: q${HOSTILE}\nA: a\n\nQ: broken\n`,
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const kioku = (...args: string[]) => kiokuIn(dir, args);

describe('hostile names and text never reach the terminal as controls', () => {
  it('check --json escapes C1 and bidi characters and stays valid JSON', async () => {
    const r = await kioku('check', '--json');
    expect(UNSAFE.test(r.stdout)).toBe(false);
    expect(r.stdout).toContain('\\u009b');
    expect(r.stdout).toContain('\\u202e');
    expect(JSON.stringify(JSON.parse(r.stdout))).toContain('\u009b');
  });

  it('check and due in text form show the controls visibly', async () => {
    for (const args of [['check'], ['due'], ['due', '--json']]) {
      const r = await kioku(...args);
      expect(UNSAFE.test(r.stdout + r.stderr), args.join(' ')).toBe(false);
    }
  });

  it('errors echoing an argument show it visibly', async () => {
    for (const args of [['due', `missing${HOSTILE}`], [`--bogus${HOSTILE}`]]) {
      const r = await kioku(...args);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('evil');
      expect(UNSAFE.test(r.stdout + r.stderr), args.join(' ')).toBe(false);
    }
  });
});
