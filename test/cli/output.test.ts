import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import stringWidth from 'string-width';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardsAt, parseLocation } from '../../src/cli/commands/show.js';
import { deckRows } from '../../src/ui/homeView.js';
import { kiokuIn } from '../helpers/cli.js';
import { makeStudy } from '../helpers/study.js';

const NOW = new Date('2026-03-10T12:00:00Z');
let dir: string;
const decks: Record<string, string> = {
  'en/a': Array.from({ length: 30 }, (_, i) => `Q: a question ${i}\nA: a${i}\n`).join('\n'),
  'en/b': Array.from({ length: 3 }, (_, i) => `Q: b question ${i}\nA: b${i}\n`).join('\n'),
  'ja/kubectl': Array.from({ length: 25 }, (_, i) => `Q: k 質問 ${i}\nA: k${i}\n`).join('\n'),
};

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kioku-out-'));
  for (const [name, source] of Object.entries(decks)) {
    mkdirSync(path.join(dir, 'decks', path.dirname(name)), { recursive: true });
    writeFileSync(path.join(dir, 'decks', `${name}.md`), source);
  }
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const kioku = (args: string[], options: Parameters<typeof kiokuIn>[2] = {}) =>
  kiokuIn(dir, args, { now: NOW, ...options });

describe('missing or unreadable folders', () => {
  it('fails naming the decks folder, from a flag or from KIOKU_DECKS, for every command that reads it', async () => {
    for (const command of [['due'], ['stats'], ['cards'], ['check'], ['review'], ['_decks']]) {
      const r = await kioku([...command, '--decks', '/no/such/dir']);
      expect(r.status, command[0]).toBe(1);
      expect(r.stderr).toContain('decks folder /no/such/dir does not exist (given by --decks)');
      expect(r.stdout).toBe('');
    }
    const env = await kioku(['due'], { env: { KIOKU_DECKS: 'deks' } });
    expect(env.status).toBe(1);
    expect(env.stderr).toContain('decks folder deks does not exist (from KIOKU_DECKS)');
    writeFileSync(path.join(dir, 'file'), '');
    expect((await kioku(['due', '--decks', 'file'])).stderr).toContain(
      'decks folder file is not a folder',
    );
  });

  it('fails naming a data folder that was named but does not exist, for commands that only read it', async () => {
    const r = await kioku(['due', '--data', 'nope']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('data folder nope does not exist (given by --data)');
    expect((await kioku(['stats'], { env: { KIOKU_DATA: '/no/where' } })).stderr).toContain(
      'data folder /no/where does not exist (from KIOKU_DATA)',
    );
    expect((await kioku(['rebuild', '--data', '/no/where/data'])).status).toBe(1);
    // The usual place, not there yet: nothing reviewed, nothing due beyond new cards.
    expect((await kioku(['due'])).status).toBe(0);
  });
});

describe('one definition of "per deck"', () => {
  it('gives the deck list’s numbers in kioku due, after a card of one deck was learnt', async () => {
    const data = path.join(dir, 'data');
    mkdirSync(data);
    const opened = await makeStudy(decks, { now: NOW, dir: data });
    const first = opened.study.decks.cards.find((c) => c.deck === 'ja/kubectl')!;
    opened.study.answer(first, null, 3, 5000, NOW);
    await opened.cleanup();

    const again = await makeStudy(decks, { now: NOW, dir: data });
    const rows = deckRows(again.study, NOW, new Set());
    await again.cleanup();
    const report = JSON.parse((await kioku(['due', '--json'])).stdout);

    const listed = rows.filter((r) => !r.folder).map((r) => ({ name: r.name, ...r.counts }));
    expect(report.decks).toEqual(listed);
    const total = rows.find((r) => r.name === '')!.counts;
    expect({ new: report.new, learning: report.learning, review: report.review }).toEqual(total);
    // The shared limit of 20 new cards applies to each deck alone: en/a shows 20, not 0.
    expect(report.decks).toContainEqual({ name: 'en/a', new: 20, learning: 0, review: 0 });
    expect(report.decks).toContainEqual({ name: 'ja/kubectl', new: 19, learning: 1, review: 0 });
    // A folder selection counts like the folder's row.
    const ja = JSON.parse((await kioku(['due', 'ja', '--json'])).stdout);
    expect({ new: ja.new, learning: ja.learning, review: ja.review }).toEqual(
      rows.find((r) => r.name === 'ja')!.counts,
    );
  });
});

describe('output that fits where it goes', () => {
  const long = 'a-deck-with-a-name-far-longer-than-the-column-it-would-get-at-eighty';
  const widest = (text: string) => Math.max(...text.split('\n').map((l) => stringWidth(l)));

  it('prints whole lines on a pipe, fits --width, and takes the terminal’s width on a TTY', async () => {
    writeFileSync(path.join(dir, 'decks', 'en', `${long}.md`), 'Q: x\nA: y\n');
    const piped = await kioku(['stats']);
    expect(piped.status).toBe(0);
    expect(piped.stdout).toContain(`en/${long}`);
    expect(piped.stdout).not.toContain('…');
    for (const width of [70, 100]) {
      const fitted = await kioku(['stats', '--width', String(width)]);
      expect(widest(fitted.stdout)).toBeLessThanOrEqual(width);
      expect(fitted.stdout).toContain('…');
    }
    const tty = await kioku(['stats', '--no-color'], { tty: true, columns: 70 });
    expect(widest(tty.stdout)).toBeLessThanOrEqual(70);
    const ttyCards = await kioku(['cards', '--no-color'], { tty: true, columns: 70 });
    expect(widest(ttyCards.stdout)).toBeLessThanOrEqual(70);
  });

  it('labels every month in the heatmap, in English and in Japanese', async () => {
    const en = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const ja = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
    for (const [lang, months] of [
      ['en', en],
      ['ja', ja],
    ] as const) {
      for (const width of ['80', '120']) {
        const out = (await kioku(['stats', '--lang', lang, '--width', width])).stdout.split('\n');
        const start = out.findIndex((l) =>
          l.includes(lang === 'en' ? 'Reviews, last 12 months' : '復習回数'),
        );
        const labels = out
          .slice(start + 1, start + 3)
          .join(' ')
          .split(/\s+/);
        for (const m of months) expect(labels, `${lang} ${width} ${m}`).toContain(m);
      }
    }
  });
});

describe('kioku cards', () => {
  it('lists the cards of a query as aligned columns, whole on a pipe', async () => {
    const r = await kioku(['cards', 'deck:en/b']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^deck\s+file:line\s+kind\s+state\s+due\s+stab\s+diff\s+R\s+reps\s+lapses\s+front$/,
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(
      /^en\/b\s+decks\/en\/b\.md:1\s+basic\s+new\s+-\s+-\s+-\s+-\s+0\s+0\s+b question 0$/,
    );
    // Columns line up: "front" starts where each card's front does.
    const at = lines[0]!.indexOf('front');
    for (const line of lines.slice(1)) expect(line.indexOf('b question')).toBe(at);
  });

  it('prints one JSON object per card with its schedule, and takes browse’s query syntax', async () => {
    const data = path.join(dir, 'data');
    mkdirSync(data);
    const opened = await makeStudy(decks, { now: NOW, dir: data });
    const card = opened.study.decks.cards.find((c) => c.deck === 'ja/kubectl')!;
    opened.study.answer(card, null, 3, 5000, NOW);
    await opened.cleanup();
    const later = new Date(NOW.getTime() + 3_600_000);
    const r = await kioku(['cards', '--json', '--', 'deck:ja', '-is:new'], { now: later });
    expect((await kioku(['cards', 'deck:ja -is:new', '--json'], { now: later })).stdout).toBe(
      r.stdout,
    );
    expect((await kioku(['cards', '-is:new'])).stderr).toContain('kioku cards -- -is:new');
    const rows = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: card.id,
      deck: 'ja/kubectl',
      file: 'decks/ja/kubectl.md',
      line: card.line,
      kind: 'basic',
      front: 'k 質問 0',
      state: 'learning',
      reps: 1,
      lapses: 0,
    });
    expect(rows[0].stability).toBeGreaterThan(0);
    expect(rows[0].retrievability).toBeGreaterThan(0.9);
    expect(Date.parse(rows[0].due)).toBeGreaterThan(NOW.getTime());
    expect((await kioku(['cards', '質問', '--json'])).stdout.trimEnd().split('\n')).toHaveLength(
      25,
    );
    const bad = await kioku(['cards', 'is:nope']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown is:nope');
  });
});

describe('kioku show', () => {
  it('finds the card at or above a line, and every card without one', () => {
    const cards = [{ line: 1 }, { line: 5 }, { line: 5 }, { line: 9 }] as never[];
    expect(cardsAt(cards, 6)).toEqual([{ line: 5 }, { line: 5 }]);
    expect(cardsAt(cards, 9)).toEqual([{ line: 9 }]);
    expect(cardsAt(cards, undefined)).toHaveLength(4);
    expect(parseLocation('a.md:12', () => false)).toEqual({ file: 'a.md', line: 12 });
    expect(parseLocation('odd:12', (f) => f === 'odd:12')).toEqual({ file: 'odd:12' });
  });

  it('prints front then back, each cloze deletion, and the typed answer', async () => {
    writeFileSync(
      path.join(dir, 'decks', 'en', 'show.md'),
      [
        '# Pods',
        '',
        'Q: What runs containers?',
        'A: The **kubelet**.',
        '',
        'C: A {{c1::Pod}} runs on a {{c2::node}}.',
        '',
        'T: Command to list pods?',
        'A: kubectl get pods',
        '',
      ].join('\n'),
    );
    const basic = await kioku(['show', 'decks/en/show.md:4']);
    expect(basic.status).toBe(0);
    expect(basic.stdout.split('\n')).toEqual([
      'decks/en/show.md:3 · en/show › Pods · basic',
      'What runs containers?',
      '',
      '────────────────────',
      'The kubelet.',
      '',
    ]);
    const cloze = (await kioku(['show', 'decks/en/show.md:6'])).stdout;
    expect(cloze).toContain('· cloze c1');
    expect(cloze).toContain('A […] runs on a node.');
    expect(cloze).toContain('· cloze c2');
    expect(cloze).toContain('A Pod runs on a […].');
    const typed = (await kioku(['show', 'decks/en/show.md:8'])).stdout;
    expect(typed).toContain('answer: kubectl get pods');
    const all = (await kioku(['show', 'decks/en/show.md'])).stdout;
    expect(all.match(/^decks\/en\/show\.md:\d+ /gm)).toHaveLength(4);
    const missing = await kioku(['show', 'decks/en/nope.md:3']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('decks/en/nope.md does not exist');
  });
});
