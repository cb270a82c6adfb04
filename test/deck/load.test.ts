import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deckName, isDeckFile, loadDecks, MAX_DECK_BYTES } from '../../src/deck/load.js';

let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'kioku-load-'));
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

function write(rel: string, content: string): string {
  const full = path.join(root, rel);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, content);
  return full;
}

/** Paths shown relative to the temp root, so messages are exact. */
const display = (p: string) => path.relative(root, p) || '.';

function load(paths?: string[]) {
  return loadDecks({ root, display, ...(paths ? { paths } : {}) });
}

function summary(
  diagnostics: readonly { file: string; line: number; severity: string; message: string }[],
) {
  return diagnostics.map((d) => `${d.file}:${d.line}: ${d.severity}: ${d.message}`);
}

describe('loadDecks', () => {
  it('loads every .md file under the root; folders form the deck names', async () => {
    write('en/architecture.md', 'Q: a\nA: 1');
    write('ja/k8s/pods.md', 'Q: b\nA: 2');
    const set = await load();
    expect(set.diagnostics).toEqual([]);
    expect(set.decks.map((d) => [d.name, d.file])).toEqual([
      ['en/architecture', 'en/architecture.md'],
      ['ja/k8s/pods', 'ja/k8s/pods.md'],
    ]);
    expect(set.cards.map((c) => [c.deck, c.file, c.front])).toEqual([
      ['en/architecture', 'en/architecture.md', 'a'],
      ['ja/k8s/pods', 'ja/k8s/pods.md', 'b'],
    ]);
  });

  it('skips README.md in any case, other extensions and hidden entries', async () => {
    write('README.md', 'Q: readme\nA: x');
    write('en/readme.md', 'Q: readme2\nA: x');
    write('en/notes.txt', 'Q: txt\nA: x');
    write('.hidden/deck.md', 'Q: hidden\nA: x');
    write('en/.draft.md', 'Q: draft\nA: x');
    write('en/real.MD', 'Q: real\nA: x');
    const set = await load();
    expect(set.cards.map((c) => c.front)).toEqual(['real']);
    expect(set.decks.map((d) => d.name)).toEqual(['en/real']);
  });

  it('reports duplicate identities across files at the second card', async () => {
    write('en/a.md', 'Q: same\nA: 1');
    write('en/b.md', '\nQ: same\nA: 2');
    const set = await load();
    expect(summary(set.diagnostics)).toEqual([
      'en/b.md:2: error: duplicate card: same identity as en/a.md:1 (reword one front, or give one an <!-- id: … --> line)',
    ]);
  });

  it('reports a symlink loop once and does not follow it', async () => {
    write('en/a.md', 'Q: a\nA: 1');
    fs.symlinkSync(root, path.join(root, 'en', 'loop'), 'dir');
    const set = await load();
    expect(summary(set.diagnostics)).toEqual([
      'en/loop:1: warning: symlink loop: this folder was already read, skipped',
    ]);
    expect(set.cards).toHaveLength(1);
  });

  it('reports a file symlink that points at itself', async () => {
    write('en/a.md', 'Q: a\nA: 1');
    fs.symlinkSync('self.md', path.join(root, 'en', 'self.md'));
    const set = await load();
    expect(summary(set.diagnostics)).toEqual([
      'en/self.md:1: error: cannot read: too many symbolic links (a loop?)',
    ]);
    expect(set.cards).toHaveLength(1);
  });

  it('reports an oversized file without parsing it', async () => {
    const big = write('en/big.md', 'Q: hidden\nA: x\n');
    fs.truncateSync(big, MAX_DECK_BYTES + 1);
    write('en/ok.md', 'Q: a\nA: 1');
    const set = await load();
    expect(summary(set.diagnostics)).toEqual([
      'en/big.md:1: error: file too large: 4.1 MB (a deck may be at most 4 MB; split it into several files)',
    ]);
    expect(set.cards.map((c) => c.front)).toEqual(['a']);
  });

  it('reads a file of exactly the size limit', async () => {
    const edge = write('en/edge.md', 'Q: edge\nA: x\n');
    fs.truncateSync(edge, MAX_DECK_BYTES);
    const set = await load();
    expect(set.diagnostics).toEqual([]);
    expect(set.cards).toHaveLength(1);
  });

  it('limits decks to 4 MB', () => {
    expect(MAX_DECK_BYTES).toBe(4 * 1024 * 1024);
  });

  it('reports an unreadable file (a dangling symlink)', async () => {
    fs.mkdirSync(path.join(root, 'en'));
    fs.symlinkSync(path.join(root, 'missing.md'), path.join(root, 'en', 'gone.md'));
    const set = await load();
    expect(summary(set.diagnostics)).toEqual([
      'en/gone.md:1: error: cannot read: no such file or folder',
    ]);
  });

  it('reports a path that does not exist', async () => {
    const set = await load([path.join(root, 'nope')]);
    expect(summary(set.diagnostics)).toEqual([
      'nope:1: error: cannot read: no such file or folder',
    ]);
  });

  it('loads only the given paths, keeping names relative to the root', async () => {
    write('en/a.md', 'Q: a\nA: 1');
    write('ja/b.md', 'Q: b\nA: 2');
    const set = await load([path.join(root, 'ja')]);
    expect(set.decks.map((d) => d.name)).toEqual(['ja/b']);
  });

  it('loads an explicitly named file once even when listed twice', async () => {
    const file = write('en/a.md', 'Q: a\nA: 1');
    const set = await load([file, file, path.join(root, 'en')]);
    expect(set.diagnostics).toEqual([]);
    expect(set.cards).toHaveLength(1);
  });

  it('passes parser diagnostics through with the displayed path', async () => {
    write('en/bad.md', '# T\n\nA: stray');
    const set = await load();
    expect(summary(set.diagnostics)).toEqual([
      'en/bad.md:3: error: answer without a question (no Q:, R:, T: or C: line before it)',
    ]);
  });

  it('warns about an empty deck', async () => {
    write('en/empty.md', '---\ntitle: Empty\n---\n');
    const set = await load();
    expect(summary(set.diagnostics)).toEqual([
      'en/empty.md:1: warning: empty deck: no cards (cards start with Q:, R:, T: or C: at the start of a line)',
    ]);
  });

  it('reads CRLF and BOM files like LF ones', async () => {
    write('en/lf.md', 'Q: one\nA: 1\n');
    write('en/crlf.md', '\uFEFFQ: two\r\nA: 2\r\n');
    const set = await load();
    expect(set.diagnostics).toEqual([]);
    expect(set.cards.map((c) => [c.front, c.back])).toEqual([
      ['two', '2'],
      ['one', '1'],
    ]);
  });
});

describe('isDeckFile', () => {
  it('accepts .md files except README.md', () => {
    expect(isDeckFile('pods.md')).toBe(true);
    expect(isDeckFile('Pods.MD')).toBe(true);
    expect(isDeckFile('README.md')).toBe(false);
    expect(isDeckFile('Readme.md')).toBe(false);
    expect(isDeckFile('pods.txt')).toBe(false);
  });
});

describe('deckName', () => {
  it('is the path under the root without .md, with / separators', () => {
    expect(deckName('/d', path.join('/d', 'ja', 'k8s', 'pods.md'))).toBe('ja/k8s/pods');
  });

  it('is the base name for a file outside the root', () => {
    expect(deckName('/d', '/elsewhere/extra.md')).toBe('extra');
  });
});
