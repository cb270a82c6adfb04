import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listDeckFiles, loadDecks, MAX_DECK_BYTES, parseDeckFiles } from '../../src/deck/load.js';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'kioku-hostile-files-'));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

const display = (p: string) => path.relative(root, p) || '.';
const lines = (ds: readonly { file: string; line: number; severity: string; message: string }[]) =>
  ds.map((d) => `${d.file}:${d.line}: ${d.severity}: ${d.message}`);
const mkfifo = (file: string) => execFileSync('mkfifo', [file]);

describe('only regular files are read from the decks folder', () => {
  it('skips a FIFO named *.md with a warning instead of blocking forever', async () => {
    fs.writeFileSync(path.join(root, 'good.md'), 'Q: q\nA: a');
    mkfifo(path.join(root, 'pipe.md'));
    const set = await loadDecks({ root, display });
    expect(set.cards.map((c) => c.front)).toEqual(['q']);
    expect(lines(set.diagnostics)).toEqual([
      'pipe.md:1: warning: skipped: a named pipe (FIFO), not a regular file',
    ]);
  });

  it('skips a socket, and a symlink to a device (/dev/zero never ends)', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(root, 'sock.md'), resolve));
    try {
      fs.symlinkSync('/dev/zero', path.join(root, 'zero.md'));
      const set = await loadDecks({ root, display });
      expect(lines(set.diagnostics)).toEqual([
        'sock.md:1: warning: skipped: a socket, not a regular file',
        'zero.md:1: warning: skipped: a device, not a regular file',
      ]);
    } finally {
      server.close();
    }
  });

  it('skips a FIFO given by path on the command line', async () => {
    mkfifo(path.join(root, 'pipe.md'));
    const set = await loadDecks({ root, display, paths: [path.join(root, 'pipe.md')] });
    expect(lines(set.diagnostics)).toEqual([
      'pipe.md:1: warning: skipped: a named pipe (FIFO), not a regular file',
    ]);
  });

  it('does not block when a listed file is replaced by a FIFO before it is read', async () => {
    const file = path.join(root, 'swap.md');
    fs.writeFileSync(file, 'Q: q\nA: a');
    const list = await listDeckFiles({ root, display });
    fs.rmSync(file);
    mkfifo(file);
    const set = await parseDeckFiles(list);
    expect(lines(set.diagnostics)).toEqual([
      'swap.md:1: error: skipped: a named pipe (FIFO), not a regular file',
    ]);
  });

  it('reports a file that grew past the size limit after it was listed, reading no more than the limit', async () => {
    const file = path.join(root, 'grow.md');
    fs.writeFileSync(file, 'Q: q\nA: a');
    const list = await listDeckFiles({ root, display });
    fs.writeFileSync(file, Buffer.alloc(MAX_DECK_BYTES + 10, 0x61));
    const set = await parseDeckFiles(list);
    expect(lines(set.diagnostics)).toEqual([
      'grow.md:1: error: file too large: 4.1 MB (a deck may be at most 4 MB; split it into several files)',
    ]);
  });
});
