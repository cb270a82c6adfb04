import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import stringWidth from 'string-width';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIOKU, Terminal } from './tmux.js';

const EN = `---
title: Services
lang: en
---
# Service types

Q: Which Service type is the default?
A: ClusterIP

C: NodePort uses ports {{30000-32767::a range}} by default.

T: Expose deployment web on port 80
A: \`kubectl expose deployment web --port=80\`
`;

const JA = `---
title: ワークロード
lang: ja
---
# ワークロード

Q: Deployment が管理するオブジェクトは？
A: ReplicaSet（ReplicaSet が Pod を管理する）

R: kube-scheduler
A: Pod を配置するノードを選ぶコンポーネント
`;

let dir: string;
let term: Terminal | null = null;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kioku-tui-'));
  mkdirSync(path.join(dir, 'decks', 'en'), { recursive: true });
  mkdirSync(path.join(dir, 'decks', 'ja'), { recursive: true });
  writeFileSync(path.join(dir, 'decks', 'en', 'services.md'), EN);
  writeFileSync(path.join(dir, 'decks', 'ja', 'workloads.md'), JA);
  // A fake $EDITOR: appends " (edited)" to the line it is opened at.
  const editor = path.join(dir, 'fake-editor.sh');
  writeFileSync(
    editor,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a template
    '#!/bin/sh\nline="${1#+}"\nsed -i "${line}s/$/ (edited)/" "$2"\necho "$2:$line" >> "$(dirname "$0")/edits.log"\n',
  );
  chmodSync(editor, 0o755);
});

afterEach(() => {
  term?.close();
  term = null;
  rmSync(dir, { recursive: true, force: true });
});

describe('a whole session in a real terminal', () => {
  it('English: deck list, review with cloze and typed answer, help, edit in $EDITOR, back, quit', async () => {
    term = new Terminal(`node ${KIOKU}`, {
      cwd: dir,
      env: { EDITOR: path.join(dir, 'fake-editor.sh'), LANG: 'en_US.UTF-8' },
      width: 80,
      height: 24,
    });
    const t = term;
    let screen = await t.waitFor('kioku 記憶 · Decks');
    expect(screen).toMatch(/services\s+3\s+0\s+0/);
    t.send('j'); // from the en folder to its services deck
    await t.waitFor(/▸ +services/);
    t.send('Enter');
    await t.waitFor('Which Service type is the default?');
    t.send('Space');
    await t.waitFor('ClusterIP');
    t.send('3');
    screen = await t.waitFor('[a range]');
    expect(screen).toContain('NodePort uses ports [a range] by default.');
    t.send('?');
    await t.waitFor('bury until tomorrow');
    t.send('x');
    await t.waitFor('[a range]');
    t.send('Space');
    await t.waitFor('NodePort uses ports 30000-32767 by default.');
    t.send('4');
    await t.waitFor('Type the answer, then Enter:');
    // Enter at once, as a fast typist or a paste does: it must not outrun the text.
    t.type('kubectl expose deployment web --port 80');
    t.send('Enter');
    await t.waitFor('✓ Correct');
    // Edit the card: the fake editor marks its line, kioku reloads the deck.
    t.send('e');
    await t.waitFor('Deck reloaded after editing.');
    const edits = readFileSync(path.join(dir, 'edits.log'), 'utf8');
    expect(edits).toContain('decks/en/services.md:12');
    expect(readFileSync(path.join(dir, 'decks', 'en', 'services.md'), 'utf8')).toContain(
      'T: Expose deployment web on port 80 (edited)',
    );
    // The edited card comes back as a fresh question: Esc leaves its answer field, q the session.
    screen = await t.waitFor('port 80 (edited)');
    t.send('Escape');
    await t.waitFor('Not typing');
    t.send('q');
    screen = await t.waitFor('Reviewed 2 cards');
    t.send('q');
    screen = await t.waitFor('[exit 0]');
    expect(screen).toContain('Reviewed 2 cards');
  });

  it('Japanese: the UI, CJK cards and a reversible card in 80×24', async () => {
    term = new Terminal(`node ${KIOKU} review ja`, {
      cwd: dir,
      env: { LANG: 'ja_JP.UTF-8' },
      width: 80,
      height: 24,
    });
    const t = term;
    let screen = await t.waitFor('Deployment が管理するオブジェクトは？');
    expect(screen).toContain('新規 2');
    expect(screen).toContain('ja/workloads › ワークロード');
    t.send('Space');
    screen = await t.waitFor('ReplicaSet（ReplicaSet が Pod を管理する）');
    expect(screen).toContain('[3 正解 10m]');
    // The box's right border lines up on every row: CJK is measured in columns, not characters.
    const rows = screen.split('\n').filter((l) => l.startsWith('│') || l.startsWith('╭'));
    expect(rows.length).toBeGreaterThan(3);
    expect(new Set(rows.map((l) => stringWidth(l.trimEnd())))).toEqual(new Set([80]));
    t.send('3');
    screen = await t.waitFor('kube-scheduler');
    t.send('Space');
    await t.waitFor('Pod を配置するノードを選ぶコンポーネント');
    t.send('4');
    // The first card's 10-minute step falls in the learn-ahead window: it comes back now.
    await t.waitFor('保存しました: 簡単');
    screen = await t.waitFor('Deployment が管理するオブジェクトは？');
    t.send('Space');
    await t.waitFor('ReplicaSet（ReplicaSet');
    t.send('4');
    await t.waitFor('おつかれさまです');
    t.send('q');
    screen = await t.waitFor('[exit 0]');
    expect(screen).toContain('3 枚を');
  });
});

