import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { default_w } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/deck/parse.js';
import {
  convertVault,
  memoryOfSegment,
  notesOf,
  syntaxFromSettings,
} from '../../src/interop/obsidian/convert.js';
import { foldEvents } from '../../src/store/events.js';
import { KIOKU } from '../e2e/tmux.js';

const day = { timeZone: 'UTC', rolloverHour: 4 };
const NOTE = [
  '---',
  'aliases: []',
  '---',
  '#flashcards/k8s/core',
  '',
  'What stores cluster state::etcd',
  '<!--SR:!2024-08-16,51,230-->',
  '',
  'kubelet:::node agent <!--SR:!2023-09-02,4,270!2000-01-01,1,250-->',
  '',
  'Run `a::b` in code is not a card',
  '',
  'Which port',
  'does the API server use?',
  '?',
  '6443',
  '<!--SR:!fsrs,2026-01-10T00:10:00.000Z,3,3.2,5.5,2,4,1,0,2026-01-07T00:00:00.000Z-->',
  '',
  'Service types',
  '??',
  'ClusterIP, NodePort ^sr-id-abc123',
  '',
  'The control plane runs ==kube-apiserver== and ==etcd==^[a store]',
  '<!--SR:!2024-01-01,3,250!2024-01-02,5,250-->',
  '',
  '#flashcards/other',
  '',
  'Q: looks like a marker::answer',
].join('\n');

