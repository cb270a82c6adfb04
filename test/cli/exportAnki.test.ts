import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDecks } from '../../src/deck/load.js';
import { studyDay } from '../../src/schedule/day.js';
import { foldEvents, parseEventLine, type ReviewEvent } from '../../src/store/events.js';
import { kiokuIn } from '../helpers/cli.js';
import { logLines } from '../helpers/log.js';
import { ankiFile } from '../helpers/shared.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kioku-export-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const kioku = (cwd: string, ...args: string[]) => kiokuIn(cwd, args, { env: { NO_COLOR: '1' } });

function events(folder: string): ReviewEvent[] {
  return logLines(path.join(folder, 'data')).map((l) => parseEventLine(l)!);
}

const answers = (folder: string) =>
  events(folder)
    .filter((e) => e.type === 'answer')
    .map((e) => (e.type === 'answer' ? `${e.card} ${e.at} ${e.rating} ${e.ms}` : ''))
    .sort();

async function cards(folder: string) {
  const decks = await loadDecks({ root: path.join(folder, 'decks') });
  return new Map(
    decks.cards.map((c) => [c.id, { deck: c.deck, kind: c.kind, front: c.front, back: c.back }]),
  );
}

describe('kioku export anki', () => {
  it('round-trips: export, then import into an empty folder, gives the same cards and answers', async () => {
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    mkdirSync(path.join(a, 'decks'), { recursive: true });
    mkdirSync(path.join(b, 'decks'), { recursive: true });
    // A kioku deck of every kind, beside an imported Anki collection.
    writeFileSync(
      path.join(a, 'decks', 'mine.md'),
      '---\nlang: en\n---\n\nQ: What does etcd store? #etcd\nA: The **state** of every object\n\nR: kubelet\nA: The node agent\n\nT: Scale web to 3\nA: `kubectl scale deployment web --replicas=3`\n\nC: {{c1::requests}} and {{c2::limits::a word}} are set per container.\nA: Extra words.\n',
    );
    expect((await kioku(a, 'import', 'anki', ankiFile('legacy2'))).status).toBe(0);
    const exported = await kioku(a, 'export', 'anki', '-o', path.join(dir, 'out.apkg'));
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    expect(exported.stdout).toContain('wrote ');
    expect(exported.stdout).toContain('202 cards in 2 decks, 237 reviews');

    const imported = await kioku(b, 'import', 'anki', path.join(dir, 'out.apkg'));
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain('Anki Legacy2 package, schema 11');
    expect((await kioku(b, 'check')).status).toBe(0);

    // Imported Anki notes keep their guid, so their ids; kioku's own cards get ids from their new guid.
    const before = await cards(a);
    const after = await cards(b);
    expect(after.size).toBe(before.size);
    const byContent = (m: Map<string, { kind: string; front: string; back: string }>) =>
      [...m.values()].map((c) => `${c.kind}\u0000${c.front}\u0000${c.back}`).sort();
    expect(byContent(after)).toEqual(byContent(before));
    for (const [id, card] of before)
      if (id.startsWith('anki-')) expect(after.get(id)).toEqual(card);

    expect(answers(b)).toEqual(answers(a));
    // Memory: Anki keeps stability to 4 decimals and due dates to the day.
    const day = { timeZone: 'UTC', rolloverHour: 4 };
    const stateA = foldEvents(events(a));
    const stateB = foldEvents(events(b));
    for (const [id, record] of Object.entries(stateA)) {
      if (!id.startsWith('anki-') || !record.memory) continue;
      const other = stateB[id]?.memory;
      expect(other?.stability).toBeCloseTo(record.memory.stability, 3);
      expect(other?.state).toBe(record.memory.state);
      expect(studyDay(new Date(other!.due), day)).toBe(studyDay(new Date(record.memory.due), day));
    }
  });

  it('carries media both ways: linked files go into the package and come back as assets', async () => {
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    mkdirSync(path.join(a, 'decks', 'assets'), { recursive: true });
    mkdirSync(path.join(b, 'decks'), { recursive: true });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    writeFileSync(path.join(a, 'decks', 'assets', 'pic.png'), png);
    writeFileSync(
      path.join(a, 'decks', 'img.md'),
      'Q: What is shown?\nA: ![a pod](assets/pic.png)\n',
    );
    const out = path.join(dir, 'img.apkg');
    const exported = await kioku(a, 'export', 'anki', '-o', out);
    expect(exported.stdout).toContain('1 media files');
    const files = unzipSync(readFileSync(out));
    expect(Buffer.from(files.meta!)).toEqual(Buffer.from([0x08, 0x02]));
    expect(JSON.parse(strFromU8(files.media!))).toEqual({ 0: 'pic.png' });
    expect(Buffer.from(files['0']!)).toEqual(png);
    expect((await kioku(b, 'import', 'anki', out)).status).toBe(0);
    expect(readFileSync(path.join(b, 'decks', 'assets', 'pic.png'))).toEqual(png);
    expect(readFileSync(path.join(b, 'decks', 'img.md'), 'utf8')).toContain(
      '![a pod](assets/pic.png)',
    );
  });

  it('--no-history exports the cards alone, and a deck can be chosen', async () => {
    mkdirSync(path.join(dir, 'decks'));
    writeFileSync(path.join(dir, 'decks', 'a.md'), 'Q: one\nA: 1\n');
    writeFileSync(path.join(dir, 'decks', 'b.md'), 'Q: two\nA: 2\n');
    const r = await kioku(dir, 'export', 'anki', 'a', '-o', 'a.apkg', '--no-history');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('1 notes, 1 cards in 1 decks, 0 reviews (--no-history)');
    const missing = await kioku(dir, 'export', 'anki', 'zzz', '-o', 'z.apkg');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('kioku: no deck "zzz". Decks: a, b\n');
    const noOutput = await kioku(dir, 'export', 'anki');
    expect(noOutput.status).toBe(2);
    expect(noOutput.stderr).toContain('-o FILE.apkg');
  });
});