/** Samples the screen for a while: every sample must be the painted one (a flicker would show). */
async function expectSteady(t: Terminal, painted: string) {
  const until = Date.now() + 1500;
  while (Date.now() < until) {
    // Only a write can change the screen: each one is captured and compared.
    expect(t.latestScreen()).toBe(painted);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('start-up', () => {
  it('paints the deck list before Ink loads, and Ink takes over without a visible change', async () => {
    term = new Terminal(`node ${KIOKU}`, { cwd: dir, width: 80, height: 24 });
    const painted = await term.waitFor(/Total +\d+/);
    // While Ink loads and takes over, the screen never changes (no blank frame), line for line.
    await expectSteady(term, painted);
    expect(painted.match(/kioku 記憶 · Decks/g)).toHaveLength(1);
    term.send('j');
    const moved = await term.waitFor(/▸ +services/);
    expect(moved.match(/kioku 記憶 · Decks/g)).toHaveLength(1);
  });

  it('starts on the folder of the interface language, in the first paint and after it', async () => {
    term = new Terminal(`node ${KIOKU}`, {
      cwd: dir,
      env: { LANG: 'ja_JP.UTF-8' },
      width: 80,
      height: 24,
    });
    const painted = await term.waitFor(/合計 +\d+/);
    expect(painted.split('\n').find((l) => l.startsWith('▸'))).toMatch(/^▸ ▾ ja/);
    await expectSteady(term, painted);
    term.send('Enter');
    await term.waitFor('Deployment が管理するオブジェクトは？');
  });

  it('stays interactive and in colour when CI is set in the environment', async () => {
    // Ink and chalk read CI as they load and would then print nothing until exit.
    term = new Terminal(`node ${KIOKU}`, {
      cwd: dir,
      width: 80,
      height: 24,
      env: { CI: 'true', CONTINUOUS_INTEGRATION: '1' },
    });
    await term.waitFor(/Total +\d+/);
    term.send('j');
    await term.waitFor(/▸ +services/);
    // The selection moved, so Ink drew this line, not the first paint: still styled.
    const selected = term
      .screen({ escapes: true })
      .split('\n')
      .find((line) => line.includes('▸'));
    expect(selected).toMatch(/\x1b\[[0-9;]*m.*services/);
    term.send('Enter');
    await term.waitFor('Which Service type is the default?');
    term.send('Space');
    await term.waitFor('ClusterIP');
  });

  it('keeps keys pressed before the program is ready', async () => {
    term = new Terminal(`node ${KIOKU}`, { cwd: dir, width: 80, height: 24 });
    await term.waitFor(/Total +\d+/);
    term.send('j', 'Enter');
    await term.waitFor('Which Service type is the default?');
  });
});