describe('Obsidian Spaced Repetition notes', () => {
  it('finds each card kind, its deck and its scheduling comment, and strips the plugin marks', () => {
    const notes = notesOf({ path: 'k8s.md', text: NOTE });
    expect(notes.map((n) => [n.kind, n.deck, n.front, n.back, n.schedule])).toEqual([
      ['Q', 'k8s/core', 'What stores cluster state', 'etcd', '!2024-08-16,51,230'],
      ['R', 'k8s/core', 'kubelet', 'node agent', '!2023-09-02,4,270!2000-01-01,1,250'],
      [
        'Q',
        'k8s/core',
        'Which port\ndoes the API server use?',
        '6443',
        '!fsrs,2026-01-10T00:10:00.000Z,3,3.2,5.5,2,4,1,0,2026-01-07T00:00:00.000Z',
      ],
      ['R', 'k8s/core', 'Service types', 'ClusterIP, NodePort', null],
      [
        'C',
        'k8s/core',
        'The control plane runs ==kube-apiserver== and ==etcd==^[a store]',
        '',
        '!2024-01-01,3,250!2024-01-02,5,250',
      ],
      ['Q', 'other', 'Q: looks like a marker', 'answer', null],
    ]);
    expect(notesOf({ path: 'plain.md', text: 'no tag here\n\nfront::back' })).toEqual([]);
  });

  it('converts to decks that parse cleanly, with one imported state per scheduled sibling', () => {
    const result = convertVault([{ path: 'k8s.md', text: NOTE }], {
      weights: default_w,
      day,
      existingCardIds: new Set(),
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.summary).toMatchObject({
      decks: 2,
      notes: 6,
      cards: { basic: 3, reversible: 4, cloze: 2, typed: 0 },
      statesSm2: 4,
      statesFsrs: 1,
      newCards: 4,
    });
    const core = result.decks.find((d) => d.name === 'k8s/core')!;
    expect(core.body).toContain(
      'C: The control plane runs {{kube-apiserver}} and {{etcd::a store}}',
    );
    expect(core.body).not.toContain('sr-id');
    expect(core.body).not.toContain('<!--SR');
    expect(result.decks.find((d) => d.name === 'other')!.body).toContain(
      'Q: Q\\: looks like a marker',
    );
    for (const d of result.decks) {
      expect(
        parseDeck({ name: d.name, file: 'x.md', source: `${d.header}\n${d.body}` }).diagnostics,
      ).toEqual([]);
    }
    const cards = foldEvents(result.events);
    const fsrs = Object.values(cards).find((c) => c.memory?.stability === 3.2);
    expect(fsrs?.memory).toMatchObject({
      difficulty: 5.5,
      state: 2,
      reps: 4,
      lapses: 1,
      due: '2026-01-10T00:10:00.000Z',
    });
    expect(fsrs?.source).toEqual({ obsidian: { file: 'k8s.md', line: 13 } });
    // Same vault, same events.
    const again = convertVault([{ path: 'k8s.md', text: NOTE }], {
      weights: default_w,
      day,
      existingCardIds: new Set(),
    });
    expect(again.events).toEqual(result.events);
  });

  it('follows the plugin settings: other separators and tags, bold and curly clozes', () => {
    const syntax = syntaxFromSettings({
      flashcardTags: ['#cards'],
      singleLineCardSeparator: '=>',
      singleLineReversedCardSeparator: '<=>',
      convertBoldTextToClozes: true,
      convertCurlyBracketsToClozes: true,
    });
    const text = '#cards/es\n\nperro<=>dog\n\ngato=>cat\n\nThe **sun** rises in the {{east}}.';
    const notes = notesOf({ path: 'es.md', text }, syntax);
    expect(notes.map((n) => [n.kind, n.deck, n.front, n.back])).toEqual([
      ['R', 'es', 'perro', 'dog'],
      ['Q', 'es', 'gato', 'cat'],
      ['C', 'es', 'The **sun** rises in the {{east}}.', ''],
    ]);
    const result = convertVault([{ path: 'es.md', text }], {
      syntax,
      weights: default_w,
      day,
      existingCardIds: new Set(),
    });
    expect(result.decks[0]!.body).toContain('C: The {{sun}} rises in the {{east}}.');
    expect(notesOf({ path: 'es.md', text })).toEqual([]);
  });

  it('reads SM-2 schedules as Anki would seed them, and leaves the placeholder new', () => {
    const m = memoryOfSegment('2024-08-16,51,230', { weights: default_w, day });
    expect(m).toMatchObject({
      due: '2024-08-16T04:00:00.000Z',
      scheduledDays: 51,
      state: 2,
      lastReview: '2024-06-26T04:00:00.000Z',
    });
    expect(m?.stability).toBeCloseTo(51, 6);
    expect(memoryOfSegment('2000-01-01,1,250', { weights: default_w, day })).toBeNull();
    expect(memoryOfSegment('soon,1,250', { weights: default_w, day })).toBeUndefined();
  });

  it('kioku import obsidian reads the vault only, and a second import adds nothing', {
    timeout: 60_000,
  }, () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kioku-obsidian-'));
    try {
      mkdirSync(path.join(dir, 'vault', '.obsidian'), { recursive: true });
      mkdirSync(path.join(dir, 'decks'));
      writeFileSync(path.join(dir, 'vault', 'k8s.md'), NOTE);
      writeFileSync(path.join(dir, 'vault', '.obsidian', 'x.md'), '#flashcards\n\nhidden::card');
      const run = () =>
        spawnSync(process.execPath, [KIOKU, 'import', 'obsidian', 'vault'], {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1', KIOKU_DECKS: '', KIOKU_DATA: '' },
        });
      const first = run();
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(first.stdout).toContain('  cards    3 Q:, 4 R:, 2 C:');
      expect(first.stdout).toContain('  log      5 new events');
      expect(readdirSync(path.join(dir, 'decks')).sort()).toEqual(['k8s', 'other.md']);
      expect(readFileSync(path.join(dir, 'vault', 'k8s.md'), 'utf8')).toBe(NOTE);
      const second = run();
      expect(second.stdout).toContain('  log      0 new events, 5 already imported');
      expect(second.stdout).toContain('(6 already in your decks, left as they are)');
      const check = spawnSync(process.execPath, [KIOKU, 'check'], { cwd: dir, encoding: 'utf8' });
      expect(check.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
